"""The outbox through a real SMTP server on loopback: what arrives (recipients, headers, the
pack), STARTTLS, TLS and AUTH, and what each kind of failure leaves in the outbox. Nothing is
ever sent twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models import InvalidInput, utcnow
from app.models.pack import PackOptions
from app.models.preferences import SmtpSecurity
from app.services.exports import packs
from app.services.sharing import outbox, sending
from app.services.sharing.messages import Sender
from app.services.sharing.outbox import OutboxStatus
from app.services.sharing.smtp_link import SmtpSettings
from tests.services.sharing.people import MAIRI, SENDER, TOM
from tests.services.sharing.smtp_server import HOST, PASSWORD, USER, Handler, Server, free_port

FROM = Sender("Isla Brown", SENDER)


def _plain(port: int, **kw) -> SmtpSettings:
    return SmtpSettings(host=HOST, port=port, security=SmtpSecurity.NONE, timeout=10, **kw)


def _statuses(store) -> dict[str, OutboxStatus]:
    return {m.recipient: m.status for m in outbox.list_outbox(store)}


def _queue(store, world):
    queued, changes = outbox.queue_session(store, world.session.id, FROM)
    assert changes.inserted["outbox"] == {m.id for m in queued.messages}
    return queued


def test_each_consenting_participant_gets_the_pack_once(store, world):
    queued = _queue(store, world)
    assert len(queued.messages) == 2 and queued.already == 0
    handler = Handler()
    with Server(handler) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER)
        assert sorted(report.sent) == sorted(m.id for m in queued.messages)
        # Sending and queueing again repeat nothing.
        again, _ = outbox.queue_session(store, world.session.id, FROM)
        assert again.messages == () and again.already == 2
        assert sending.send_due(store, _plain(server.port), None, SENDER,
                                everything=True).sent == []
    assert len(handler.received) == 2
    pack = packs.render_pack(packs.build_pack(store, PackOptions(), session_id=world.session.id))
    by_address = {r.recipients[0]: r for r in handler.received}
    assert set(by_address) == {MAIRI[1], TOM[1]}
    ids = {m.recipient: m.message_id for m in queued.messages}
    for address, got in by_address.items():
        assert got.sender == SENDER
        msg = got.message
        assert msg["Message-ID"] == ids[address]
        assert msg["X-Unsent"] is None
        (attached,) = [p for p in msg.walk() if p.get_content_type() == "application/pdf"]
        assert attached.get_payload(decode=True)[:8] == pack[:8]
    assert set(_statuses(store).values()) == {OutboxStatus.SENT}
    assert outbox.outbox_counts(store).sent == 2


def test_starttls_with_a_verified_certificate_and_a_login(store, world, certs):
    folder, trust = certs
    _queue(store, world)
    handler = Handler()
    with Server(handler, starttls=folder, auth=True) as server:
        trust(server.cert)
        settings = SmtpSettings(host=HOST, port=server.port, security=SmtpSecurity.STARTTLS,
                                user=USER, timeout=10)
        report = sending.send_due(store, settings, PASSWORD, SENDER)
    assert len(report.sent) == 2 and handler.logins == [USER]
    assert len(handler.received) == 2


def test_tls_from_the_first_byte(store, world, certs):
    folder, trust = certs
    _queue(store, world)
    handler = Handler()
    with Server(handler, tls=folder) as server:
        trust(server.cert)
        settings = SmtpSettings(host=HOST, port=server.port, security=SmtpSecurity.TLS,
                                timeout=10)
        assert len(sending.send_due(store, settings, None, SENDER).sent) == 2


def test_a_certificate_not_trusted_sends_nothing(store, world, certs):
    folder, _ = certs
    _queue(store, world)
    handler = Handler()
    with Server(handler, starttls=folder) as server:
        settings = SmtpSettings(host=HOST, port=server.port, timeout=10)
        report = sending.send_due(store, settings, None, SENDER)
    assert "could not be trusted" in report.problem
    assert handler.received == [] and set(_statuses(store).values()) == {OutboxStatus.QUEUED}


def test_a_wrong_password_leaves_everything_queued(store, world, certs):
    folder, trust = certs
    _queue(store, world)
    with Server(Handler(), starttls=folder, auth=True) as server:
        trust(server.cert)
        settings = SmtpSettings(host=HOST, port=server.port, user=USER, timeout=10)
        report = sending.send_due(store, settings, "wrong", SENDER)
    assert report.problem.startswith("The server refused the user name or password (535")
    assert set(_statuses(store).values()) == {OutboxStatus.QUEUED}


def test_a_refusal_fails_the_message_with_the_servers_reason(store, world):
    _queue(store, world)
    with Server(Handler(answer="550 5.1.1 Mailbox unavailable")) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER)
    assert len(report.failed) == 2
    for message in outbox.list_outbox(store):
        assert message.status == OutboxStatus.FAILED
        assert message.last_error == "550 5.1.1 Mailbox unavailable"


def test_a_temporary_refusal_queues_again_after_a_back_off(store, world):
    _queue(store, world)
    with Server(Handler(answer="451 4.3.0 Try again later")) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER)
    assert len(report.later) == 2
    for message in outbox.list_outbox(store):
        assert message.status == OutboxStatus.QUEUED and message.attempts == 1
        assert message.last_error == "451 4.3.0 Try again later"
        assert message.next_try is not None and message.next_try > utcnow()
    handler = Handler()
    with Server(handler) as server:
        # Not due yet: nothing goes; once the back-off has passed, they do.
        assert sending.send_due(store, _plain(server.port), None, SENDER).sent == []
        later = utcnow() + sending.back_off(1) + timedelta(seconds=1)
        assert len(sending.send_due(store, _plain(server.port), None, SENDER,
                                    now=later).sent) == 2
    assert len(handler.received) == 2


def test_back_off_doubles_up_to_six_hours():
    assert [sending.back_off(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert sending.back_off(30) == timedelta(hours=6)


def test_a_connection_dropped_after_the_message_may_have_been_sent(store, world):
    """The server had the whole message when the connection went: it may have taken it, so
    it is never sent again by itself; the person decides."""
    queued = _queue(store, world)
    with Server(Handler(drop=True)) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER)
    assert len(report.unsure) == 1 and "connection was lost" in report.problem
    statuses = sorted(m.status for m in outbox.list_outbox(store))
    assert statuses == [OutboxStatus.MAYBE_SENT, OutboxStatus.QUEUED]
    handler = Handler()
    with Server(handler) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER, everything=True)
        assert len(report.sent) == 1 and report.unsure == []
        maybe = report_unsure = [m.id for m in outbox.list_outbox(store)
                                 if m.status == OutboxStatus.MAYBE_SENT]
        assert len(report_unsure) == 1
        outbox.send_again(store, maybe)
        assert sending.send_due(store, _plain(server.port), None, SENDER).sent == maybe
    ids = [r.message["Message-ID"] for r in handler.received]
    assert sorted(ids) == sorted(m.message_id for m in queued.messages)


def test_a_connection_dropped_before_the_message_queues_it_again(store, world):
    class DropAtMail(Handler):
        async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802
            server.transport.close()
            return "250 OK"

    _queue(store, world)
    with Server(DropAtMail()) as server:
        report = sending.send_due(store, _plain(server.port), None, SENDER)
    assert len(report.later) == 1
    assert sorted(_statuses(store).values()) == [OutboxStatus.QUEUED] * 2


def test_a_server_that_is_down_keeps_the_queue_until_it_is_up(store, world):
    _queue(store, world)
    port = free_port()
    report = sending.send_due(store, _plain(port), None, SENDER)
    assert report.problem.startswith("The server was not reached:")
    assert "stay queued" in report.problem
    assert [m.attempts for m in outbox.list_outbox(store)] == [0, 0]
    handler = Handler()
    with Server(handler, port=port):
        assert len(sending.send_due(store, _plain(port), None, SENDER).sent) == 2
    assert len(handler.received) == 2


def test_an_interrupted_try_becomes_may_have_been_sent_unless_someone_is_sending(store, world):
    queued = _queue(store, world)
    first = queued.messages[0].id
    sending._begin(store, first)  # a try recorded, then the process "ended"
    holder = sending.SendLock(store)
    assert holder.acquire()
    try:
        assert not sending.recover(store)  # another is sending: its try, still going
    finally:
        holder.release()
    changes = sending.recover(store)
    assert changes.ids("outbox") == {first}
    assert _statuses(store)[queued.messages[0].recipient] == OutboxStatus.MAYBE_SENT
    with pytest.raises(InvalidInput):
        outbox.send_again(store, [queued.messages[1].id])  # queued: nothing to decide
    outbox.mark_sent(store, [first])
    assert _statuses(store)[queued.messages[0].recipient] == OutboxStatus.SENT
    outbox.remove(store, [first])
    assert len(outbox.list_outbox(store)) == 1


def test_sending_needs_a_sender_address(store, world):
    with pytest.raises(InvalidInput, match="address the pack is sent from"):
        outbox.queue_session(store, world.session.id, Sender("Isla", ""))
