"""Benchmark: wall time of the whole report on the bundled corpus (run on demand, not a test).

    python benchmarks/bench_report.py [--jobs N]

Runs ``analysis.report.run_report`` (analysis, five notebooks executed, HTML, figures) into a
temporary folder, so the committed notebooks, figures and results are untouched, and prints the wall
time of the whole run plus the time of each stage. Target: under 60 s on 2 cores.
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import tempfile
import time
from pathlib import Path

from analysis import paths
from analysis.report import run_report


class _Stages(logging.Handler):
    """Collect the report's own timing log lines."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if re.search(r" in \d+\.\d s$", msg):
            self.lines.append(msg)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=None, help="notebooks run at a time (default: CPUs, max 4)")
    args = ap.parse_args()
    stages = _Stages()
    log = logging.getLogger("analysis.report")
    log.setLevel(logging.INFO)
    log.addHandler(stages)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        t0 = time.perf_counter()
        run_report(paths.CORPUS, Path(tmp) / "report", figures_dir=Path(tmp) / "figures", progress=False,
                   jobs=args.jobs)
        dt = time.perf_counter() - t0
        n_fig = len(list((Path(tmp) / "figures").glob("*.png")))
    for line in stages.lines:
        print(f"  {line}")
    print(f"report on the bundled corpus: {dt:.1f} s wall ({os.cpu_count()} CPUs, {n_fig} figures, "
          f"target < 60 s on 2 cores)")


if __name__ == "__main__":
    main()
