"""Result-table files: CSV (the default) or Parquet, written chunk by chunk and read back alike.

CSV tables are ``<name>.csv`` (UTF-8, ``\\n`` line ends, floats rounded to 6 decimals by
:func:`analysis.io.csv_bytes`); a table written in chunks is byte for byte the table written at once.
Parquet tables are ``<name>.parquet`` (Apache Parquet through pyarrow) with the same columns, for
large corpora: smaller, typed and much faster to read.  Writers only ever write inside the pipeline's
staging folder, which replaces the results folder whole (:mod:`analysis.pipeline`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .io import csv_bytes

__all__ = ["FORMATS", "append", "append_csv", "close", "read", "find"]

FORMATS = ("csv", "parquet")
_writers: dict[tuple[str, str], tuple] = {}  # (folder, name) -> (ParquetWriter, schema)


def _file(folder: Path, name: str, fmt: str) -> Path:
    return Path(folder) / f"{name}.{fmt}"


def _for_parquet(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype).startswith("string"):
            out[c] = out[c].map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v)) \
                .astype(object)
    return out


def append(folder: Path, name: str, df: pd.DataFrame, *, fmt: str = "csv", first: bool = False) -> None:
    """Append ``df`` to table ``name`` in ``folder`` (``first``: start the file, with its header)."""
    if fmt == "csv":
        append_csv(folder, name, csv_bytes(df), first=first)
        return
    if fmt != "parquet":
        raise ValueError(f"unknown table format {fmt!r}")
    import pyarrow as pa
    import pyarrow.parquet as pq

    key = (str(folder), name)
    table = pa.Table.from_pandas(_for_parquet(df), preserve_index=False)
    if key not in _writers:
        schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in table.schema])
        _writers[key] = (pq.ParquetWriter(_file(folder, name, "parquet"), schema), schema)
    writer, schema = _writers[key]
    writer.write_table(table.cast(schema) if table.schema != schema else table)


def append_csv(folder: Path, name: str, data: bytes, *, first: bool = False) -> None:
    """Append CSV ``data`` (header line, then rows) to table ``name``; the header only when ``first``."""
    if not first:
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    with open(_file(folder, name, "csv"), "wb" if first else "ab") as fh:
        fh.write(data)


def close(folder: Path, *, discard: bool = False) -> None:
    """Close the open Parquet writers of ``folder`` (after a failure: ``discard``, errors ignored)."""
    for key in [k for k in _writers if k[0] == str(folder)]:
        writer, _ = _writers.pop(key)
        try:
            writer.close()
        except Exception:
            if not discard:
                raise


def find(folder: Path, name: str) -> Path | None:
    """The file of table ``name`` in a results folder, CSV or Parquet, or None."""
    for fmt in FORMATS:
        p = _file(folder, name, fmt)
        if p.is_file():
            return p
    return None


def read(folder: Path, name: str) -> pd.DataFrame:
    """Read table ``name`` from a results folder, whichever format it was written in."""
    p = find(folder, name)
    if p is None:
        from .errors import InputError

        raise InputError(Path(folder) / f"{name}.csv", "missing; run 'framing analyze' first")
    if p.suffix == ".parquet":
        return pd.read_parquet(p)
    return pd.read_csv(p, keep_default_na=False, na_values=[""], dtype={"article_id": str, "published": str})
