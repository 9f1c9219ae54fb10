"""The real exports in the shared samples folder kept beside the repository (its parent folder
holds shared/samples). Their licences keep most of them out of the repository, where
tests/fixtures/apps repeats their shapes with made-up days; these tests read the real ones where
they lie, and on a clone without that folder they are skipped, saying where they looked."""

from __future__ import annotations

import os
from pathlib import Path

from tests.apps.conftest import daily

__all__ = ["SAMPLES", "daily"]

# TRACKER_SAMPLES names a copy of the folder kept somewhere else.
SAMPLES = Path(os.environ.get("TRACKER_SAMPLES") or Path(__file__).resolve().parents[3] / "shared" / "samples")
