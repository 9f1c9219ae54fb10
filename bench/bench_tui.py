"""How the TUI feels, measured in a real pseudo-terminal beside a minimal Textual app.

Each figure is the median of several launches in this one run, so the ratios to the
minimal app (bench/minimal_app.py) are comparable across machines; seconds are not.

    python bench/bench_tui.py [--runs 5] [--markdown]

Measured: time to the first screen and to today's twitches on screen at 80x24, 100x30 and
120x40, started as the installed `tracker` command and as `python -m tracker`, on a new diary
(one twitch) and a ten-year one; switching to History and back with ten years; and resident
memory, at the first screen and after visiting every screen (History, Factors, Insights, Trends)
of the ten-year diary. Beside each wall time to a screen, the CPU time (user + system) the app's
process had used when it was drawn: on a shared machine, wall times stretch with other work.

Switching is timed twice: with plain keys (h there, t back), and coming back with Esc. A lone
Esc byte could be the start of an escape sequence, so Textual waits ESCDELAY (100 ms) before
it believes it, in any app; the Esc figures carry that wait.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
SIZES = ((24, 80), (30, 100), (40, 120))  # rows, columns
SIZE = SIZES[1]  # where switching and memory are measured
MARKER = "59 min 59 s"  # today's twitch's duration (the demo never lasts so long)
MARKER_SECONDS = 3599
TODAY_MARKER = "Persistence:"  # drawn on the Today screen only (once its day has loaded)
HISTORY_MARKER = "tracked. Enter opens a day"  # the History screen's summary line
FACTORS_MARKER = "Presets"  # the Factors screen's second section
INSIGHTS_MARKER = "How long it has lasted"  # drawn once the analysis is back
TRENDS_MARKER = "days answered"  # drawn once the weeks are added up
TIMEOUT = 60
# (figure, the minimal app's figure it is a ratio to): wall time, then the CPU time the process had used
PAIRS = (("first", "first"), ("episodes", "first"), ("first_cpu", "first_cpu"), ("episodes_cpu", "first_cpu"))


def make_database(path: Path, days: int) -> None:
    """A demo history of `days` days (none: a new diary) plus one twitch now whose note we can wait for."""
    if days:
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(path), "demo", "--days", str(days)], check=True,
                       capture_output=True)  # fmt: skip
    sys.path.insert(0, str(HERE.parent))
    from tracker.core.when import local_now
    from tracker.storage import store
    from tracker.storage.engine import open_database, session_scope
    from tracker.storage.models import EpisodeCreate, Location, Side

    engine = open_database(path)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(
            started_at=local_now(), location=Location.LOWER_LIP, side=Side.LEFT, intensity=2, duration_s=MARKER_SECONDS
        )
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()


def spawn(argv: list[str], size: tuple[int, int] = SIZE) -> tuple[pexpect.spawn, float]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(size[1]), LINES=str(size[0]))
    env.pop("TEXTUAL", None)
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], dimensions=size, env=env, encoding="utf-8", timeout=TIMEOUT)
    child.delaybeforesend = None  # pexpect otherwise sleeps 50 ms before every send, inside our timings
    return child, start


# What may stand between two words of a marker in the pty stream: a space, the no-break space a
# table cell keeps its words together with, a line break where a narrow cell wraps, and the
# terminal's cursor moves and colours (the rest of a wrapped line's cells are padding).
_BETWEEN_WORDS = r"(?:[\s\xa0]|\x1b\[[0-9;?]*[A-Za-z])+"


def marker_pattern(text: str) -> re.Pattern[str]:
    """`text` as drawn on screen, whatever the stream puts between its words."""
    return re.compile(_BETWEEN_WORDS.join(re.escape(word) for word in text.split()))


def wait_for(child: pexpect.spawn, text: str) -> float:
    child.expect(marker_pattern(text))
    return time.perf_counter()


def drain(child: pexpect.spawn, seconds: float) -> None:
    """Let the app run for `seconds`, reading (and forgetting) everything it draws.

    Without this, text already drawn but not yet matched (a footer's "Today" key under the
    History title) would match the next wait at once and time a switch as nothing.
    """
    child.expect(pexpect.TIMEOUT, timeout=seconds)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """CPU time (user + system) the process has used so far: on a shared machine, the figure
    that other programs' use of the cores does not stretch, as wall time is stretched."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def quit_app(child: pexpect.spawn) -> None:
    child.sendcontrol("q")
    try:
        child.expect(pexpect.EOF, timeout=10)
    finally:
        child.close(force=True)


def switch_times(child: pexpect.spawn, first: str, second: str, back: str) -> float:
    """Median time of `back` (to the first screen) and h (to the second), each until text found
    only on that screen is drawn."""
    times = []
    for _ in range(3):
        drain(child, 0.2)
        sent = time.perf_counter()
        child.send(back)
        wait_for(child, first)
        times.append(time.perf_counter() - sent)
        drain(child, 0.2)
        sent = time.perf_counter()
        child.send("h")
        wait_for(child, second)
        times.append(time.perf_counter() - sent)
    return statistics.median(times)


def minimal_run(size: tuple[int, int] = SIZE) -> dict[str, float]:
    child, start = spawn([sys.executable, str(HERE / "minimal_app.py")], size)
    ready = wait_for(child, "minimal app ready")
    cpu = cpu_s(child.pid)
    if size != SIZE:
        quit_app(child)
        return {"first": ready - start, "first_cpu": cpu}
    time.sleep(0.3)
    memory = rss_mb(child.pid)
    child.send("h")
    wait_for(child, "second screen")
    switch = switch_times(child, "minimal app ready", "second screen", "t")
    switch_escape = switch_times(child, "minimal app ready", "second screen", "\x1b")
    quit_app(child)
    return {"first": ready - start, "first_cpu": cpu, "switch": switch, "switch_escape": switch_escape, "rss": memory}


def launchers() -> dict[str, list[str]]:
    """How a person starts the app: the installed command (beside this Python), and `python -m tracker`."""
    installed = Path(sys.executable).with_name("tracker")
    found = {"`python -m tracker`": [sys.executable, "-m", "tracker"]}
    if installed.exists() or shutil.which("tracker"):
        found["installed `tracker`"] = [str(installed) if installed.exists() else str(shutil.which("tracker"))]
    return found


def first_paint_run(launcher: list[str], db: Path, size: tuple[int, int]) -> dict[str, float]:
    child, start = spawn([*launcher, "--db", str(db)], size)
    first = wait_for(child, "Today")
    first_cpu = cpu_s(child.pid)
    loaded = wait_for(child, MARKER)
    loaded_cpu = cpu_s(child.pid)
    quit_app(child)
    return {"first": first - start, "episodes": loaded - start, "first_cpu": first_cpu, "episodes_cpu": loaded_cpu}


def every_screen_rss(child: pexpect.spawn) -> float:
    """Resident memory once every screen has been visited and has drawn what it loads."""
    # Esc is waited for (back on Factors): an Esc still unread when T comes is read as Alt+T.
    steps = (("F", FACTORS_MARKER), ("i", INSIGHTS_MARKER), ("\x1b", FACTORS_MARKER), ("T", TRENDS_MARKER))
    for key, marker in steps:
        drain(child, 0.2)
        child.send(key.encode().decode("unicode_escape"))
        wait_for(child, marker)
    drain(child, 2.0)  # workers finish, and what they held may be let go
    return rss_mb(child.pid)


def tracker_run(db: Path, *, switching: bool) -> dict[str, float]:
    child, start = spawn([sys.executable, "-m", "tracker", "--db", str(db)])
    first = wait_for(child, "Today")
    loaded = wait_for(child, MARKER)
    result = {"first": first - start, "episodes": loaded - start}
    if switching:
        time.sleep(0.3)
        sent = time.perf_counter()
        child.send("h")
        result["history_cold"] = wait_for(child, HISTORY_MARKER) - sent
        drain(child, 1.5)  # let the remaining rows arrive in the background
        result["switch"] = switch_times(child, TODAY_MARKER, HISTORY_MARKER, "t")
        result["switch_escape"] = switch_times(child, TODAY_MARKER, HISTORY_MARKER, "\x1b")
        result["rss"] = rss_mb(child.pid)
        result["rss_all"] = every_screen_rss(child)
    else:
        time.sleep(0.3)
        result["rss"] = rss_mb(child.pid)
    quit_app(child)
    return result


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    # An installed tracker runs from compiled bytecode (pip writes it): measured without it, every
    # launch would compile tracker's modules from source, which no one who installed it pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print only the markdown table")
    opts = parser.parse_args()
    starts = launchers()
    with tempfile.TemporaryDirectory() as tmp:
        small, long, new = Path(tmp) / "small.db", Path(tmp) / "ten-years.db", Path(tmp) / "new.db"
        make_database(small, 30)
        make_database(long, 3650)
        make_database(new, 0)
        minimal, short_runs, long_runs = [], [], []
        sized: dict[tuple[int, int], list[dict[str, float]]] = {size: [] for size in SIZES}
        painted: dict[tuple[tuple[int, int], str, str], list[dict[str, float]]] = {}
        for _ in range(max(opts.runs, 1)):  # interleaved, so drift hits all alike
            minimal.append(minimal_run())
            short_runs.append(tracker_run(small, switching=False))
            long_runs.append(tracker_run(long, switching=True))
            for size in SIZES:
                sized[size].append(minimal_run(size) if size != SIZE else minimal[-1])
                for start, launcher in starts.items():
                    for diary, path in (("new", new), ("10 years", long)):
                        painted.setdefault((size, start, diary), []).append(first_paint_run(launcher, path, size))
    base, short, ten = medians(minimal), medians(short_runs), medians(long_runs)

    def row(what: str, value: float, ratio_to: float | None, unit: str = "s", target: str = "") -> str:
        shown = f"{value * 1000:.0f} ms" if unit == "s" else f"{value:.0f} MB"
        ratio = f"{value / ratio_to:.2f}×" if ratio_to else ""
        return f"| {what} | {shown} | {ratio} | {target} |"

    lines = [
        f"Medians of {opts.runs} launches in a {SIZE[1]}x{SIZE[0]} pty, {dt.date.today().isoformat()}; "
        "ratios are to the minimal Textual app (Header, Static, Footer) in the same run.",
        "",
        "| what | median | ratio to minimal app | target |",
        "| --- | --- | --- | --- |",
        row("minimal app: first screen", base["first"], base["first"]),
        row("tracker, 30 days: first screen", short["first"], base["first"], target="≤ 1.3×"),
        row("tracker, 30 days: today's twitches on screen", short["episodes"], base["first"], target="≤ 2.5×"),
        row("tracker, 10 years: first screen", ten["first"], base["first"], target="≤ 1.3×"),
        row("tracker, 10 years: today's twitches on screen", ten["episodes"], base["first"], target="≤ 2.5×"),
        row("10 years: first visit to History (3,650 days)", ten["history_cold"], None),
        row("minimal app: switching between its two screens (h, t)", base["switch"], base["switch"]),
        row("10 years: switching Today ⇄ History (h, t)", ten["switch"], base["switch"], target="≤ 100 ms"),
        row("minimal app: switching, back with Esc (h, Esc)", base["switch_escape"], base["switch_escape"]),
        row("10 years: switching, back with Esc (h, Esc)", ten["switch_escape"], base["switch_escape"]),
        row("minimal app: resident memory", base["rss"], base["rss"], unit="MB"),
        row("tracker, 30 days: resident memory", short["rss"], base["rss"], unit="MB"),
        row("tracker, 10 years, History loaded: resident memory", ten["rss"], base["rss"], unit="MB"),
        row(
            "tracker, 10 years, every screen visited: resident memory",
            ten["rss_all"],
            base["rss"],
            unit="MB",
            target="≤ 150 MB",
        ),
        "",
        "First screen and today's rows by terminal size and launcher, ratios to the minimal app at the same size:",
        "",
        "| size | started as | diary | first screen | ratio (≤ 1.2×) | today's rows | ratio (≤ 1.4×) "
        "| first screen, CPU | ratio (≤ 1.2×) | today's rows, CPU | ratio (≤ 1.4×) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (size, start, diary), found in painted.items():
        got, yardstick = medians(found), medians(sized[size])
        lines.append(
            f"| {size[1]}x{size[0]} | {start} | {diary} | "
            + " | ".join(f"{got[key] * 1000:.0f} ms | {got[key] / yardstick[base]:.2f}×" for key, base in PAIRS)
            + " |"
        )
    for size in SIZES:
        yardstick = medians(sized[size])
        lines.append(
            f"| {size[1]}x{size[0]} | minimal app | | {yardstick['first'] * 1000:.0f} ms | 1.00× | | "
            f"| {yardstick['first_cpu'] * 1000:.0f} ms | 1.00× | | |"
        )
    if not opts.markdown:
        print("TUI benchmark")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
