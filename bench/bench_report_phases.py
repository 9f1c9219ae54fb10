"""Where a `tracker report` spends its CPU time, phase by phase, on 90-day and 10-year demo
diaries, against an earlier checkout of the source.

    python bench/bench_report_phases.py [--runs 5] [--baseline-src DIR]

Each run is a fresh process that times, in CPU time (user + system): the imports a report
needs (the database stack, pandas, matplotlib's figure and PDF machinery, the analysis);
reading the diary (`load_history`); gathering what the report shows (`report_content`: the
analysis, chart marks, site picture, frames); building the pages (`report_pages`); and writing
the PDF. Whole-process timings on a shared two-core machine move by more than a change to one
phase; a phase measured inside its own process does not carry the others' noise. Runs are
interleaved (sizes, then versions). DIR is another checkout of tracker, run with this
environment's libraries.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench_analysis_phases import SIZES, interleaved  # the same diaries, run the same way

HERE = Path(__file__).resolve().parent
PHASES = ("imports", "reading", "gathering", "pages", "writing", "total")
PROBE = """
import datetime as dt, io, resource, sys
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
began = cpu()
from pathlib import Path
from tracker.storage.engine import open_read_only, session_scope
from tracker.storage.history import load_history
from tracker.report import outputs
from tracker.report.pdf import report_pages
from tracker.report.pdf_backend import pdf_pages
from tracker.report.glyphs import drawable
from tracker.analysis import results
PdfPages = pdf_pages()
times = [cpu() - began]
started = cpu()
engine = open_read_only(Path(sys.argv[1]))
with session_scope(engine, write=False) as session:
    history = load_history(session=session, from_tracking_start=True)
times.append(cpu() - started); started = cpu()
content = outputs.report_content(history, today=history.end)
times.append(cpu() - started); started = cpu()
pages = report_pages(**content)
times.append(cpu() - started); started = cpu()
with PdfPages(io.BytesIO()) as pdf:
    for page in pages:
        drawable(page)
        pdf.savefig(page)
times.append(cpu() - started)
times.append(cpu() - began)
print(*times)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-src", type=Path)
    opts = parser.parse_args()
    versions = {"this checkout": str(HERE.parent)}
    if opts.baseline_src:
        versions["baseline"] = str(opts.baseline_src.resolve())
    samples, loads = interleaved(PROBE, versions, opts.runs, {"MPLBACKEND": "Agg"})
    print(f"CPU time, medians of {opts.runs} interleaved runs; load average {min(loads):.1f}–{max(loads):.1f}.\n")
    print("| version | diary | " + " | ".join(PHASES) + " |")
    print("|---|---|" + "---|" * len(PHASES))
    for name in versions:
        for days in SIZES:
            runs = samples[(name, days)]
            figures = [f"{statistics.median(run[i] for run in runs) * 1000:.0f} ms" for i in range(len(PHASES))]
            print(f"| {name} | {days} days | " + " | ".join(figures) + " |")


if __name__ == "__main__":
    main()
