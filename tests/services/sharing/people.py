"""A session with invented participants for the email tests: two who agreed to be emailed
(one with a Gaelic name), one who did not, one with no address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.models import Session
from app.services.planning import participants, sessions, systems
from app.store.engine import Store

MAIRI = ("Màiri Nic Dhòmhnaill", "mairi@example.org")
TOM = ("Tom Invented", "tom@example.net")
PRIYA = ("Priya Noconsent", "priya@example.org")
EWAN = ("Ewan Noaddress", "")
SENDER = "isla@example.org"


@dataclass
class People:
    session: Session
    ids: dict[str, str]  # name -> participant id


def build(store: Store, title: str = "Obair-lann: what changed on the islands") -> People:
    system, _ = systems.create_system(store, "Islands learning system")
    session, _ = sessions.create_session(store, system.id, title,
                                         datetime(2026, 11, 11, 13, 30).astimezone(),
                                         facilitators="Isla Brown")
    ids: dict[str, str] = {}
    for (name, address), may_email in ((MAIRI, True), (TOM, True), (PRIYA, False),
                                       (EWAN, True)):
        fields = {"email": address} if address else {}
        sp, _ = participants.add_to_session(store, session.id, name, sector="third-sector",
                                            consent={"may_email": may_email}, **fields)
        ids[name] = sp.participant.id
    return People(session, ids)
