"""The email template per learning system: the default, saving, and unknown placeholders
refused in one sentence with nothing changed."""

from __future__ import annotations

from contextlib import closing

import pytest

from app.models import InvalidInput
from app.services.sharing import templates
from tests.services.sharing import people


def test_a_system_starts_with_the_default_template(store):
    world = people.build(store)
    found = templates.get_template(store, world.session.system_id)
    assert (found.subject, found.body, found.saved) == (templates.DEFAULT_SUBJECT,
                                                        templates.DEFAULT_BODY, False)


def test_a_saved_template_is_logged_and_kept(store):
    world = people.build(store)
    system_id = world.session.system_id
    saved, changes = templates.save_template(store, system_id, "Pack for {first_name}",
                                             "Hello {full_name}, from {system_name}.")
    assert changes.ids("email_template") == {system_id}
    assert templates.get_template(store, system_id) == saved
    with closing(store.raw()) as conn:
        logged = conn.execute("SELECT op FROM change_log WHERE entity = 'email_template'"
                              ).fetchall()
    assert logged == [("insert",)]
    templates.save_template(store, system_id, "Pack", "Hello {first_name}.")
    assert templates.get_template(store, system_id).subject == "Pack"


@pytest.mark.parametrize(("subject", "body", "words"), [
    ("Pack for {firstname}", "Hello", "The subject uses {firstname}, which Cairn cannot fill"),
    ("Pack", "Hello {first_name.upper}", "The body uses {first_name.upper}"),
    ("Pack", "Hello {first_name", "The body has a brace without its pair"),
    ("Pack", "Hello {}", "The body uses {}"),
    ("Pack", "Hello {first_name!r}", "The body writes {first_name} with extra signs"),
])
def test_an_unknown_placeholder_is_refused_and_nothing_changes(store, subject, body, words):
    world = people.build(store)
    with pytest.raises(InvalidInput) as refused:
        templates.save_template(store, world.session.system_id, subject, body)
    sentence = str(refused.value)
    assert sentence.startswith(words) and sentence.endswith(".")
    assert sentence.count(". ") == 0  # one sentence
    assert not templates.get_template(store, world.session.system_id).saved


def test_braces_written_twice_are_braces(store):
    world = people.build(store)
    templates.save_template(store, world.session.system_id, "Pack", "Use {{braces}}, {first_name}.")
    assert templates.fill("Use {{braces}}, {first_name}.", {"first_name": "Tom"}) == \
        "Use {braces}, Tom."


def test_restoring_the_default_deletes_the_saved_one(store):
    world = people.build(store)
    system_id = world.session.system_id
    before = templates.get_template(store, system_id)
    templates.save_template(store, system_id, "Pack", "Hello {first_name}.")
    restored, changes = templates.restore_template(store, before)
    assert restored == before
    assert changes.deleted.get("email_template") == {system_id}


def test_deleting_the_system_takes_its_template_and_undo_brings_it_back(store):
    from app.services.core.records import restore_snapshot
    from app.services.planning import systems

    world = people.build(store)
    system_id = world.session.system_id
    templates.save_template(store, system_id, "Pack", "Hello {first_name}.")
    snapshot, changes = systems.delete_system(store, system_id)
    assert changes.deleted.get("email_template") == {system_id}
    with store.unit() as s:
        restore_snapshot(s, snapshot)
    assert templates.get_template(store, system_id).subject == "Pack"
