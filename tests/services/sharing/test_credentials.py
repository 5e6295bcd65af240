"""The SMTP password lives only in a keyring: kept, read and forgotten there; where there is
none (a headless Linux), one sentence says so and offers the drafts."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from app.services.sharing import credentials


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """A keyring in a file under tmp_path, chosen on purpose as tests may."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "keyring"))
    monkeypatch.setenv(credentials.CHOSEN_ENV, "keyrings.alt.file.PlaintextKeyring")
    before = keyring.get_keyring()
    chosen = PlaintextKeyring()
    keyring.set_keyring(chosen)
    yield chosen
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring(monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_the_password_is_kept_read_and_forgotten(file_keyring, data_dir):
    assert credentials.keyring_problem() is None
    assert credentials.stored_password("smtp.example.org", "isla") is None
    credentials.keep_password("smtp.example.org", "isla", "s3cret pässword")
    assert credentials.stored_password("smtp.example.org", "isla") == "s3cret pässword"
    assert credentials.stored_password("smtp.example.org", "tom") is None
    credentials.forget_password("smtp.example.org", "isla")
    credentials.forget_password("smtp.example.org", "isla")  # twice: no error
    assert credentials.stored_password("smtp.example.org", "isla") is None
    # Never beside the store: nothing in the data folder mentions it.
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"s3cret" not in path.read_bytes()


def test_without_a_keyring_cairn_says_so_and_offers_drafts(no_keyring):
    problem = credentials.keyring_problem()
    assert problem == credentials.NO_KEYRING
    assert "drafts" in problem and problem.count(".") == 1
    with pytest.raises(credentials.NoKeyring):
        credentials.keep_password("smtp.example.org", "isla", "x")
    with pytest.raises(credentials.NoKeyring):
        credentials.stored_password("smtp.example.org", "isla")


def test_a_plain_file_keyring_is_not_taken_unless_chosen(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "keyring"))
    monkeypatch.delenv(credentials.CHOSEN_ENV, raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        assert credentials.keyring_problem() == credentials.NO_KEYRING
    finally:
        keyring.set_keyring(before)
