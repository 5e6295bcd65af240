"""The pre-flight list of a data export names exactly the people its file holds by name: none
without names asked for, and with them only those who consented, each found in the file."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.models.pack import PackOptions
from app.services.exports.data_exports import DATA_FORMATS, data_names, render_data
from tests.services.exports.mixed_consent import AILSA, EVERYONE, MORAG, build


def _text(fmt: str, data: bytes) -> str:
    if fmt in ("xlsx", "qdpx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_the_list_names_who_the_file_names_and_nobody_else(store, tmp_path, fmt):
    mixed = build(store, tmp_path)
    session = mixed.first.id
    assert data_names(store, session, fmt, PackOptions()) == []
    named = data_names(store, session, fmt, PackOptions(names=True))
    text = _text(fmt, render_data(store, session, fmt, PackOptions(names=True)))
    listed = {use.name for use in named}
    assert listed and listed <= {MORAG, AILSA}
    assert all(use.where and use.why for use in named)
    for person in EVERYONE:
        assert (person in text) == (person in listed), person
