"""Log records of worker processes relayed by the parent, warnings repeated for many articles summarised.

Method
------
A worker collects the records of the ``analysis`` loggers (:func:`_collecting`) instead of emitting them
and returns them with its results; the parent re-emits them through its own logging (:class:`_Relay`),
showing the first few of each *kind* (logger, level and format string) and then one line saying how many
more there were.  Engineering, no published method.
"""
from __future__ import annotations

import contextlib
import logging
import re

__all__: list[str] = []


class _Collect(logging.Handler):
    def __init__(self, level):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        # the message's format string is its kind (a warning repeated for many articles shares it)
        record.kind = record.msg if isinstance(record.msg, str) and record.args else None
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


class _Relay:
    """Re-emits the log records of the workers in the parent, summarising warnings repeated for many articles.

    The first :attr:`show` records of each kind (logger, level and format string: e.g. ``article %s: %d
    attribution(s) hold a quotation mark that is never closed ...``) are emitted as they come; the others
    are counted, and :meth:`close` emits one line per kind saying how many more there were.  Records
    whose message has no arguments are each their own kind (repeats of the same text are summarised).
    """

    def __init__(self, show: int = 5):
        self.show = show
        self.seen: dict[tuple, list] = {}  # kind -> [records seen, first record]

    def handle(self, rec: logging.LogRecord) -> None:
        logger = logging.getLogger(rec.name)
        if rec.levelno < logging.WARNING:
            logger.handle(rec)
            return
        kind = getattr(rec, "kind", None)
        key = (rec.name, rec.levelno, kind or rec.getMessage(), kind is not None)
        entry = self.seen.setdefault(key, [0, rec])
        entry[0] += 1
        if entry[0] <= self.show:
            logger.handle(rec)

    def close(self) -> None:
        """Emit one line for each kind of which records were held back."""
        for (name, level, kind, template), (n, first) in self.seen.items():
            if n <= self.show:
                continue
            logger = logging.getLogger(name)
            if not logger.isEnabledFor(level):
                continue
            what = _FORMAT.sub(lambda m: "%" if m.group() == "%%" else "…", kind) if template else kind
            rec = logger.makeRecord(name, level, first.pathname, first.lineno,
                                    "... and %d more warning(s) of this kind (%d in all, the first %d shown): %s",
                                    (n - self.show, n, self.show, what), None)
            logger.handle(rec)
        self.seen.clear()


#: A %-format placeholder (or a literal %%) in a log message.
_FORMAT = re.compile(r"%%|%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@contextlib.contextmanager
def _collecting(level: int):
    """Collect the records of the ``analysis`` loggers (in a worker) instead of emitting them; yields the list."""
    logger = logging.getLogger("analysis")
    handler, old = _Collect(level), (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]


def _relayed(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with its warnings relayed like the workers' (:class:`_Relay`): a warning
    repeated for many articles (text reuse's partner cap) is shown a few times, then summarised."""
    with _collecting(logging.getLogger("analysis").getEffectiveLevel()) as records:
        out = fn(*args, **kwargs)
    relay = _Relay()
    for rec in records:
        relay.handle(rec)
    relay.close()
    return out
