"""Preferences: who you are, this laptop's name, text size and theme, previewed live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import Preferences, ThemeChoice
from app.ui.context import AppContext, show_refusal
from app.ui.fields import add_labelled_row
from app.ui.style import apply_preferences
from app.ui.views.sync.preferences_page import SyncPage

THEMES = (
    (ThemeChoice.SYSTEM, "Follow the system (colours and contrast)"),
    (ThemeChoice.LIGHT, "Light"),
    (ThemeChoice.DARK, "Dark"),
    (ThemeChoice.HIGH_CONTRAST, "High contrast"),
)


class PreferencesDialog(QDialog):
    """Changes show at once across the app; Cancel puts everything back as it was."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._saved = ctx.prefs
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")

        self.your_name = QLineEdit(ctx.prefs.your_name, self)
        self.your_name.setAccessibleName("Your name")
        self.your_name.setMaxLength(120)
        self.your_name.setPlaceholderText("Shown on the notes you capture")
        self.sync = SyncPage(ctx, self)  # the shared folder, this laptop's name, Join
        self.device_name = self.sync.device_name

        self.text_size = QSpinBox(self)
        self.text_size.setAccessibleName("Text size, percent")
        self.text_size.setRange(75, 300)
        self.text_size.setSingleStep(5)
        self.text_size.setSuffix(" %")
        self.text_size.setValue(ctx.prefs.text_scale)
        self.text_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.text_slider.setAccessibleName("Text size slider")
        self.text_slider.setRange(75, 300)
        self.text_slider.setSingleStep(5)
        self.text_slider.setPageStep(25)
        self.text_slider.setTickInterval(25)
        self.text_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.text_slider.setValue(ctx.prefs.text_scale)
        self.text_slider.valueChanged.connect(self.text_size.setValue)
        self.text_size.valueChanged.connect(self.text_slider.setValue)
        self.text_size.valueChanged.connect(self._preview)
        size_row = QHBoxLayout()
        size_row.addWidget(self.text_size)
        size_row.addWidget(self.text_slider, 1)

        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Theme")
        for choice, label in THEMES:
            self.theme.addItem(label, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(ctx.prefs.theme.value))
        self.theme.currentIndexChanged.connect(self._preview)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (("&Your name:", self.your_name, self.your_name),
                ("&Text size:", size_row, self.text_size),
                ("T&heme:", self.theme, self.theme))
        for text, field, buddy in rows:
            add_labelled_row(form, text, buddy, field)
        note = QLabel("Text size is a share of your system's own text size. Changes show at "
                      "once; Cancel undoes them.", self)
        note.setObjectName("hint")
        note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        reset = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        reset.setText("&Reset text size")
        reset.clicked.connect(lambda: self.text_size.setValue(100))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        general = QWidget(self)
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(note)
        general_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Preferences pages")
        self.tabs.addTab(general, "General")
        self.tabs.addTab(self.sync, "Sync")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 72),
                    self.sizeHint().height())

    def chosen(self) -> Preferences:
        """The preferences as the dialog shows them now."""
        return self._saved.model_copy(update={
            "your_name": self.your_name.text().strip(),
            **self.sync.chosen(),
            "text_scale": self.text_size.value(),
            "theme": ThemeChoice(self.theme.currentData()),
        })

    def _preview(self, *_: object) -> None:
        apply_preferences(QApplication.instance(), self.chosen())  # type: ignore[arg-type]

    def accept(self) -> None:
        # The preview has already applied the look; saving makes it last.
        try:
            self._ctx.save_preferences(self.chosen())
        except OSError as err:
            show_refusal(self, f"Your preferences could not be saved ({err.strerror or err}).")
            return
        self._ctx.bus.status.emit("Preferences saved.")
        super().accept()

    def reject(self) -> None:
        apply_preferences(QApplication.instance(), self._saved)  # type: ignore[arg-type]
        super().reject()
