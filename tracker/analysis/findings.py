"""What the trigger model finds, as typed results: every reader (the command line, the TUI,
the PDF, `analyze --json`) renders these through tracker.report.wording, so they cannot
disagree. Plain frozen dataclasses; `to_json()` gives the dict `analyze --json` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Why a factor has no estimate: the wording module says each in words.
NOT_LOGGED = "not-logged"  # never logged on a day whose twitches were answered
NEVER_VARIES = "never-varies"  # always the same value
FEW_DAYS = "few-days"  # logged, but too few days (or too few on one side)
NO_TWITCHES = "no-twitches"  # not one twitch on any answered day: nothing to link to
TOO_FEW_ANSWERED = "few-answered-days"  # under the minimum of answered days in all
NO_ESTIMATE = "no-estimate"  # the days split too cleanly for a finite estimate
# Changed from one day to the next on too few days: a supplement taken every day from one date
# on cannot have its same day told from its day before (nor from the trend: see Interventions).
FEW_CHANGES = "few-changes"

# How much data stands behind an estimate (never a word about cause).
INSUFFICIENT = "insufficient"
LIMITED = "limited"
AMPLE = "ample"

# What every estimate is adjusted for besides the other factors.
MOVES_TOGETHER = 0.5  # |Spearman rho| from which two factors are said to move together
BASE_ADJUSTMENTS = ("time trend", "weekday", "twitching two days before")


@dataclass(frozen=True)
class Described:
    """The one-factor description: twitches a day on high and other days, not adjusted for
    anything. Shown only where it points the same way as the model's estimate."""

    condition: str  # "On days with 200 mg caffeine or more"
    high_mean: float
    low_mean: float
    high_days: int
    low_days: int


@dataclass(frozen=True)
class TriggerEstimate:
    """One factor at one lag from the primary model. Numbers are None when `confidence` is
    "insufficient"; `reason` then says why and `days_needed` how many more days would do."""

    factor: str  # the column
    name: str
    lag_days: int  # 0: the same day; 1: the day before
    per: str  # "100 mg", "1 point", "yes vs no"
    n_days: int  # answered days with the factor logged at this lag
    days_logged: int  # answered days with the factor logged at all
    rate_ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    direction: str | None = None  # "more" / "fewer"
    confidence: str = INSUFFICIENT
    association: bool = False
    adjusted_for: tuple[str, ...] = ()
    reason: str | None = None
    days_needed: int | None = None
    constant_value: float | None = None  # the one value of a factor that never varies
    changed_days: int | None = None  # with FEW_CHANGES: the days its value differed from the day before
    unit: str = ""
    described: Described | None = None
    moves_with: tuple[tuple[str, float], ...] = ()  # (name, Spearman rho) for |rho| >= 0.5

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["adjusted_for"] = list(self.adjusted_for)
        out["moves_with"] = [{"name": name, "rho": rho} for name, rho in self.moves_with]
        return out


@dataclass(frozen=True)
class Trend:
    """Twitching over the period: a rate ratio per 30 days (weekday-adjusted, a straight line
    on the log scale) and the raw means of the first and last four weeks answered."""

    per_30_days: float
    ci_low: float
    ci_high: float
    first_mean: float
    last_mean: float
    clear: bool  # the interval leaves out 1: twitching did change

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LoggingBalance:
    """How often a factor was logged on twitchy and on quiet answered days. When the shares
    differ a lot the comparison leans on one kind of day ("log quiet days too")."""

    factor: str
    name: str
    twitchy_days: int
    quiet_days: int
    twitchy_share: float
    quiet_share: float
    uneven: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TriggerReport:
    """Everything the "Possible triggers" section says."""

    estimates: tuple[TriggerEstimate, ...]
    answered_days: int
    twitch_days: int
    model_days: int  # answered days the model was fitted on (0: not fitted)
    trend: Trend | None
    logging: tuple[LoggingBalance, ...] = ()
    correlations: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    alpha: float = 0.05

    def to_json(self) -> dict[str, Any]:
        return {
            "answered_days": self.answered_days,
            "twitch_days": self.twitch_days,
            "model_days": self.model_days,
            "trend": self.trend.to_json() if self.trend else None,
            "logging": [item.to_json() for item in self.logging],
            "alpha": self.alpha,
        }
