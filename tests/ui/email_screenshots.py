"""Screenshots of the email windows at 1366x768, at 100% and 200% text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/email_screenshots.py OUTDIR

Loads the sample into a throwaway store, queues a session's pack and sends it through a
loopback SMTP server that takes some messages, refuses one, asks to come back later for one
and drops the connection after another, so the outbox shows every state. Saves the main
window (its status bar's outbox part), the Email the pack dialog after writing drafts, the
template editor, SMTP settings and the outbox, as PNG files like `email-outbox-200.png`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.models.preferences import SmtpSecurity  # noqa: E402
from app.services import demo  # noqa: E402
from app.services.planning import participants, sessions  # noqa: E402
from app.services.sharing import outbox, sending  # noqa: E402
from app.services.sharing.messages import Sender  # noqa: E402
from app.services.sharing.smtp_link import SmtpSettings  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.services.sharing.smtp_server import HOST, Handler, Server  # noqa: E402
from tests.ui import session_screenshots as shots  # noqa: E402  (sizes the offscreen screen)

ANSWERS = ("250 OK", "250 OK", "550 5.1.1 Mailbox unavailable", "250 OK",
           "451 4.7.1 Greylisted, try again later", "250 OK", "drop")


class Scripted(Handler):
    """Answers the messages in turn as ANSWERS says."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        turn = ANSWERS[min(len(self.logins), len(ANSWERS) - 1)]
        self.logins.append(turn)
        if turn == "drop":
            server.transport.close()
            return "250 OK"
        return turn


def fill_outbox(store: Any, session_id: str) -> None:
    outbox.queue_session(store, session_id, Sender("Isla Sampleford", "isla@example.org"))
    with Server(Scripted()) as server:
        settings = SmtpSettings(host=HOST, port=server.port, security=SmtpSecurity.NONE,
                                timeout=10)
        sending.send_due(store, settings, None, "isla@example.org")


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.views.email.drafts_dialog import DraftsDialog
    from app.ui.views.email.outbox_view import OutboxView
    from app.ui.views.email.smtp_dialog import SmtpDialog
    from app.ui.views.email.template_editor import TemplateEditor

    store = open_store(folder / f"store-{scale}", author="Isla Sampleford")
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    session = max(sessions.list_sessions(store, system.id),
                  key=lambda s: len(participants.list_session_participants(store, s.id)))
    fill_outbox(store, session.id)
    prefs = Preferences(text_scale=scale, your_name="Isla Sampleford",
                        smtp_host="smtp.example.org", smtp_port=587,
                        smtp_user="isla.sampleford", smtp_from="isla@example.org",
                        drafts_folder=str(folder))
    apply_preferences(app, prefs)
    ctx = AppContext(store, prefs, folder / f"preferences-{scale}.json", QUndoStack(),
                     ChangeBus())
    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    window.email.timer.stop()
    room = window.screen().availableGeometry()
    window.setGeometry(room)
    window.show()
    window.select(session.id)
    shots.save(window, out, "email-main-window", scale)

    dialog = DraftsDialog(ctx, session.id, window)
    dialog.show()
    drafts = folder / f"drafts-{scale}"
    drafts.mkdir()
    dialog.folder.setText(str(drafts))
    dialog.write_drafts()
    while dialog.written is None:
        app.processEvents()
    shots.save(dialog, out, "email-pack", scale)
    dialog.close()
    shots.dialog_shot(TemplateEditor(ctx, system.id, window), out, "email-template", scale)
    shots.dialog_shot(SmtpDialog(ctx, window), out, "email-smtp", scale)
    view = OutboxView(ctx, window)
    view.show()
    maybe = next(r for r, m in enumerate(view.model.messages)
                 if m.status == outbox.OutboxStatus.MAYBE_SENT)
    view.table.selectRow(maybe)
    view.table.scrollTo(view.model.index(maybe, 0))
    shots.save(view, out, "email-outbox", scale)
    view.close()
    ctx.tasks.shutdown()
    shots.close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(shots.run(sys.argv, __doc__ or "", shoot, "email-*.png"))
