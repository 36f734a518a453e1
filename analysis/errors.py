"""Errors that the command-line tool reports as one clear line, naming the file."""
from __future__ import annotations

from pathlib import Path


class FramingError(Exception):
    """Base class of the errors the CLI prints without a traceback."""


class InputError(FramingError):
    """Bad input: the message names the offending file."""

    def __init__(self, path: str | Path | None, message: str):
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)

    def __reduce__(self):  # picklable, so an error raised in a worker process reaches the user intact
        return (InputError, (self.path, self.message))


class DuplicateArticleError(InputError):
    """An article whose text is already in the corpus."""

    def __init__(self, path: str | Path | None, existing_id: str, existing_source: str = ""):
        self.existing_id = existing_id
        where = f" (imported from {existing_source})" if existing_source else ""
        super().__init__(path, f"duplicate of article {existing_id}{where}; not imported")


class ArticleError(RuntimeError):
    """A method failed unexpectedly on one article (a bug to report): the message names the article, its
    source file and the stage, so the user can find the text that triggers it.  Not a :class:`FramingError`:
    the CLI reports it as an internal error (with ``--debug`` for the traceback)."""

    def __init__(self, article_id: str, source: str | None, stage: str, detail: str):
        self.article_id, self.source, self.stage, self.detail = article_id, source, stage, detail
        where = f"article {article_id}" + (f" ({source})" if source else "")
        super().__init__(f"{where}, {stage}: {detail}")

    def __reduce__(self):  # picklable: raised in a worker process, it reaches the user intact
        return (ArticleError, (self.article_id, self.source, self.stage, self.detail))
