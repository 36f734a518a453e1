"""The HTML document around an evidence page: one self-contained file, no network.

Method: the shared stylesheet and the page's script (package data in
``analysis/pages/static/``) are inlined, so a page works offline, from a zip
file and when mailed on its own.  A Content-Security-Policy (W3C CSP Level 3)
allows exactly those two inline blocks by their SHA-256 hashes and nothing
else (no other script, no network, no forms, no base URL), a second wall
behind the escaping in :mod:`analysis.pages.safe`.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources

from . import safe

__all__ = ["static", "document"]


@lru_cache(maxsize=None)
def static(name: str) -> str:
    """The text of a file shipped in ``analysis/pages/static/``."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _sha(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=None)
def _head_parts(script: str) -> tuple[str, str, str]:
    css, js = static("pages.css"), static(script)
    csp = (f"default-src 'none'; style-src {_sha(css)}; script-src {_sha(js)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return css, js, csp


def document(title: str, body: str, *, script: str, data_id: str, data) -> str:
    """A whole HTML page: ``body`` (already escaped markup), ``data`` as JSON for ``script``."""
    css, js, csp = _head_parts(script)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{safe.attr(csp)}\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"framing-analysis evidence pages\">\n"
        f"<title>{safe.text(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}\n"
        f"<script type=\"application/json\" id=\"{data_id}\">{safe.script_json(data)}</script>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )
