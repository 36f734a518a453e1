"""Writing imported articles into a corpus: staged files, moved into ``articles/`` when the import commits.

Each accepted article is written at once to a staging folder beside ``articles/``
(``<corpus>/.import-<pid>-<time>/``): its text byte for byte as imported, the saved HTML page for
HTML imports, and its metadata (``<id>.yaml``: every field with value, status and evidence, the
SHA-256 of the text).  When the whole batch has been read the staged files are moved into
``articles/`` (texts first, metadata last, so a metadata file never names a missing text); nothing
existing is overwritten.  Refused rows are listed in ``<corpus>/rejects/<UTC time>.csv``.  Staging
folders of imports that were killed (their process no longer runs) are removed by the next import.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..corpus import FIELDS
from ..errors import DuplicateArticleError, InputError
from ..io import write_bytes
from .validate import Candidate

log = logging.getLogger(__name__)

__all__ = ["Reject", "metadata_document", "render_metadata", "write_article", "write_rejects", "commit",
           "new_staging", "remove_stale_staging", "learn_boilerplate"]

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: the same YAML, faster
_HEADER = ("# Article metadata. Each field: value, status (stated | inferred | supplied | unknown)\n"
           "# and evidence (where the value came from). See corpus/README.md. The text file is immutable:\n"
           "# its SHA-256 is checked on load.\n")


@dataclass(frozen=True)
class Reject:
    """A row or file that was not imported, and why."""

    file: str
    row: str
    kind: str  # "rejected" | "duplicate" | "near-duplicate"
    reason: str


def metadata_document(cand: Candidate, *, sha256: str, text_file: str) -> dict:
    doc = {"id": cand.id, "text_file": text_file, "sha256": sha256}
    if cand.html is not None:
        doc["html_file"] = f"{cand.id}.html"
    doc.update(cand.extra)
    doc["fields"] = {k: cand.fields[k].as_dict() for k in FIELDS}
    return doc


def render_metadata(cand: Candidate, blob: bytes) -> bytes:
    """The ``<id>.yaml`` file of a candidate whose text file holds ``blob``."""
    doc = metadata_document(cand, sha256=hashlib.sha256(blob).hexdigest(), text_file=f"{cand.id}.txt")
    dumped = yaml.dump(doc, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return (_HEADER + dumped).encode("utf-8")


def text_blob(cand: Candidate) -> bytes:
    return cand.text.encode("utf-8", errors="surrogatepass")


def _write_new(target: Path, data: bytes, *, atomic: bool) -> None:
    try:
        if atomic:
            write_bytes(target, data, overwrite=False)
        else:  # a staging folder: it is removed whole if the import fails
            with open(target, "xb") as fh:
                fh.write(data)
    except FileExistsError:
        raise InputError(target, "already exists; the corpus is never overwritten") from None


def write_article(cand: Candidate, corpus_dir: Path, *, meta: bytes | None = None, atomic: bool = True) -> Path:
    """Write one candidate into ``corpus_dir/articles`` (text first, metadata last).

    ``meta`` is its rendered metadata (:func:`render_metadata`) when already known.  ``atomic``
    writes each file under a temporary name first; an import's staging folder does not need it.
    """
    folder = Path(corpus_dir) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    blob = text_blob(cand)
    text_file = f"{cand.id}.txt"
    meta_path = folder / f"{cand.id}.yaml"
    if meta_path.exists():
        raise DuplicateArticleError(cand.origin, cand.id)
    written = []
    try:
        _write_new(folder / text_file, blob, atomic=atomic)
        written.append(folder / text_file)
        if cand.html is not None:
            _write_new(folder / f"{cand.id}.html", cand.html.encode("utf-8"), atomic=atomic)
            written.append(folder / f"{cand.id}.html")
        _write_new(meta_path, meta if meta is not None else render_metadata(cand, blob), atomic=atomic)
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return meta_path


def split_origin(origin: str) -> tuple[str, str]:
    m = re.match(r"^(.*):(\d+)$", origin)
    return (m.group(1), m.group(2)) if m else (origin, "")


def write_rejects(corpus_dir: Path, rejects: list[Reject]) -> Path:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = corpus_dir / "rejects" / f"{stamp}.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "row", "kind", "reason"])
    for r in rejects:
        w.writerow([r.file, r.row, r.kind, r.reason])
    # a reason may quote a value that is not Unicode text (a lone surrogate): written escaped, never a crash
    write_bytes(path, buf.getvalue().encode("utf-8", errors="backslashreplace"), overwrite=False)
    return path


def new_staging(corpus_dir: Path) -> Path:
    """The staging folder of this import (created when the first article is written)."""
    return corpus_dir / f".import-{os.getpid()}-{dt.datetime.now().strftime('%H%M%S%f')}"


def commit(staging: Path, corpus_dir: Path) -> None:
    """Move the staged articles into ``corpus_dir/articles``: texts and pages first, metadata last."""
    src = staging / "articles"
    if not src.is_dir():
        return
    dest = corpus_dir / "articles"
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(os.listdir(src), key=lambda name: (name.endswith(".yaml"), name))
    for name in files:
        target = dest / name
        if target.exists():
            raise InputError(target, "already exists; the corpus is never overwritten")
        os.replace(src / name, target)


def learn_boilerplate(corpus_dir: Path, store, outlets: set[str]) -> None:
    """Rewrite ``<corpus>/boilerplate.yaml`` for the outlets this import touched (see analysis.boilerplate)."""
    from ..boilerplate import MIN_ARTICLES, MIN_SHARE, write_boilerplate

    if not outlets:
        return
    learned = store.boilerplate(outlets, min_articles=MIN_ARTICLES, min_share=MIN_SHARE)
    path = write_boilerplate(corpus_dir, learned)
    if path is not None:
        n = sum(len(e["lines"]) for e in learned.values())
        log.warning("boilerplate: %d line(s) repeated across articles of the same outlet are now removed by the "
                    "cleaning; see %s", n, path)


def remove_stale_staging(corpus_dir: Path) -> None:
    """Remove staging folders left by an import that was killed (its process no longer runs)."""
    for p in corpus_dir.glob(".import-*-*"):
        m = re.match(r"^\.import-(\d+)-", p.name)
        if not (m and p.is_dir()):
            continue
        pid = int(m.group(1))
        try:
            os.kill(pid, 0)
            alive = pid != os.getpid()
        except ProcessLookupError:
            alive = False
        except PermissionError:
            alive = True
        if not alive:
            log.warning("removing %s, left by an import that was stopped", p)
            shutil.rmtree(p, ignore_errors=True)
