"""Shared fixtures: paths to the sample corpus and shipped test data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture
def seeds() -> Path:
    return SEEDS
