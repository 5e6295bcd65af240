"""A real SMTP server on loopback for the email tests (aiosmtpd), with the behaviours the
outbox must survive: taking messages, refusing them (5xx), asking to come back later (4xx),
dropping the connection after the message's end, and holding a message in DATA until told.

STARTTLS and TLS use a self-signed certificate made at test time with a SAN for 127.0.0.1;
tests trust it through SSL_CERT_FILE, exactly as the app trusts any certificate (the
system's store), so no test-only path exists in the code under test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER, PASSWORD = "isla", "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (in the SAN, which verification needs)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return email.message_from_bytes(self.data)


@dataclass
class Handler:
    """Takes messages, or answers `answer` ("550 No such user", "451 Try later"); with
    `drop`, closes the connection once the message has all arrived; with `hold`, waits in
    DATA until `release` is set (having set `holding`, and kept the message: it has it
    whole, and delivers it even if the client is gone by then)."""

    answer: str = "250 OK"
    drop: bool = False
    hold: bool = False
    received: list[Received] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.hold:
            # The whole message is here: this server delivers it, whether or not the client
            # is still there to hear "250" when it is released.
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          bytes(envelope.original_content)))
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return self.answer
        if self.drop:
            server.transport.close()
            return "250 OK"  # never reaches the client: the connection is gone
        if self.answer.startswith("250"):
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          bytes(envelope.original_content)))
        return self.answer

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
              and auth_data.password.decode() == PASSWORD)
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok, handled=False)


class Server:
    """An aiosmtpd server on 127.0.0.1: plain, STARTTLS (`starttls`), or TLS from the first
    byte (`tls`); with AUTH required when `auth`."""

    def __init__(self, handler: Handler, *, port: int | None = None, starttls: Path | None = None,
                 tls: Path | None = None, auth: bool = False) -> None:
        self.handler = handler
        self.port = port or free_port()
        options: dict[str, Any] = {}
        folder = starttls or tls
        if folder is not None:
            cert, key = make_certificate(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            self.cert = cert
            if starttls is not None:
                options.update(tls_context=context, require_starttls=True)
            else:
                options.update(ssl_context=context)
        if auth:
            # PLAIN only: smtplib falls back to LOGIN after a refusal, which aiosmtpd 1.4
            # answers by waiting; real servers answer it.
            options.update(authenticator=handler.authenticate, auth_required=True,
                           auth_exclude_mechanism=["LOGIN"],
                           auth_require_tls=folder is not None)
        self.controller = Controller(handler, hostname=HOST, port=self.port,
                                     server_hostname=HOST if tls else None, **options)

    def __enter__(self) -> Server:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.handler.release.set()
        self.controller.stop()
