"""The probity panel (a dock, visible while a meeting is open): the engine's
findings for the working meeting, refreshed as the secretary types, and before
the meeting the likely conflicts from the register.  Clicking a finding shows
the item and person it names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from lmcdesk.domain.enums import Severity
from lmcdesk.ui.models.base import ROW_ROLE
from lmcdesk.ui.models.findings import CONFLICT, FindingRow, FindingsModel
from lmcdesk.vocabulary import colour


class ProbityPanel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.editor = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Probity summary")
        self.model = FindingsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("findingsTable")
        self.table.setAccessibleName("Probity findings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FindingsModel.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rules_link = QLabel("<a href='rules'>What each rule requires, and its source…</a>", self)
        self.rules_link.setAccessibleName("Open the probity rules")
        self.rules_link.setToolTip("Opens the rule of the selected finding (Help > Probity rules, F1)")
        self.rules_link.linkActivated.connect(lambda _link: self.show_rule())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rules_link)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)

    def set_editor(self, editor) -> None:
        if self.editor is editor:
            return
        if self.editor is not None:
            try:
                self.editor.findings_changed.disconnect(self.show_findings)
            except (RuntimeError, TypeError):
                pass
        self.editor = editor
        if editor is not None:
            editor.findings_changed.connect(self.show_findings)
            self.show_findings(editor.findings, editor.conflicts)
        else:
            self.model.set_rows([])
            self.summary.setText("")

    def show_findings(self, findings: list, conflicts: list) -> None:
        editor = self.editor
        if editor is None:
            return
        m, d = editor.meeting, editor.directory
        positions = {i.id: i.position for i in m.items}

        def where(item_ids) -> str:
            numbers = sorted(positions[i] for i in item_ids if i in positions)
            return ", ".join(f"Item {n}" for n in numbers)

        rows = []
        for n, f in enumerate(sorted(findings, key=lambda f: (not f.is_error,
                                                               min((positions.get(i, 999) for i in f.item_ids), default=0)))):
            rows.append(FindingRow(f"f{n}", str(f.severity), f.rule_id, f.message, tuple(f.item_ids),
                                   tuple(f.person_ids), where(f.item_ids)))
        started = any(i.started_at or i.discussion for i in m.items)
        if not started or not findings:
            for n, c in enumerate(conflicts):
                rows.append(FindingRow(f"c{n}", CONFLICT, "register",
                                       f"{d.person_name(c.person_id)}: {c.reason}", (c.item_id,), (c.person_id,),
                                       where((c.item_id,))))
        self.model.set_rows(rows)
        errors = sum(1 for f in findings if f.is_error)
        warnings = len(findings) - errors
        if m.is_approved:
            version = max((v.version for v in m.versions), default=1)
            text = (f"<b style='color:#1b5e20'>Approved</b> (version {version}): the minutes are frozen and "
                    "signed; to change them, Meeting &gt; Correct approved minutes…")
        elif errors:
            text = f"<b style='color:{colour(Severity.ERROR)}'>{errors} error{'s' if errors != 1 else ''}</b> must be put right before approval"
        else:
            text = "<b style='color:#1b5e20'>No errors</b>: the minutes can be approved"
        text += f"; {warnings} warning{'s' if warnings != 1 else ''}"
        if conflicts:
            text += f"; {len(conflicts)} likely conflict{'s' if len(conflicts) != 1 else ''} from the register"
        self.summary.setText(text + ".")
        self.table.resizeRowsToContents()

    def show_rule(self) -> None:
        """The rules dialog, at the selected finding's rule."""
        from lmcdesk.ui.rules_dialog import RulesDialog

        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        row = rows[0].data(ROW_ROLE) if rows else None
        self.rules_dialog = RulesDialog(self.window(), row.rule_id if row is not None else "")
        self.rules_dialog.show()

    def _activated(self, index) -> None:
        row: FindingRow = index.data(ROW_ROLE)
        if row is None or self.editor is None:
            return
        self.editor.focus_on(row.item_ids[0] if row.item_ids else "", row.person_ids[0] if row.person_ids else "")


class ProbityDock(QDockWidget):
    def __init__(self, parent=None) -> None:
        super().__init__("Probity checks", parent)
        self.setObjectName("probityDock")
        self.setAccessibleName("Probity checks")
        self.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.panel = ProbityPanel(self)
        self.setWidget(self.panel)
        self.setMinimumWidth(300)

    def set_editor(self, editor) -> None:
        self.panel.set_editor(editor)
