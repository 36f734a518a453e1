"""Figure style and citable, deterministic figure export.

Style
-----
* Colours: the Okabe–Ito qualitative palette (Okabe & Ito 2008, "Color
  Universal Design"; recommended by Wong 2011, "Points of view: Color
  blindness", *Nature Methods* 8:441), distinguishable under the common
  colour-vision deficiencies and in greyscale print by lightness.  Ordered
  quantities use *cividis* (Nuñez, Anderton & Renslow 2018, *PLoS ONE*
  13(7):e0199239), a sequential map designed to be perceived the same with
  and without deuteranomaly; signed quantities (z-scores, sentiment) use the
  ColorBrewer *PuOr* diverging map (Harrower & Brewer 2003, *The
  Cartographic Journal* 40(1)), which is colour-blind safe.
* Size: a single journal column is 3.5 in wide (:data:`SINGLE`), a full page
  width 7.2 in (:data:`DOUBLE`); every text element is at least 8 pt so the
  figure stays legible when printed at that size.
* Labels: axes carry the measured quantity with its unit ("per 1,000
  words", "VADER compound, −1…1"), and figures summarising groups state
  ``n`` (articles, sentences or attributions) in the labels or title.

Export
------
:func:`save_figure` writes ``<name>.png`` (300 dpi), ``.svg``, ``.pdf`` and
``<name>.csv`` holding exactly the values that were plotted, each through a
temporary file and :func:`os.replace` so readers never see a half-written
file.  Title, caption and provenance (notebook, corpus fingerprint, software
version) are embedded where the format allows: PNG ``tEXt`` chunks, SVG
``<title>``/``<desc>`` elements plus Dublin Core metadata, PDF document
information (Title, Subject, Creator, Keywords).

Output is byte-for-byte deterministic for the same figure and data: no
creation dates or wall-clock time (the index ``date`` is the corpus date
given by the caller or ``SOURCE_DATE_EPOCH``), a fixed ``svg.hashsalt`` for
SVG element ids, and metadata dictionaries with ``Date``/``CreationDate``
set to ``None``.  The tests save every figure twice and compare bytes.

Tables shown to readers in the notebooks go through :func:`table` (no
index, no ``NaN``, percentages and thousands separators).

Each export also adds or replaces the figure's row in ``figures/index.csv``
(columns :data:`INDEX_COLUMNS`, sorted by file name) and re-renders
``figures/README.md`` from it, so a cited figure can be traced to its
notebook, corpus and software version.  To cite a figure give its name, the
corpus fingerprint and the software version from that index.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import hashlib
import html
import io
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import matplotlib
import matplotlib.figure
import matplotlib.pyplot as plt
import pandas as pd

from . import __version__
from .io import atomic_write
from .paths import FIGURES

log = logging.getLogger(__name__)

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "SENTIMENT_COLOURS",
    "SEQUENTIAL",
    "DIVERGING",
    "SINGLE",
    "DOUBLE",
    "STYLE",
    "INDEX_COLUMNS",
    "FORMATS",
    "DPI",
    "analysis_date",
    "colours_for",
    "figsize",
    "read_index",
    "save_figure",
    "software_version",
    "style",
    "table",
    "use_style",
]

#: Okabe–Ito palette, in its published order (black first).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
#: Order used for categories: strong colours first, yellow (weak on white) and black last.
PALETTE: list[str] = [OKABE_ITO[k] for k in (
    "blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "yellow", "black")]
#: Colours for VADER sentence classes (blue/grey/vermillion: safe and greyscale-distinct).
SENTIMENT_COLOURS: dict[str, str] = {"positive": OKABE_ITO["blue"], "neutral": "#999999",
                                     "negative": OKABE_ITO["vermillion"]}
#: Sequential colour map for ordered quantities.
SEQUENTIAL = "cividis"
#: Diverging colour map for signed quantities centred on zero.
DIVERGING = "PuOr_r"
#: Single-column and full-width figure widths in inches.
SINGLE = 3.5
DOUBLE = 7.2
#: Resolution of the exported PNG.
DPI = 300
#: Files written for every figure, besides the data CSV.
FORMATS = ("png", "svg", "pdf")
#: Columns of ``figures/index.csv``.
INDEX_COLUMNS = ["file", "caption", "notebook", "corpus_fingerprint", "software_version", "date"]
#: Fixed salt for SVG ids so the SVG is reproducible.
_SVG_SALT = "framing-analysis"

#: Matplotlib rc settings of the house style.
STYLE: dict[str, object] = {
    "figure.figsize": (SINGLE, SINGLE * 0.75),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.03,
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "figure.titlesize": 9,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "image.cmap": SEQUENTIAL,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "grid.linewidth": 0.4,
    "grid.color": "#cccccc",
    "lines.linewidth": 1.2,
    "legend.frameon": False,
    "svg.hashsalt": _SVG_SALT,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}


def use_style() -> None:
    """Apply :data:`STYLE` globally (notebooks call this once)."""
    matplotlib.rcParams.update(STYLE)


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying :data:`STYLE` for the figures made inside it."""
    with matplotlib.rc_context(STYLE):
        yield


def figsize(width: str | float = "single", *, aspect: float = 0.75, rows: int | None = None,
            row_height: float = 0.22, min_height: float = 1.6) -> tuple[float, float]:
    """Figure size in inches: ``"single"`` (3.5 in) or ``"double"`` (7.2 in) wide.

    With ``rows`` the height grows with the number of bar/heatmap rows
    (``row_height`` inches each) so labels never overlap.
    """
    w = SINGLE if width == "single" else DOUBLE if width == "double" else float(width)
    h = w * aspect if rows is None else max(min_height, 0.9 + rows * row_height)
    return (w, round(h, 3))


def colours_for(categories: Iterable[str]) -> dict[str, str]:
    """A stable colour per category: sorted order mapped onto :data:`PALETTE` (cycled)."""
    cats = sorted({str(c) for c in categories})
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(cats)}


_UPPER = {"us", "uk", "eu", "un", "ngo", "ngos", "nato", "ajc", "aipac", "idf", "usa", "uae"}


def display_label(value: object) -> str:
    """A slug as people write it: ``united-states`` -> ``United States``, ``ngo`` -> ``NGO``.

    For sides and other names kept as slugs in the tables; the tables and the
    figures' CSV files keep the slug, only the drawn label changes.
    """
    text = str(value).replace("_", " ").replace("-", " ").strip()
    if not text or text != text.lower():  # empty, or already written with capitals
        return text
    return " ".join(w.upper() if w in _UPPER else w.capitalize() for w in text.split())


def table(df: pd.DataFrame, *, n: int = 10, digits: int = 2, percent: Iterable[str] = (), na: str = "–",
          caption: str | None = None):
    """A table formatted for readers (a pandas ``Styler``): first ``n`` rows, no index, no ``NaN``.

    Floats get ``digits`` decimals and thousands separators, columns in
    ``percent`` are shown as percentages, missing values as ``na``, column
    names with spaces instead of underscores.  When rows are cut the caption
    says how many are shown.  The underlying values are unchanged (the CSV
    tables keep them).
    """
    out = df.head(n).copy()
    out.columns = [str(c).replace("_", " ") for c in out.columns]
    pct = {str(c).replace("_", " ") for c in percent}
    fmt = {}
    for c in out.columns:
        if c in pct:
            fmt[c] = "{:.0%}"
        elif pd.api.types.is_float_dtype(out[c]):
            fmt[c] = "{:,.%df}" % digits
        elif pd.api.types.is_integer_dtype(out[c]):
            fmt[c] = "{:,}"
        elif pd.api.types.is_bool_dtype(out[c]):
            out[c] = out[c].map({True: "yes", False: "no"})
    cap = caption or ""
    if len(df) > n:
        cap = (cap + " " if cap else "") + f"(first {n:,} of {len(df):,} rows)"
    styler = out.style.format(fmt, na_rep=na).hide(axis="index")
    # A uuid from the content, not a random one, so re-executed notebooks are byte-identical.
    digest = hashlib.sha1(pd.util.hash_pandas_object(out.astype(str), index=False).values.tobytes()
                          + cap.encode("utf-8")).hexdigest()[:8]
    styler = styler.set_uuid(f"t{digest}")
    styler = styler.set_table_styles([{"selector": "td", "props": "text-align: left;"}])
    return styler.set_caption(cap) if cap else styler


def software_version() -> str:
    """``framing-analysis X; matplotlib Y``: the versions that produced a figure."""
    return f"framing-analysis {__version__}; matplotlib {matplotlib.__version__}"


def analysis_date(published: Iterable[object] | None = None) -> str:
    """The date stamped on figures: ``SOURCE_DATE_EPOCH`` if set, else the latest publication date.

    Never the wall clock, so re-running on the same corpus gives identical
    files.  Unparseable or missing dates are ignored; with none left the
    result is ``""``.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date().isoformat()
    if published is None:
        return ""
    dates = pd.to_datetime(pd.Series(list(published), dtype="object"), errors="coerce", utc=True,
                           format="mixed").dropna()
    return "" if dates.empty else dates.max().date().isoformat()


# ---------------------------------------------------------------------------
# export


def _svg_with_title(svg: bytes, title: str, desc: str) -> bytes:
    """Insert accessible ``<title>`` and ``<desc>`` as the first children of ``<svg>``."""
    text = svg.decode("utf-8")
    i = text.find("<svg")
    j = text.find(">", i)
    if i < 0 or j < 0:
        return svg
    desc_el = f"\n <desc>{html.escape(desc, quote=False)}</desc>"
    k = text.find("</title>", j)
    if k >= 0 and text[j + 1:k].strip().startswith("<title>"):  # matplotlib already wrote <title>
        k += len("</title>")
        return (text[:k] + desc_el + text[k:]).encode("utf-8")
    extra = f"\n <title>{html.escape(title, quote=False)}</title>" + desc_el
    return (text[: j + 1] + extra + text[j + 1:]).encode("utf-8")


def _metadata(fmt: str, *, title: str, caption: str, source: str, keywords: list[str]) -> dict:
    if fmt == "png":
        return {"Title": title, "Description": caption, "Source": source, "Software": None}
    if fmt == "pdf":
        return {"Title": title, "Subject": caption, "Creator": source, "Keywords": "; ".join(keywords),
                "Producer": f"matplotlib {matplotlib.__version__}", "CreationDate": None, "ModDate": None}
    if fmt == "svg":
        return {"Title": title, "Description": caption, "Source": source, "Creator": software_version(),
                "Keywords": keywords, "Date": None}
    raise ValueError(f"unknown figure format {fmt!r}")


def _data_csv(data: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    data.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def read_index(out_dir: str | Path = FIGURES) -> pd.DataFrame:
    """The figures index (``index.csv`` in ``out_dir``); empty with the index columns if absent."""
    path = Path(out_dir) / "index.csv"
    if not path.exists():
        return pd.DataFrame(columns=INDEX_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _render_readme(index: pd.DataFrame) -> str:
    def cell(s: object) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    lines = [
        "# Figures",
        "",
        "Generated by `framing report` from the notebooks; do not edit by hand (this file is rewritten",
        "from `index.csv`). Every figure comes as PNG (300 dpi), SVG and PDF, with `<name>.csv` holding",
        "exactly the plotted values. To cite a figure, give its name, the corpus fingerprint and the",
        "software version below.",
        "",
        "| figure | caption | notebook | corpus fingerprint | software | date |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in index.itertuples(index=False):
        files = f"**{cell(r.file)}** ([png]({r.file}.png), [svg]({r.file}.svg), [pdf]({r.file}.pdf), [data]({r.file}.csv))"
        lines.append(f"| {files} | {cell(r.caption)} | {cell(r.notebook)} | `{cell(r.corpus_fingerprint)}` "
                     f"| {cell(r.software_version)} | {cell(r.date)} |")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Serialise index updates between processes (notebooks may run side by side)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    import hashlib

    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"framing-figures-{key}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def update_index(out_dir: str | Path, row: Mapping[str, str]) -> pd.DataFrame:
    """Add or replace (by ``file``) one row of ``index.csv`` and re-render ``README.md``."""
    out_dir = Path(out_dir)
    with _locked(out_dir):
        index = read_index(out_dir)
        index = index[index["file"] != row["file"]]
        index = pd.concat([index, pd.DataFrame([{c: str(row.get(c, "")) for c in INDEX_COLUMNS}])],
                          ignore_index=True)
        index = index[INDEX_COLUMNS].sort_values("file", kind="stable").reset_index(drop=True)
        buf = io.StringIO()
        index.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        payload = buf.getvalue().encode("utf-8")
        atomic_write(out_dir / "index.csv", lambda p: p.write_bytes(payload))
        readme = _render_readme(index).encode("utf-8")
        atomic_write(out_dir / "README.md", lambda p: p.write_bytes(readme))
    return index


def save_figure(fig: matplotlib.figure.Figure, name: str, *, data: pd.DataFrame, caption: str,
                notebook: str, corpus_fingerprint: str, out_dir: str | Path | None = None,
                date: str | None = None, title: str | None = None,
                formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Export ``fig`` as ``<name>.png/.svg/.pdf`` plus ``<name>.csv`` and index it.

    ``data`` must be exactly the values drawn (the plot functions in
    :mod:`analysis.plots` return it next to the figure).  ``caption`` is the
    one-paragraph description embedded in the files and the index;
    ``notebook`` names the notebook that made the figure; ``corpus_fingerprint``
    identifies the corpus (:func:`analysis.corpus.corpus_fingerprint`);
    ``date`` is the corpus date (default :func:`analysis_date`, i.e.
    ``SOURCE_DATE_EPOCH`` or empty).  Returns the written paths by format.
    """
    if not name or any(c in name for c in "/\\ ") or name.startswith("."):
        raise ValueError(f"figure name must be a plain file stem without spaces, got {name!r}")
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be the DataFrame of plotted values")
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    title = title or (fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else "") or name
    source = f"{notebook}; corpus {corpus_fingerprint}; {software_version()}"
    keywords = [name, f"corpus:{corpus_fingerprint}", f"notebook:{notebook}", f"framing-analysis:{__version__}"]
    written: dict[str, Path] = {}
    with matplotlib.rc_context({"svg.hashsalt": _SVG_SALT, "svg.fonttype": "none", "pdf.fonttype": 42,
                                "savefig.dpi": DPI, "savefig.bbox": "tight", "savefig.pad_inches": 0.03}):
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            meta = _metadata(fmt, title=title, caption=caption, source=source, keywords=keywords)
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=DPI, metadata=meta)
            payload = buf.getvalue()
            if fmt == "svg":
                payload = _svg_with_title(payload, title, caption)
            atomic_write(path, lambda p, b=payload: p.write_bytes(b))
            written[fmt] = path
    csv_bytes = _data_csv(data)
    atomic_write(out / f"{name}.csv", lambda p: p.write_bytes(csv_bytes))
    written["csv"] = out / f"{name}.csv"
    update_index(out, {"file": name, "caption": caption, "notebook": notebook,
                       "corpus_fingerprint": corpus_fingerprint, "software_version": software_version(),
                       "date": analysis_date() if date is None else date})
    log.info("saved figure %s (%s) to %s", name, ", ".join(written), out)
    return written


def close(fig: matplotlib.figure.Figure) -> None:
    """Close ``fig`` (free memory in long notebook runs)."""
    plt.close(fig)
