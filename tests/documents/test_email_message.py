"""The pack's email read back with the standard library's parser: headers, X-Unsent on drafts
only, names outside ASCII decoded, the attachment's bytes and its RFC 2231 file name."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser

from app.documents.email_message import PackEmail, message_bytes, message_id, safe_file_name

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n.\n.leading dot\n%%EOF\n"


def _mail(**changes: object) -> PackEmail:
    fields: dict[str, object] = dict(
        to_name="Màiri Nic Dhòmhnaill", to_address="mairi@example.org",
        subject="Pasgan geàrr: Obair-lann", body="A Mhàiri, chòir,\n\nHere is the pack.\n",
        attachment=PDF, file_name="Pasgan - Obair-lann na h-Eileanan.pdf",
        message_id=message_id("0190aaaa-0000-7000-8000-000000000001", "example.org"),
        date=datetime(2026, 11, 12, 9, 0, tzinfo=UTC), sender_name="Isla Brown",
        sender_address="isla@example.org")
    fields.update(changes)
    return PackEmail(**fields)  # type: ignore[arg-type]


def _parsed(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def test_a_draft_reads_back_whole():
    data = message_bytes(_mail(), draft=True)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF throughout
    assert data.isascii()  # every name encoded for the wire
    msg = _parsed(data)
    assert msg["X-Unsent"] == "1"
    assert str(msg["To"]) == "Màiri Nic Dhòmhnaill <mairi@example.org>"
    assert msg["To"].addresses[0].display_name == "Màiri Nic Dhòmhnaill"
    assert "=?utf-8?" in data.split(b"\r\n\r\n")[0].decode().lower().replace("=?UTF-8?", "=?utf-8?")
    assert str(msg["From"]) == "Isla Brown <isla@example.org>"
    assert msg["Subject"] == "Pasgan geàrr: Obair-lann"
    assert msg["Message-ID"] == "<0190aaaa-0000-7000-8000-000000000001@example.org>"
    assert msg["Date"].datetime == datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
    body = msg.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == "A Mhàiri, chòir,\n\nHere is the pack.\n"
    (attached,) = list(msg.iter_attachments())
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_content() == PDF
    assert attached.get_filename() == "Pasgan - Obair-lann na h-Eileanan.pdf"


def test_a_file_name_outside_ascii_is_an_rfc_2231_parameter():
    data = message_bytes(_mail(file_name="Pasgan geàrr.pdf"), draft=True)
    assert b"filename*=utf-8''Pasgan%20ge%C3%A0rr.pdf" in data
    (attached,) = list(_parsed(data).iter_attachments())
    assert attached.get_filename() == "Pasgan geàrr.pdf"


def test_a_message_to_send_is_not_marked_unsent_and_a_draft_may_have_no_sender():
    assert _parsed(message_bytes(_mail(), draft=False))["X-Unsent"] is None
    draft = _parsed(message_bytes(_mail(sender_address="", sender_name=""), draft=True))
    assert draft["From"] is None and draft["X-Unsent"] == "1"


def test_message_ids_are_stable_and_well_formed():
    assert message_id("a.b", "example.org") == message_id("a.b", "example.org")
    assert message_id("a b<>@c", "ex ample.org") == "<abc@example.org>"
    assert message_id("", "") .endswith("@cairn.invalid>")


def test_file_names_are_safe_everywhere():
    assert safe_file_name('Workshop: what "changed"? / 2026', ".pdf") == \
        "Workshop what changed 2026.pdf"
    assert safe_file_name("...", ".eml") == "Cairn.eml"
