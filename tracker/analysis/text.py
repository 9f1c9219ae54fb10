"""Characters and phrases the report's wording shares."""

TIMES = "\u00d7"  # multiplication sign, as in "1.42x per 100 mg"
DASH = "\u2013"  # en dash, as in "95% CI 1.18-1.71"
NOT_PROOF = "An association, not proof of cause."
