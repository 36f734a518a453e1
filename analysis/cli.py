"""The ``framing`` command-line tool.

Subcommands mirror the Python API::

    framing add PATH...        import articles (text, HTML, CSV/TSV, JSON(L), compressed, folders) into a corpus
    framing list               show the corpus with its metadata (and provenance)
    framing analyze            write the result tables (articles.csv, sentences.csv, ...)
    framing report             analysis + executed notebooks + HTML + figures
    framing pages              evidence pages: every article annotated, with a corpus index
    framing evaluate GOLD      score attribution extraction against a gold file
    framing evaluate-sentiment GOLD.jsonl   score target-dependent sentiment (NewsMTSC format)
    framing kwic TERM          keyword in context: every hit of a term with its context
    framing terms              distinctive terms and candidate loaded terms
    framing lexicon [FILE...]  validate lexicon files and summarise them

Bad input ends with one line naming the file, folder or option
(``framing: error: FILE: ...``) and exit status 1, checked before the work
starts where it can be; no traceback unless ``--debug``.  Ctrl-C ends with
``framing: interrupted`` and exit status 130, leaving earlier outputs as they
were; SIGTERM (``kill``, a job scheduler's time limit) is handled the same way
and ends with ``framing: terminated`` and exit status 143 (128 + 15): worker
processes are stopped, notebook kernels shut down, staging folders removed.

Default folders (see :mod:`analysis.paths`): in a checkout of the project,
``corpus/``, ``results/`` and ``report/`` at the project root; installed
from a wheel, ``./corpus``, ``./results`` and ``./report`` in the current
directory (never inside the installed package).  ``analyze`` and ``report``
with a ``--corpus`` other than the default need ``--out``, so that the
default corpus's results and report are never replaced by accident.
"""
from __future__ import annotations

import argparse
import os
import logging
import sys
from pathlib import Path

from . import __version__, paths
from .errors import FramingError, InputError

log = logging.getLogger("analysis")

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 128 + 15


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main process is, so that everything that cleans up after Ctrl-C runs."""


_TERMINATED: list[bool] = []  # set when SIGTERM arrived (code that re-raises Ctrl-C may drop the class)


def _on_sigterm(signum, frame) -> None:
    import signal

    if os.getpid() != _MAIN_PID:  # a forked worker that has not reset the handler yet
        os._exit(EXIT_TERMINATED)
    _TERMINATED.append(True)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the clean-up is not interrupted again
    # worker processes get SIGTERM too (Ctrl-C reaches them through the terminal's process group; kill
    # reaches only this process): a pool would otherwise finish its running tasks before shutting down
    import multiprocessing

    for child in multiprocessing.active_children():
        if "PoolWorker" in child.name:  # a multiprocessing.Pool's worker: Pool.terminate() stops it in order;
            continue  # killed here while waiting for a task, it would die holding the task queue's lock,
        try:  # and Pool.terminate() would then wait for that lock forever
            child.terminate()
        except Exception:  # already gone
            pass
    raise _Terminated()


_MAIN_PID = os.getpid()


def _release_semaphores() -> None:
    """Unlink the semaphores of process pools now (os._exit skips the finalizers that do it, and the
    resource tracker would then print a warning about 'leaked semaphore objects' while removing them)."""
    if "multiprocessing" not in sys.modules:
        return
    try:
        from multiprocessing import util

        util._run_finalizers(0)
    except Exception:  # best effort: the resource tracker removes them anyway
        pass


def _handle_sigterm():
    """Turn SIGTERM into :class:`_Terminated` (a KeyboardInterrupt) in this, the main, process; return
    the previous handler (None when not installed: not the main thread)."""
    import signal
    import threading

    global _MAIN_PID
    if threading.current_thread() is not threading.main_thread():
        return None
    _MAIN_PID = os.getpid()
    _TERMINATED.clear()
    return signal.signal(signal.SIGTERM, _on_sigterm)


def _print_table(df, *, fmt: str = "text", limit: int | None = None) -> None:
    import pandas as pd

    if limit is not None:
        df = df.head(limit)
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    else:
        with pd.option_context("display.max_colwidth", 70, "display.width", 200, "display.max_rows", None):
            print(df.astype(object).where(df.notna(), "").to_string(index=False) if len(df) else "(no rows)")


def _cmd_add(args) -> int:
    from .importers import add_articles, load_mapping
    from .report import check_output_folder

    check_output_folder(args.corpus or paths.CORPUS, option="--corpus")
    for path in args.paths:
        if not path.exists():
            raise InputError(path, "not found")
    supplied = {k: getattr(args, k) for k in ("title", "outlet", "author", "published", "url", "genre")
                if getattr(args, k)}
    mapping = load_mapping(args.mapping) if args.mapping else {}
    for item in args.map or []:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputError("--map", f"expected FIELD=COLUMN (e.g. text=content), got {item!r}")
        mapping[field.strip()] = column.strip()
    if args.min_words < 1:
        raise InputError("--min-words", f"must be at least 1, got {args.min_words}")
    res = add_articles(args.paths, corpus_dir=args.corpus, supplied=supplied, skip_invalid=args.skip_invalid,
                       min_words=args.min_words, mapping=mapping, day_first=args.day_first,
                       drop_near_duplicates=args.drop_near_duplicates, near_threshold=args.near_threshold,
                       jobs=args.jobs)
    for i in res:
        print(i)
    refused = res.duplicates + res.rejected
    for r in refused[:20]:
        where = f"{r.file}:{r.row}" if r.row else r.file
        print(f"framing: {r.kind}: {where}: {r.reason}", file=sys.stderr)
    if len(refused) > 20:
        print(f"framing: ... and {len(refused) - 20} more", file=sys.stderr)
    print(res.summary(args.corpus or paths.CORPUS), file=sys.stderr)
    return 0


def _cmd_list(args) -> int:
    from .corpus import load_corpus

    corpus = load_corpus(args.corpus)
    if args.provenance:
        _print_table(corpus.provenance(), fmt=args.format)
    else:
        df = corpus.metadata()
        df.insert(len(df.columns), "words", [a.words for a in corpus])
        _print_table(df, fmt=args.format)
    return 0


def _cmd_analyze(args) -> int:
    from .pipeline import analyze
    from .report import check_output_folder

    _check_inputs(args)
    out = Path(args.out) if args.out else _default_out(args, paths.RESULTS)
    check_output_folder(out, marker="manifest.json")
    tables = analyze(args.corpus, out, lexicons=args.lexicon, registry_path=args.registry,
                     progress=not args.no_progress, **_scale_options(args))
    print(f"{len(tables.articles)} articles analysed; tables written to {paths.display(out)}")
    return 0


def _scale_options(args) -> dict:
    """Options of the analysis engine (see docs/scale.md): workers, cache, Dask scheduler, table format."""
    opts = {"cache": not args.no_cache, "scheduler": args.scheduler, "fmt": args.format}
    if getattr(args, "workers", None) is not None:
        opts["jobs"] = args.workers
    return opts


def _cmd_report(args) -> int:
    from .report import run_report

    _check_inputs(args)
    out = run_report(args.corpus, args.out if args.out else _default_out(args, paths.REPORT), figures_dir=args.figures, lexicons=args.lexicon,
                     registry_path=args.registry, jobs=args.jobs, progress=not args.no_progress,
                     analysis_options=_scale_options(args))
    print(f"report written to {paths.display(out)}")
    return 0


def _is_default_corpus(corpus) -> bool:
    return corpus is None or Path(corpus).resolve() == paths.CORPUS.resolve()


def _default_out(args, default: Path) -> Path:
    """The default output folder, refused for another corpus (it belongs to the default corpus)."""
    if not _is_default_corpus(args.corpus):
        raise InputError(None, f"--out is required with --corpus {args.corpus} (the default "
                               f"{paths.display(default)}/ holds the results of {paths.display(paths.CORPUS)}/)")
    return default


def _check_inputs(args) -> None:
    """Option files and folders that must exist, checked before any work starts."""
    corpus = Path(args.corpus) if getattr(args, "corpus", None) else paths.CORPUS
    if not corpus.exists():
        raise InputError(corpus, "corpus folder not found" + ("" if getattr(args, "corpus", None) else
                                                              " (the default; give --corpus DIR)"))
    if not corpus.is_dir():
        raise InputError(corpus, "is a file, not a corpus folder (--corpus)")
    registry = getattr(args, "registry", None)
    if registry is not None and not Path(registry).is_file():
        raise InputError(registry, "speaker registry not found (--registry)" if not Path(registry).exists()
                         else "is not a file (--registry)")
    for lex in getattr(args, "lexicon", None) or ():
        if not Path(lex).is_file():
            raise InputError(lex, "lexicon file not found (--lexicon)" if not Path(lex).exists()
                             else "is not a file (--lexicon)")
    for opt in ("figures",):
        folder = getattr(args, opt, None)
        if folder is not None:
            from .report import check_output_folder

            check_output_folder(folder, marker="index.csv", option=f"--{opt}")


def _cmd_pages(args) -> int:
    from .pages import write_pages

    results = Path(args.results) if args.results else paths.RESULTS
    out = Path(args.out) if args.out else paths.REPORT / "articles"
    index = write_pages(results, out, progress=not args.no_progress, jobs=args.jobs)
    print(f"evidence pages written to {index}")
    return 0


def _cmd_evaluate(args) -> int:
    from .corpus import load_corpus
    from .evaluate import evaluate_attributions, load_gold
    from .sources import attributions_table, load_registry

    _check_inputs(args)
    if not Path(args.gold).is_file():
        raise InputError(args.gold, "gold file not found")
    corpus = load_corpus(args.corpus)
    reg_file = Path(args.registry) if args.registry else corpus.path / "speakers.csv"
    registry = load_registry(reg_file) if reg_file.is_file() else None
    gold = load_gold(args.gold)
    predicted = attributions_table(corpus, registry=registry,
                                   merge_continuations=False if args.separate_continuations else None)
    source_to_id = {a.meta.get("source"): a.id for a in corpus}
    if "article_id" not in gold.columns or gold["article_id"].isna().all():
        gold = gold.assign(article_id=gold["source"].map(source_to_id))
    missing = gold["article_id"].isna()
    if missing.any():
        raise FramingError(f"{args.gold}: {int(missing.sum())} gold row(s) name articles that are not in the corpus")
    scores = evaluate_attributions(predicted, gold)
    _print_table(scores, fmt=args.format)
    return 0


def _cmd_evaluate_sentiment(args) -> int:
    import json

    from .tsc.evaluate import evaluate
    from .tsc.model import load_model

    model = load_model(args.model) if args.model else None
    res = evaluate(args.gold, model=model, baseline=args.baseline)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"{res['gold']}: {res['n']} targets, model {res['model']}")
    print(f"accuracy {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}")
    print(f"{'class':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for name, v in res["per_class"].items():
        print(f"{name:<10} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>6.3f} {v['support']:>8d}")
    if "baseline_vader" in res:
        b = res["baseline_vader"]
        print(f"VADER sentence compound (baseline): accuracy {b['accuracy']:.3f}  macro-F1 {b['macro_f1']:.3f}")
    return 0


def _cmd_kwic(args) -> int:
    from .corpus import load_corpus
    from .loaded import kwic, load_lexicon

    corpus = load_corpus(args.corpus)
    df = kwic(corpus, args.term, width=args.width, lexicon=load_lexicon(args.lexicon, corpus=corpus.path))
    _print_table(df, fmt=args.format, limit=args.limit)
    return 0


def _cmd_terms(args) -> int:
    from .corpus import load_corpus
    from .keyness import candidate_terms, distinctive_terms
    from .loaded import load_lexicon

    corpus = load_corpus(args.corpus)
    if args.candidates:
        df = candidate_terms(corpus, lexicon=load_lexicon(args.lexicon, corpus=corpus.path), top=args.top)
    else:
        df = distinctive_terms(corpus, by=args.by, background=args.background, top=args.top)
    _print_table(df, fmt=args.format)
    return 0


def _cmd_lexicon(args) -> int:
    import pandas as pd

    from .loaded import load_lexicon

    lex = load_lexicon(args.files, include_default=not args.only)
    counts = pd.DataFrame(sorted(lex.by_category().items()), columns=["category", "entries"])
    _print_table(counts, fmt=args.format)
    files = ", ".join(f"{f.name} {f.version}" for f in lex.files)
    print(f"{int(counts['entries'].sum())} entries valid ({files})", file=sys.stderr)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framing",
        description="Media framing and bias analysis: sentiment, loaded language and source attribution.",
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    p.add_argument("-q", "--quiet", action="store_true", help="only log errors")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    where = "in the project" if paths.IN_CHECKOUT else "in the current directory"

    def corpus_opt(sp):
        sp.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                        help=f"corpus folder (default: corpus/ {where})")

    def format_opt(sp):
        sp.add_argument("--format", choices=("text", "csv"), default="text", help="output format (default: text)")

    sp = sub.add_parser("add", help="import articles into a corpus",
                        description="Import plain text, saved HTML pages, or CSV/TSV/JSONL/JSON files (one article "
                                    "per row; also .gz/.bz2/.xz; a folder imports every such file inside it) "
                                    "into the corpus. Duplicates are refused; nothing is overwritten; a bad "
                                    "file or row aborts the whole batch unless --skip-invalid.")
    sp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    corpus_opt(sp)
    for name in ("title", "outlet", "author", "published", "url", "genre"):
        sp.add_argument(f"--{name}", default=None, help=f"supply the {name} for every imported article")
    sp.add_argument("--skip-invalid", action="store_true",
                    help="import every valid file and row; list refused ones (also in <corpus>/rejects/)")
    sp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                    help="read FIELD (text, title, outlet, author, published, url, genre, id) from COLUMN "
                         "(repeatable; common export names are recognised without it)")
    sp.add_argument("--mapping", type=Path, metavar="FILE", help="a YAML file of FIELD: COLUMN pairs")
    sp.add_argument("--min-words", type=int, default=20, metavar="N",
                    help="refuse texts under N words (default: 20; 1 accepts headlines, snippets, sentences)")
    sp.add_argument("--day-first", action="store_true",
                    help="read ambiguous numeric dates such as 03/04/18 day first (default: month first)")
    sp.add_argument("--drop-near-duplicates", action="store_true",
                    help="drop near duplicates (lightly edited reprints) instead of keeping them with a warning")
    sp.add_argument("--near-threshold", type=float, default=None, metavar="J",
                    help="estimated Jaccard similarity from which an article is a near duplicate (default: 0.5)")
    sp.add_argument("--jobs", type=_positive, default=1, metavar="N",
                    help="processes validating rows (default: 1); the corpus written is the same for any N")
    sp.set_defaults(func=_cmd_add)

    sp = sub.add_parser("list", help="show the corpus and its metadata")
    corpus_opt(sp)
    sp.add_argument("--provenance", action="store_true", help="show where every metadata value came from")
    format_opt(sp)
    sp.set_defaults(func=_cmd_list)

    def analysis_opts(sp):
        corpus_opt(sp)
        sp.add_argument("--lexicon", action="append", default=[], type=Path, metavar="FILE",
                        help="extra lexicon file adding to or overriding the shipped lexicons (repeatable)")
        sp.add_argument("--no-progress", action="store_true", help="no progress bars")
        sp.add_argument("--no-cache", action="store_true",
                        help="recompute every article (default: reuse per-article results cached in <results>/.cache)")
        sp.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="run the analysis on a Dask cluster (e.g. tcp://host:8786); see docs/scale.md")
        sp.add_argument("--format", default="csv", choices=("csv", "parquet"),
                        help="result table format (default: csv)")

    sp = sub.add_parser("analyze", help="write the result tables",
                        description="Analyse every article and write articles.csv, sentences.csv, "
                                    "attributions.csv, sources.csv, loaded_terms.csv, cleaning.csv, metadata.csv.")
    analysis_opts(sp)
    sp.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help=f"results folder (default: results/ {where}; required with another --corpus)")
    sp.add_argument("--jobs", dest="workers", type=_positive, default=None, metavar="N",
                    help="worker processes (default: every core)")
    sp.add_argument("--registry", type=Path, default=None, metavar="FILE",
                    help="speaker registry CSV (default: <corpus>/speakers.csv)")
    sp.set_defaults(func=_cmd_analyze)

    sp = sub.add_parser("report", help="analysis, executed notebooks, HTML report and figures",
                        description="Run the analysis, execute every notebook against the corpus, and write the "
                                    "executed notebooks, rendered HTML with an index page, and the figures.")
    analysis_opts(sp)
    sp.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help=f"report folder (default: report/ {where}; required with another --corpus)")
    sp.add_argument("--figures", type=Path, default=None, metavar="DIR",
                    help="figures folder (default: figures/ for the project's corpus in a checkout, "
                         "<out>/figures otherwise)")
    sp.add_argument("--registry", type=Path, default=None, metavar="FILE",
                    help="speaker registry CSV (default: <corpus>/speakers.csv)")
    sp.add_argument("--jobs", type=_positive, default=None,
                    help="notebooks executed at a time, each in its own kernel (default: all)")
    sp.set_defaults(func=_cmd_report)

    sp = sub.add_parser("pages", help="evidence pages: every article annotated in the browser",
                        description="Write one static HTML page per article (its text with every attribution, "
                                    "loaded term and actor mention marked) and a sortable corpus index, from the "
                                    "tables of 'framing analyze'. See docs/pages.md.")
    sp.add_argument("--results", type=Path, default=None, metavar="DIR",
                    help="results folder written by 'framing analyze' (default: results/)")
    sp.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help="folder for the pages (default: report/articles/)")
    sp.add_argument("--jobs", type=_positive, default=None,
                    help="processes writing pages (default: 1 for small corpora, else CPUs, at most 4)")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    sp.set_defaults(func=_cmd_pages)

    sp = sub.add_parser("evaluate", help="score attribution extraction against a gold file",
                        description="Run attribution extraction on the corpus and score it against GOLD (CSV; "
                                    "see docs/sources.md for the format) at word overlap 0.3 and 0.8.")
    sp.add_argument("gold", type=Path, help="gold attributions CSV (see docs/sources.md)")
    corpus_opt(sp)
    sp.add_argument("--registry", type=Path, default=None, metavar="FILE",
                    help="speaker registry CSV (default: <corpus>/speakers.csv)")
    sp.add_argument("--separate-continuations", action="store_true",
                    help="count a quote that continues after its cue ('“A,” he said. “B.”') as a second "
                         "attribution, as the bundled seed gold does (default: one, as PolNeAR does)")
    format_opt(sp)
    sp.set_defaults(func=_cmd_evaluate)

    sp = sub.add_parser("evaluate-sentiment", help="score target-dependent sentiment against a gold file",
                        description="Label every target of GOLD (JSON Lines as in NewsMTSC: sentence, from, to, "
                                    "polarity in -1/0/1) with the sentiment model and print accuracy, macro-F1 "
                                    "and per-class precision, recall and F1 (see docs/sentiment.md).")
    sp.add_argument("gold", type=Path, help="gold targets, JSON Lines")
    sp.add_argument("--json", action="store_true", help="print the scores as JSON")
    sp.add_argument("--model", type=Path, default=None, metavar="FILE",
                    help="a model file written by scripts/train_tsc.py (default: the shipped model)")
    sp.add_argument("--baseline", action="store_true",
                    help="also score VADER's sentence compound as the target's label, for comparison")
    sp.set_defaults(func=_cmd_evaluate_sentiment)

    sp = sub.add_parser("kwic", help="keyword in context for a term",
                        description="Every occurrence of TERM (a word or phrase, case-insensitive, whole words; or a "
                                    "lexicon entry, matched with its inflections) with the text around it.")
    sp.add_argument("term", help="word, phrase or lexicon entry")
    corpus_opt(sp)
    sp.add_argument("--width", type=_positive, default=60, help="characters of context on each side (default: 60)")
    sp.add_argument("--limit", type=_positive, default=None, help="show at most N hits")
    sp.add_argument("--lexicon", action="append", default=[], type=Path, metavar="FILE",
                    help="extra lexicon file; a term that is a lexicon entry is matched with its inflections")
    format_opt(sp)
    sp.set_defaults(func=_cmd_kwic)

    sp = sub.add_parser("terms", help="distinctive terms, or candidate loaded terms")
    corpus_opt(sp)
    sp.add_argument("--by", default="article", help="group: article, outlet, genre or another metadata field")
    sp.add_argument("--background", choices=("corpus", "english"), default="corpus",
                    help="compare each group with the rest of the corpus, or with general English (wordfreq)")
    sp.add_argument("--candidates", action="store_true",
                    help="list valenced words the lexicon does not contain yet")
    sp.add_argument("--lexicon", action="append", default=[], type=Path, metavar="FILE",
                    help="extra lexicon file: its entries are not proposed as candidates (repeatable)")
    sp.add_argument("--top", type=_positive, default=20, help="terms per group (default: 20)")
    format_opt(sp)
    sp.set_defaults(func=_cmd_terms)

    sp = sub.add_parser("lexicon", help="validate lexicon files and count their entries")
    sp.add_argument("files", nargs="*", type=Path, metavar="FILE")
    sp.add_argument("--only", action="store_true", help="check only FILE(s), without the shipped lexicons")
    format_opt(sp)
    sp.set_defaults(func=_cmd_lexicon)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format=os.environ.get("FRAMING_LOG_FORMAT", "framing: %(levelname)s: %(message)s"))
    previous = _handle_sigterm()
    try:
        return int(args.func(args) or 0)
    except FramingError as exc:
        if args.debug:
            raise
        print(f"framing: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as exc:
        term = isinstance(exc, _Terminated) or bool(_TERMINATED)
        code = EXIT_TERMINATED if term else EXIT_INTERRUPTED
        print(f"framing: {'terminated' if term else 'interrupted'}; earlier outputs were left as they were",
              file=sys.stderr)
        if argv is None:  # the console script: everything is cleaned up and closed by now; skip the
            # interpreter's slow teardown of messaging sockets to dead kernels (seconds), exit at once
            _release_semaphores()
            sys.stdout.flush()
            sys.stderr.flush()
            logging.shutdown()
            os._exit(code)
        return code
    except BrokenPipeError:  # e.g. `framing kwic ... | head`
        return 0
    except OSError as exc:  # the file system said no (disk full, permissions, read-only): name the file
        if args.debug:
            raise
        where = exc.filename or "output"
        print(f"framing: error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except MemoryError:
        print("framing: error: out of memory; try a smaller corpus or fewer --jobs", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug, not bad input: still one line, with a way to see more
        if args.debug:
            raise
        print(f"framing: error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details",
              file=sys.stderr)
        return EXIT_ERROR
    finally:
        if previous is not None:  # main() called from Python (tests, notebooks): give SIGTERM back
            import signal

            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
