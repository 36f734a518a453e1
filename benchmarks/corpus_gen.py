"""A reproducible synthetic corpus of real news text, for the scale benchmarks (not shipped, not a test).

    python benchmarks/corpus_gen.py N OUT_DIR [--seed 0] [--words 1000] [--generator 2]

Builds ``N`` unique articles of about ``--words`` words each by sampling paragraphs (with a fixed random
seed) from the PolNeAR train and dev texts (``../shared/datasets/polnear/data/{train,dev}/text/*.txt``)
and the seed articles (``../shared/seeds/*.txt``), read at run time: no shared text is ever committed.
Each article gets a headline line taken from its first sentence and an ordinary metadata file (source =
the generator and the article number), written straight into ``OUT_DIR/articles`` in the corpus layout
(``analysis.corpus``); ``framing add`` is not needed.  No two articles are the same text (a duplicate draw
is redrawn).

Text reuse (``--generator 2``, the default since 2026-12-03): every paragraph drawn from the pool is
reworded (every fourth word *or number* replaced by a random word of the pool or a random number), so two
articles drawing the same pool paragraph share no run of 4 words; the reuse is then what real syndicated
news has:

* **wire reprints**: 15 % of the articles reprint a wire story (its first 4 to all of its 6-10 paragraphs,
  verbatim, plus 0-4 paragraphs of their own).  Wire story ``k`` is published around article ``40 k``; a
  reprinting article takes one of the 12 latest stories, weighted by each story's popularity (Pareto,
  alpha 1.2, fixed per story and seed), so a story is reprinted by about 7 articles on average and a popular
  one by 50 or more, whatever ``N`` is (the corpus is a prefix of one sequence: ``--start`` grows it);
* **quoted paragraphs**: 1 % of the other paragraphs are kept verbatim (a statement or a quote reprinted).

So the share of articles that share a passage with another is about the same at 1,000 and at 100,000
articles (docs/reuse.md gives the measured figures).  ``--generator 1`` writes the corpora of the
benchmarks made before (every fourth *word* reworded, numbers kept, 5 % of the paragraphs verbatim): with
a pool of 15,000 paragraphs, each paragraph is drawn by about 170 of 100,000 articles and the numbers
left in its rewordings make almost every article a text-reuse candidate of 50 or more others.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    for cand in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        if (cand / "datasets" / "polnear").is_dir():
            return cand
    raise SystemExit("../shared/datasets/polnear not found: the scale benchmark needs real news text")


def paragraphs(shared: Path | None = None) -> list[str]:
    """Every paragraph of 15 words or more of the PolNeAR train/dev texts and the seeds, in a fixed order."""
    shared = shared or shared_dir()
    files = sorted((shared / "datasets" / "polnear" / "data" / "train" / "text").glob("*.txt"))
    files += sorted((shared / "datasets" / "polnear" / "data" / "dev" / "text").glob("*.txt"))
    files += sorted((shared / "seeds").glob("[0-9]*.txt"))
    out = []
    for f in files:
        for p in f.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            p = " ".join(p.split())
            if len(p.split()) >= 15:
                out.append(p)
    return out


_WORD = re.compile(r"[A-Za-z]+")


def _vocabulary(paras: list[str]) -> list[str]:
    return sorted({w.lower() for p in paras for w in _WORD.findall(p) if len(w) > 2})


def _reword(p: str, rng: random.Random, vocab: list[str], every: int = 4) -> str:
    """``p`` with every ``every``-th word (from a random offset) replaced by a random word of the pool."""
    off = rng.randrange(every)
    k = -1

    def sub(m):
        nonlocal k
        k += 1
        if k % every != off:
            return m.group()
        w = vocab[rng.randrange(len(vocab))]
        return w.capitalize() if m.group()[0].isupper() else w

    return _WORD.sub(sub, p)


_WORD2 = re.compile(r"[A-Za-z]+|[0-9]+")


def _reword2(p: str, rng: random.Random, vocab: list[str], every: int = 4) -> str:
    """``p`` with every ``every``-th word or number (from a random offset) replaced by a random word of the pool
    or a different random number of as many digits."""
    off = rng.randrange(every)
    k = -1

    def sub(m):
        nonlocal k
        k += 1
        g = m.group()
        if k % every != off:
            return g
        if g[0].isdigit():
            while True:
                r = "".join(str(rng.randrange(10)) for _ in g)
                if r != g:
                    return r
        w = vocab[rng.randrange(len(vocab))]
        return w.capitalize() if g[0].isupper() else w

    return _WORD2.sub(sub, p)


#: Wire stories (generator 2): one published every WIRE_EVERY articles; a reprint takes one of the WIRE_RECENT latest.
WIRE_SHARE, WIRE_EVERY, WIRE_RECENT, WIRE_ALPHA, QUOTED = 0.15, 40, 12, 1.2, 0.01


def _wire_story(k: int, seed: int, paras: list[str], vocab: list[str]) -> tuple[float, list[str]]:
    """Popularity and paragraphs of wire story ``k`` (deterministic for ``seed``)."""
    rng = random.Random(f"wire-{seed}-{k}")
    weight = rng.paretovariate(WIRE_ALPHA)
    body = [_reword2(paras[rng.randrange(len(paras))], rng, vocab) for _ in range(rng.randint(6, 10))]
    return weight, body


def articles(n: int, *, seed: int = 0, words: int = 1000, paras: list[str] | None = None,
             verbatim: float = 0.05, generator: int = 2):
    """Yield ``(number, text)`` for ``n`` unique articles of about ``words`` words.

    Each paragraph is drawn from the pool; with probability ``verbatim`` it is kept word for word (a
    reprinted passage, for text reuse to find), otherwise every fourth word is replaced by a random word
    of the pool, so that articles drawn from a finite pool are not all reprints of one another (with
    15,000 paragraphs, 100,000 articles would otherwise reuse each paragraph about 100 times).
    """
    paras = paras or paragraphs()
    vocab = _vocabulary(paras)
    if generator == 2:
        yield from _articles2(n, seed=seed, words=words, paras=paras, vocab=vocab)
        return
    rng = random.Random(seed)
    seen: set[str] = set()
    i = 0
    while i < n:
        body, count = [], 0
        while count < words:
            p = paras[rng.randrange(len(paras))]
            if rng.random() >= verbatim:
                p = _reword(p, rng, vocab)
            body.append(p)
            count += len(p.split())
        head = " ".join(body[0].split()[:10]).rstrip(".,;:")
        text = head + "\n\n" + "\n\n".join(body) + "\n"
        key = hashlib.sha256(text.encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        yield i, text
        i += 1


def _articles2(n: int, *, seed: int, words: int, paras: list[str], vocab: list[str]):
    """Generator 2 (see the module docstring): reworded paragraphs, wire reprints and quoted paragraphs."""
    rng = random.Random(seed)
    stories: dict[int, tuple[float, list[str]]] = {}
    seen: set[str] = set()
    i = 0
    while i < n:
        body, count = [], 0
        if rng.random() < WIRE_SHARE:
            latest = i // WIRE_EVERY
            ks = list(range(max(0, latest - WIRE_RECENT + 1), latest + 1))
            for k in ks:
                if k not in stories:
                    stories[k] = _wire_story(k, seed, paras, vocab)
            for k in [k for k in stories if k < ks[0]]:
                del stories[k]
            k = rng.choices(ks, weights=[stories[k][0] for k in ks])[0]
            wire = stories[k][1]
            body = list(wire[:rng.randint(4, len(wire))])
            count = sum(len(p.split()) for p in body)
            own = rng.randint(0, 4)
            for _ in range(own):
                p = _reword2(paras[rng.randrange(len(paras))], rng, vocab)
                body.insert(rng.randint(1, len(body)), p)
                count += len(p.split())
        while count < words:
            p = paras[rng.randrange(len(paras))]
            if rng.random() >= QUOTED:
                p = _reword2(p, rng, vocab)
            body.append(p)
            count += len(p.split())
        head = " ".join(body[0].split()[:10]).rstrip(".,;:")
        text = head + "\n\n" + "\n\n".join(body) + "\n"
        key = hashlib.sha256(text.encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        yield i, text
        i += 1


def write_corpus(n: int, out: str | Path, *, seed: int = 0, words: int = 1000, start: int = 0,
                 generator: int = 2) -> Path:
    """Write articles ``start .. start+n-1`` of the sequence for ``seed`` into the corpus folder ``out``."""
    from analysis.corpus import FIELDS, text_id

    out = Path(out)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in articles(start + n, seed=seed, words=words, generator=generator):
        if i < start:
            continue
        aid = text_id(text)
        blob = text.encode("utf-8")
        fields = {k: {"value": None, "status": "unknown", "evidence": ""} for k in FIELDS}
        fields["source"] = {"value": f"gen-{seed}-{i:06d}", "status": "supplied",
                            "evidence": "benchmarks/corpus_gen.py"}
        fields["language"] = {"value": "en", "status": "supplied", "evidence": "benchmarks/corpus_gen.py"}
        doc = {"id": aid, "text_file": f"{aid}.txt", "sha256": hashlib.sha256(blob).hexdigest(), "fields": fields}
        (folder / f"{aid}.txt").write_bytes(blob)
        (folder / f"{aid}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0, help="first article number (to grow a corpus)")
    ap.add_argument("--generator", type=int, choices=(1, 2), default=2,
                    help="2: reworded numbers, wire reprints (default); 1: the corpora of earlier benchmarks")
    a = ap.parse_args(argv)
    write_corpus(a.n, a.out, seed=a.seed, words=a.words, start=a.start, generator=a.generator)
    print(f"wrote {a.n} articles to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
