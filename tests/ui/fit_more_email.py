"""The email windows in the fit check (tests/ui/fit_check.py): the Email the pack dialog, the
template editor, SMTP settings and the outbox (with a session's messages queued), each opened
over the loaded sample on the 1366x768 laptop screen."""

from __future__ import annotations

from typing import Any

NAMES = ("email-pack", "email-template", "email-smtp", "email-outbox")


def check_windows(fit: Any) -> None:
    from app.services.sharing import outbox
    from app.services.sharing.messages import Sender
    from app.ui.views.email.drafts_dialog import DraftsDialog
    from app.ui.views.email.outbox_view import OutboxView
    from app.ui.views.email.smtp_dialog import SmtpDialog
    from app.ui.views.email.template_editor import TemplateEditor

    ctx, window = fit.ctx, fit.window
    outbox.queue_session(ctx.store, fit.session_id, Sender("Morven Tait", "morven@example.org"))
    fit.dialog("email-pack", lambda: DraftsDialog(ctx, fit.session_id, window))
    fit.dialog("email-template", lambda: TemplateEditor(ctx, fit.system_id, window))
    fit.dialog("email-smtp", lambda: SmtpDialog(ctx, window))
    fit.dialog("email-outbox", lambda: OutboxView(ctx, window))
