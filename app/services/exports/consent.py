"""Consent, applied once for every export: who may be named, who may be quoted, and the names
typed inside free text.

Privacy by default. A person is named only when the export asks for names *and* they consented
to be named for the session the text comes from. A speaker who may not be named shows as their
role (a speaker label such as "Housing officer"), their sector, or "a participant". A note is a
verbatim, attributed quote only when its speaker consented to be quoted. A registered
participant's name typed inside any text (a note, a synthesis, an action's owner) is replaced
by "[a participant]" unless they may be named. Every name kept is recorded as a `NameUse`, so
the pre-flight list shows each one, where and why, before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.models import Note, Participant, SessionParticipant
from app.models.pack import NameUse
from app.store.engine import Store

HIDDEN = "[a participant]"
A_PARTICIPANT = "a participant"
# A first name alone is replaced too when it is at least this long: "Al" or "Jo" would hit
# ordinary words and initials far more often than a person.
FIRST_NAME_MIN = 3


@dataclass(frozen=True)
class Person:
    """A registered participant, and what they agreed to for one session."""

    id: str
    name: str
    sector: str  # the sector's label ("Third sector")
    may_name: bool = False
    may_quote: bool = False


@dataclass
class ConsentRules:
    """The rules for one session's text (or, given every session's people, a system's)."""

    people: dict[str, Person]  # participant id -> person (invited to the session)
    register: tuple[Participant, ...]  # everyone the learning system knows, for free text
    names: bool = False  # the export asks to name people
    uses: list[NameUse] = field(default_factory=list)

    def __post_init__(self) -> None:
        hidden = [p.name for p in self.register if not self.may_name(p.id)]
        kept = [p.name for p in self.people.values() if self.may_name(p.id)]
        self._names = _pattern(hidden, kept)
        self._kept = {_folded(n) for n in kept}

    def may_name(self, participant_id: str | None) -> bool:
        person = self.people.get(participant_id or "")
        return bool(self.names and person is not None and person.may_name)

    def may_quote(self, note: Note) -> bool:
        """Whether the note may be shown verbatim and attributed as a quote."""
        person = self.people.get(note.speaker_participant_id or "")
        return person is not None and person.may_quote

    def speaker(self, note: Note, where: str) -> str:
        """Who the pack says spoke the note: their name (with consent), their role, their
        sector, "a participant", or "" when nobody was recorded."""
        person = self.people.get(note.speaker_participant_id or "")
        if person is not None and self.may_name(person.id):
            self.uses.append(NameUse(name=person.name, where=where,
                                     why="consented to be named; names were asked for"))
            return person.name
        label = self.clean(note.speaker_label.strip(), where)
        if label and label.casefold() != "anonymous":
            return label
        if person is not None:
            return person.sector or A_PARTICIPANT
        return A_PARTICIPANT if note.speaker_participant_id or label else ""

    def clean(self, text: str, where: str) -> str:
        """`text` with the names of registered people who may not be named replaced; the names
        of those who may be are kept and recorded."""
        if not text:
            return text
        if self._names is None:
            return text
        cleaned = self._names.sub(
            lambda m: m.group(0) if _folded(m.group(0)) in self._kept else HIDDEN, text)
        for person in self.people.values():
            if self.may_name(person.id) and _mentions(cleaned, person.name):
                self.uses.append(NameUse(name=person.name, where=where,
                                         why="named in the text; consented to be named; names "
                                             "were asked for"))
        return cleaned


def consent_rules(store: Store, session_ids: Iterable[str], *, names: bool) -> ConsentRules:
    """The rules for these sessions' text: their invitations (a person consenting in any of
    them counts only where the export asks per session: pass one session for a session pack)."""
    from app.services.planning import participants, sessions

    people: dict[str, Person] = {}
    system_id = ""
    for session_id in session_ids:
        system_id = sessions.get_session(store, session_id).system_id
        for sp in participants.list_session_participants(store, session_id):
            people[sp.participant.id] = _person(sp, people.get(sp.participant.id))
    register = tuple(participants.list_register(store, system_id)) if system_id else ()
    return ConsentRules(people=people, register=register, names=names)


def _person(sp: SessionParticipant, known: Person | None) -> Person:
    """A person from their invitation; across sessions, consent must hold in every one."""
    p, inv = sp.participant, sp.invitation
    may_name = inv.may_name and (known.may_name if known else True)
    may_quote = inv.may_quote and (known.may_quote if known else True)
    return Person(p.id, p.name, p.sector.label, may_name, may_quote)


def _pattern(hidden: Iterable[str], kept: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for the full names to hide or keep (any case) and the first names to hide
    (capitalised as names are, so "will" or "rose" in a sentence is left alone), longest
    first, so a kept "Morag Testwell" is matched whole before a hidden "Morag" could be."""
    full: set[str] = set()
    first: set[str] = set()
    for name in hidden:
        name = " ".join(name.split())
        if name:
            full.add(name)
            given = name.split(" ")[0]
            if len(given) >= FIRST_NAME_MIN and given != name:
                first.add(given)
    full |= {" ".join(n.split()) for n in kept if n.strip()}
    if not full:
        return None
    words = [(w, True) for w in full] + [(w, False) for w in first - full]
    words.sort(key=lambda w: len(w[0]), reverse=True)
    alternatives = "|".join(
        rf"(?i:{_spaced(w)})" if any_case else _spaced(w) for w, any_case in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _spaced(name: str) -> str:
    """A name as a pattern that also matches it broken over several spaces or a line."""
    return r"\s+".join(re.escape(part) for part in name.split(" "))


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None
