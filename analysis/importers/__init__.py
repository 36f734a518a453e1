"""Import articles into a corpus: plain text, saved HTML pages, CSV/TSV, JSONL and JSON, compressed or in folders.

Method
------
* **One article per row.** A text or HTML file is one article; each CSV/TSV row, JSONL line or JSON array
  element is its own article, validated on its own.  Refused (one line naming the file, and the row for tables): empty
  files and texts, binary files (NUL bytes or control characters), text that is not UTF-8, HTML
  passed as plain text, non-English text, texts under ``min_words`` words (default 20; 1 accepts
  headlines, snippets and sentences), malformed JSON lines, rows with more values than columns, a
  text that is not text (a number), a value holding a lone surrogate, duplicates.  Without ``skip_invalid`` the first refusal aborts
  the batch and nothing is written; with it every good row is imported and every refused row is
  listed, with its reason, in ``<corpus>/rejects/<UTC time>.csv`` (never inside ``articles/``).
* **Streaming, all or nothing.** Tables are read row by row and each accepted article is written at
  once to a staging folder beside ``articles/`` (``<corpus>/.import-<pid>-<time>/``), so memory
  does not grow with the file; when the whole batch has been read the staged files are moved into
  ``articles/`` (texts first, metadata last) and the duplicate store commits.  A failure or an
  interrupt before that point removes the staging folder and leaves the corpus as it was.
* **Formats** (:mod:`.streams`): ``.csv`` with ``,`` ``;`` tab or ``|`` (sniffed from the header),
  ``.tsv``/``.tab``, ``.jsonl``, ``.json`` (an array streamed element by element, or an object with
  one list of objects), each also ``.gz``/``.bz2``/``.xz``; a folder is every supported file inside it.
* **Columns** are recognised by name from the common export names or mapped explicitly
  (:mod:`.columns`).
* **Dates** are read by :func:`analysis.dates.parse_date` (ISO, ``4/21/18``, ``April 21, 2018``,
  RFC 2822, epoch seconds...) and stored as ISO dates with the original value and the rule in the
  evidence; an ambiguous day/month order is flagged; an unreadable value never refuses the article:
  the field is ``unknown`` with the original value as evidence.
* **Language** is identified with py3langid (Lui & Baldwin 2012, ACL demos), English only; short
  texts are never refused for their language (Baldwin & Lui 2010, NAACL); mixed-language texts are
  flagged (:mod:`.language`).
* **HTML** pages are reduced to their main text with trafilatura (Barbaresi 2021, ACL demos); their
  metadata come from what the page states as that field (:mod:`analysis.htmlmeta`), never from a
  copyright line.  The page is kept beside the extracted text as immutable input.
* **Metadata from plain text** is read off the cleaning (the headline, a ``By NAME`` byline, a
  sign-off name or site name, a date widget) and marked ``stated`` with the line as evidence; the
  language is ``inferred``.  Values given with the import (columns, command-line options) are
  ``supplied``.
* **Near duplicates** (lightly edited reprints) are flagged with :mod:`analysis.dedup`.

One module per job: :mod:`.formats` reads files, :mod:`.columns` maps columns to fields,
:mod:`.validate` turns a record into a checked candidate with its metadata, :mod:`.language`
identifies languages, :mod:`.write` writes the corpus files and :mod:`.add` runs an import.
"""
from __future__ import annotations

from .add import ImportResult, add_articles
from .columns import COLUMN_ALIASES, MAPPABLE, check_mapping, load_mapping, resolve_columns
from .formats import HTML_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, decode
from .language import LANGID_MIN_WORDS, detect_language, mixed_languages
from .validate import MIN_WORDS, Candidate, LanguageCheck, check_text, iter_candidates, metadata_from_text, read_inputs
from .write import Reject, metadata_document, write_article

__all__ = ["Candidate", "ImportResult", "Reject", "COLUMN_ALIASES", "MAPPABLE", "read_inputs", "iter_candidates",
           "add_articles", "detect_language", "check_text", "metadata_from_text", "resolve_columns",
           "load_mapping", "check_mapping", "mixed_languages", "write_article", "metadata_document", "decode",
           "LanguageCheck", "MIN_WORDS", "LANGID_MIN_WORDS", "TEXT_SUFFIXES", "HTML_SUFFIXES", "TABLE_SUFFIXES"]
