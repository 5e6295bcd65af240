"""Sending the outbox as a task on the app's task manager: the window stays responsive, the
status bar shows it, and what it changed is announced as every task's Changes are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.models import CairnError, Changes, Preferences
from app.services.sharing import credentials, outbox, sending
from app.services.sharing.messages import Sender
from app.services.sharing.smtp_link import SmtpSettings
from app.ui.context import AppContext
from app.ui.tasks import Progress, Task

LABEL = "Sending the outbox"


def smtp_settings(prefs: Preferences) -> SmtpSettings | None:
    """The server of the preferences, or None when none is set."""
    if not prefs.smtp_host:
        return None
    return SmtpSettings(host=prefs.smtp_host, port=prefs.smtp_port,
                        security=prefs.smtp_security, user=prefs.smtp_user)


def sender_of(prefs: Preferences) -> Sender:
    return Sender(prefs.your_name, prefs.smtp_from)


def password_for(settings: SmtpSettings) -> str | None:
    """The kept password (None without a user); a sentence when none can be had."""
    if not settings.user:
        return None
    kept = credentials.stored_password(settings.host, settings.user)
    if kept is None:
        raise CairnError(f"No password for {settings.user} at {settings.host} is kept: enter it "
                         "in File > SMTP settings.")
    return kept


def send_outbox(ctx: AppContext, owner: QObject | None, *, everything: bool = True,
                quiet: bool = False) -> Task | None:
    """One sending round: all queued messages (`everything`, as "Send now" asks) or those due.
    `quiet` (the retry timer): no label in the status bar, and no refusal shown."""
    settings = smtp_settings(ctx.prefs)
    if settings is None:
        if not quiet:
            ctx.bus.alert.emit("Set the SMTP server first (File > SMTP settings…), or write "
                               "drafts instead.")
        return None
    if any(t.label == LABEL or getattr(t, "email_round", False) for t in ctx.tasks.running()):
        return None
    store, sender = ctx.store, sender_of(ctx.prefs).address

    def work(progress: Progress) -> tuple[sending.SendReport, Changes]:
        report = sending.send_due(store, settings, password_for(settings), sender,
                                  everything=everything,
                                  report=lambda d, t, text: progress.report(d, t, text))
        return report, report.changes

    def done(outcome: tuple[sending.SendReport, Changes]) -> None:
        report = outcome[0]
        if report.sent or report.failed or report.later or report.unsure or report.problem:
            (ctx.bus.alert if report.problem or report.failed or report.unsure
             else ctx.bus.status).emit(report.summary())

    def failed(error: BaseException) -> None:
        if quiet:
            return
        ctx.tasks.handle_error(error, owner)

    task = ctx.tasks.run(work, done, failed, label="" if quiet else LABEL, owner=owner)
    task.email_round = True  # type: ignore[attr-defined]
    return task


def queue_and_send(ctx: AppContext, owner: QObject | None, session_id: str,
                   on_end: Callable[[], object] | None = None) -> Task:
    """Queue the session's pack to everyone who agreed (one operation), then send a round;
    `on_end` runs once queueing has ended, however it ended."""
    store, sender = ctx.store, sender_of(ctx.prefs)

    def work(progress: Progress) -> tuple[outbox.Queued, Changes]:
        return outbox.queue_session(store, session_id, sender,
                                    report=lambda d, t, text: progress.report(d, t, text))

    def done(outcome: tuple[outbox.Queued, Changes]) -> None:
        queued = outcome[0]
        count = len(queued.messages)
        ctx.bus.status.emit(f"Queued {count} message{'' if count == 1 else 's'} in the outbox"
                            + (f"; {queued.already} already there" if queued.already else "")
                            + ".")
        if on_end is not None:
            on_end()
        send_outbox(ctx, owner, everything=True)

    def failed(error: BaseException) -> None:
        if on_end is not None:
            on_end()
        ctx.tasks.handle_error(error, owner)

    return ctx.tasks.run(work, done, failed, label="Queueing the pack's emails", owner=owner)
