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


def strip_volatile(nb) -> list[str]:
    """Remove run-specific metadata from an executed notebook, in place; number the cell ids.

    Text written to stderr (warnings, log records, progress bars) is removed
    from the outputs and returned, so that the caller sends it to the log:
    the rendered pages show results, not diagnostics or the user's paths.
    """
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    diagnostics: list[str] = []
    for i, cell in enumerate(nb.cells):
        if "id" in cell:  # random on every conversion; number them instead
            cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            kept = []
            for o in cell.outputs:
                if o.get("output_type") == "stream" and o.get("name") == "stderr":
                    text = "".join(o.get("text", ""))
                    if not _is_progress(text):
                        diagnostics.extend(line for line in text.splitlines() if line.strip())
                else:
                    _drop_address(o)
                    kept.append(o)
            cell.outputs = kept
    # jupytext re-creates its own header on sync; keep only the pairing.
    jt = nb.metadata.get("jupytext")
    if isinstance(jt, dict):
        nb.metadata["jupytext"] = {k: v for k, v in jt.items() if k in ("formats", "cell_metadata_filter",
                                                                         "notebook_metadata_filter")}
    return diagnostics


_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+>")


def _drop_address(output) -> None:
    """Remove object addresses (``<Styler at 0x7f…>``) from plain-text reprs: they differ on every run."""
    plain = output.get("data", {}).get("text/plain") if isinstance(output.get("data"), dict) else None
    if plain:
        text = "".join(plain) if isinstance(plain, list) else plain
        output["data"]["text/plain"] = _ADDRESS_RE.sub(">", text)


def _is_progress(text: str) -> bool:
    return "\r" in text or "it/s]" in text


def parameterize(nb, parameters: dict) -> None:
    """Insert a cell tagged ``injected-parameters`` after the cell tagged ``parameters`` (as papermill does)."""
    import nbformat

    if not parameters:
        return
    source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    where = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0)
    nb.cells.insert(where, cell)


def _load_source(source: Path, parameters: dict):
    import jupytext

    nb = jupytext.read(source)
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
    parameterize(nb, parameters)
    return nb


#: Imported in each kernel while the analysis runs, so the notebooks' first cells do not wait for them.
_WARM_UP = ("import numpy, pandas, matplotlib, matplotlib.pyplot\n"
            "import analysis.report, analysis.plots, analysis.figures, analysis.pipeline\n")
#: Environment variable naming the file the notebooks' log records and warnings go to (see open_notebook).
LOG_ENV = "FRAMING_NOTEBOOK_LOG"


class _Kernel:
    """One Jupyter kernel of the running interpreter, started early and always killed at the end."""

    def __init__(self, name: str, cwd: Path, log_file: Path):
        self.name, self.cwd, self.log_file = name, cwd, log_file
        self.km = self.kc = None
        self.warm_id = None

    async def start(self) -> None:
        import sys

        from jupyter_client import AsyncKernelManager
        from jupyter_client.kernelspec import KernelSpec

        km = AsyncKernelManager(kernel_name=KERNEL)
        # This interpreter, whatever kernels are installed or on PATH.
        km._kernel_spec = KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                     display_name="Python 3 (ipykernel)", language="python", metadata={})
        env = dict(os.environ, **{LOG_ENV: str(self.log_file), "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        self.km = km
        await km.start_kernel(cwd=str(self.cwd), env=env, extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        self.kc = km.client()
        self.kc.start_channels()
        self.warm_id = self.kc.execute(_WARM_UP, silent=True, store_history=False)

    def kill(self) -> None:
        """Kill the kernel's process group now and remove its connection file (synchronous, never raises)."""
        import signal

        km, self.km = self.km, None
        if km is None:
            return
        with contextlib.suppress(Exception):
            self.kc.stop_channels()
        prov = getattr(km, "provisioner", None)
        proc = getattr(prov, "process", None)
        if proc is not None:
            with contextlib.suppress(Exception):
                os.killpg(prov.pgid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                proc.kill()
            with contextlib.suppress(Exception):
                proc.wait(timeout=5)
        with contextlib.suppress(Exception):
            km._close_control_socket()
        with contextlib.suppress(Exception):  # no socket may hold the process at exit waiting for a dead kernel
            km.context.destroy(linger=0)
        with contextlib.suppress(Exception):
            km.cleanup_connection_file()
        with contextlib.suppress(Exception):
            km.cleanup_ipc_files()


async def _run_cells(kernel: _Kernel, nb, source: Path, timeout: int):
    """Execute every cell of ``nb`` in ``kernel``; raise :class:`ReportError` naming the failing cell."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    client = NotebookClient(nb, km=kernel.km, kernel_name=KERNEL, timeout=timeout, startup_timeout=120,
                            allow_errors=False, record_timing=False)
    client.kc = kernel.kc
    client.reset_execution_trackers()
    current = 0
    try:
        # The warm-up's reply doubles as "the kernel is ready" (wait_for_ready would swallow it).
        reply = await _reply(kernel, kernel.warm_id, 180)
        if reply is not None and reply["content"].get("status") != "ok":
            c = reply["content"]
            raise ReportError(f"{source.name}: the kernel cannot import the package: {c.get('ename')}: "
                              f"{c.get('evalue')}")
        info = await _reply(kernel, kernel.kc.kernel_info(), 60)
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            current = client.code_cells_executed + 1
            await client.async_execute_cell(cell, index, execution_count=current)
    except CellExecutionError as exc:
        raise ReportError(f"{source.name}: cell {current} failed: {exc.ename}: {exc.evalue}") from None
    except CellTimeoutError:
        raise ReportError(f"{source.name}: a cell ran longer than {timeout} s") from None
    except DeadKernelError:
        import asyncio

        task = asyncio.current_task()
        if task is not None and task.cancelling():  # nbclient turns a cancellation (Ctrl-C) into this
            raise asyncio.CancelledError() from None
        raise ReportError(f"{source.name}: the notebook's kernel died (out of memory?)") from None
    return nb


async def _reply(kernel: _Kernel, msg_id: str, timeout: float):
    """The shell reply to ``msg_id`` (other replies are dropped); ReportError when the kernel does not answer."""
    import asyncio
    import queue

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        left = deadline - loop.time()
        if left <= 0:
            raise ReportError(f"{kernel.name}: the notebook's kernel did not answer within {timeout:.0f} s")
        try:
            msg = await kernel.kc.shell_channel.get_msg(timeout=min(left, 1.0))
        except (queue.Empty, TimeoutError, asyncio.TimeoutError):
            if not await kernel.km.is_alive():
                raise ReportError(f"{kernel.name}: the notebook's kernel did not start") from None
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def _finish(nb, output: Path, name: str) -> None:
    """Strip volatile metadata, send stderr text to the log, write the executed ``.ipynb``."""
    import nbformat

    for line in strip_volatile(nb):
        log.warning("%s: %s", name, line)
    payload = nbformat.writes(nb)
    payload += "" if payload.endswith("\n") else "\n"
    _write(output, payload)


def _relay_log(log_file: Path, name: str) -> None:
    """Re-emit the records a notebook's kernel logged (see :func:`open_notebook`) through this process's log."""
    if not log_file.is_file():
        return
    for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
        level, _, message = line.partition("\t")
        log.log(getattr(logging, level, logging.WARNING), "%s: %s", name, message)


def execute_notebook(source: Path, output: Path, *, parameters: dict, cwd: Path, timeout: int = 600) -> None:
    """Execute the jupytext source ``source`` in a fresh kernel and write the cleaned ``.ipynb`` to ``output``."""
    execute_notebooks([(source, output)], parameters=parameters, cwd=cwd, timeout=timeout, jobs=1)


def execute_notebooks(jobs_list: Sequence[tuple[Path, Path]], *, parameters: dict, cwd: Path, timeout: int = 600,
                      jobs: int | None = None, before=None, on_done=None) -> None:
    """Execute each ``(source, output)`` notebook, ``jobs`` kernels at a time.

    The first ``jobs`` kernels start (and import the heavy libraries) before
    ``before()`` is called, so that kernel start-up overlaps with work such as
    the analysis.  ``on_done(output)`` runs after each notebook is written.
    Every kernel is killed when the run ends, fails or is interrupted
    (Ctrl-C cancels the run at once and raises :class:`KeyboardInterrupt`).
    """
    import asyncio

    jobs = max(1, min(jobs or len(jobs_list), len(jobs_list)))
    # Parsed (and the renderer imported) up front: the asynchronous phase must never block for long,
    # so that Ctrl-C cancels it at once.
    notebooks = [_load_source(src, parameters) for src, _ in jobs_list]
    import nbconvert  # noqa: F401
    logdir = Path(tempfile.mkdtemp(prefix="framing-nblog-"))
    kernels = [_Kernel(src.stem, cwd, logdir / f"{src.stem}.log") for src, _ in jobs_list]
    try:
        with asyncio.Runner() as runner:
            runner.run(_start_all(kernels[:jobs]))
            if before is not None:
                before()
            runner.run(_execute_all(jobs_list, notebooks, kernels, timeout, jobs, on_done))
    finally:
        log.debug("stopping %d kernel(s)", sum(k.km is not None for k in kernels))
        for k in kernels:
            k.kill()
        shutil.rmtree(logdir, ignore_errors=True)
        log.debug("kernels stopped")


async def _start_all(kernels) -> None:
    import asyncio

    await asyncio.gather(*(k.start() for k in kernels))


async def _execute_all(jobs_list, notebooks, kernels, timeout, jobs, on_done) -> None:
    import asyncio

    slots = asyncio.Semaphore(jobs)

    async def one(i: int) -> None:
        source, output = jobs_list[i]
        kernel = kernels[i]
        async with slots:
            if kernel.km is None:
                await kernel.start()
            nb = notebooks[i]
            await _run_cells(kernel, nb, source, timeout)
            kernel.kill()  # free the slot's memory before the next kernel starts
            _relay_log(kernel.log_file, source.stem)
            _finish(nb, output, source.stem)
            if on_done is not None:
                on_done(output)

    tasks = [asyncio.ensure_future(one(i)) for i in range(len(jobs_list))]
    try:
        await asyncio.gather(*tasks)
    finally:  # the first failure (or Ctrl-C) stops the others; retrieve every outcome so none is "never retrieved"
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _write(path: Path, text: str) -> None:
    """Atomic UTF-8 write."""
    write_text(path, text)


@contextlib.contextmanager
def _replaced_whole(folders: Sequence[tuple[Path, str]]):
    """Give each folder a fresh, empty state for the run; restore the old one if the run fails.

    Each existing folder is moved aside first (it must be empty or hold the
    ``marker`` file, so an unrelated folder is never touched), the run writes
    into an empty folder, and on failure or Ctrl-C the partial output is
    removed and the old folder moved back: the report's outputs are whole or
    unchanged, and no debris blocks the next run.
    """
    for folder, marker in folders:  # check every folder before touching any
        check_output_folder(folder, marker=marker)
    moved: list[tuple[Path, Path]] = []
    created: list[Path] = []
    try:
        for folder, _ in folders:
            if folder.exists():
                aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.previous-"))
                os.replace(folder, aside / folder.name)
                moved.append((folder, aside))
            else:  # the topmost folder this run creates, removed whole on failure
                top = folder
                while not top.parent.exists():
                    top = top.parent
                created.append(top)
            folder.mkdir(parents=True, exist_ok=True)
        yield
    except BaseException:
        log.debug("restoring the previous outputs")
        for folder, aside in reversed(moved):
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(aside / folder.name, folder)
            shutil.rmtree(aside, ignore_errors=True)
        for top in created:
            shutil.rmtree(top, ignore_errors=True)
        raise
    else:
        for _, aside in moved:
            shutil.rmtree(aside, ignore_errors=True)


def check_output_folder(folder: str | Path, *, marker: str | None = None, option: str = "--out") -> Path:
    """Check, before any work, that ``folder`` can be (re)written as an output folder; return it.

    One-line :class:`~analysis.errors.InputError` naming the folder when it is
    a file, lies inside the installed package, is not empty and lacks
    ``marker`` (so an unrelated folder is never replaced), or cannot be
    written (permissions, read-only file system): the check creates and
    removes a scratch folder in the nearest existing parent.
    """
    from .errors import InputError

    folder = Path(folder)
    if paths.inside_package(folder):
        raise InputError(folder, f"is inside the installed package; choose another {option}")
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise InputError(folder, f"is a file, not a folder; choose another {option}")
        if marker and any(folder.iterdir()) and not (folder / marker).exists():
            raise InputError(folder, f"not empty and has no {marker}; choose another {option}")
    parent = folder.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(parent, f"is a file, not a folder; cannot create {folder} ({option})")
    try:
        probe = tempfile.mkdtemp(dir=folder if folder.is_dir() else parent, prefix=".framing-probe-")
        os.rmdir(probe)
    except OSError as exc:
        why = "read-only file system" if getattr(exc, "errno", None) == 30 else (exc.strerror or "cannot write")
        raise InputError(folder, f"cannot be written ({why}); choose another {option}") from None
    return folder


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


def _param_path(path: Path, cwd: Path) -> str:
    """A folder as passed to the notebooks: relative to the kernel's working folder (the report folder), so
    that executed notebooks and their HTML carry no absolute path of the user's machine."""
    try:
        return Path(os.path.relpath(path.resolve(), cwd.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return str(path.resolve())


def run_report(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None, *,
               figures_dir: str | Path | None = None, results_dir: str | Path | None = None,
               lexicons: Sequence[str | Path] = (), registry_path: str | Path | None = None,
               progress: bool = True,
               notebooks_dir: str | Path | None = None, update_notebooks: bool | None = None,
               jobs: int | None = None, timeout: int = 600, analysis_options: dict | None = None) -> Path:
    """Analyse ``corpus_dir``, execute every notebook and render the report; return ``index.html``.

    Defaults (see :mod:`analysis.paths`): the project's corpus, ``report/``
    for the HTML, and for the bundled corpus ``figures/`` and ``results/``.
    Another corpus (or a non-default ``out_dir``) gets ``<out_dir>/figures``
    and ``<out_dir>/results`` unless ``figures_dir``/``results_dir`` are
    given, so it never overwrites the project's committed figures or results.
    ``update_notebooks`` (default: only in a checkout, when every folder is
    the project default) also writes the executed notebooks back to
    ``notebooks/NN-….ipynb``, the committed outputs.

    ``jobs`` notebooks run at a time, each in its own kernel (default: all
    of them).  The first kernels start while the analysis runs.  Folders are
    passed to the notebooks relative to ``out_dir``; warnings and log records
    from the notebooks go to this process's log, not into the pages.

    Raises :class:`ReportError` naming the notebook and cell when a notebook
    fails, and :class:`~analysis.errors.InputError` for a bad corpus or an
    output folder that cannot be written (checked before any work).  On
    failure or Ctrl-C every kernel is killed and the previous outputs are
    left as they were.
    """
    from .corpus import load_corpus
    from .pipeline import analyze

    t0 = time.perf_counter()
    if corpus_dir is not None and Path(corpus_dir).resolve() == paths.CORPUS.resolve():
        corpus_dir = None  # the project's corpus, however it was spelled
    default_corpus = corpus_dir is None
    bundled = default_corpus and paths.IN_CHECKOUT
    out = Path(out_dir) if out_dir is not None else paths.REPORT
    # Another corpus never overwrites the project's committed figures or its results/.
    figs = Path(figures_dir) if figures_dir is not None else (paths.FIGURES if bundled else out / "figures")
    if results_dir is not None:
        res = Path(results_dir)
    else:
        res = paths.RESULTS if bundled and out_dir is None else out / "results"
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS
    corpus_path = Path(corpus_dir) if corpus_dir is not None else paths.CORPUS
    # Checked before any work: the corpus exists, the output folders can be written.
    load_corpus(corpus_path)
    sources = notebook_sources(nb_dir)
    if not sources:
        raise ReportError(f"{nb_dir}: no NN-verb-object.py notebooks found")
    check_output_folder(out, marker="index.html")
    check_output_folder(figs, marker="index.csv", option="--figures")
    check_output_folder(res, marker="manifest.json")
    # Parameters: only the non-default ones, relative to the report folder (the kernels' working folder).
    params = {}
    if not bundled:
        params["corpus_dir"] = _param_path(corpus_path, out)
    if not bundled or res.resolve() != paths.RESULTS.resolve():
        params["results_dir"] = _param_path(res, out)
    if not bundled or figs.resolve() != paths.FIGURES.resolve():
        params["figures_dir"] = _param_path(figs, out)
    if update_notebooks is None:
        update_notebooks = bundled and not params and nb_dir.resolve() == paths.NOTEBOOKS.resolve()
    with _replaced_whole([(out, "index.html"), (figs, "index.csv")]):
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        executed = [out / "notebooks" / f"{src.stem}.ipynb" for src in sources]
        jobs = max(1, min(jobs if jobs is not None else len(sources), len(sources)))
        nav = '<nav><a href="index.html">← report index</a></nav>\n'
        titles: dict[Path, str] = {}
        state: dict = {}
        bar = None

        def run_analysis() -> None:  # while the first kernels start
            nonlocal bar
            state["tables"] = analyze(corpus_dir, res, lexicons=lexicons, registry_path=registry_path,
                                      progress=progress, **(analysis_options or {}))  # docs/scale.md
            log.info("analysis done in %.1f s", time.perf_counter() - t0)
            from .pages import write_pages  # evidence pages: <out>/articles/<article_id>.html (docs/pages.md)

            write_pages(state["tables"], out / "articles")
            if progress:
                from tqdm.auto import tqdm

                bar = tqdm(total=len(sources), desc="notebooks", unit="notebook")

        def rendered(target: Path) -> None:
            titles[target] = render_html(target, out / f"{target.stem}.html", nav=nav)
            if bar is not None:
                bar.update()

        try:
            execute_notebooks(list(zip(sources, executed)), parameters=params, cwd=out, timeout=timeout,
                              jobs=jobs, before=run_analysis, on_done=rendered)
        finally:
            if bar is not None:
                bar.close()
        tables = state["tables"]
        if update_notebooks:
            for src, target in zip(sources, executed):
                _write(src.with_suffix(".ipynb"), target.read_text(encoding="utf-8"))
        log.info("executed and rendered %d notebooks (%d at a time) in %.1f s", len(sources), jobs,
                 time.perf_counter() - t0)
        pages = [(f"{nb.stem}.html", titles[nb]) for nb in executed]
        from .figures import analysis_date

        from .actors import actors_of
        from .findings import findings_html, key_findings

        key = key_findings(tables, actors=actors_of(tables, corpus_dir))
        _write(out / "findings.csv", key.to_csv(index=False, lineterminator="\n"))
        manifest = tables.manifest.get("corpus", {})
        index = write_index(out, pages, figures_dir=figs, fingerprint=str(manifest.get("fingerprint", "")),
                            articles=len(tables.articles),
                            corpus=corpus_path.name if not bundled else "corpus/ (bundled)",
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


class _OneLine(logging.Formatter):
    def format(self, record):
        return super().format(record).replace("\r", " ").replace("\n", " ")


def _log_to_file() -> None:
    """In a kernel started by the report: send log records and warnings to the file named by
    ``FRAMING_NOTEBOOK_LOG`` (relayed to the user's terminal by the report), not into the notebook."""
    import warnings

    target = os.environ.get(LOG_ENV)
    if not target:
        return
    handler = logging.FileHandler(target, encoding="utf-8")
    handler.setFormatter(_OneLine("%(levelname)s\t%(message)s"))
    for name in ("analysis", "py.warnings"):
        lg = logging.getLogger(name)
        lg.handlers[:] = [handler]
        lg.propagate = False
        lg.setLevel(logging.INFO)
    logging.captureWarnings(True)
    warnings.simplefilter("default")


def open_notebook(notebook: str, *, corpus_dir=None, results_dir=None, figures_dir=None) -> NotebookContext:
    """Resolve parameters (``None`` → project defaults), load tables, set the figure style."""
    import pandas as pd

    from .figures import analysis_date, use_style
    from .pipeline import load_tables

    _log_to_file()
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
