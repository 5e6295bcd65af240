"""Preferences (live preview, saved, cancel puts back), the theme, and the About dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app import __version__
from app.models import Preferences, ThemeChoice
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.new_system import NewSystemDialog
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.style import Heading, apply_preferences, base_point_size, effective_theme
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets


@pytest.fixture
def dialog(ctx, qtbot):
    made = PreferencesDialog(ctx)
    qtbot.addWidget(made)
    made.show()
    return made


def _window_colour(qapp) -> str:
    return qapp.palette().color(QPalette.ColorRole.Window).name()


def test_every_control_is_named_and_labelled(dialog):
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    assert dialog.text_size.minimum() == 75 and dialog.text_size.maximum() == 300


def test_text_size_previews_at_once_and_is_saved(dialog, ctx, qapp):
    base = base_point_size(qapp)
    dialog.text_size.setValue(200)
    assert qapp.font().pointSizeF() == pytest.approx(base * 2, abs=0.1)
    assert dialog.text_slider.value() == 200
    dialog.your_name.setText("Ailsa Test")
    dialog.device_name.setText("Test laptop")
    dialog.accept()
    assert ctx.prefs.text_scale == 200
    saved = json.loads(ctx.prefs_path.read_text())
    assert (saved["text_scale"], saved["your_name"], saved["device_name"]) == (
        200, "Ailsa Test", "Test laptop")
    assert ctx.store.author == "Ailsa Test"


def test_cancel_puts_the_look_back(dialog, ctx, qapp):
    base = base_point_size(qapp)
    dialog.text_slider.setValue(150)
    dialog.theme.setCurrentIndex(dialog.theme.findData(ThemeChoice.HIGH_CONTRAST.value))
    assert _window_colour(qapp) == "#000000"
    dialog.reject()
    assert qapp.font().pointSizeF() == pytest.approx(base, abs=0.1)
    assert _window_colour(qapp) != "#000000"
    assert ctx.prefs.text_scale == 100 and not ctx.prefs_path.exists()


def test_themes_set_their_palettes(ctx, qapp):
    apply_preferences(qapp, Preferences(theme=ThemeChoice.DARK))
    dark = qapp.palette()
    assert dark.color(QPalette.ColorRole.Window).lightness() < 60
    assert dark.color(QPalette.ColorRole.WindowText).lightness() > 200
    apply_preferences(qapp, Preferences(theme=ThemeChoice.HIGH_CONTRAST))
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    assert "border: 3px solid #ffff00" in qapp.styleSheet()  # focus can't be missed
    apply_preferences(qapp, Preferences(theme=ThemeChoice.LIGHT))
    assert qapp.palette().color(QPalette.ColorRole.Base).name() == "#ffffff"


def test_follow_the_system_reads_its_scheme(qapp, monkeypatch):
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(type(hints), "colorScheme", lambda self: Qt.ColorScheme.Dark)
    assert effective_theme(ThemeChoice.SYSTEM) == "dark"
    monkeypatch.setattr(type(hints), "colorScheme", lambda self: Qt.ColorScheme.Light)
    assert effective_theme(ThemeChoice.SYSTEM) == "light"
    assert effective_theme(ThemeChoice.HIGH_CONTRAST) == "high-contrast"


def test_headings_keep_their_proportion_when_text_grows(ctx, qapp, qtbot):
    heading = Heading("Focus areas", 1.5)
    qtbot.addWidget(heading)
    apply_preferences(qapp, Preferences(text_scale=200))
    assert heading.font().pointSizeF() == pytest.approx(qapp.font().pointSizeF() * 1.5, abs=0.2)


def test_about_shows_version_licence_and_third_party_licences(ctx, qtbot):
    about = AboutDialog(data_folder=str(ctx.store.path.parent))
    qtbot.addWidget(about)
    about.show()
    assert unnamed_widgets(about) == []
    assert clashing_mnemonics(about) == {}
    shown = " ".join(label.text() for label in about.findChildren(QLabel))
    assert f"Version {__version__}" in shown
    assert "MIT licence" in shown
    box = about.licences
    assert isinstance(box, QPlainTextEdit) and box.isReadOnly()
    assert box.toPlainText().strip()


def test_new_system_dialog_is_named_throughout(ctx, qtbot):
    dialog = NewSystemDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
