"""Handout pages as images: the live preview and printing.

Why PDFium (pypdfium2) and not QtPdf: QtPdf is not in PySide6-Essentials and needs an
extra wheel; pypdfium2 renders the very PDF we save, is already used by the PDF tests, and
its rendering into a ``QImage`` may run on a worker thread (QImage, unlike QPixmap, is
thread-safe), so the GUI thread only paints.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

POINTS_PER_INCH = 72.0


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of ``pdf`` as an RGB image at ``dpi`` (safe off the GUI thread)."""
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888).copy()  # own the pixels
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
            page.close()
    finally:
        document.close()
    return images


def print_pages(images: list[QImage], printer: QPrinter) -> None:
    """Paint page images onto ``printer``, each scaled to the printable page, centred."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be started")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - size.width()) / 2
            y = area.y() + (area.height() - size.height()) / 2
            painter.drawImage(QRectF(x, y, size.width(), size.height()), image)
    finally:
        painter.end()


class PagePreview(QScrollArea):
    """The handout's pages one below the other, scaled to the preview's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutPreview")
        self.setWidgetResizable(True)
        self.setAccessibleName("Vorschau des Handzettels")
        self._pages = QWidget()
        self._layout = QVBoxLayout(self._pages)
        self._layout.setSpacing(12)
        self._layout.addStretch(1)
        self.setWidget(self._pages)
        self._images: list[QImage] = []

    @property
    def page_count(self) -> int:
        return len(self._images)

    def show_pages(self, images: list[QImage]) -> None:
        self._images = images
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        width = max(200, self.viewport().width() - 24)
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                width, Qt.TransformationMode.SmoothTransformation))
            label.setAccessibleName(f"Seite {number}")
            label.setStyleSheet("background: white; border: 1px solid #b8c2c8;")
            self._layout.insertWidget(self._layout.count() - 1, label)
