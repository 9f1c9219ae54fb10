"""The benchmark suite behind `make bench`: whole commands on 90-day and 10-year demo databases.

Every figure is a median of several runs measured side by side in this one run, and every
comparison is a ratio. Prints a table and writes bench/RESULTS.md. Not a test: nothing
here fails on a time.

    python bench/run_all.py [--runs 5] [--jrnl PATH-TO-JRNL] [--skip-tui]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKER = [sys.executable, "-m", "tracker"]
TEN_YEAR_TARGETS = {"analyze": "≤ 1.5×", "report": "≤ 1.5×, and ≤ 3 s"}


def timed(argv: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident KB of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} failed: {err.strip()[-300:]}")
    return elapsed, usage.ru_maxrss


def median_of(runs: int, argv: list[str], **kwargs: object) -> tuple[float, int]:
    samples = [timed(argv, **kwargs) for _ in range(runs)]  # type: ignore[arg-type]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def make_demo(path: Path, days: int) -> None:
    subprocess.run(
        [*TRACKER, "--db", str(path), "demo", "--days", str(days), "--seed", "7"], check=True, stdout=subprocess.DEVNULL
    )


def main() -> int:
    # An installed tracker runs from compiled bytecode (pip writes it): measured without it, every
    # launch would compile tracker's modules from source, which no one who installed it pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jrnl", default=shutil.which("jrnl"), help="jrnl executable for the peer comparison")
    parser.add_argument("--skip-tui", action="store_true")
    opts = parser.parse_args()
    runs = max(5, opts.runs)
    rows: list[tuple[str, str, str, str]] = []  # what, figure, ratio, memory
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        short, long = work / "90d.db", work / "10y.db"
        make_demo(short, 90)
        make_demo(long, 3650)
        env = {**os.environ, "MPLBACKEND": "Agg"}

        bare, _ = median_of(runs, [sys.executable, "-c", "pass"])
        helptime, help_rss = median_of(runs, [*TRACKER, "--help"])
        rows.append(
            (
                "`tracker --help` (whole process)",
                f"{helptime * 1000:.0f} ms",
                f"{helptime / bare:.1f}× bare `python -c pass`",
                f"{help_rss / 1024:.0f} MB",
            )
        )
        log_table = section(HERE / "bench_log.py", runs, *(["--jrnl", opts.jrnl] if opts.jrnl else []))

        ten_years: dict[str, float] = {}
        for name, argv in (
            ("analyze", ["analyze", "--json"]),
            ("chart", ["chart", "-o", str(work / "c.png")]),
            ("report", ["report", "-o", str(work / "r.pdf")]),
            ("export csv", ["export", "csv", "-o", str(work / "d.csv")]),
        ):
            t90, rss90 = median_of(runs, [*TRACKER, "--db", str(short), *argv], env=env)
            t10, rss10 = median_of(runs, [*TRACKER, "--db", str(long), *argv], env=env)
            ten_years[name] = t10
            target = TEN_YEAR_TARGETS.get(name, "")
            rows.append((f"`tracker {name}` 90 days", f"{t90:.2f} s", "", f"{rss90 / 1024:.0f} MB"))
            rows.append(
                (
                    f"`tracker {name}` 10 years",
                    f"{t10:.2f} s",
                    f"{t10 / t90:.2f}× 90 days" + (f" (target {target})" if target else ""),
                    f"{rss10 / 1024:.0f} MB",
                )
            )
        # Dates far outside the diary are brought to its span, so they cost what the diary costs.
        for name, argv in (
            ("analyze --as-of 9999-12-31", ["analyze", "--json", "--as-of", "9999-12-31"]),
            ("export csv --from 0001-01-01", ["export", "csv", "--from", "0001-01-01", "-o", str(work / "d.csv")]),
        ):
            far, far_rss = median_of(runs, [*TRACKER, "--db", str(long), *argv], env=env)
            plain = ten_years[name.split(" --")[0]]
            rows.append(
                (
                    f"`tracker {name}` 10 years",
                    f"{far:.2f} s",
                    f"{far / plain:.2f}× without it",
                    f"{far_rss / 1024:.0f} MB",
                )
            )
        from bench_synthetic import median_seconds  # beside this script

        s90, s10 = median_seconds(90, runs), median_seconds(3650, runs)
        rows.append(("synthetic diary, 90 days (in process)", f"{s90 * 1000:.0f} ms", "", ""))
        rows.append(("synthetic diary, 10 years (in process)", f"{s10 * 1000:.0f} ms", f"{s10 / s90:.1f}× 90 days", ""))

        tui_table = "TUI bench skipped." if opts.skip_tui else section(HERE / "bench_tui.py", runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        "# Benchmark results",
        "",
        f"Run on {dt.date.today().isoformat()}, {os.cpu_count()} cores, {_memory_gb():.0f} GB memory, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}. "
        f"Medians of {runs} runs; peak resident memory is the largest seen. Ratios are from this one run.",
        "",
        "| what | median | ratio | peak memory |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        "## `tracker log` beside jrnl",
        "",
        log_table,
        "",
        "## TUI",
        "",
        tui_table,
        "",
    ]
    text = "\n".join(lines)
    print(text)
    results = HERE / "RESULTS.md"
    (results).write_text(text + kept_sections(results.read_text() if results.exists() else "", text))
    return 0


def section(script: Path, runs: int, *extra: str) -> str:
    """The markdown table another bench script prints, or why there is none."""
    result = subprocess.run(
        [sys.executable, str(script), "--runs", str(runs), "--markdown", *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else f"{script.name} failed: {result.stderr.strip()[-400:]}"


def kept_sections(old: str, new: str) -> str:
    """The sections of the old results written by hand (from another script's run): kept as they were."""
    parts = old.split("\n## ")[1:]
    kept = [part for part in parts if f"## {part.splitlines()[0]}" not in new]
    return "".join(f"\n## {part.rstrip()}\n" for part in kept)


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return float("nan")


if __name__ == "__main__":
    sys.exit(main())
