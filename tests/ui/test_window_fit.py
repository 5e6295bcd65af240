"""The main window fits the screen it opens on; check boxes and button styles follow the text."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

from app.models import Preferences
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.main_window import MainWindow
from app.ui.screen_fit import first_geometry, fits_a_screen
from app.ui.style import apply_preferences, indicator_size


def test_a_first_window_is_1280_by_800_only_where_the_screen_has_room():
    big = first_geometry(QRect(0, 0, 1920, 1050))
    assert (big.width(), big.height()) == (1280, 800)
    assert QRect(0, 0, 1920, 1050).contains(big)
    laptop = QRect(0, 0, 1366, 740)  # 1366x768 less a panel
    small = first_geometry(laptop)
    assert small.width() == 1280 and small.height() <= 740 - 40
    assert laptop.contains(small) and small.top() >= 40  # room for the title bar above


def test_a_remembered_geometry_must_fit_a_screen_present_now():
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert fits_a_screen(available)
    assert not fits_a_screen(QRect(available.right() + 500, 0, 400, 300))  # unplugged monitor
    assert not fits_a_screen(QRect(0, 0, available.width() + 200, available.height()))


def test_the_first_window_and_a_window_saved_on_a_bigger_screen_open_within_this_one(
        ctx, qtbot):
    available = QGuiApplication.primaryScreen().availableGeometry()
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: available.contains(first.frameGeometry()))
    first.close()

    # As if saved on a 2560x1440 monitor that is no longer there.
    wide = MainWindow(ctx)
    wide.setGeometry(QRect(1400, 200, 2000, 1200))
    QSettings("Cairn", "Cairn").setValue("window/geometry", QByteArray(wide.saveGeometry()))
    wide.deleteLater()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.width() <= available.width() and again.height() <= available.height()
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: available.contains(again.frameGeometry()))


def test_check_and_radio_indicators_grow_with_the_text(qapp):
    def indicator(widget) -> QRect:
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(widget, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        return widget.style().subElementRect(element, option, widget)

    sizes = {}
    for scale in (100, 200):
        apply_preferences(qapp, Preferences(text_scale=scale))
        box, radio = QCheckBox("Named"), QRadioButton("Online")
        sizes[scale] = (indicator(box).height(), indicator(radio).height(),
                        indicator_size(qapp.font()))
        box.deleteLater()
        radio.deleteLater()
    apply_preferences(qapp, Preferences())
    assert sizes[200][2] >= 1.7 * sizes[100][2] or sizes[100][2] == 14
    assert sizes[200][0] > sizes[100][0] and sizes[200][1] > sizes[100][1]
    assert sizes[200][0] >= QFontMetrics(qapp.font()).height()  # as tall as a line of 100% text


def test_the_primary_action_is_filled_in_the_accent_colour_and_delete_is_marked(ctx, qtbot):
    from PySide6.QtWidgets import QWidget

    page = QWidget()
    qtbot.addWidget(page)
    primary = action_button(page, "&Capture notes", emphasis=PRIMARY)
    plain = action_button(page, "&Edit details")
    delete = action_button(page, "&Delete session", emphasis=DESTRUCTIVE)
    plain.move(0, 60)
    delete.move(0, 120)
    page.resize(300, 200)
    page.show()
    qtbot.waitExposed(page)
    accent = QGuiApplication.palette().color(QPalette.ColorRole.Highlight)

    def middle_colour(button) -> tuple[int, int, int]:
        image = button.grab().toImage()
        colour = image.pixelColor(4, image.height() // 2)  # inside the border, left of the text
        return colour.red(), colour.green(), colour.blue()

    assert middle_colour(primary) == (accent.red(), accent.green(), accent.blue())
    assert middle_colour(plain) != middle_colour(primary)
    assert delete.property("emphasis") == DESTRUCTIVE and not delete.icon().isNull()
    assert delete.accessibleName() == "Delete session"  # the words say it, not the colour


def test_about_names_the_icon_set_and_its_licence(qtbot):
    from importlib import metadata

    from app.licences import describe
    from app.ui.dialogs.about import AboutDialog

    about = AboutDialog(data_folder="/tmp/cairn")
    qtbot.addWidget(about)
    text = about.licences.toPlainText()
    assert "Material Design Icons" in text and "Apache License 2.0" in text
    # QtAwesome, which draws them, is a dependency whose own licence the listing reproduces.
    assert describe(metadata.distribution("qtawesome")).licence == "MIT"


def test_the_navigator_narrows_with_large_text_and_still_shows_each_sessions_status(
        ctx, qapp, qtbot, system, session):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    from app.ui.views.navigator import status_first

    assert status_first("Workshop\nTue 8 Dec 2026, 10:00 · Live") == (
        "Workshop\nLive · Tue 8 Dec 2026, 10:00")
    widths = {}
    for scale in (100, 200):
        apply_preferences(qapp, Preferences(text_scale=scale))
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.refit()
        tree = window.navigator
        index = window.navigator_model.index_of(session.id)
        qtbot.waitUntil(lambda tree=tree, index=index: tree.visualRect(index).width() > 0)

        def second_line_shown(tree=tree, index=index) -> str:
            option = QStyleOptionViewItem()
            tree.itemDelegate().initStyleOption(option, index)
            second = option.text.replace("\u2028", "\n").split("\n")[1]
            room = tree.visualRect(index).width()
            return tree.fontMetrics().elidedText(second, Qt.TextElideMode.ElideRight, room)

        qtbot.waitUntil(lambda: second_line_shown().startswith("Planned · "), timeout=3000)
        widths[scale] = window.dock.width()
        assert window.dock.width() <= window.width() * 0.45
        window.close()
    apply_preferences(qapp, Preferences())
    # With twice the text the navigator does not take twice the room: it narrows to its share.
    assert widths[200] < 2 * widths[100]


def test_an_empty_tag_list_says_how_to_add_one(ctx, qtbot, system):
    from app.ui.views.system.system_view import SystemView

    view = SystemView(ctx, system.id)
    qtbot.addWidget(view)
    view.show()
    tags = view.tags
    assert tags.model.rowCount() == 0 and tags.empty.isVisible()
    assert "#tag" in tags.empty.text()
    tags.new_tag.setText("digital")
    tags.add()
    assert tags.empty.isHidden()


def test_every_icon_role_draws_from_the_bundled_set(qapp):
    from app.ui.icons import NAMES, icon

    for role in NAMES:
        drawn = icon(role).pixmap(24, 24).toImage()
        assert not drawn.isNull(), role
        # Something is drawn: not every pixel is transparent.
        assert any(drawn.pixelColor(x, y).alpha() for x in range(24) for y in range(24)), role


def test_icons_are_redrawn_in_the_colours_of_a_new_theme(qapp, qtbot):
    from PySide6.QtWidgets import QWidget

    from app.models import ThemeChoice

    page = QWidget()
    qtbot.addWidget(page)
    button = action_button(page, "&Add block", icon="add")

    def darkest() -> int:
        image = button.icon().pixmap(24, 24).toImage()
        drawn = [image.pixelColor(x, y) for x in range(24) for y in range(24)
                 if image.pixelColor(x, y).alpha() > 200]
        return min(c.lightness() for c in drawn)

    on_light = darkest()
    apply_preferences(qapp, Preferences(theme=ThemeChoice.HIGH_CONTRAST))
    try:
        assert darkest() > on_light + 100  # white on black, not near-black on black
    finally:
        apply_preferences(qapp, Preferences())
