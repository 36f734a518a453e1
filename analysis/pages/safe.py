"""Escaping for evidence pages: everything shown comes from the web or from users.

Method: every string reaches the page through one of four doors, each of which
makes it inert.  Text and attribute values are HTML-escaped
(:func:`text` / :func:`attr`, after the rules of the WHATWG HTML standard,
§13.1 "Writing HTML documents"); data for the page's script is JSON in a
``<script type="application/json">`` block with every ``<``, ``>``, ``&``,
U+2028 and U+2029 written as ``\\uXXXX`` (:func:`script_json`), so no
``</script>`` or ``<!--`` can close or confuse the block; links are made
only from ``http``/``https`` URLs (:func:`link`), anything else is shown as
text; and file names are only ever ``[A-Za-z0-9_.-]`` (:func:`file_name`).

Article text keeps every character so that the DOM text of each highlight
equals its evidence row, with two exceptions the HTML parser forces: U+0000
(which browsers drop) and lone surrogates (which UTF-8 cannot carry) become
U+FFFD, one character for one, so offsets still hold; carriage returns are
written as ``&#13;`` because the parser would turn a literal CR into LF.
"""
from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import urlsplit

__all__ = ["text", "attr", "script_json", "link", "safe_url", "file_name", "printable"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(value) -> str:
    """``value`` as a string that UTF-8 can carry (lone surrogates become U+FFFD, one for one)."""
    s = value if type(value) is str else ("" if value is None else str(value))
    if s.isascii():
        return s
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def text(value) -> str:
    """``value`` escaped for HTML element content."""
    s = printable(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    if "\0" in s:
        s = s.replace("\0", "\ufffd")
    return s


def attr(value) -> str:
    """``value`` escaped for a double-quoted HTML attribute value."""
    s = text(value).replace('"', "&quot;").replace("'", "&#x27;")
    if "\n" in s or "\t" in s:
        s = s.replace("\n", "&#10;").replace("\t", "&#9;")
    return s


def script_json(data) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    return (printable(payload).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(value) -> str | None:
    """``value`` if it is an absolute ``http``/``https`` URL with a host and no control characters."""
    s = printable(value).strip()
    if not s or any(ord(c) < 0x20 or c in "\x7f\u2028\u2029" or 0x202A <= ord(c) <= 0x202E
                    or 0x2066 <= ord(c) <= 0x2069 for c in s):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "\\" in s or " " in s:
        return None
    return s


def link(value) -> str:
    """An ``<a>`` for a safe http(s) URL; any other value as (escaped, isolated) text."""
    url = safe_url(value)
    if url is None:
        return f"<bdi>{text(value)}</bdi>"
    return (f'<a href="{attr(url)}" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">'
            f"<bdi>{text(url)}</bdi></a>")


_FILE_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,80}")


def file_name(article_id) -> str:
    """A file name for an article's page: its id when that is a plain token, else a hash of it."""
    s = printable(article_id)
    if _FILE_OK.fullmatch(s):
        return f"{s}.html"
    return f"a-{hashlib.sha256(s.encode('utf-8')).hexdigest()[:20]}.html"
