"""`cairn email drafts`, `cairn email send` and `cairn outbox`, run as real processes against
a real SMTP server on loopback; one of them killed with SIGKILL in the middle of sending."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from app.services.sharing import outbox
from app.services.sharing.outbox import OutboxStatus
from tests.cli.test_themes_cli import cairn
from tests.services.sharing import people
from tests.services.sharing.people import EWAN, MAIRI, PRIYA, SENDER, TOM
from tests.services.sharing.smtp_server import HOST, PASSWORD, USER, Handler, Server


@pytest.fixture
def world(store):
    return people.build(store)


def _json(done: subprocess.CompletedProcess[str]):
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_drafts_are_written_and_the_others_listed(data_dir, world, tmp_path):
    out = tmp_path / "drafts"
    out.mkdir()
    done = cairn(data_dir, "email", "drafts", world.session.id[:30], "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote 2 drafts to {out}.")
    assert f"No draft for {PRIYA[0]}: did not agree to be emailed the pack." in done.stdout
    assert f"No draft for {EWAN[0]}: has no email address." in done.stdout
    report = _json(cairn(data_dir, "email", "drafts", world.session.id, "--out", str(out),
                         "--from", SENDER, "--json"))
    assert sorted(d["email"] for d in report["drafts"]) == sorted([MAIRI[1], TOM[1]])
    assert {p["name"] for p in report["left_out"]} == {PRIYA[0], EWAN[0]}
    for draft in report["drafts"]:
        msg = BytesParser(policy=policy.default).parsebytes(Path(draft["path"]).read_bytes())
        assert msg["X-Unsent"] == "1" and msg["From"].addresses[0].addr_spec == SENDER
        assert msg["To"].addresses[0].display_name == draft["name"]


def test_send_queues_sends_and_never_repeats(data_dir, world):
    handler = Handler()
    with Server(handler) as server:
        args = ("email", "send", world.session.id, "--smtp", f"{HOST}:{server.port}",
                "--from", SENDER)
        first = cairn(data_dir, *args)
        assert first.returncode == 0, first.stderr
        assert "Queued 2 messages." in first.stdout and "Outbox: 2 sent." in first.stdout
        second = _json(cairn(data_dir, *args, "--json"))
        assert second["queued"] == [] and second["already"] == 2 and second["sent"] == []
        listed = _json(cairn(data_dir, "outbox", "--send", "--smtp", f"{HOST}:{server.port}",
                             "--from", SENDER, "--json"))
    assert len(handler.received) == 2
    assert {r["status"] for r in listed} == {"sent"}
    assert sorted(r["recipient"] for r in listed) == sorted([MAIRI[1], TOM[1]])


def test_a_login_takes_the_password_from_the_environment_only_when_set(data_dir, world,
                                                                        monkeypatch):
    handler = Handler()
    with Server(handler, auth=True) as server:
        args = ("email", "send", world.session.id, "--smtp", f"{HOST}:{server.port}",
                "--user", USER, "--from", SENDER)
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        refused = cairn(data_dir, *args)
        assert refused.returncode == 1
        assert refused.stderr.strip() == (f"cairn: No password for {USER} at {HOST} is kept in "
                                          "the keyring, and there is no terminal to ask for it "
                                          "on.")
        monkeypatch.setenv("CAIRN_SMTP_PASSWORD", PASSWORD)
        done = cairn(data_dir, *args)
        assert done.returncode == 0, done.stderr
    assert handler.logins == [USER] and len(handler.received) == 2


def test_a_password_never_goes_unencrypted_to_another_machine(data_dir, world):
    done = cairn(data_dir, "email", "send", world.session.id, "--smtp", "smtp.example.org:25",
                 "--user", USER, "--from", SENDER)
    assert done.returncode == 1
    assert "only sent over an encrypted connection" in done.stderr
    assert _json(cairn(data_dir, "outbox", "--json")) == []


def test_a_malformed_server_is_one_sentence(data_dir, world):
    done = cairn(data_dir, "email", "send", world.session.id, "--smtp", "nowhere",
                 "--from", SENDER)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("cairn: 'nowhere' is not a server")


def test_a_send_killed_mid_send_is_never_repeated(data_dir, world, store):
    """The first message is held in DATA; the process is killed while it is "sending".
    Afterwards it shows as may-have-been-sent and `cairn outbox --send` sends only the other."""
    held = Handler(hold=True)
    with Server(held) as server:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "--data-dir", str(data_dir), "email", "send",
             world.session.id, "--smtp", f"{HOST}:{server.port}", "--from", SENDER],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            assert held.holding.wait(60), "the server never saw the message"
            deadline = time.monotonic() + 30
            while not any(m.status == OutboxStatus.SENDING for m in outbox.list_outbox(store)):
                assert time.monotonic() < deadline, [m.status for m in outbox.list_outbox(store)]
                assert process.poll() is None
                time.sleep(0.02)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        held.release.set()
    assert len(held.received) == 1  # the server took it; the client never heard so
    taken = held.received[0].message["Message-ID"]
    handler = Handler()
    with Server(handler) as server:
        done = cairn(data_dir, "outbox", "--send", "--smtp", f"{HOST}:{server.port}",
                     "--from", SENDER)
        assert done.returncode == 0, done.stderr
        assert "Outbox: 1 sent." in done.stdout
        again = cairn(data_dir, "outbox", "--send", "--smtp", f"{HOST}:{server.port}",
                      "--from", SENDER)
        assert "Outbox: 0 sent." in again.stdout
    assert [r.message["Message-ID"] for r in handler.received] != [taken]
    assert len(handler.received) == 1
    listed = {r["message_id"]: r for r in _json(cairn(data_dir, "outbox", "--json"))}
    assert listed[taken]["status"] == "may-have-been-sent"
    assert "may have taken it" in listed[taken]["last_error"]
    others = [r for i, r in listed.items() if i != taken]
    assert [r["status"] for r in others] == ["sent"]
    # The person decides: marked as sent, it stays sent and is never tried again.
    done = cairn(data_dir, "outbox", "--mark-sent", listed[taken]["id"][-8:])
    assert done.returncode == 0, done.stderr
    assert "Sent" in done.stdout and "May have been sent" not in done.stdout
