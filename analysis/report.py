"""The report: analyse a corpus, execute the notebooks, render HTML and figures.

:func:`run_report` runs :func:`analysis.pipeline.analyze`, then executes
every numbered notebook in ``notebooks/`` (their ``NN-verb-object.py``
jupytext *py:percent* sources are the source of truth) with papermill,
passing the parameters ``corpus_dir``, ``results_dir`` and ``figures_dir``
into the cell tagged ``parameters``.  The notebooks export their figures
through :func:`analysis.figures.save_figure` into ``figures_dir``.  The
executed notebooks are written to ``<out>/notebooks/NN-….ipynb`` and rendered
to ``<out>/NN-….html`` (nbconvert's *basic* template wrapped in a small
offline stylesheet: no prompts, no web fonts, no scripts), and
``<out>/index.html`` links them with the corpus fingerprint, the software
version and the figures index.

Run with no arguments on the bundled corpus, the run also refreshes the
committed outputs: ``notebooks/*.ipynb`` (executed, with outputs) and
``figures/``.  Volatile metadata is stripped from executed notebooks
(execution timestamps, papermill start/end times and durations, input and
output paths, kernel ids) so that reruns on the same corpus leave them
unchanged.

:func:`open_notebook` is the notebooks' side of the contract: it resolves
the parameters to project defaults, loads the result tables, applies the
figure style and returns a :class:`NotebookContext` whose ``save`` exports
a figure with the right provenance and whose ``md`` displays computed
Markdown.
"""
from __future__ import annotations

import contextlib
import html
import logging
import os
import shutil
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import __version__, paths
from .errors import FramingError
from .io import write_text

log = logging.getLogger(__name__)

__all__ = ["run_report", "notebook_sources", "execute_notebook", "strip_volatile", "render_html",
           "write_index", "open_notebook", "prose_list", "plural", "NotebookContext", "KERNEL", "ReportError"]

#: Jupyter kernel used to execute the notebooks (the running interpreter's ipykernel).
KERNEL = "python3"
_NB_RE = re.compile(r"^\d{2}-[a-z0-9-]+\.py$")


class ReportError(FramingError):
    """A notebook failed to execute; the message names it and the failing cell."""


def notebook_sources(notebooks_dir: str | Path | None = None) -> list[Path]:
    """The numbered ``NN-verb-object.py`` notebook sources, in order."""
    folder = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS
    return sorted(p for p in folder.glob("*.py") if _NB_RE.match(p.name))


# ---------------------------------------------------------------------------
# executing


def strip_volatile(nb) -> None:
    """Remove run-specific metadata from an executed notebook, in place; number the cell ids."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for i, cell in enumerate(nb.cells):
        if "id" in cell:  # random on every conversion; number them instead
            cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr"
                                                            and _is_progress(o.get("text", "")))]
    # jupytext re-creates its own header on sync; keep only the pairing.
    jt = nb.metadata.get("jupytext")
    if isinstance(jt, dict):
        nb.metadata["jupytext"] = {k: v for k, v in jt.items() if k in ("formats", "cell_metadata_filter",
                                                                         "notebook_metadata_filter")}


def _is_progress(text: str) -> bool:
    return "\r" in text or "it/s]" in text


def execute_notebook(source: Path, output: Path, *, parameters: dict, cwd: Path, timeout: int = 600) -> None:
    """Execute the jupytext source ``source`` with papermill and write the cleaned ``.ipynb`` to ``output``."""
    import jupytext
    import nbformat
    import papermill as pm

    nb = jupytext.read(source)
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
    with tempfile.TemporaryDirectory(prefix="framing-nb-") as tmp:
        src = Path(tmp) / (source.stem + ".ipynb")
        dst = Path(tmp) / (source.stem + ".out.ipynb")
        nbformat.write(nb, src)
        try:
            pm.execute_notebook(str(src), str(dst), parameters=parameters, kernel_name=KERNEL, cwd=str(cwd),
                                progress_bar=False, log_output=False, execution_timeout=timeout,
                                report_mode=False, request_save_on_cell_execute=False,
                                extra_arguments=["--IPKernelApp.log_level=CRITICAL"])  # no TCP warning noise
        except pm.PapermillExecutionError as exc:
            raise ReportError(f"{source}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}") from None
        done = nbformat.read(dst, as_version=4)
    strip_volatile(done)
    payload = nbformat.writes(done)
    payload += "" if payload.endswith("\n") else "\n"
    _write(output, payload)


def _write(path: Path, text: str) -> None:
    """Atomic UTF-8 write."""
    write_text(path, text)


@contextlib.contextmanager
def _replaced_whole(folders: Sequence[tuple[Path, str]]):
    """Give each folder a fresh, empty state for the run; restore the old one if the run fails.

    Each existing folder is moved aside first (it must be empty or hold the
    ``marker`` file, so an unrelated folder is never touched), the run writes
    into an empty folder, and on failure the partial output is dropped and
    the old folder moved back: the report's outputs are whole or unchanged.
    """
    moved: list[tuple[Path, Path]] = []
    try:
        for folder, marker in folders:
            if folder.exists():
                if not folder.is_dir():
                    raise ReportError(f"{folder}: is a file, not a folder")
                if any(folder.iterdir()) and not (folder / marker).exists():
                    raise ReportError(f"{folder}: not empty and has no {marker}; choose another output folder")
                aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.previous-"))
                os.replace(folder, aside / folder.name)
                moved.append((folder, aside))
            folder.mkdir(parents=True, exist_ok=True)
        yield
    except BaseException:
        for folder, aside in moved:
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(aside / folder.name, folder)
            shutil.rmtree(aside, ignore_errors=True)
        for folder, _ in folders:  # new folders that did not exist before
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    else:
        for _, aside in moved:
            shutil.rmtree(aside, ignore_errors=True)


# ---------------------------------------------------------------------------
# rendering

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{line-height:1.25} a{color:#0072B2}
pre,code{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
.jp-InputArea pre,.input_area pre{background:#f6f8fa;padding:.5rem;border-left:3px solid #56B4E9;overflow-x:auto}
.jp-OutputArea pre,.output pre{background:#fff;padding:.25rem .5rem;overflow-x:auto}
.jp-InputPrompt,.jp-OutputPrompt,.prompt{display:none}
table{border-collapse:collapse;font-size:13px;margin:.5rem 0} th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} img{max-width:100%;height:auto}
.meta{color:#555;font-size:13px} nav{margin-bottom:1rem;font-size:14px}
"""


def _page(title: str, body: str, *, nav: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"{nav}{body}\n</body>\n</html>\n")


def _title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def render_html(notebook: Path, output: Path, *, nav: str = "") -> str:
    """Render an executed notebook to a standalone, offline HTML page; return its title."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.log.setLevel(logging.ERROR)  # figures carry their caption as text right below the image
    body, _ = exporter.from_notebook_node(nb)
    title = _title_of(nb, notebook.stem)
    _write(output, _page(title, body, nav=nav))
    return title


def _pages_link(out_dir: Path) -> str:
    """A link to the evidence pages, when they were written (analysis.pages)."""
    if not (Path(out_dir) / "articles" / "index.html").is_file():
        return ""
    return ('<h2>Evidence pages</h2>\n<p><a href="articles/index.html">Every article annotated</a>: its text with '
            "each quote, paraphrase, loaded term and actor mention marked, and a sortable index.</p>\n")


def write_index(out_dir: Path, pages: Sequence[tuple[str, str]], *, figures_dir: Path, fingerprint: str,
                articles: int, corpus: str, date: str, summary: str = "") -> Path:
    """Write ``index.html``: key findings (``summary``, HTML), notebooks, provenance and the figures index table."""
    from .figures import read_index, software_version

    rel = os.path.relpath(figures_dir, out_dir)
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in pages)
    idx = read_index(figures_dir)
    rows = "\n".join(
        "<tr><td><a href=\"{p}/{f}.png\">{f}</a> (<a href=\"{p}/{f}.svg\">svg</a>, <a href=\"{p}/{f}.pdf\">pdf</a>, "
        "<a href=\"{p}/{f}.csv\">data</a>)</td><td>{c}</td><td>{n}</td><td><code>{fp}</code></td></tr>".format(
            p=html.escape(rel), f=html.escape(r.file), c=html.escape(r.caption), n=html.escape(r.notebook),
            fp=html.escape(r.corpus_fingerprint))
        for r in idx.itertuples(index=False))
    body = f"""<h1>Framing analysis report</h1>
<p class="meta">Corpus <code>{html.escape(corpus)}</code>: {articles} articles, fingerprint
<code>{html.escape(fingerprint)}</code>; corpus date {html.escape(date or 'unknown')}; {html.escape(software_version())}.</p>
{summary}
<p>To cite a figure, give its name, the corpus fingerprint and the software version,
e.g. <em>figure “sentiment-by-article”, corpus {html.escape(fingerprint)}, framing-analysis {__version__}</em>.</p>
{_pages_link(out_dir)}<h2>Notebooks</h2>
<ol>
{items}
</ol>
<h2>Figures</h2>
<table><thead><tr><th>figure</th><th>caption</th><th>notebook</th><th>corpus</th></tr></thead>
<tbody>
{rows}
</tbody></table>
"""
    _write(out_dir / "index.html", _page("Framing analysis report", body))
    return out_dir / "index.html"


# ---------------------------------------------------------------------------
# the whole run


def _execute_and_render(src: Path, target: Path, out: Path, params: dict, timeout: int, nav: str) -> str:
    """Worker: execute one notebook, render its HTML page; return the page title."""
    execute_notebook(src, target, parameters=params, cwd=out, timeout=timeout)
    return render_html(target, out / f"{target.stem}.html", nav=nav)


def run_report(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None, *,
               figures_dir: str | Path | None = None, results_dir: str | Path | None = None,
               lexicons: Sequence[str | Path] = (), registry_path: str | Path | None = None,
               progress: bool = True,
               notebooks_dir: str | Path | None = None, update_notebooks: bool | None = None,
               jobs: int | None = None, timeout: int = 600) -> Path:
    """Analyse ``corpus_dir``, execute every notebook and render the report; return ``index.html``.

    Defaults: the bundled corpus, ``report/`` for the HTML, and for the
    bundled corpus ``figures/`` and ``results/``.  Another corpus (or a
    non-default ``out_dir``) gets ``<out_dir>/figures`` and
    ``<out_dir>/results`` unless ``figures_dir``/``results_dir`` are given,
    so it never overwrites the project's committed figures or results.
    ``update_notebooks`` (default: only when every folder is the project
    default) also writes the executed notebooks back to
    ``notebooks/NN-….ipynb``, the committed outputs.

    ``jobs`` notebooks run at a time (default: the number of CPUs, at most
    4); each runs in its own kernel, and figure-index updates are locked.

    Raises :class:`ReportError` naming the notebook and cell when a notebook
    fails, and :class:`~analysis.errors.InputError` for a bad corpus.
    """
    from .pipeline import analyze

    t0 = time.perf_counter()
    if corpus_dir is not None and Path(corpus_dir).resolve() == paths.CORPUS.resolve():
        corpus_dir = None  # the bundled corpus, however it was spelled
    bundled = corpus_dir is None
    out = Path(out_dir) if out_dir is not None else paths.REPORT
    # Another corpus never overwrites the project's committed figures or its results/.
    figs = Path(figures_dir) if figures_dir is not None else (paths.FIGURES if bundled else out / "figures")
    if results_dir is not None:
        res = Path(results_dir)
    else:
        res = paths.RESULTS if bundled and out_dir is None else out / "results"
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS
    # Parameters: only the non-default ones, so the committed notebooks carry no machine paths.
    params = {}
    if not bundled:
        params["corpus_dir"] = str(Path(corpus_dir).resolve())
    if res.resolve() != paths.RESULTS.resolve():
        params["results_dir"] = str(res.resolve())
    if figs.resolve() != paths.FIGURES.resolve():
        params["figures_dir"] = str(figs.resolve())
    if update_notebooks is None:
        update_notebooks = not params and nb_dir.resolve() == paths.NOTEBOOKS.resolve()
    sources = notebook_sources(nb_dir)
    if not sources:
        raise ReportError(f"{nb_dir}: no NN-verb-object.py notebooks found")
    with _replaced_whole([(out, "index.html"), (figs, "index.csv")]):
        (out / "notebooks").mkdir(parents=True, exist_ok=True)

        tables = analyze(corpus_dir, res, lexicons=lexicons, registry_path=registry_path, progress=progress)
        log.info("analysis done in %.1f s", time.perf_counter() - t0)
        from .pages import write_pages  # evidence pages: <out>/articles/<article_id>.html (docs/pages.md)

        write_pages(tables, out / "articles")

        executed = [out / "notebooks" / f"{src.stem}.ipynb" for src in sources]
        jobs = max(1, min(jobs if jobs is not None else (os.cpu_count() or 1), len(sources), 4))
        nav = '<nav><a href="index.html">← report index</a></nav>\n'
        titles: dict[Path, str] = {}
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(sources), desc="notebooks", unit="notebook")
        try:
            if jobs == 1:
                for src, target in zip(sources, executed):
                    titles[target] = _execute_and_render(src, target, out, params, timeout, nav)
                    bar is not None and bar.update()
            else:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor, as_completed

                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                    futs = {pool.submit(_execute_and_render, src, target, out, params, timeout, nav): target
                            for src, target in zip(sources, executed)}
                    for fut in as_completed(futs):
                        titles[futs[fut]] = fut.result()
                        bar is not None and bar.update()
        finally:
            if bar is not None:
                bar.close()
        if update_notebooks:
            for src, target in zip(sources, executed):
                _write(src.with_suffix(".ipynb"), target.read_text(encoding="utf-8"))
        log.info("executed and rendered %d notebooks (%d at a time) in %.1f s", len(sources), jobs,
                 time.perf_counter() - t0)
        pages = [(f"{nb.stem}.html", titles[nb]) for nb in executed]
        from .figures import analysis_date

        from .actors import actors_for
        from .findings import findings_html, key_findings

        key = key_findings(tables, actors=actors_for(corpus_dir, articles=tables.texts))
        _write(out / "findings.csv", key.to_csv(index=False, lineterminator="\n"))
        manifest = tables.manifest.get("corpus", {})
        index = write_index(out, pages, figures_dir=figs, fingerprint=str(manifest.get("fingerprint", "")),
                            articles=len(tables.articles),
                            corpus=Path(corpus_dir).name if corpus_dir is not None else "corpus/ (bundled)",
                            date=analysis_date(tables.articles.get("published")), summary=findings_html(key))
    log.info("report written to %s in %.1f s", index, time.perf_counter() - t0)
    return index


# ---------------------------------------------------------------------------
# the notebooks' side


@dataclass
class NotebookContext:
    """What a notebook needs: resolved folders, the tables, provenance, and export helpers."""

    notebook: str
    corpus_dir: Path
    results_dir: Path
    figures_dir: Path
    tables: object
    fingerprint: str
    date: str
    saved: list[str] = field(default_factory=list)

    def save(self, fig, name: str, *, data, caption: str) -> None:
        """Export ``fig`` via :func:`analysis.figures.save_figure` with this notebook's provenance.

        The figure is then shown once in the notebook (PNG at the style's
        screen resolution, with its name and caption below) and closed.
        """
        import matplotlib.pyplot as plt
        from IPython.display import Markdown, display

        from .figures import save_figure

        save_figure(fig, name, data=data, caption=caption, notebook=self.notebook,
                    corpus_fingerprint=self.fingerprint, out_dir=self.figures_dir, date=self.date)
        self.saved.append(name)
        display(fig)
        display(Markdown(f"*Figure `{name}`* — {caption}"))
        plt.close(fig)

    def corpus(self):
        """The corpus (:class:`analysis.corpus.Corpus`) the tables were computed from (loaded once)."""
        if getattr(self, "_corpus", None) is None:
            from .corpus import load_corpus

            self._corpus = load_corpus(self.corpus_dir)
        return self._corpus

    @staticmethod
    def md(text: str) -> None:
        """Display computed Markdown in the notebook."""
        from IPython.display import Markdown, display

        display(Markdown(text))

    @staticmethod
    def table(df, *, n: int = 10, digits: int = 3):
        """A compact display copy of ``df``: first ``n`` rows, floats rounded."""
        out = df.head(n).copy()
        for c in out.columns:
            if str(out[c].dtype).startswith("float"):
                out[c] = out[c].round(digits)
        return out


def plural(n: int, word: str, *, plural_form: str | None = None) -> str:
    """``1 line``, ``2 lines``: a count with its noun in the right number."""
    return f"{n:,} {word if n == 1 else (plural_form or word + 's')}"


def signed(x: float, *, digits: int = 2) -> str:
    """``+0.43``, ``-0.25``, and ``0.00`` rather than ``-0.00`` for values that round to zero."""
    text = f"{x:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def prose_list(items, *, conj: str = "and") -> str:
    """``a, b and c``: a list of items as English prose (empty string for none)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def open_notebook(notebook: str, *, corpus_dir=None, results_dir=None, figures_dir=None) -> NotebookContext:
    """Resolve parameters (``None`` → project defaults), load tables, set the figure style."""
    import pandas as pd

    from .figures import analysis_date, use_style
    from .pipeline import load_tables

    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    use_style()
    corpus = Path(corpus_dir) if corpus_dir else paths.CORPUS
    results = Path(results_dir) if results_dir else paths.RESULTS
    figs = Path(figures_dir) if figures_dir else paths.FIGURES
    tables = load_tables(results)
    fp = str(tables.manifest.get("corpus", {}).get("fingerprint", ""))
    if not fp:
        from .corpus import corpus_fingerprint, load_corpus

        fp = corpus_fingerprint(load_corpus(corpus))
    return NotebookContext(notebook=notebook, corpus_dir=corpus, results_dir=results, figures_dir=figs,
                           tables=tables, fingerprint=fp, date=analysis_date(tables.articles["published"]))
