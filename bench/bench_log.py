"""`tracker log` beside jrnl adding an entry: the commonest logs, whole process, in one run.

Each command runs on a new diary (created empty at the current schema) and on a 10-year demo
diary, interleaved with jrnl and with the same log forced through the full command line (the
store's way, as every log went before the standard-library path), so the three are measured
under the same load. The ratio is of CPU time (user + system, as the shell's `time` reports
it), which a machine shared with other work disturbs far less than wall time; wall medians are
shown beside it. The daily backup is on, as for anyone: a first discarded run takes the day's copy.

    python bench/bench_log.py [--runs 7] [--jrnl PATH] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKER = [sys.executable, "-m", "tracker"]
# The same log through tracker.cli, which never takes the standard-library path.
FULL = [sys.executable, "-c", "import sys; from tracker.cli import main; sys.exit(main())"]
# `log none` first: once a twitch is logged today, the day cannot be answered "no twitches".
LOGS = {
    "log none": ["log", "none"],
    "log note": ["log", "note", "slept badly, long screen day"],
    "log caffeine 95": ["log", "caffeine", "95"],
    "log twitch": ["log", "twitch"],
}
TARGET = 1.5  # at most this many times jrnl's CPU time


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process (which must succeed, or say why)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} failed: {err.strip()[-300:]}")
    return wall, usage.ru_utime + usage.ru_stime


def jrnl_env(folder: Path) -> dict[str, str]:
    """A throwaway jrnl configuration so it never asks questions or touches the real one."""
    config_dir = folder / "config" / "jrnl"
    config_dir.mkdir(parents=True)
    (config_dir / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {folder / 'journal.txt'}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.6\n"
    )
    return {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "HOME": str(folder)}


def measure(runs: int, jrnl: str | None) -> list[tuple[str, str, float, float, float, float, float, float]]:
    """(diary, log, quick wall, quick CPU, full wall, full CPU, jrnl wall, jrnl CPU) medians."""
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-log-"))
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_BACKUPS", "TRACKER_DB")}
    try:
        diaries = {"new": work / "new.db", "10 years": work / "10y.db"}
        subprocess.run([*TRACKER, "--db", str(diaries["new"]), "db", "upgrade"], check=True, capture_output=True)
        subprocess.run(
            [*TRACKER, "--db", str(diaries["10 years"]), "demo", "--days", "3650", "--seed", "7"],
            check=True,
            capture_output=True,
        )
        jenv = jrnl_env(work / "jrnl") if jrnl else env
        if jrnl:
            subprocess.run([jrnl, "first entry"], env=jenv, check=True, capture_output=True)
        found = []
        for diary, path in diaries.items():
            for name, argv in LOGS.items():
                quick_argv, full_argv = [*TRACKER, "--db", str(path), *argv], [*FULL, "--db", str(path), *argv]
                run(quick_argv, env)  # the day's backup, and warm caches
                samples: dict[str, list[tuple[float, float]]] = {"quick": [], "full": [], "jrnl": []}
                for _ in range(runs):
                    samples["quick"].append(run(quick_argv, env))
                    samples["full"].append(run(full_argv, env))
                    if jrnl:
                        samples["jrnl"].append(run([jrnl, "lower lip twitch, intensity 2"], jenv))
                medians = [
                    statistics.median(s[i] for s in samples[way]) if samples[way] else float("nan")
                    for way in ("quick", "full", "jrnl")
                    for i in (0, 1)
                ]
                found.append((diary, name, *medians))
        return found  # type: ignore[return-value]  # eight fields, as the signature says
    finally:
        shutil.rmtree(work, ignore_errors=True)


def markdown(found: list[tuple[str, str, float, float, float, float, float, float]], runs: int, jrnl: bool) -> str:
    lines = [
        f"Medians of {runs} interleaved runs, whole process; ratios of CPU time (user + system) to jrnl"
        " adding an entry in the same run" + ("" if jrnl else " (jrnl not installed: no ratio)") + ".",
        "",
        "| diary | command | CPU | ratio to jrnl (CPU) | target | wall | ratio to jrnl (wall) |"
        " full command line, CPU | its ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for diary, name, q_wall, q_cpu, _f_wall, f_cpu, j_wall, j_cpu in found:
        ratio = q_cpu / j_cpu if jrnl else float("nan")
        verdict = "met" if ratio <= TARGET else "over"
        lines.append(
            f"| {diary} | `tracker {name}` | {q_cpu * 1000:.0f} ms | {ratio:.2f}× | ≤ {TARGET}× ({verdict}) |"
            f" {q_wall * 1000:.0f} ms | {q_wall / j_wall:.2f}× | {f_cpu * 1000:.0f} ms | {f_cpu / j_cpu:.2f}× |"
        )
    if jrnl:
        j_cpu = statistics.median(row[7] for row in found)
        j_wall = statistics.median(row[6] for row in found)
        peer = f"{j_cpu * 1000:.0f} ms | 1.00× | | {j_wall * 1000:.0f} ms | 1.00×"
        lines.append(f'| | `jrnl "..."` (peer) | {peer} | | |')
    return "\n".join(lines)


def main() -> int:
    # An installed tracker runs from compiled bytecode (pip writes it): measured without it, every
    # launch would compile tracker's modules from source, which no one who installed it pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--jrnl", default=shutil.which("jrnl"))
    parser.add_argument("--markdown", action="store_true", help="print only the table")
    opts = parser.parse_args()
    found = measure(opts.runs, opts.jrnl)
    print(markdown(found, opts.runs, bool(opts.jrnl)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
