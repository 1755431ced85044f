"""Shared fixtures: paths to the sample corpus and shipped test data."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# sentence vectors of test runs go to a throwaway cache, never the user's
os.environ.setdefault("PROVENANCE_CACHE", tempfile.mkdtemp(prefix="provenance-test-vectors-"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture
def seeds() -> Path:
    return SEEDS
