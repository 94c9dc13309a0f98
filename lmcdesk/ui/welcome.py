"""First start: what LMC Desk is, and two big ways in.

No file-path question before the user has seen anything: "Start a new record"
uses the per-user data folder; choosing a file is the third, smaller option.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    try_example = Signal()
    start_new = Signal()
    open_existing = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(720)
        card.setStyleSheet(
            "#welcomeCard { background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }"
        )
        box = QVBoxLayout(card)
        box.setContentsMargins(32, 28, 32, 28)
        box.setSpacing(14)
        title = QLabel("Welcome to LMC Desk", card)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        intro = QLabel(
            "Agendas, attendance, live minutes and the register of interests for LMC and GP "
            "federation meetings, with the conflict-of-interest checks done for you as you type. "
            "Everything stays on this computer and works offline.",
            card,
        )
        intro.setWordWrap(True)
        box.addWidget(intro)

        buttons = QHBoxLayout()
        self.example_button = QPushButton("Try with example data", card)
        self.example_button.setAccessibleName("Try with example data")
        self.example_button.setAccessibleDescription(
            "Opens a fictional county, Loamshire, with ten years of meetings to explore"
        )
        self.example_button.setDefault(True)
        self.example_button.setMinimumHeight(44)
        self.new_button = QPushButton("Start a new record", card)
        self.new_button.setAccessibleName("Start a new record")
        self.new_button.setAccessibleDescription("Creates an empty record in your own LMC Desk data folder")
        self.new_button.setMinimumHeight(44)
        buttons.addWidget(self.example_button)
        buttons.addWidget(self.new_button)
        box.addLayout(buttons)
        hint = QLabel(
            "The example is kept apart from your own record, so you can try anything with it.", card
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        box.addWidget(hint)
        self.open_button = QPushButton("Open a record file…", card)
        self.open_button.setFlat(True)
        self.open_button.setAccessibleName("Open a record file")
        box.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.example_button.clicked.connect(self.try_example)
        self.new_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_existing)
        self.setTabOrder(self.example_button, self.new_button)
        self.setTabOrder(self.new_button, self.open_button)


class OpeningPage(QWidget):
    """Shown while a record opens (migrations may run) in the background."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.label = QLabel("Opening your record…", self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName("Opening your record")
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
