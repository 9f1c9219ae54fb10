"""The Textual app. Import tracker.tui.app (make_app) only when the TUI is about to run."""
