"""Business kind as a coloured badge, the same everywhere it appears.

Words and colour come from :mod:`lmcdesk.vocabulary`, as they do for the
label beside each item in the PDF and Word minutes.  Colours are paired with
the words (never colour alone) and keep white text above 4.5:1 contrast.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from lmcdesk import vocabulary
from lmcdesk.domain.enums import BusinessKind

from .models.base import KIND_ROLE


def kind_label(kind) -> str:
    return vocabulary.words(BusinessKind(kind))


def _colour(kind) -> str:
    return vocabulary.colour(BusinessKind(kind)) or "#4d4d4d"


def kind_colour(kind) -> QColor:
    return QColor(_colour(kind))


def badge_stylesheet(kind) -> str:
    return (
        f"background:{_colour(kind)}; color:white; border-radius:7px;"
        " padding:1px 8px; font-weight:600;"
    )


class KindBadge(QLabel):
    """A badge as a widget (editor headers, the minute-taking page)."""

    def __init__(self, kind=BusinessKind.UNCLASSIFIED, parent=None) -> None:
        super().__init__(parent)
        self.set_kind(kind)

    def set_kind(self, kind) -> None:
        self.setText(kind_label(kind))
        self.setStyleSheet(badge_stylesheet(kind))
        self.setAccessibleName(f"Business kind: {kind_label(kind)}")


class KindBadgeDelegate(QStyledItemDelegate):
    """Paints ``KIND_ROLE`` as a rounded, coloured pill with its label."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        kind = index.data(KIND_ROLE)
        if kind is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text = kind_label(kind)
        fm = QFontMetrics(option.font)
        w = fm.horizontalAdvance(text) + 16
        h = fm.height() + 4
        r = option.rect
        rect = QRectF(r.x() + 4, r.y() + (r.height() - h) / 2, min(w, r.width() - 8), h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(kind_colour(kind))
        painter.drawRoundedRect(rect, h / 2, h / 2)
        painter.setPen(QColor("white"))
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        kind = index.data(KIND_ROLE)
        if kind is not None:
            fm = QFontMetrics(option.font)
            size.setWidth(max(size.width(), fm.horizontalAdvance(kind_label(kind)) + 28))
            size.setHeight(max(size.height(), fm.height() + 8))
        return size
