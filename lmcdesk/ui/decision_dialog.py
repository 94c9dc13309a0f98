"""Record a decision at an item, with the counted votes."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QSpinBox

from lmcdesk.domain.enums import DecisionOutcome
from lmcdesk.domain.model import Decision, new_id
from lmcdesk.vocabulary import choices


class DecisionDialog(QDialog):
    def __init__(self, directory, parent=None, award_bodies=()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decision")
        self.setAccessibleName("Decision")
        self.resolution = QPlainTextEdit(self)
        self.resolution.setAccessibleName("Resolution")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setFixedHeight(90)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("Outcome")
        for text, value in choices(DecisionOutcome):
            self.outcome.addItem(text, value)
        self.consensus = QCheckBox("By consensus (no vote)", self)
        self.consensus.setAccessibleName("By consensus")
        self.votes_for = QSpinBox(self)
        self.votes_for.setAccessibleName("Votes for")
        self.votes_against = QSpinBox(self)
        self.votes_against.setAccessibleName("Votes against")
        self.abstentions = QSpinBox(self)
        self.abstentions.setAccessibleName("Abstentions")
        self.award = QComboBox(self)
        self.award.setAccessibleName("Contract awarded to")
        self.award.addItem("—")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for body_id in award_bodies:
            self.award.addItem(directory.body_name(body_id), body_id)
        form = QFormLayout(self)
        form.addRow("&Resolution", self.resolution)
        form.addRow("&Outcome", self.outcome)
        form.addRow(self.consensus)
        form.addRow("&For", self.votes_for)
        form.addRow("&Against", self.votes_against)
        form.addRow("A&bstentions", self.abstentions)
        if award_bodies:
            form.addRow("A&warded to", self.award)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.consensus.toggled.connect(self._consensus)

    def _consensus(self, on: bool) -> None:
        for w in (self.votes_for, self.votes_against, self.abstentions):
            w.setEnabled(not on)

    def decision(self, participants=()) -> Decision:
        by_consensus = self.consensus.isChecked()
        return Decision(
            id=new_id(),
            resolution=self.resolution.toPlainText().strip(),
            outcome=DecisionOutcome(self.outcome.currentData()),
            votes_for=None if by_consensus else self.votes_for.value(),
            votes_against=None if by_consensus else self.votes_against.value(),
            abstentions=None if by_consensus else self.abstentions.value(),
            participants=list(participants),
            award_to_id=self.award.currentData(),
            by_consensus=by_consensus,
        )
