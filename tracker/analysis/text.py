"""Characters and phrases the report's wording shares."""

TIMES = "\u00d7"  # multiplication sign, as in "1.42x per 100 mg"
DASH = "\u2013"  # en dash, as in "95% CI 1.18-1.71"
NOT_PROOF = "An association, not proof of cause."

# Where a red flag comes from, in every reader's words (the `source` of each flag in the
# analysis, the CLI, the PDF, the chart and the TUI): a flag the tool derives from the
# entries is never shown as one the person logged.
LOGGED = "logged"
SUGGESTED = "suggested by your entries"
