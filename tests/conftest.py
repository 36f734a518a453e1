"""Shared fixtures: the seed articles and small articles written for the tests."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis import paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not paths.SEEDS.is_dir():
        if os.environ.get("FRAMING_REQUIRE_SEEDS"):  # CI sets this: a missing ../shared must fail, not skip
            pytest.fail(f"seed articles not found at {paths.SEEDS}")
        pytest.skip(f"seed articles not found at {paths.SEEDS}")
    return paths.SEEDS


@pytest.fixture(scope="session")
def seed_raw(seeds_dir):
    """file name -> raw text of each seed article."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus():
    """The bundled corpus (read-only)."""
    from analysis.corpus import load_corpus

    return load_corpus(paths.CORPUS)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(paths.CORPUS, dest)
    return dest


# Property-based tests (tests/test_properties.py): a bounded profile for CI and everyday runs, a long one
# on demand (`pytest tests/test_properties.py --hypothesis-profile=soak`, or HYPOTHESIS_PROFILE=soak).
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("soak", max_examples=2000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is a test extra; test_properties.py skips without it
    pass
