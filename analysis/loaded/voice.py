"""Whose voice a hit is in: the project's one definition of voice, re-exported.

``voice(start, end, spans)`` is "quoted" when most of the span lies inside the
quoted spans the pipeline passes (direct, mixed and, once the attribution
module passes them, indirect attributions: paraphrase counts for the
speaker), else "author".  The definition lives in :mod:`analysis.text` (or,
in older layouts, :mod:`analysis.sources`); this module only imports it so
that lexicon matching does not depend on the attribution module's internals.
"""
from __future__ import annotations

try:  # the one definition (analysis.text after the attribution rebuild)
    from ..text import voice  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - layout before the rebuild
    from ..sources import voice

__all__ = ["voice"]
