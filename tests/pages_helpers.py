"""Helpers shared by the evidence-page tests: a strict HTML reader and hostile strings."""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

VOID = {"meta", "br", "input", "img", "hr", "link", "col", "area", "base", "wbr", "source"}

#: Strings from the web that must come out as text only (cited in docs/pages.md).
HOSTILE = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=2">',
    "js_url": "javascript:window.__pwned=3",
    "textarea": "</textarea><b>bold</b>",
    "attr": '" onmouseover="window.__pwned=4" x="',
    "attr1": "' onfocus='window.__pwned=5' '",
    "rlo": "\u202egnp.exe",
    "comment": "<!-- --><svg onload=window.__pwned=6>",
    "json_end": "</script><script>window.__pwned=7</script>",
    "sep": "line\u2028sep\u2029para",
}


class Page(HTMLParser):
    """Parses a page; checks that tags nest; collects elements, attributes and the text of each data-ev key."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.ev_text: dict[str, list[str]] = defaultdict(list)
        self.ev_fragments: dict[str, int] = defaultdict(int)
        self.in_text = 0  # depth inside #text
        self.text_parts: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "script":
            self._script = a
            self._script_text = []
        if tag in VOID:
            return
        if self.in_text:
            self.in_text += 1
        elif a.get("id") == "text":
            self.in_text = 1
        if "data-ev" in a and self.in_text:
            self.ev_fragments[a["data-ev"]] += 1
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1][0] if self.stack else 'anything'}")
            return
        self.stack.pop()
        if tag == "script":
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
            return
        if self.in_text:
            self.text_parts.append(data)
            for _, a in self.stack:
                if "data-ev" in a:
                    self.ev_text[a["data-ev"]].append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def ev(self, key: str) -> str:
        return "".join(self.ev_text.get(key, ()))
