"""tracker: a private, local-first symptom-and-habit tracker for facial twitching."""

__version__ = "0.1.0"
