"""A session's planning outputs written to files: the facilitator's run sheet and the invite.

Each reads the session's plan in one snapshot, renders it with `app.documents` and writes the
file atomically (a reader never sees half of one). Slow enough to run as a background task.
"""

from __future__ import annotations

from pathlib import Path

from app.services.core.files import write_atomically
from app.services.planning.planning_queries import session_plan
from app.store.engine import Store


def write_run_sheet(store: Store, session_id: str, out: Path) -> Path:
    """The run sheet PDF of a session, saved as `out`; returns `out`."""
    from app.documents.run_sheet import run_sheet_pdf  # reportlab loads only now

    plan = session_plan(store, session_id)
    data = run_sheet_pdf(plan.session, plan.agenda, plan.participants, plan.focus_areas,
                         system_name=plan.system_name)
    return write_atomically(Path(out), data, what="run sheet")


def write_invite(store: Store, session_id: str, out: Path, *, organiser_name: str = "",
                 organiser_email: str = "", sequence: int = 0) -> Path:
    """The session's calendar invitation (.ics), saved as `out`; returns `out`."""
    from app.documents.calendar_invite import session_ics

    plan = session_plan(store, session_id)
    data = session_ics(plan.session, plan.agenda, organiser_name=organiser_name,
                       organiser_email=organiser_email, sequence=sequence)
    return write_atomically(Path(out), data, what="invitation")
