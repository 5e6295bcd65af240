"""Rotating log files and faulthandler in the per-user log folder; no Qt here.

Logs must never hold participants' personal data. The rule for every module:
**log ids, never names, emails, organisations or note text.** Write
``log.info("note %s saved in session %s", note.id, session.id)``, not the note itself.

Two safety nets back the rule up, on every record that reaches Cairn's log handlers:
- email addresses are replaced by ``<email>``;
- an exception is logged as its type and stack frames only, never its message, because
  messages (SQLAlchemy's bound parameters, a parser quoting its input) can carry what a
  facilitator typed.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from app import config

LOG_FILENAME = "cairn.log"
FAULTS_FILENAME = "faults.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LEVEL_ENV = "CAIRN_LOG_LEVEL"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(process)d %(threadName)s] %(message)s"

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EMAIL_MASK = "<email>"

_handler: logging.Handler | None = None
_faults_file: IO[str] | None = None
_configured_dir: Path | None = None


def redact(text: str) -> str:
    """The text with every email address masked."""
    return EMAIL_RE.sub(EMAIL_MASK, text)


def format_exception_safely(
    exc_type: type[BaseException] | None,
    exc: BaseException | None,
    tb: TracebackType | None,
) -> str:
    """A traceback with its frames and exception types but without exception messages.

    Chained exceptions are kept, each reduced to its type, in the order Python prints them.
    """
    if exc is None:
        return "NoneType: None"
    te = traceback.TracebackException(exc_type or type(exc), exc, tb)
    return "".join(_safe_parts(te)).rstrip("\n")


_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _safe_parts(te: traceback.TracebackException) -> list[str]:
    parts: list[str] = []
    if te.__cause__ is not None:
        parts += [*_safe_parts(te.__cause__), _CAUSE]
    elif te.__context__ is not None and not te.__suppress_context__:
        parts += [*_safe_parts(te.__context__), _CONTEXT]
    if te.stack:
        parts.append("Traceback (most recent call last):\n")
        parts.extend(te.stack.format())
    parts.append(f"{_type_name(te)}: (message not logged)\n")
    return parts


def _type_name(te: traceback.TracebackException) -> str:
    module = getattr(te, "exc_type_module", None)  # Python >= 3.13
    name = getattr(te, "exc_type_qualname", None)
    if name is None:
        exc_type = getattr(te, "exc_type", None)
        module = getattr(exc_type, "__module__", None)
        name = getattr(exc_type, "__qualname__", "Exception")
    if module in (None, "builtins", "__main__"):
        return str(name)
    return f"{module}.{name}"


class PersonalDataFilter(logging.Filter):
    """Masks emails in the message and reduces exceptions to type and frames."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(format_exception_safely(*record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(log_dir: Path | None = None) -> Path:
    """Log to a rotating file (1 MB x 5) and enable faulthandler; returns the log file.

    The folder defaults to the per-user log folder (``app.config.log_dir()``). Records from
    Cairn's own modules (the ``app`` logger) are kept from INFO up, or from ``$CAIRN_LOG_LEVEL``;
    other libraries' records from WARNING up. Calling again with the same folder does nothing;
    with another folder, logging moves there. If the folder cannot be created, a folder in the
    temporary directory is used: logging must never stop Cairn from starting.
    """
    global _handler, _faults_file, _configured_dir

    folder = Path(log_dir) if log_dir is not None else config.log_dir()
    if _handler is not None and _configured_dir == folder:
        return folder / LOG_FILENAME
    folder = _usable_folder(folder)
    teardown_logging()

    handler = logging.handlers.RotatingFileHandler(
        folder / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
        delay=True,
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("app").setLevel(_level_from_env())
    logging.captureWarnings(True)

    # faulthandler writes raw C-level tracebacks (no messages, no data) on hard crashes; the
    # file must stay open for the life of the process.
    _faults_file = open(folder / FAULTS_FILENAME, "a", encoding="utf-8")  # noqa: SIM115
    faulthandler.enable(file=_faults_file, all_threads=True)

    _handler = handler
    _configured_dir = Path(log_dir) if log_dir is not None else config.log_dir()
    logging.getLogger(__name__).info("Cairn started (pid %s, %s)", os.getpid(), sys.platform)
    return folder / LOG_FILENAME


def teardown_logging() -> None:
    """Undo `setup_logging` (used by tests and when moving the log folder)."""
    global _handler, _faults_file, _configured_dir
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    if _faults_file is not None:
        if faulthandler.is_enabled():
            faulthandler.disable()
        _faults_file.close()
        _faults_file = None
    _configured_dir = None


def _usable_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
        return folder
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"{config.APP_NAME}-logs"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def _level_from_env() -> int:
    name = os.environ.get(LEVEL_ENV, "INFO").upper()
    level: Any = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO
