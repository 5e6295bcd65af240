"""Consent, applied once for every export: who may be named, who may be quoted, and the names
typed inside free text.

Privacy by default. A person is named only when the export asks for names *and* they consented
to be named for the session the text comes from. A speaker who may not be named shows as their
role (a speaker label such as "Housing officer"), their sector, or "a participant"; a speaker
label that reads as a person's name ("Iona Fictional", as a transcript gives its voices) is not
a role, so it shows as "a participant". A note is a verbatim, attributed quote only when its
speaker consented to be quoted. A registered participant's name typed inside any text (a note,
a synthesis, an action's owner) is replaced by "[a participant]" unless they may be named: the
full name in any case and spacing, the first name when written as a name is (capitalised), the
surname after a title ("Dr Testwell"). Every name kept is recorded as a `NameUse`, so the
pre-flight list shows each one, where and why, before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.models import Note, Participant, Sector, SessionParticipant
from app.models.pack import NameUse
from app.store.engine import Store

HIDDEN = "[a participant]"
A_PARTICIPANT = "a participant"
NAMED_WHY = "consented to be named; names were asked for"
TYPED_WHY = "named in the text; consented to be named; names were asked for"
# A first name alone is replaced too when it is at least this long: "Al" or "Jo" would hit
# ordinary words and initials far more often than a person.
FIRST_NAME_MIN = 3
# Titles before a surname: "Mrs Testwell" names Morag Testwell as surely as her full name.
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Cllr", "Councillor")
# Words that make a capitalised speaker label a role ("Community Connector"), not a name.
ROLE_WORDS = frozenset({"officer", "lead", "manager", "worker", "nurse", "gp", "doctor", "carer",
    "coordinator", "co-ordinator", "connector", "volunteer", "member", "chair", "director",
    "practitioner", "facilitator", "representative", "rep", "adviser", "advisor", "consultant",
    "clinician", "therapist", "planner", "commissioner", "partner", "resident", "participant",
    "team", "staff", "group", "service", "services", "council", "board", "hscp", "nhs", "trust",
    "charity", "network", "user", "speaker", "family", "parent"})


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
        self._recorded = {(u.name, u.where, u.why) for u in self.uses}
        hidden = [p.name for p in self.register if not self.may_name(p.id)]
        hidden += [p.name for p in self.people.values() if not self.may_name(p.id)]
        kept = [p.name for p in self.people.values() if self.may_name(p.id)]
        self._hidden, hidden_first = _forms(hidden)
        # A name shared by someone who may be named and someone who may not cannot tell who
        # is meant, so it is hidden.
        self._kept: dict[str, str] = {}  # a form of a name (folded) -> the registered name
        self._first = set(hidden_first)  # first names: names only when written as names
        self._kept_full: set[str] = set()  # full names (folded) that may be shown, any case
        self._each_kept: list[tuple[str, re.Pattern[str]]] = []  # to record overlapping names
        written = dict(hidden_first)
        for name in kept:
            forms, first = _forms([name])
            self._first.update(first)
            own = [w for f, w in forms.items() if f not in self._hidden]
            self._kept_full.update(_folded(w) for w in own)
            if own and (pattern := _pattern(own)) is not None:
                self._each_kept.append((" ".join(name.split()), pattern))
            for folded, as_written in (*forms.items(), *first.items()):
                if folded not in self._hidden and folded not in hidden_first:
                    self._kept.setdefault(folded, " ".join(name.split()))
                    written.setdefault(folded, as_written)
        # Full names of people who may not be named go first, on their own: where one is
        # written, it is hidden, even inside a longer name someone else may be named by.
        self._full_pattern = _pattern(self._hidden.values())
        self._names = _pattern(written.values())

    def may_name(self, participant_id: str | None) -> bool:
        person = self.people.get(participant_id or "")
        return bool(self.names and person is not None and person.may_name)

    def may_quote(self, note: Note) -> bool:
        """Whether the note may be shown verbatim and attributed as a quote."""
        person = self.people.get(note.speaker_participant_id or "")
        return person is not None and person.may_quote

    def speaker(self, note: Note, where: str, *, attribute: bool = True) -> str:
        """Who the pack says spoke the note: their name (with consent, and only when
        `attribute`: a quote is attributed, a paraphrase is not), their role, their sector,
        "a participant", or "" when nobody was recorded."""
        person = self.people.get(note.speaker_participant_id or "")
        if attribute and person is not None and self.may_name(person.id):
            self._use(person.name, where, NAMED_WHY)
            return person.name
        label = " ".join(note.speaker_label.split())
        if label.casefold() == "anonymous":
            label = ""
        if label and not _looks_like_name(label):
            cleaned = self.clean(label, where) if attribute else self._cleaned(label, None)
            if HIDDEN not in cleaned:
                return cleaned
        if person is not None and person.sector and person.sector != Sector.OTHER.label:
            return person.sector
        return A_PARTICIPANT if person is not None or label else ""

    def clean(self, text: str, where: str) -> str:
        """`text` with the names of registered people who may not be named replaced; the names
        of those who may be are kept and recorded."""
        return self._cleaned(text, where)

    def _cleaned(self, text: str, where: str | None) -> str:
        if not text:
            return text
        if self._full_pattern is not None:
            text = self._full_pattern.sub(HIDDEN, text)
        if self._names is None:
            return text

        kept_any = False

        def replace(match: re.Match[str]) -> str:
            nonlocal kept_any
            found = match.group(0)
            folded = _folded(found)
            if folded in self._first and folded not in self._kept_full \
                    and not found[:1].isupper():
                return found  # a first name written in lower case is a word: "will", "rose"
            kept = self._kept.get(folded)
            if kept is None or where is None:
                return HIDDEN
            self._use(kept, where, TYPED_WHY)
            kept_any = True
            return found

        cleaned = self._names.sub(replace, text)
        if kept_any and where is not None:
            # Names kept may overlap ("Lee Lee Ross" holds Lee Lee and Lee Ross): each one
            # written is recorded, not only the one matched first.
            for name, pattern in self._each_kept:
                if pattern.search(cleaned):
                    self._use(name, where, TYPED_WHY)
        return cleaned

    def _use(self, name: str, where: str, why: str) -> None:
        """Record one place a name is shown (once, however often it is written there)."""
        key = (name, where, why)
        if key not in self._recorded:
            self._recorded.add(key)
            self.uses.append(NameUse(name=name, where=where, why=why))


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


def rules_for(invited: Iterable[SessionParticipant], register: Iterable[Participant], *,
              names: bool) -> ConsentRules:
    """The rules for one session from its invitations and the register, already read."""
    people: dict[str, Person] = {}
    for sp in invited:
        people[sp.participant.id] = _person(sp, people.get(sp.participant.id))
    return ConsentRules(people=people, register=tuple(register), names=names)


def _person(sp: SessionParticipant, known: Person | None) -> Person:
    """A person from their invitation; across sessions, consent must hold in every one."""
    p, inv = sp.participant, sp.invitation
    may_name = inv.may_name and (known.may_name if known else True)
    may_quote = inv.may_quote and (known.may_quote if known else True)
    return Person(p.id, p.name, p.sector.label, may_name, may_quote)


def _written(name: str) -> list[tuple[str, str]]:
    """(folded, as written) of the forms of a full name that name its person: the name
    itself and, for a name of several words, the surname after each title."""
    name = " ".join(name.split())
    parts = name.split(" ")
    if not name:
        return []
    forms = [name] + ([f"{title} {parts[-1]}" for title in TITLES] if len(parts) > 1 else [])
    return [(_folded(f), f) for f in forms]


def _forms(names: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The full forms (`_written`) and the first names (long enough, of names of several
    words) of these names, each folded -> as written."""
    full: dict[str, str] = {}
    first: dict[str, str] = {}
    for name in names:
        full.update(_written(name))
        parts = name.split()
        if len(parts) > 1 and len(parts[0]) >= FIRST_NAME_MIN:
            first.setdefault(_folded(parts[0]), parts[0])
    return full, {f: w for f, w in first.items() if f not in full}


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every form of a name to find, any case (the replacement tells a
    lower-case word from a name), longest first, so a kept "Morag Testwell" is matched whole
    before a hidden "Morag" could be. Names starting with a letter share one start-of-word
    test and a look at the first letter, so most places in a text are passed over at once."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered:
        return None
    at_word = [w for w in ordered if re.match(r"\w", w)]
    others = [_bounded(w) for w in ordered if not re.match(r"\w", w)]
    if at_word:
        firsts = "".join(sorted({re.escape(w[0]) for w in at_word}))
        others.insert(0, rf"(?<!\w)(?=[{firsts}])(?:"
                         + "|".join(_bounded(w, start=False) for w in at_word) + ")")
    return re.compile("|".join(others), re.IGNORECASE)


def _bounded(name: str, *, start: bool = True) -> str:
    """A name as a pattern that also matches it broken over several spaces or a line, and
    only as whole words: not "Ann" inside "Annual" (edges that are not letters need no
    boundary: a name may end in a full stop)."""
    body = r"\s+".join(re.escape(part) for part in name.split(" "))
    before = r"(?<!\w)" if start and re.match(r"\w", name) else ""
    after = r"(?!\w)" if re.search(r"\w$", name) else ""
    return before + body + after


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _looks_like_name(label: str) -> bool:
    """Whether a speaker label reads as a person's name rather than a role: two to four
    capitalised words ("Iona Fictional", "Aoife Ní Bhriain"), none of them a role's word."""
    words = label.replace("(", " ").replace(")", " ").split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w.casefold().strip(".,'") in ROLE_WORDS for w in words):
        return False
    return all(w[:1].isupper() and not w.isupper() for w in words if len(w) > 2)
