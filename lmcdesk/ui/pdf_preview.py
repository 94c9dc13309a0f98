"""The minutes as they will print, inside the app (QtPdf)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class PdfPreview(QDialog):
    export_requested = Signal(str)

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Minutes preview")
        self.setAccessibleName("Minutes preview")
        self.resize(820, 900)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setAccessibleName("Minutes pages")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(f"{self.document.pageCount()} page{'s' if self.document.pageCount() != 1 else ''}", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages)
        buttons.addStretch(1)
        for kind, text in (("public", "Export &public PDF…"), ("confidential", "Export &confidential PDF…"),
                           ("docx", "Export &Word…")):
            b = QPushButton(text, self)
            b.setAccessibleName(text.replace("&", "").rstrip("…"))
            b.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
            buttons.addWidget(b)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
