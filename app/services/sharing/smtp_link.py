"""Talking to an SMTP server: connecting (STARTTLS, TLS from the first byte, or neither for a
relay on this machine), logging in, and handing over one message with a precise outcome.

Certificates are always verified against the system's trusted authorities, host name included.
A message goes over in the steps of RFC 5321 so that a failure can be placed exactly:

- refused before or at DATA, or the connection lost before the whole message (and its closing
  ".") was handed over: the server cannot have taken it, so trying again is safe;
- the connection lost after the whole message was handed over, before the server's answer:
  the server may have taken it and its "250" been lost on the way (the duplicate problem of
  RFC 1047). Trying again could deliver it twice, so it is `UNSURE` and left to a person.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from enum import Enum

from app.models import InvalidInput
from app.models.preferences import SmtpSecurity

TIMEOUT_S = 60.0


class Outcome(Enum):
    SENT = "sent"
    REFUSED = "refused"  # 5xx: the server will not take it
    LATER = "later"  # 4xx, or lost before the message was all handed over: try again
    UNSURE = "unsure"  # lost after it was all handed over: may have been taken


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    reason: str = ""  # the server's words, or what happened to the connection
    connection_lost: bool = False


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    user: str = ""
    timeout: float = TIMEOUT_S


class ServerUnreachable(Exception):  # noqa: N818 - an outcome of trying, shown as a sentence
    """The server could not be reached or would not talk; nothing was handed over."""


class LoginRefused(Exception):  # noqa: N818
    """The server refused the user name or password."""


def parse_server(text: str) -> tuple[str, int]:
    """"HOST:PORT" (or "[v6]:PORT") as the command line takes it."""
    match = re.fullmatch(r"\[?([^\[\]]+?)\]?:(\d{1,5})", text.strip())
    if match is None or not 0 < int(match.group(2)) < 65536:
        raise InvalidInput(f"'{text}' is not a server: write it as HOST:PORT, e.g. "
                           "smtp.example.org:587.")
    return match.group(1), int(match.group(2))


def connect(settings: SmtpSettings, password: str | None) -> smtplib.SMTP:
    """An SMTP connection ready to send (encrypted as asked, logged in when a user is given)."""
    context = ssl.create_default_context()
    try:
        if settings.security == SmtpSecurity.TLS:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                                  timeout=settings.timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        smtp.ehlo_or_helo_if_needed()
        if settings.security == SmtpSecurity.STARTTLS:
            if not smtp.has_extn("starttls"):
                smtp.close()
                raise ServerUnreachable(f"{settings.host} does not offer STARTTLS, so the "
                                        "password and messages would travel unencrypted")
            smtp.starttls(context=context)
            smtp.ehlo()
    except ssl.SSLCertVerificationError as err:
        raise ServerUnreachable(f"the certificate of {settings.host} could not be trusted "
                                f"({err.verify_message})") from err
    except (OSError, smtplib.SMTPException) as err:
        raise ServerUnreachable(f"{settings.host}:{settings.port} could not be reached "
                                f"({_words(err)})") from err
    if settings.user:
        try:
            smtp.login(settings.user, password or "")
        except smtplib.SMTPAuthenticationError as err:
            _close(smtp)
            raise LoginRefused(_server_words(err.smtp_code, err.smtp_error)) from err
        except smtplib.SMTPNotSupportedError as err:
            _close(smtp)
            raise ServerUnreachable(f"{settings.host} does not accept a login on this "
                                    "connection") from err
        except (OSError, smtplib.SMTPException) as err:
            _close(smtp)
            raise ServerUnreachable(f"{settings.host} stopped answering while logging in "
                                    f"({_words(err)})") from err
    return smtp


def deliver(smtp: smtplib.SMTP, sender: str, recipients: list[str], data: bytes) -> Delivery:
    """Hand one message to the server, and say exactly how far it got (see the module)."""
    try:
        code, answer = smtp.mail(sender)
        if code != 250:
            _reset(smtp)
            return _refused(code, answer)
        for address in recipients:
            code, answer = smtp.rcpt(address)
            if code not in (250, 251):
                _reset(smtp)
                return _refused(code, answer)
        code, answer = smtp.docmd("DATA")
        if code != 354:
            _reset(smtp)
            return _refused(code, answer)
    except (OSError, smtplib.SMTPServerDisconnected) as err:
        return Delivery(Outcome.LATER, f"the connection was lost ({_words(err)})", True)
    try:
        smtp.send(_dot_stuffed(data))
    except (OSError, smtplib.SMTPServerDisconnected) as err:
        return Delivery(Outcome.LATER, "the connection was lost before the whole message "
                        f"was handed over ({_words(err)})", True)
    try:
        code, answer = smtp.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as err:
        return Delivery(Outcome.UNSURE, "the connection was lost after the whole message was "
                        f"handed over, before the server said whether it took it ({_words(err)})",
                        True)
    if code == 250:
        return Delivery(Outcome.SENT, _server_words(code, answer))
    return _refused(code, answer)


def finish(smtp: smtplib.SMTP) -> None:
    """Say goodbye politely; a server already gone is no matter."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        _close(smtp)


def _refused(code: int, answer: bytes | str) -> Delivery:
    outcome = Outcome.REFUSED if 500 <= code < 600 else Outcome.LATER
    return Delivery(outcome, _server_words(code, answer), code == -1 or code == 421)


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA carries it: CRLF line ends, a leading "." doubled, "." to end."""
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _server_words(code: int, answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
    return f"{code} {' '.join(text.split())}".strip()


def _words(err: BaseException) -> str:
    if isinstance(err, socket.timeout):
        return "no answer in time"
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    return getattr(err, "strerror", None) or str(err) or type(err).__name__


def _reset(smtp: smtplib.SMTP) -> None:
    """Forget the refused message's envelope, so the next message starts clean."""
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.rset()


def _close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()
