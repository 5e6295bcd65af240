"""Third-party licences: shipped file first, else built from installed metadata."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from app import licences

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_shipped_file_the_listing_is_built_from_metadata(tmp_path, monkeypatch):
    monkeypatch.setattr(licences.config, "resources_dir", lambda: tmp_path)
    text = licences.third_party_licences()
    for name in ("PySide6", "SQLAlchemy", "alembic", "pydantic", "reportlab", "platformdirs"):
        assert name.lower() in text.lower(), name
    assert "Permission is hereby granted" in text  # the MIT texts themselves, not just names
    assert "LGPL-3.0" in text


def test_only_runtime_dependencies_are_listed():
    names = {c.name.lower().replace("_", "-") for c in licences.components_from_metadata()}
    assert "sqlalchemy" in names and "shiboken6" in names  # shiboken6 comes through PySide6
    assert not names & {"pytest", "pytest-qt", "ruff", "mypy", "pyinstaller", "cairn"}


def test_the_shipped_file_wins(tmp_path, monkeypatch):
    (tmp_path / licences.LICENCES_FILENAME).write_text("shipped", encoding="utf-8")
    monkeypatch.setattr(licences.config, "resources_dir", lambda: tmp_path)
    assert licences.third_party_licences() == "shipped"


def test_every_component_names_a_licence():
    for component in licences.components_from_metadata():
        assert component.licence and component.licence != "see the licence text below", (
            component.name)


@pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                    reason="the build-time file also lists the PyInstaller bootloader")
def test_the_build_time_file_adds_what_only_a_bundle_contains(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "gen_licences", ROOT / "installers" / "gen_licences.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    text = gen.write(tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    for name in ("Python", "SQLite", "PyInstaller bootloader"):
        assert f"\n{name} " in text, name
    assert text.count("GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3") == 1


def test_a_licence_file_in_latin_1_is_read_not_refused(tmp_path):
    """Some packages ship older notices in Latin-1 (a © byte that is not UTF-8)."""
    from importlib import metadata

    info = tmp_path / "demo_pkg-1.0.dist-info"
    (info / "licenses" / "BUILD").mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.4\nName: demo-pkg\nVersion: 1.0\n"
                                   "License-Expression: MIT\n"
                                   "License-File: BUILD/notice.txt\n", encoding="utf-8")
    (info / "licenses" / "BUILD" / "notice.txt").write_bytes(
        "Copyright © 2006 The Demo Project\n".encode("latin-1"))
    (info / "RECORD").write_text("demo_pkg-1.0.dist-info/METADATA,,\n"
                                 "demo_pkg-1.0.dist-info/licenses/BUILD/notice.txt,,\n"
                                 "demo_pkg-1.0.dist-info/RECORD,,\n", encoding="utf-8")
    component = licences.describe(metadata.PathDistribution(info))
    assert component.texts == (("BUILD/notice.txt", "Copyright © 2006 The Demo Project\n"),)
