"""Drafts: the half-typed note survives a restart, and never reaches the sync log."""

from __future__ import annotations

import re
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


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_draft_that_cannot_be_written_is_one_sentence_and_keeps_the_old_one(data_dir, session):
    """A process whose files may not grow (a limit root is held to too, as a full disk is)
    tries to replace a draft: one sentence, the old draft whole, no temporary file left."""
    drafts.save_draft(data_dir, session.id, "the old draft")
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from app.models import CairnError\n"
        "from app.services.capture import drafts\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE,\n"
        "                   (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))\n"
        "try:\n"
        "    drafts.save_draft(Path(sys.argv[1]), sys.argv[2], 'the new draft')\n"
        "except CairnError as err:\n"
        "    print(err)\n"
        "    sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(data_dir), session.id],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert re.fullmatch(r"The draft of the note being typed cannot be saved as .*\.\n",
                        done.stdout)
    assert drafts.load_draft(data_dir, session.id) == "the old draft"
    assert [p.name for p in drafts.drafts_folder(data_dir).iterdir()] == [f"{session.id}.txt"]


def test_a_draft_folder_that_is_a_file_is_one_sentence_and_changes_nothing(store, session):
    # A file where the folder should be stops root as well as anyone.
    folder = drafts.drafts_folder(store)
    folder.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CairnError, match=r"^The draft of the note being typed cannot be saved"):
        drafts.save_draft(store, session.id, "anything")
    assert folder.read_text(encoding="utf-8") == "not a folder"
    assert drafts.load_draft(store, session.id) == ""


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
