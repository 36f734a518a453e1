#!/usr/bin/env bash
# Install the built wheel into a clean virtual environment (no system site-packages, no checkout on the
# path) and run `framing report` on a copy of the bundled corpus from a folder outside the checkout.
# Usage: scripts/check_wheel.sh DIST_DIR LOCK_FILE      (what `make check-wheel` runs)
set -euo pipefail
dist=$(cd "$1" && pwd)
lock=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/framing-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
"$work/venv/bin/python" -m pip install --quiet -c "$lock" "$dist"/*.whl
# Once seen in CI (not reproduced): pip reported success but the venv could not import the package.
# Show what was installed, reinstall the wheel once, and fail only if it is still missing.
if ! (cd / && env -u PYTHONPATH "$work/venv/bin/python" -c "import analysis") 2>/dev/null; then
  echo "check-wheel: 'import analysis' failed after install; wheel contents and installed distribution:" >&2
  "$work/venv/bin/python" -m zipfile -l "$dist"/*.whl | head -5 >&2 || true
  "$work/venv/bin/python" -m pip show -f framing-analysis 2>&1 | head -12 >&2 || true
  "$work/venv/bin/python" -m pip install --quiet --no-cache-dir --force-reinstall --no-deps "$dist"/*.whl
fi
cp -r "$repo/corpus" "$work/my-corpus"
cd "$work"  # outside the checkout: nothing may come from it
unset PYTHONPATH
env -u PYTHONPATH "$work/venv/bin/python" - "$repo" <<'PY'
import sys, analysis, analysis.paths as p
repo = sys.argv[1]
assert not analysis.__file__.startswith(repo), f"analysis imported from the checkout: {analysis.__file__}"
assert not p.IN_CHECKOUT and p.NOTEBOOKS.is_dir(), (p.IN_CHECKOUT, p.NOTEBOOKS)
print(f"check-wheel: analysis {analysis.__version__} from {analysis.__file__}")
PY
# every tracked file of the package (code and method data) and every notebook source is installed
"$work/venv/bin/python" - "$repo" <<'PY'
import subprocess, sys, pathlib, analysis
repo, pkg = pathlib.Path(sys.argv[1]), pathlib.Path(analysis.__file__).parent
tracked = subprocess.run(["git", "-C", str(repo), "ls-files", "analysis", "notebooks"], capture_output=True,
                         text=True, check=True).stdout.split()
want = {f[len("analysis/"):] for f in tracked if f.startswith("analysis/")}
want |= {"notebooks/" + f.split("/", 1)[1] for f in tracked
         if f.startswith("notebooks/") and (f.endswith(".py") or f.endswith("jupytext.toml"))}
missing = sorted(f for f in want if not (pkg / f).is_file())
if missing:
    sys.exit(f"check-wheel: not in the wheel: {missing} (add a glob to [tool.setuptools.package-data])")
print(f"check-wheel: all {len(want)} package and notebook files installed")
PY
start=$(date +%s)
"$work/venv/bin/framing" report --corpus my-corpus --out my-report --no-progress
echo "check-wheel: report in $(( $(date +%s) - start )) s"
test -s my-report/index.html
for nb in 01-describe-corpus 02-compare-sentiment 03-measure-loaded-language 04-compare-sourcing 05-synthesise-framing; do
  test -s "my-report/$nb.html" || { echo "check-wheel: my-report/$nb.html missing" >&2; exit 1; }
done
if grep -rl --exclude='*.png' --exclude='*.pdf' "$work" my-report; then
  echo "check-wheel: the report contains an absolute path of this machine ($work)" >&2; exit 1
fi
# `framing add` without --corpus writes to ./corpus, never into the installed package
"$work/venv/bin/framing" add "$repo/tests/fixtures/articles/council.txt" >/dev/null
test -d corpus/articles
site=$("$work/venv/bin/python" -c "import analysis, pathlib; print(pathlib.Path(analysis.__file__).parent)")
test ! -e "$site/corpus" && test ! -e "$site/../corpus"
echo "check-wheel: ok"
