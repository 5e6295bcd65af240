"""The outbox is local to this laptop and the template is logged: outbox writes leave nothing
in the change log, the log alone still rebuilds the store with a template saved, and revision
0007 goes down to 0006 and up again on a store with both."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from alembic import command

from app.services.core.check import run_check
from app.services.sharing import outbox, templates
from app.services.sharing.messages import Sender
from app.store import migrate
from app.store.engine import open_store
from tests.services.sharing import people
from tests.services.sharing.people import SENDER


def _entities(store) -> set[str]:
    with closing(store.raw()) as conn:
        return {e for (e,) in conn.execute("SELECT DISTINCT entity FROM change_log")}


def test_outbox_writes_are_never_logged_and_the_log_rebuilds_the_store(store, world):
    templates.save_template(store, world.session.system_id, "Pack", "Hello {first_name}.")
    before = _entities(store)
    queued, _ = outbox.queue_session(store, world.session.id, Sender("Isla", SENDER))
    outbox.remove(store, [queued.messages[0].id])
    assert _entities(store) == before and "outbox" not in before
    assert "email_template" in before
    report = run_check(store, with_replay=True)
    assert report.ok, report.lines()


def test_revision_0007_goes_down_and_up_again(data_dir):
    store = open_store(data_dir)
    world = people.build(store)
    templates.save_template(store, world.session.system_id, "Pack", "Hello {first_name}.")
    outbox.queue_session(store, world.session.id, Sender("Isla", SENDER))
    path = store.path
    store.close()
    config = migrate.alembic_config(f"sqlite:///{path}")
    command.downgrade(config, "0006")
    conn = sqlite3.connect(path)
    tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    logged = conn.execute("SELECT COUNT(*) FROM change_log WHERE entity = 'email_template'"
                          ).fetchone()[0]
    conn.close()
    assert not {"outbox", "email_templates"} & tables and logged == 0
    command.upgrade(config, "head")
    again = open_store(data_dir)
    try:
        assert outbox.list_outbox(again) == []
        assert not templates.get_template(again, world.session.system_id).saved
        assert run_check(again, with_replay=True).ok
    finally:
        again.close()
