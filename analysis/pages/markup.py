"""Nested inline markup from character offsets (overlapping evidence spans).

Method: a boundary sweep with a stack of open elements, the algorithm that
inline annotation viewers such as brat and displaCy use in some form.  Every
span start and end is a boundary; between boundaries the text is written
escaped; at a boundary the spans ending there are closed and the spans
starting there opened, longest first.  HTML elements must nest, so when two
spans cross (a quote that starts mid-sentence and runs into the next one),
the one with the lower ``priority`` is split into fragments: an element is
closed and reopened as a continuation around the other.  Each fragment
carries the span's ``data-ev`` key, so the text of all elements with one key,
in document order, is exactly ``text[start:end]``; a span that crosses nothing
is one element whose DOM text equals its evidence row.  Cost is linear in the
text plus O(s log s) for s spans (stack depth is bounded by the layers).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from . import safe

log = logging.getLogger(__name__)

__all__ = ["Span", "nest"]


@dataclass(frozen=True)
class Span:
    """One marked range ``[start, end)`` of the text.

    ``attrs`` go on every fragment; ``first`` only on the first one (``id``,
    ``tabindex``); continuation fragments get the class ``cont``.  Higher
    ``priority`` spans stay whole when spans cross.
    """

    start: int
    end: int
    key: str
    cls: str
    priority: int = 0
    tag: str = "span"
    attrs: tuple[tuple[str, str], ...] = ()
    first: tuple[tuple[str, str], ...] = ()


def _open(span: Span, fragment: int) -> str:
    cls = span.cls + (" cont" if fragment else "")
    parts = [f'<{span.tag} class="{safe.attr(cls)}" data-ev="{safe.attr(span.key)}"']
    for name, value in span.attrs + (() if fragment else span.first):
        parts.append(f' {name}="{safe.attr(value)}"')
    parts.append(">")
    return "".join(parts)


def nest(text: str, spans, *, escape=safe.text) -> str:
    """The escaped ``text`` with every valid span of ``spans`` as a (possibly fragmented) element.

    Spans outside the text or empty are skipped with a warning.
    """
    n = len(text)
    starts: dict[int, list[Span]] = defaultdict(list)
    bounds = {0, n}
    for s in spans:
        if not (0 <= s.start < s.end <= n):
            log.warning("evidence %s: offsets %d-%d outside the text (%d characters); not marked",
                        s.key, s.start, s.end, n)
            continue
        starts[s.start].append(s)
        bounds.add(s.start)
        bounds.add(s.end)
    out: list[str] = []
    stack: list[list] = []  # [span, fragments written so far]
    pos = 0

    def close_from(i: int) -> list[list]:
        popped = stack[i:]
        del stack[i:]
        for entry in reversed(popped):
            out.append(f"</{entry[0].tag}>")
        return popped

    def reopen(entries) -> None:
        for entry in entries:
            out.append(_open(entry[0], entry[1]))
            entry[1] += 1
            stack.append(entry)

    for b in sorted(bounds):
        if b > pos:
            out.append(escape(text[pos:b]))
            pos = b
        # close every span ending here; spans above it are reopened as continuations
        while True:
            i = next((k for k, e in enumerate(stack) if e[0].end == b), None)
            if i is None:
                break
            popped = close_from(i)
            reopen([e for e in popped if e[0].end != b])
        # open spans starting here, longest (then highest priority) first
        for s in sorted(starts.get(b, ()), key=lambda s: (-s.end, -s.priority)):
            # open spans that end before s would cross it: move those of lower priority inside s
            j = len(stack)
            while j > 0 and stack[j - 1][0].end < s.end and stack[j - 1][0].priority < s.priority:
                j -= 1
            moved = close_from(j)
            reopen([[s, 0]])
            reopen(moved)
    return "".join(out)
