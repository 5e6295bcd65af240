"""The SMTP password, kept only in the operating system's keyring (Windows Credential Manager,
the macOS Keychain, the Secret Service on Linux) through `keyring`: never in the store, the
preferences file or a command's arguments.

Where no keyring exists (a headless Linux, a bundle that lost its backends), Cairn says so in
one sentence and offers the drafts, which need no password; it never falls back to keeping the
password anywhere else. `CAIRN_SMTP_PASSWORD` is read only by the command line and only when
set: it exists for automated tests, not for people.
"""

from __future__ import annotations

import os
from typing import Any

from app.models import CairnError

SERVICE = "Cairn SMTP"
TEST_PASSWORD_ENV = "CAIRN_SMTP_PASSWORD"
CHOSEN_ENV = "PYTHON_KEYRING_BACKEND"  # keyring's own way to choose a backend
NO_KEYRING = ("This computer has no keyring to keep the SMTP password in safely, so Cairn will "
              "not keep it: write email drafts instead and send them from your mail program.")


class NoKeyring(CairnError):
    """There is no keyring backend on this computer."""


def _account(host: str, user: str) -> str:
    return f"{user}@{host}"


def _backend() -> Any:
    """The keyring in use; NoKeyring when it is the one that can keep nothing."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as err:  # a bundle built without it
        raise NoKeyring(NO_KEYRING) from err
    found = keyring.get_keyring()
    chain = getattr(found, "backends", None)
    if isinstance(found, fail.Keyring) or chain == []:
        raise NoKeyring(NO_KEYRING)
    # keyrings.alt's file keyrings keep passwords in a plain (or weakly hidden) file: no
    # better than the preferences file, so only taken when chosen on purpose (tests do).
    if type(found).__module__.startswith("keyrings.alt") and not os.environ.get(CHOSEN_ENV):
        raise NoKeyring(NO_KEYRING)
    return found


def keyring_problem() -> str | None:
    """Why no password can be kept here (one sentence), or None when a keyring is there."""
    try:
        _backend()
    except NoKeyring as err:
        return str(err)
    return None


def stored_password(host: str, user: str) -> str | None:
    """The password kept for this user at this server, or None."""
    from keyring.errors import KeyringError, NoKeyringError

    backend = _backend()
    try:
        return backend.get_password(SERVICE, _account(host, user))
    except NoKeyringError as err:
        raise NoKeyring(NO_KEYRING) from err
    except KeyringError as err:
        raise CairnError(f"The keyring could not be read ({err}).") from err


def keep_password(host: str, user: str, password: str) -> None:
    """Keep the password in the keyring (replacing one kept before)."""
    from keyring.errors import KeyringError, NoKeyringError

    if not host or not user:
        raise CairnError("Give the server and the user name before the password.")
    backend = _backend()
    try:
        backend.set_password(SERVICE, _account(host, user), password)
    except NoKeyringError as err:
        raise NoKeyring(NO_KEYRING) from err
    except KeyringError as err:
        raise CairnError(f"The keyring would not keep the password ({err}).") from err


def forget_password(host: str, user: str) -> None:
    """Take the password out of the keyring; nothing happens when none was kept."""
    from keyring.errors import KeyringError, PasswordDeleteError

    backend = _backend()
    try:
        backend.delete_password(SERVICE, _account(host, user))
    except PasswordDeleteError:
        return
    except KeyringError as err:
        raise CairnError(f"The keyring would not forget the password ({err}).") from err
