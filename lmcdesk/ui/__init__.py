"""The desktop app's widgets and Qt models (the only package that imports PySide6).

Importing it applies :mod:`lmcdesk.ui.qtfix` (a PySide6 6.12 / Python 3.11
reference-count workaround) before any widget exists.
"""

from lmcdesk.ui import qtfix as _qtfix

_qtfix.apply()
