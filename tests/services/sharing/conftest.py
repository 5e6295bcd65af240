"""Fixtures of the email tests: the invented people, and a folder for certificates."""

from __future__ import annotations

import pytest

from tests.services.sharing import people


@pytest.fixture
def world(store):
    return people.build(store)


@pytest.fixture
def certs(tmp_path, monkeypatch):
    """A folder for the test server's certificate, which this process then trusts (as a
    system's store would), through OpenSSL's own SSL_CERT_FILE."""
    folder = tmp_path / "certs"
    folder.mkdir()

    def trust(cert) -> None:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))

    return folder, trust
