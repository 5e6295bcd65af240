"""Drafts: one .eml per participant who agreed to be emailed and has an address, read back with
the standard library's parser; the others listed with the reason and given no draft."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest

from app.models import InvalidInput
from app.models.pack import PackOptions
from app.services.exports import packs
from app.services.sharing import drafts, messages, templates
from app.services.sharing.messages import Sender
from tests.services.sharing import people
from tests.services.sharing.people import EWAN, MAIRI, PRIYA, SENDER, TOM


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    return folder


def _read(path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_one_draft_per_participant_who_agreed_with_the_pack_attached(store, out):
    world = people.build(store)
    templates.save_template(store, world.session.system_id, "Pack: {session_title}",
                            "Dear {first_name},\n\nFrom {facilitators}, {session_date}.")
    done = drafts.write_drafts(store, world.session.id, out, Sender("Isla Brown", SENDER))
    assert sorted(who.name for who, _ in done.written) == sorted([MAIRI[0], TOM[0]])
    assert {(p.name, p.reason) for p in done.left_out} == {
        (PRIYA[0], messages.NO_CONSENT), (EWAN[0], messages.NO_ADDRESS)}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        str(path.name) for _, path in done.written)
    pack = packs.render_pack(packs.build_pack(store, PackOptions(), session_id=world.session.id))
    for who, path in done.written:
        msg = _read(path)
        assert msg["X-Unsent"] == "1"
        assert msg["To"].addresses[0].display_name == who.name
        assert msg["To"].addresses[0].addr_spec == who.address
        assert msg["Subject"] == f"Pack: {world.session.title}"
        text = msg.get_body(("plain",)).get_content()
        assert text.startswith(f"Dear {who.name.split()[0]},")
        assert "From Isla Brown, Wednesday 11 November 2026." in text
        (attached,) = list(msg.iter_attachments())
        # The pack is the session's export: its bytes only differ by their time stamps.
        assert attached.get_content()[:8] == pack[:8] == b"%PDF-1.4"
        assert abs(len(attached.get_content()) - len(pack)) < 64
        assert attached.get_filename() == "Summary pack - Obair-lann what changed on the islands.pdf"


def test_writing_the_drafts_again_gives_the_same_messages(store, out):
    world = people.build(store)
    first = drafts.write_drafts(store, world.session.id, out)
    again = drafts.write_drafts(store, world.session.id, out)
    assert [p for _, p in first.written] == [p for _, p in again.written]
    assert len(list(out.iterdir())) == 2
    ids = {_read(p)["Message-ID"] for _, p in again.written}
    assert len(ids) == 2 and all(i.endswith("@cairn.invalid>") for i in ids)


def test_a_non_ascii_file_name_is_encoded_by_rfc_2231(store, out):
    world = people.build(store, title="Bùth-obrach nan eilean")
    done = drafts.write_drafts(store, world.session.id, out)
    raw = done.written[0][1].read_bytes()
    assert b"filename*=utf-8''Summary%20pack%20-%20B%C3%B9th-obrach%20nan%20eilean.pdf" in raw
    (attached,) = list(_read(done.written[0][1]).iter_attachments())
    assert attached.get_filename() == "Summary pack - Bùth-obrach nan eilean.pdf"


def test_a_missing_folder_is_refused(store, out):
    world = people.build(store)
    with pytest.raises(InvalidInput, match="is not there"):
        drafts.write_drafts(store, world.session.id, out / "gone")
