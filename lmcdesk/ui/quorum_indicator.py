"""A live quorum indicator, computed by ``lmcdesk.domain.quorum`` only."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from lmcdesk.domain import quorum


class QuorumIndicator(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Quorum")
        self.setMinimumHeight(28)

    def show_for(self, meeting, directory, item=None) -> bool:
        if item is not None:
            q = quorum.item_quorum(meeting, item, directory)
            present, required, ok = len(q.counted), q.required, q.quorate
            extra = f", {len(q.excluded)} excluded by conflicts" if q.excluded else ""
            text = f"Item {item.position}: {present} voting counted{extra}; {required} required"
        else:
            present, required = quorum.meeting_quorum(meeting, directory)
            ok = present >= required
            text = f"{present} voting members present; {required} required"
        verdict = "Quorate" if ok else "NOT quorate"
        colour = "#1b5e20" if ok else "#b00020"
        self.setText(f"{verdict} — {text}")
        self.setStyleSheet(
            f"background:{colour}; color:white; font-weight:600; padding:4px 10px; border-radius:6px;"
        )
        self.setAccessibleDescription(self.text())
        return ok
