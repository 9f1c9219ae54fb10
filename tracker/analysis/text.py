"""Characters and phrases the report's wording shares."""

from typing import Any

from tracker.core.formatting import coverage_words

TIMES = "\u00d7"  # multiplication sign, as in "1.42x per 100 mg"
DASH = "\u2013"  # en dash, as in "95% CI 1.18-1.71"
NOT_PROOF = "An association, not proof of cause."

# Where a red flag comes from, in every reader's words (the `source` of each flag in the
# analysis, the CLI, the PDF, the chart and the TUI): a flag the tool derives from the
# entries is never shown as one the person logged.
LOGGED = "logged"
# A factor logged only when taken (caffeine, magnesium: its absent-means-none rule): a day with
# twitches answered and none of it logged is none of it. One reading in the analysis, every
# chart and every table, and these words for it wherever a key says what is drawn.
NONE_LOGGED_IS_ZERO = "none logged = 0"
SUGGESTED = "suggested by the entries"


def range_coverage(span: dict[str, Any]) -> str:
    """The analysis range's days as coverage_words says them, from the result's "range"."""
    tracked = span["tracked_days"]
    return coverage_words(
        days_in_range=tracked + span["untracked_days"],
        tracked=tracked,
        answered=tracked - (span.get("unanswered_days") or 0),
    )


# What q is, in one home for every reader (analyze, Insights, the report's footnote): the model's
# p-values adjusted with Benjamini-Hochberg (tracker.analysis.poisson.benjamini_hochberg).
Q_MEANS = "q: the p-value adjusted for testing several factors at once (false-discovery rate, Benjamini\u2013Hochberg)"


def q_words(tested: int, alpha: float) -> str:
    """What q means, said once above the factors: "q: the p-value adjusted for testing several
    factors at once (false-discovery rate, Benjamini–Hochberg), here 6 factor-and-day pairs;
    under 0.05 counts as a possible trigger"."""
    return f"{Q_MEANS}, here {tested} factor-and-day pairs; under {alpha:g} counts as a possible trigger"


def chance_text(letter: str, value: float) -> str:
    """A q or p value as a reader takes it in: "q < 0.001", never "q = 3.3e-07"; else two
    significant digits, "q = 0.33", "p = 0.0028"."""
    return f"{letter} < 0.001" if value < 0.001 else f"{letter} = {value:.2g}"


def ratio_in_words(ratio: float, *, than: str) -> str:
    """A rate ratio as a person says it: "about 5.2 times as many twitches a day as before",
    "about 40% fewer twitches a day than on off-days" (`than`: "before", "on off-days")."""
    from tracker.core.formatting import rounded

    if ratio >= 1.05:
        return f"about {rounded(ratio, 1)} times as many twitches a day as {than}"
    if ratio <= 0.95:
        return f"about {round(100 * (1 - ratio))}% fewer twitches a day than {than}"
    return f"about as many twitches a day as {than}"
