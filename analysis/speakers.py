"""Compatibility alias: the speaker registry and classification live in :mod:`analysis.sources.speakers`."""
from __future__ import annotations

from .sources.speakers import (ORG_WORDS, REGISTRY_FILE, ROLES, TITLES, Registry, Speaker, classify,  # noqa: F401
                               is_org, load_registry, name_of, same_person, side_cue, slug)

__all__ = ["ORG_WORDS", "REGISTRY_FILE", "ROLES", "TITLES", "Registry", "Speaker", "classify", "is_org",
           "load_registry", "name_of", "same_person", "side_cue", "slug"]
