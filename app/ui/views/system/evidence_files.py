"""What the Evidence tab does with files: a file attached to a piece of evidence (copied into
the store off the window's thread, opened from a copy under its own name, removed), and
references imported from a RIS file (read off the window's thread, previewed, imported in one
undo step; a refused file says why in one sentence and changes nothing).

`EvidenceFileWork` is mixed into `EvidenceTab`, which gives it the context, the selection and
the signals named below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QUrl, SignalInstance
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.models import Changes, Evidence
from app.services.sensemaking import attachments, ris
from app.services.sensemaking import evidence as evidence_service
from app.ui.commands import ServiceCommand, push_creates, push_edit
from app.ui.context import AppContext
from app.ui.views.system.evidence_dialogs import RisPreviewDialog

RIS_FILTER = "RIS references (*.ris *.txt);;All files (*)"


class EvidenceFileWork:
    """Attaching, opening and removing files, and importing references, for the tab."""

    ctx: AppContext
    system_id: str
    imported: SignalInstance  # an import ended: how many were added (0: none)
    attached: SignalInstance  # a file was attached: the evidence's id ("" when refused)
    open_url: Callable[[QUrl], bool]

    # And from the tab: selected() -> Evidence | None, and select(evidence_id).
    selected: Callable[[], Evidence | None]
    select: Callable[[str], None]

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def attach(self, path: Path | None = None) -> None:
        """Copy a file into the store (off the window's thread) and attach it, one undo step."""
        record = self.selected()
        if record is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self._widget(),
                                                    "Attach a file to the evidence")
            if not chosen:
                return
            path = Path(chosen)
        ctx, store, evidence_id, source = self.ctx, self.ctx.store, record.id, path
        old = {"file_name": record.file_name, "file_sha256": record.file_sha256}
        tab = self._widget()

        def done(outcome: tuple[Evidence, Changes]) -> None:
            new = {"file_name": outcome[0].file_name, "file_sha256": outcome[0].file_sha256}
            ctx.undo_stack.push(ServiceCommand(
                ctx, f"Attach {source.name}",
                lambda: evidence_service.update_evidence(store, evidence_id, **new)[1],
                lambda: evidence_service.update_evidence(store, evidence_id, **old)[1]))
            ctx.bus.status.emit(f"Attached {source.name}; a copy is kept with Cairn's data.")
            if shiboken6.isValid(tab):
                tab.attached.emit(evidence_id)

        def refused(error: BaseException) -> None:
            ctx.tasks.handle_error(error, tab if shiboken6.isValid(tab) else None)
            if shiboken6.isValid(tab):
                tab.attached.emit("")

        ctx.tasks.run(lambda _progress: attachments.attach_file(store, evidence_id, source),
                      done, refused, label=f"Attaching {source.name}")

    def file_to_open(self) -> Path | None:
        """A copy of the selected evidence's file under its own name; None (said) if gone."""
        record, store = self.selected(), self.ctx.store
        if record is None:
            return None
        return self.ctx.attempt(self._widget(), lambda: attachments.copy_to_open(store, record.id))

    def open_file(self) -> bool:
        path = self.file_to_open()
        return path is not None and self.open_url(QUrl.fromLocalFile(str(path)))

    def detach(self) -> bool:
        record = self.selected()
        if record is None or not record.file_sha256:
            return False
        store, old = self.ctx.store, {"file_name": record.file_name,
                                      "file_sha256": record.file_sha256}
        done = push_edit(self.ctx, self._widget(), f"Remove {record.file_name}",
                         lambda: attachments.detach_file(store, record.id),
                         lambda: evidence_service.update_evidence(store, record.id, **old))
        if done is not None:
            self.ctx.bus.status.emit(f"Removed {record.file_name} from the evidence. Undo puts "
                                     "it back.")
        return done is not None

    # --- importing references ------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """Read a RIS file off the window's thread, preview it, and import what is new."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self._widget(), "Import references", "",
                                                    RIS_FILTER)
            if not chosen:
                return
            path = Path(chosen)
        source, tab = path, self._widget()

        def refused(error: BaseException) -> None:
            self.ctx.tasks.handle_error(error, tab if shiboken6.isValid(tab) else None)
            if shiboken6.isValid(tab):
                tab.imported.emit(0)

        self.ctx.tasks.run(lambda _progress: ris.read_ris(source),
                           lambda references: self._review(source, references), refused,
                           label=f"Reading {source.name}", owner=tab)

    def _review(self, path: Path, references: tuple[ris.Reference, ...]) -> None:
        store, system_id = self.ctx.store, self.system_id
        plan = self.ctx.attempt(self._widget(), lambda: evidence_service.preview_import(
            store, system_id, references))
        if plan is None or RisPreviewDialog(path.name, plan, self._widget()).exec() \
                != QDialog.DialogCode.Accepted:
            self.imported.emit(0)
            return
        outcome: list[Any] = []

        def do() -> tuple[list[Evidence], Changes]:
            added, done, changes = evidence_service.import_references(store, system_id,
                                                                      references)
            outcome.append(done)
            return added, changes

        added = push_creates(self.ctx, self._widget(), f"Import references from {path.name}", do,
                             lambda ids: evidence_service.delete_many(store, ids))
        if added is None:
            self.imported.emit(0)
            return
        left = len(outcome[0].already_there) if outcome else 0
        text = f"Imported {len(added)} reference{'s' * (len(added) != 1)} from {path.name}"
        self.ctx.bus.status.emit(text + (f"; left out {left} already there." if left else "."))
        if added:
            self.select(added[0].id)
        self.imported.emit(len(added))
