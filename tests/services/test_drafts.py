"""Drafts: the half-typed note survives a restart, and never reaches the sync log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from app.models import CairnError, InvalidInput
from app.services.capture import drafts
from app.store.engine import open_store


def _pending_changes(store) -> int:
    conn = store.raw()
    try:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        conn.close()


def test_a_draft_is_kept_replaced_and_cleared(store, session):
    assert drafts.load_draft(store, session.id) == ""
    logged = _pending_changes(store)
    drafts.save_draft(store, session.id, "@Carer: half a thou")
    drafts.save_draft(store, session.id, "@Carer: half a thought, now whole ✓")
    assert drafts.load_draft(store, session.id) == "@Carer: half a thought, now whole ✓"
    assert _pending_changes(store) == logged
    drafts.clear_draft(store, session.id)
    assert drafts.load_draft(store, session.id) == ""
    drafts.clear_draft(store, session.id)  # clearing twice is fine


def test_saving_empty_text_clears_the_draft(store, session):
    drafts.save_draft(store, session.id, "something")
    drafts.save_draft(store, session.id, "   ")
    assert drafts.load_draft(store, session.id) == ""
    assert not list(drafts.drafts_folder(store).glob("*"))


def test_drafts_are_per_session_and_by_folder_too(store, data_dir, session):
    drafts.save_draft(store, session.id, "mine")
    assert drafts.load_draft(data_dir, session.id) == "mine"
    assert drafts.load_draft(data_dir, "0190aaaa-0000-7000-8000-000000000000") == ""


def test_a_session_id_cannot_step_outside_the_drafts_folder(store):
    with pytest.raises(InvalidInput):
        drafts.save_draft(store, "../../evil", "x")


def test_a_draft_that_cannot_be_written_is_one_sentence_and_keeps_the_old_one(store, session):
    drafts.save_draft(store, session.id, "the old draft")
    folder = drafts.drafts_folder(store)
    folder.chmod(0o500)  # read-only, as a full or locked-down disk refuses new files
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user no permission stops (root)")
        with pytest.raises(CairnError, match=r"^The draft of the note being typed cannot be "
                                             r"saved in .*\.$"):
            drafts.save_draft(store, session.id, "the new draft")
    finally:
        folder.chmod(0o700)
    assert drafts.load_draft(store, session.id) == "the old draft"


def test_a_draft_folder_that_is_a_file_is_one_sentence(store, session):
    drafts.drafts_folder(store).write_text("not a folder", encoding="utf-8")
    with pytest.raises(CairnError, match=r"^The draft of the note being typed cannot be saved"):
        drafts.save_draft(store, session.id, "anything")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_draft_survives_a_killed_process(data_dir, session):
    """A process saves a draft and is killed at once; a fresh open finds it."""
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from app.services.capture import drafts\n"
        f"drafts.save_draft(Path(sys.argv[1]), {session.id!r}, 'typed before the crash')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], timeout=60)
    assert done.returncode != 0
    reopened = open_store(data_dir)
    try:
        assert drafts.load_draft(reopened, session.id) == "typed before the crash"
    finally:
        reopened.close()
