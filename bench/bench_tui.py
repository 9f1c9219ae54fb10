"""How the TUI feels, measured in a real pseudo-terminal beside a minimal Textual app.

Each figure is the median of several launches in this one run, so the ratios to the
minimal app (bench/minimal_app.py) are comparable across machines; seconds are not.

    python bench/bench_tui.py [--runs 5] [--markdown]

Measured: time to the first screen, time to today's twitches on screen (small and ten-year
databases), switching to History and back with ten years, and resident memory.

Switching is timed twice: with plain keys (h there, t back), and coming back with Esc. A lone
Esc byte could be the start of an escape sequence, so Textual waits ESCDELAY (100 ms) before
it believes it, in any app; the Esc figures carry that wait.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
SIZE = (30, 100)  # rows, columns
MARKER = "bench-marker"  # the note on today's twitch: on screen means the day has loaded
TODAY_MARKER = "Persistence:"  # drawn on the Today screen only (once its day has loaded)
HISTORY_MARKER = "tracked. Enter opens a day"  # the History screen's summary line
TIMEOUT = 60


def make_database(path: Path, days: int) -> None:
    """A demo history of `days` days plus one twitch now whose note we can wait for."""
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
            started_at=local_now(), location=Location.LOWER_LIP, side=Side.LEFT, intensity=2, note=MARKER
        )
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()


def spawn(argv: list[str]) -> tuple[pexpect.spawn, float]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(SIZE[1]), LINES=str(SIZE[0]))
    env.pop("TEXTUAL", None)
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], dimensions=SIZE, env=env, encoding="utf-8", timeout=TIMEOUT)
    child.delaybeforesend = None  # pexpect otherwise sleeps 50 ms before every send, inside our timings
    return child, start


def wait_for(child: pexpect.spawn, text: str) -> float:
    child.expect_exact(text)
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


def minimal_run() -> dict[str, float]:
    child, start = spawn([sys.executable, str(HERE / "minimal_app.py")])
    ready = wait_for(child, "minimal app ready")
    time.sleep(0.3)
    memory = rss_mb(child.pid)
    child.send("h")
    wait_for(child, "second screen")
    switch = switch_times(child, "minimal app ready", "second screen", "t")
    switch_escape = switch_times(child, "minimal app ready", "second screen", "\x1b")
    quit_app(child)
    return {"first": ready - start, "switch": switch, "switch_escape": switch_escape, "rss": memory}


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
    else:
        time.sleep(0.3)
        result["rss"] = rss_mb(child.pid)
    quit_app(child)
    return result


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print only the markdown table")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, long = Path(tmp) / "small.db", Path(tmp) / "ten-years.db"
        make_database(small, 30)
        make_database(long, 3650)
        minimal, short_runs, long_runs = [], [], []
        for _ in range(max(opts.runs, 1)):  # interleaved, so drift hits all three alike
            minimal.append(minimal_run())
            short_runs.append(tracker_run(small, switching=False))
            long_runs.append(tracker_run(long, switching=True))
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
        row(
            "tracker, 10 years, History loaded: resident memory", ten["rss"], base["rss"], unit="MB", target="≤ 150 MB"
        ),
    ]
    if not opts.markdown:
        print("TUI benchmark")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
