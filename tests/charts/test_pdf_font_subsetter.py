"""A report loads no font subsetter it never runs, and still embeds fonts whole when asked to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# fontTools' subsetter and what importing it pulls in: nothing a Type 3 PDF needs
SUBSETTER_STACK = ["fontTools.subset.cff", "fontTools.varLib", "xml.etree.ElementTree"]


def _demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), "demo", "--days", "30", "--seed", "3"],
        check=True,
        capture_output=True,
    )
    return db


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"}
    )


def test_report_pdf_leaves_the_subsetter_unloaded(tmp_path: Path) -> None:
    db, pdf = _demo(tmp_path), tmp_path / "visit.pdf"
    code = (
        "import json, sys\nfrom tracker.cli import main\n"
        f"code = main(['--db', {str(db)!r}, 'report', '-o', {str(pdf)!r}])\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.__stderr__)"
    )
    result = _run(code)
    code_returned, loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert code_returned == 0 and pdf.read_bytes().startswith(b"%PDF")
    assert not [name for name in SUBSETTER_STACK if name in loaded]


@pytest.mark.parametrize("fonttype", [3, 42])
def test_report_pdf_in_either_font_embedding(tmp_path: Path, fonttype: int) -> None:
    """Someone whose matplotlibrc asks for TrueType embedding gets the subsetter when it runs."""
    db, pdf = _demo(tmp_path), tmp_path / "report.pdf"
    code = (
        f"import matplotlib\nmatplotlib.rcParams['pdf.fonttype'] = {fonttype}\n"
        "from tracker.cli import main\n"
        f"raise SystemExit(main(['--db', {str(db)!r}, 'report', '-o', {str(pdf)!r}]))"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF")
    # Type 42 embeds the font program (FontFile2); Type 3 draws each glyph itself.
    assert (b"/FontFile2" in body) == (fonttype == 42)
