"""The consent rules every export shares: property-based over random registers, consents and
texts (no hidden person's full name survives `clean`; every name kept is recorded), and by
example for first names, titles, speakers and a real store."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.models import Note, Participant
from app.services.exports.consent import (
    HIDDEN,
    ConsentRules,
    Person,
    consent_rules,
)
from app.services.planning import participants

# Small pools, so that names collide, contain each other and look like ordinary words.
GIVEN = ("Ann", "Morag", "Priya", "Lee", "Jo", "Will", "Rose", "Ann-Marie", "O'Neil", "Zoë",
         "Åsa", "Ross")
SURNAMES = ("Lee", "Ross", "Testwell", "Ní Bhriain", "Smith", "O'Neil", "Rose", "Ann")
FILLER = ("the", "ferry", "will", "rose", "said", "and", "ann", "Lee's", ",", ".", "—", "(",
          ")", "Dr", "Mrs", "annual", "O'Neil's", "\n", "  ")


@st.composite
def registers(draw):
    """People with invented names; each invited or not, each consenting to be named or not;
    the export asking for names or not."""
    count = draw(st.integers(1, 6))
    people = []
    for i in range(count):
        parts = [draw(st.sampled_from(GIVEN))]
        parts += draw(st.lists(st.sampled_from(SURNAMES), min_size=0, max_size=2))
        people.append((f"p{i}", " ".join(parts), draw(st.booleans()), draw(st.booleans())))
    return people, draw(st.booleans())


def rules_of(people, names: bool) -> ConsentRules:
    register = tuple(Participant(id=pid, system_id="s", name=name)
                     for pid, name, _, _ in people)
    invited = {pid: Person(pid, name, "Third sector", may_name=may)
               for pid, name, inv, may in people if inv}
    return ConsentRules(people=invited, register=register, names=names)


def variants(name: str):
    """A name as people type it: as registered, in lower or upper case, over two spaces or a
    line, possessive."""
    return st.sampled_from([name, name.lower(), name.upper(), name.replace(" ", "  "),
                            name.replace(" ", "\n"), f"{name}'s", f"({name})"])


@st.composite
def texts(draw, people):
    pieces = []
    for _ in range(draw(st.integers(0, 12))):
        if people and draw(st.booleans()):
            pieces.append(draw(variants(draw(st.sampled_from(people))[1])))
        else:
            pieces.append(draw(st.sampled_from(FILLER) | st.text(max_size=6)))
    return draw(st.sampled_from([" ", ""])).join(pieces)


def whole(name: str) -> re.Pattern[str]:
    """A full name as whole words, any case, however spaced: the test's own pattern."""
    body = r"\s+".join(re.escape(p) for p in name.split())
    before = r"(?<!\w)" if re.match(r"\w", name) else ""
    after = r"(?!\w)" if re.search(r"\w$", name) else ""
    return re.compile(before + body + after, re.IGNORECASE)


def hidden_and_kept(people, names: bool) -> tuple[set[str], set[str]]:
    """Who may not be named, and who is named as they were registered: not when their name is
    also the name, or the first name (written as a name), of someone who may not be."""
    hidden = {name for _, name, inv, may in people if not (names and inv and may)}
    folded = {h.casefold() for h in hidden}
    folded |= {h.split()[0].casefold() for h in hidden if len(h.split()) > 1}
    kept = {name for _, name, inv, may in people
            if names and inv and may and name.casefold() not in folded
            and not any(whole(h).search(name) for h in hidden)}
    return hidden, kept


def drawn(data, where: str):
    """A register, consents and a text, drawn; the rules; the text cleaned by them."""
    people, names = data.draw(registers())
    text = data.draw(texts(people))
    rules = rules_of(people, names)
    return people, names, text, rules, rules.clean(text, where)


@given(st.data())
def test_no_hidden_persons_full_name_survives_clean(data):
    people, names, text, _, cleaned = drawn(data, "Theme 1, note 1")
    hidden, _ = hidden_and_kept(people, names)
    for name in hidden:
        assert not whole(name).search(cleaned), (name, text, cleaned)


@given(st.data())
def test_every_kept_name_is_recorded_where_it_is_shown_and_no_other(data):
    people, names, text, rules, cleaned = drawn(data, "Purpose")
    _, kept = hidden_and_kept(people, names)
    recorded = {u.name for u in rules.uses}
    rest = cleaned
    for name in sorted(kept, key=len, reverse=True):  # "Ann Lee" names Ann Lee, not Ann
        if whole(name).search(rest):
            assert name in recorded, (name, text, cleaned)
        rest = whole(name).sub("#", rest)
    may = {name for _, name, inv, ok in people if names and inv and ok}
    assert recorded <= may
    assert all(u.where == "Purpose" and u.why for u in rules.uses)


@given(st.data())
def test_cleaning_twice_changes_nothing_more(data):
    _, _, _, rules, once = drawn(data, "x")
    assert rules.clean(once, "x") == once


@given(st.data())
def test_a_speaker_is_named_only_with_consent_names_asked_for_and_attribution(data):
    people, names = data.draw(registers())
    rules = rules_of(people, names)
    pid, name, invited, may = data.draw(st.sampled_from(people))
    label = data.draw(st.sampled_from(["", "anonymous", "Housing officer", name]))
    note = Note(id="n", session_id="s", text="x", speaker_participant_id=pid if invited else None,
                speaker_label=label)
    attribute = data.draw(st.booleans())
    said = rules.speaker(note, "Theme 1, note 1", attribute=attribute)
    hidden, _ = hidden_and_kept(people, names)
    if said == name:
        assert names and invited and may and attribute
    else:
        assert not any(whole(h).search(said) for h in hidden), said


def plain(people: dict[str, tuple[str, bool]], *, names: bool = True) -> ConsentRules:
    register = tuple(Participant(id=k, system_id="s", name=n) for k, (n, _) in people.items())
    return ConsentRules(people={k: Person(k, n, "NHS board", may_name=m)
                                for k, (n, m) in people.items()},
                        register=register, names=names)


def test_first_names_are_hidden_when_written_as_names_and_words_left_alone():
    rules = plain({"a": ("Will Rose", False), "b": ("Morag Testwell", True)})
    assert rules.clean("Will said we will see the rose garden, WILL.", "x") == \
        f"{HIDDEN} said we will see the rose garden, {HIDDEN}."
    assert rules.clean("Morag and morag testwell spoke", "x") == \
        "Morag and morag testwell spoke"
    assert [u.name for u in rules.uses] == ["Morag Testwell"]


def test_a_surname_after_a_title_is_hidden():
    rules = plain({"a": ("Priya Notnamed", False)})
    assert rules.clean("Ask Dr Notnamed, or cllr  notnamed.", "x") == \
        f"Ask {HIDDEN}, or {HIDDEN}."
    assert rules.clean("Notnamed alone is a surname nobody can place.", "x").startswith(
        "Notnamed")


def test_a_name_shared_by_someone_who_may_not_be_named_is_hidden():
    rules = plain({"a": ("Ann Lee", True), "b": ("Ann Lee", False)})
    assert rules.clean("Ann Lee said so.", "x") == f"{HIDDEN} said so."
    assert rules.uses == []


def test_a_hidden_name_inside_a_longer_kept_one_is_still_hidden():
    rules = plain({"a": ("Ann Lee Ross", True), "b": ("Lee Ross", False)})
    assert rules.clean("Ann Lee Ross came.", "x") == f"Ann {HIDDEN} came."


def test_nothing_is_named_when_names_are_not_asked_for():
    rules = plain({"a": ("Morag Testwell", True)}, names=False)
    note = Note(id="n", session_id="s", text="x", speaker_participant_id="a")
    assert rules.speaker(note, "x") == "NHS board"
    assert rules.clean("Morag Testwell and Morag", "x") == f"{HIDDEN} and {HIDDEN}"
    assert rules.uses == []


def test_a_label_that_reads_as_a_name_is_a_participant_and_a_role_stays():
    rules = plain({})
    for label, said in (("Iona Fictional", "a participant"),
                        ("Aoife Ní Bhriain", "a participant"),
                        ("Housing officer", "Housing officer"),
                        ("Community Connector", "Community Connector"),
                        ("NHS Lothian", "NHS Lothian"), ("Carer", "Carer"),
                        ("anonymous", "")):
        note = Note(id="n", session_id="s", text="x", speaker_label=label)
        assert rules.speaker(note, "x") == said, label


def test_rules_from_the_store_use_each_sessions_consent(store, system, session):
    sp, _ = participants.add_to_session(store, session.id, "Morag Testwell",
                                        consent={"may_name": True, "may_quote": True})
    participants.add_participant(store, system.id, "Priya Notnamed")
    rules = consent_rules(store, [session.id], names=True)
    assert rules.clean("Morag Testwell met Priya Notnamed.", "Purpose") == \
        f"Morag Testwell met {HIDDEN}."
    assert rules.may_quote(Note(id="n", session_id=session.id, text="x",
                                speaker_participant_id=sp.participant.id))
