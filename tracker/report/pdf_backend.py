"""matplotlib's PDF backend, without paying for a font subsetter the report never runs.

matplotlib's PDF backend imports fontTools' subsetter when it loads (with fontTools' variable-font
and XML machinery: about 0.2 s of CPU, a twentieth of a report). Only TrueType (Type 42) embedding
calls it; the report and the charts embed their text as Type 3 fonts (tracker.report.pdf says why),
which matplotlib builds itself. So the subsetter is registered as a lazy module (the standard
library's importlib.util.LazyLoader): the name is there for the backend's import, and the module
runs only if something reads from it (a matplotlibrc asking for Type 42 fonts still gets it whole).
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages

DEFERRED = "fontTools.subset"


def pdf_pages() -> type[PdfPages]:
    """matplotlib's PdfPages class, its module imported with fontTools' subsetter left lazy."""
    defer_subsetter()
    from matplotlib.backends.backend_pdf import PdfPages  # deferred: ~150 ms with matplotlib

    return PdfPages


def defer_subsetter() -> None:
    """Register fontTools' subsetter as a lazy module, unless it is imported already (or absent)."""
    if DEFERRED in sys.modules:
        return
    spec = importlib.util.find_spec(DEFERRED)
    if spec is None or spec.loader is None:
        return  # matplotlib's own import then says what is missing
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[DEFERRED] = module
    loader.exec_module(module)
    # `import fontTools.subset` then finds it as an attribute of its package, as after a real import.
    parent, _, name = DEFERRED.rpartition(".")
    setattr(sys.modules[parent], name, module)
