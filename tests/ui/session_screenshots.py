"""Screenshots of the session screens at 1366x768, at 100% and 200% text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/session_screenshots.py OUTDIR

Builds a throwaway store with a realistic session planned from the "Sensemaking workshop
(90 min)" template, then saves the session view (each tab), the planning dialogs and the
import dialogs (a bad list, repeated e-mails, a good list, a Teams attendance report) as PNG
files named like `session-agenda-200.png`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SIZE = (1366, 768)


def _offscreen_laptop_screen() -> None:
    """Qt's offscreen screen is 800x600; make it the 1366x768 laptop the shots are about."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "cairn-screenshot-screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


_offscreen_laptop_screen()

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from app.models import Preferences, Session  # noqa: E402
from app.services.planning import (  # noqa: E402
    participants,
    sessions,
    systems,
    templates,  # noqa: E402
)
from app.services.planning.participant_file import (  # noqa: E402
    ParticipantFileError,
    read_participant_file,
    read_participant_table,
)
from app.store.engine import Store, open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.sample_files import TEAMS_ATTENDANCE  # noqa: E402

PEOPLE = (
    ("Aileen Brodie", "aileen.brodie@example.org", "Skye Community Care Trust", "third-sector",
     "Skye", (True, True, True), True, "Captions on, please"),
    ("Ruaridh MacLennan", "ruaridh.maclennan@example.org", "Lochalsh HSCP", "hscp",
     "Lochalsh", (True, True, False), True, ""),
    ("Dr Priya Natarajan", "p.natarajan@example.org", "NHS Highland", "nhs-board", "Inverness",
     (False, True, False), None, "Joins by phone from a clinic; may drop out at 11:00"),
    ("Morag Fraser", "morag.fraser@example.org", "Wester Ross Housing Association", "housing",
     "Gairloch", (True, False, True), False, ""),
    ("Tomasz Wójcik", "", "Uist Community Transport", "community-group", "South Uist",
     (False, False, False), None, "BSL interpreter booked (Fiona, 10:00–11:30)"),
    ("Eilidh Campbell", "eilidh.campbell@example.org", "Highland Council", "local-authority",
     "Dingwall", (True, True, True), True, ""),
    ("Kwame Mensah", "k.mensah@example.org", "Caithness Carers Centre", "third-sector", "Wick",
     (True, True, False), None, "Screen reader user: please share slides in advance"),
)
BAD_CSV = (
    "Name,Email,Organisation,Sector,May name,May email,May quote\n"
    "Isla Munro,isla.munro@example.org,Sutherland Care Partnership,hscp,yes,yes,no\n"
    ",calum@example.org,Assynt Foodbank,third sector,yes,no,no\n"
    "Hamish Ross,hamish.ross@example,Lairg Community Council,community group,maybe,yes,no\n"
    "Sìne NicLeòid,sine@example.org,Comhairle nan Eilean Siar,local authority,no,no,no\n"
)


def build_store(folder: Path) -> tuple[Store, str, Session]:
    store = open_store(folder, author="Morven Tait")
    system, _ = systems.create_system(
        store, "Highland community care learning system",
        purpose="Learn together how community-led support is changing care in the Highlands.")
    session, _ = templates.plan_from_template(
        store, system.id, "builtin-sensemaking-90", "Sensemaking workshop 3: winter pressures",
        datetime(2026, 12, 8, 10, 0).astimezone())
    session, _ = sessions.update_session(
        store, session.id, platform="Microsoft Teams",
        join_link="https://teams.example.org/l/meetup-join/19%3ameeting-winter-pressures",
        facilitators="Morven Tait, Idris Okafor")
    for name, email, org, sector, place, (may_name, may_email, may_quote), came, needs in PEOPLE:
        participants.add_to_session(
            store, session.id, name, email=email, organisation=org, sector=sector,
            locality=place, consent={"may_name": may_name, "may_email": may_email,
                                     "may_quote": may_quote, "attended": came,
                                     "access_needs": needs})
    participants.add_participant(store, system.id, "Lachlan Gunn", email="l.gunn@example.org",
                                 organisation="Sutherland Care Partnership", sector="hscp")
    return store, system.id, session


def save(widget: QWidget, out: Path, name: str, scale: int) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}-{scale}.png"))


def dialog_shot(dialog: QDialog, out: Path, name: str, scale: int) -> None:
    dialog.show()
    save(dialog, out, name, scale)
    dialog.close()


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.views.session.import_columns import ParticipantColumnsDialog
    from app.ui.views.session.import_dialogs import ImportPreviewDialog, ImportProblemsDialog
    from app.ui.views.session.new_session_dialog import NewSessionDialog
    from app.ui.views.session.person_dialogs import AddPersonDialog, InviteDialog

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store, system_id, session = build_store(folder / f"store-{scale}")
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    room = window.screen().availableGeometry()  # smaller than 1366x768 at QT_SCALE_FACTOR=2
    window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))
    window.show()
    window.select(session.id)
    view = window.page
    for index, name in enumerate(("details", "agenda", "participants")):
        view.tabs.setCurrentIndex(index)
        save(window, out, f"session-{name}", scale)
    people = view.participants
    kwame = next(r for r in range(people.model.rowCount())
                 if people.model.record(r).participant.name == "Kwame Mensah")
    people.table.setCurrentIndex(people.model.index(kwame, 0))  # the detail under the table
    save(window, out, "session-participants-detail", scale)
    view.tabs.setCurrentIndex(1)
    editor = view.agenda
    editor.select(3)
    editor.model.setData(editor.model.index(3, 1), 30)  # the breakout runs long
    save(window, out, "session-agenda-overrun", scale)
    ctx.undo_stack.undo()

    dialog_shot(NewSessionDialog(ctx, system_id, window), out, "new-session", scale)
    dialog_shot(AddPersonDialog(ctx, session.id, window), out, "add-person", scale)
    dialog_shot(InviteDialog(ctx, session.id, system_id, window), out, "invite", scale)
    bad = folder / "winter-workshop-invitees.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    try:
        read_participant_file(bad)
    except ParticipantFileError as err:
        dialog_shot(ImportProblemsDialog(bad.name, str(err), err.problems, window), out,
                    "import-problems", scale)
    good = folder / "good.csv"
    good.write_text("\n".join(BAD_CSV.splitlines()[:2] + BAD_CSV.splitlines()[4:]) + "\n",
                    encoding="utf-8")
    read = read_participant_file(good)
    steps = participants.preview_import_to_session(
        ctx.store, session.id, [d.import_fields() for d in read.drafts])
    dialog_shot(ImportPreviewDialog(good.name, read, steps, window, can_go_back=True), out,
                "import-preview", scale)
    # A list whose headings Cairn does not know: its columns are chosen by hand.
    unknown = folder / "clàr-luchd-pàirteachaidh.csv"
    unknown.write_text("Ainm,Post-d,Buidheann,Cead ainm,Feumalachdan\n"
                       "Mòrag Nic a' Phì,morag@example.org,Comann Coimhearsnachd Bharraigh,yes,"
                       "Captions\nIain Mac an t-Saoir,iain@example.org,NHS Eileanan Siar,no,\n",
                       encoding="utf-8")
    dialog_shot(ParticipantColumnsDialog(read_participant_table(good), window), out,
                "import-columns", scale)
    dialog_shot(ParticipantColumnsDialog(read_participant_table(unknown), window), out,
                "import-columns-unknown", scale)
    # A Teams attendance report as Teams writes it (UTF-16, tab-separated, three sections).
    report = folder / "meetingAttendanceReport.csv"
    report.write_bytes(TEAMS_ATTENDANCE)
    read = read_participant_file(report)
    steps = participants.preview_import_to_session(
        ctx.store, session.id, [d.import_fields() for d in read.drafts])
    dialog_shot(ImportPreviewDialog(report.name, read, steps, window), out,
                "import-preview-teams-report", scale)
    doubled = folder / "invitees-doubled.csv"
    doubled.write_text(good.read_text(encoding="utf-8") + "Isla M.,"
                       + good.read_text(encoding="utf-8").splitlines()[1].split(",")[1]
                       + "\n", encoding="utf-8")
    try:
        read_participant_file(doubled)
    except ParticipantFileError as err:
        dialog_shot(ImportProblemsDialog(doubled.name, str(err), err.problems, window,
                                         offer_keep_first=err.duplicates_only), out,
                    "import-problems-keep-first", scale)
    close_all(ctx, window, store)


def close_all(ctx: AppContext, window: QWidget, store: Store) -> None:
    """Close the window and its store now, before the next text size is shot."""
    ctx.undo_stack.clear()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()


def run(argv: list[str], doc: str, shoot, pattern: str = "*.png") -> int:
    """`script OUTDIR`: shoot at 100% and 200% text into OUTDIR, in a throwaway folder."""
    if len(argv) != 2:
        print(doc.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (100, 200):
            shoot(app, Path(tmp), out, scale)
    print(f"Saved {len(list(out.glob(pattern)))} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot))
