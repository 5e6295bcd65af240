"""Reading typed shorthand: @Speaker:, /kind, #focus-area and #free-tag."""

from __future__ import annotations

import pytest

from app.models import FocusArea, InvalidInput, NoteKind, Participant
from app.services.capture.note_text import (
    draft_from_text,
    kind_from_prefix,
    match_speaker,
    parse_note_text,
    speaker_for,
    tag_word,
)

AREAS = [
    FocusArea(id="fa-1", system_id="s", key=1, slug="community-led", name="Community Led"),
    FocusArea(id="fa-3", system_id="s", key=3, slug="strategic-planning", name="Strategic"),
]
PEOPLE = [Participant(id="p-1", system_id="s", name="Morag  Invented")]


def test_plain_text_is_kept_as_typed():
    parsed = parse_note_text("  Waiting lists grew over winter.  ", AREAS)
    assert parsed.text == "Waiting lists grew over winter."
    assert (parsed.kind, parsed.speaker, parsed.focus_area_ids, parsed.tag_names) == (
        None, None, (), ())


def test_slugs_tag_focus_areas_and_other_words_become_free_tags():
    parsed = parse_note_text("Ferry times #Community-Led matter; #Trust and #co-op, #trust again",
                             AREAS)
    assert parsed.focus_area_ids == ("fa-1",)
    assert parsed.tag_names == ("trust", "co-op")
    # The words stay in the sentence: they are often part of it.
    assert parsed.text == "Ferry times #Community-Led matter; #Trust and #co-op, #trust again"


@pytest.mark.parametrize("text", [
    "We were ranked #1 in the region",
    "See https://example.org/page#section for more",
    "An entity &#39; is not a tag",
    "A lone # is not a tag",
])
def test_things_that_are_not_tags(text):
    assert parse_note_text(text, AREAS).tag_names == ()


def test_unicode_tags_are_words_too():
    assert parse_note_text("Gaelic #cànan matters", AREAS).tag_names == ("cànan",)


def test_a_leading_speaker_names_a_participant_in_any_case():
    parsed = parse_note_text("@morag invented: We need transport", AREAS, PEOPLE)
    assert parsed.speaker_participant_id == "p-1" and parsed.speaker == "p-1"
    assert parsed.text == "We need transport"


@pytest.mark.parametrize("typed, label", [
    ("@Housing officer: Tenancies were sustained", "Housing officer"),
    ("@anonymous:   It felt lonely", "anonymous"),
])
def test_other_speakers_are_kept_as_labels(typed, label):
    parsed = parse_note_text(typed, AREAS, PEOPLE)
    assert parsed.speaker_participant_id is None and parsed.speaker_label == label
    assert parsed.speaker == label


def test_an_at_sign_later_in_the_text_is_not_a_speaker():
    parsed = parse_note_text("Email help@example.org: they reply", AREAS)
    assert parsed.speaker is None and parsed.text.startswith("Email")


@pytest.mark.parametrize("typed, kind", [
    ("/barrier No broadband on the island", NoteKind.BARRIER),
    ("/Quote \"We felt heard\"", NoteKind.QUOTE),
    ("/unint Discharge moved the pressure to carers", NoteKind.UNINTENDED),
    ("/unintended-consequence Same", NoteKind.UNINTENDED),
    ("/ques Who funds it?", NoteKind.QUESTION),
])
def test_a_leading_kind_sets_the_kind(typed, kind):
    parsed = parse_note_text(typed, AREAS)
    assert parsed.kind == kind and not parsed.text.startswith("/")


def test_speaker_and_kind_in_either_order():
    one = parse_note_text("@Carer: /quote It was hard", AREAS)
    two = parse_note_text("/quote @Carer: It was hard", AREAS)
    assert one == two
    assert (one.kind, one.speaker_label, one.text) == (NoteKind.QUOTE, "Carer", "It was hard")


def test_an_ambiguous_kind_is_refused_by_name():
    with pytest.raises(InvalidInput, match="insight or inequality"):
        parse_note_text("/in something", AREAS)


def test_a_slash_word_that_is_no_kind_stays_in_the_text():
    parsed = parse_note_text("/r/nhs threads were useful", AREAS)
    assert parsed.kind is None and parsed.text == "/r/nhs threads were useful"
    assert parse_note_text("/zebra crossing", AREAS).text == "/zebra crossing"


def test_kind_from_prefix():
    assert kind_from_prefix("enab") == NoteKind.ENABLER
    assert kind_from_prefix("Unintended consequence".replace(" ", "-")) == NoteKind.UNINTENDED
    assert kind_from_prefix("nothing") is None


def test_tag_words_from_a_command_line():
    assert tag_word("#Trust") == "trust" and tag_word("co-op") == "co-op"
    assert tag_word("two words") is None and tag_word("42") is None and tag_word("") is None


# --- typed text as a note to save -------------------------------------------------------------

def test_a_typed_line_becomes_a_draft_the_same_way_it_shows_as_chips():
    typed = "@Housing officer: /quote We knocked on doors #community-led #Trust #1"
    draft = draft_from_text(typed, tags=("winter",), kind=NoteKind.IDEA, source="line 4",
                            line=4)
    parsed = parse_note_text(typed, AREAS)
    assert draft.text == parsed.text == "We knocked on doors #community-led #Trust #1"
    assert (draft.kind, draft.speaker, draft.source, draft.line) == (
        NoteKind.QUOTE, "Housing officer", "line 4", 4)
    # Slugs and free tags alike are tag names here; saving tells them apart.
    assert draft.tags == ("winter", "community-led", "trust")


def test_what_the_text_does_not_say_comes_from_the_defaults():
    draft = draft_from_text("Plain words", kind=NoteKind.BARRIER, speaker="Iona Fictional",
                            tags=("ferry",), starred=True)
    assert (draft.text, draft.kind, draft.speaker, draft.tags, draft.starred) == (
        "Plain words", NoteKind.BARRIER, "Iona Fictional", ("ferry",), True)
    with pytest.raises(InvalidInput, match="insight or inequality"):
        draft_from_text("/in two kinds")


def test_one_speaker_matcher_ignores_case_and_spacing_in_any_script():
    people = [("p-1", "Morag  Invented"), ("p-2", "Ùna Madeup")]
    assert match_speaker(" morag invented ", people) == "p-1"
    assert match_speaker("ÙNA MADEUP", people) == "p-2"
    assert match_speaker("Housing officer", people) is None
    assert speaker_for("Housing  officer", people) == (None, "Housing officer")
    assert speaker_for("", people) == (None, "")
    with pytest.raises(InvalidInput, match="at most 200"):
        speaker_for("x" * 201, people)
