"""Atomic file output: results are written whole or not at all.

Every writer goes through a temporary file in the target folder followed by
:func:`os.replace`, which is atomic on POSIX and Windows, so a crash or an
interrupt never leaves a half-written table, figure or article behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pandas is imported by csv_bytes only: 'framing add' does not need it
    import pandas as pd

__all__ = ["atomic_write", "write_bytes", "write_text", "csv_bytes"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: str | Path, write: Callable[[Path], None], *, overwrite: bool = True) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file onto ``path``.

    With ``overwrite=False`` an existing ``path`` raises :class:`FileExistsError`.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes files private (0600); give them the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_bytes(path: str | Path, data: bytes, *, overwrite: bool = True) -> Path:
    return atomic_write(path, lambda p: p.write_bytes(data), overwrite=overwrite)


def write_text(path: str | Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def csv_bytes(df: pd.DataFrame, *, float_digits: int = 6) -> bytes:
    """A DataFrame as UTF-8 CSV bytes: no index, ``\\n`` line ends, floats rounded for stable diffs."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(float_digits)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
