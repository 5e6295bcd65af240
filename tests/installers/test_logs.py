"""Log files: rotating, in the folder asked for, with no participant's personal data."""

from __future__ import annotations

import faulthandler
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import logs


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(tmp_path / "logs")
    yield path
    logs.teardown_logging()


def _text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_logs_go_to_a_rotating_file_with_faulthandler_on(log_file: Path) -> None:
    assert log_file.name == "cairn.log"
    handlers = [h for h in logging.getLogger().handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1
    assert handlers[0].maxBytes == logs.MAX_BYTES and handlers[0].backupCount == logs.BACKUP_COUNT
    assert faulthandler.is_enabled()
    assert (log_file.parent / logs.FAULTS_FILENAME).exists()
    assert "Cairn started" in _text(log_file)


def test_setting_up_twice_adds_nothing(log_file: Path) -> None:
    before = list(logging.getLogger().handlers)
    assert logs.setup_logging(log_file.parent) == log_file
    assert logging.getLogger().handlers == before


def test_the_default_folder_is_the_per_user_log_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(logs.config, "log_dir", lambda: tmp_path / "per-user")
    try:
        assert logs.setup_logging() == tmp_path / "per-user" / "cairn.log"
    finally:
        logs.teardown_logging()


def test_an_unwritable_folder_falls_back_to_temp(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    try:
        path = logs.setup_logging(blocker / "logs")
        assert path.parent.name == "Cairn-logs"
    finally:
        logs.teardown_logging()


def test_emails_are_masked_wherever_they_appear(log_file: Path) -> None:
    log = logging.getLogger("app.email")
    log.info("queued the pack for %s", "fiona.mackay@nhs.scot")
    log.warning("bounce from <ALEX+packs@Example.co.uk>")
    text = _text(log_file)
    assert "fiona.mackay" not in text and "ALEX+packs" not in text
    assert text.count("<email>") == 2


def test_exceptions_are_logged_without_their_messages(log_file: Path) -> None:
    # As in real code the data arrives in variables: tracebacks quote source lines, not values.
    speaker, note = "Morag Macleod", "note text: the bus never comes"
    try:
        try:
            raise KeyError(speaker)
        except KeyError as err:
            raise ValueError(note) from err
    except ValueError:
        logging.getLogger("app.capture").exception("capture failed for note %s", "0190-abc")
    text = _text(log_file)
    assert "capture failed for note 0190-abc" in text
    assert "KeyError: (message not logged)" in text
    assert "ValueError: (message not logged)" in text
    assert "direct cause" in text
    assert "Morag" not in text and "bus never comes" not in text


def test_cairn_logs_info_and_other_libraries_only_warnings(log_file: Path) -> None:
    logging.getLogger("app.sync").info("round done")
    logging.getLogger("sqlalchemy.engine").info("SELECT secret FROM notes")
    logging.getLogger("sqlalchemy.engine").warning("pool exhausted")
    text = _text(log_file)
    assert "round done" in text and "pool exhausted" in text
    assert "SELECT secret" not in text


def test_the_level_can_be_raised_for_a_support_session(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(logs.LEVEL_ENV, "DEBUG")
    try:
        path = logs.setup_logging(tmp_path)
        logging.getLogger("app.store").debug("opened store %s", "0190")
        assert "opened store 0190" in _text(path)
    finally:
        logs.teardown_logging()
        logging.getLogger("app").setLevel(logging.NOTSET)


def test_rotation_keeps_five_old_files(log_file: Path, monkeypatch) -> None:
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    monkeypatch.setattr(handler, "maxBytes", 2_000)
    for i in range(400):
        logging.getLogger("app.bench").info("line %05d %s", i, "x" * 40)
    rotated = sorted(p.name for p in log_file.parent.glob("cairn.log.*"))
    assert rotated == [f"cairn.log.{n}" for n in range(1, 6)]
