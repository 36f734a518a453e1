"""A reproducible synthetic corpus of real news text, for the scale benchmarks (not shipped, not a test).

    python benchmarks/corpus_gen.py N OUT_DIR [--seed 0] [--words 1000]

Builds ``N`` unique articles of about ``--words`` words each by sampling paragraphs (with a fixed random
seed) from the PolNeAR train and dev texts (``../shared/datasets/polnear/data/{train,dev}/text/*.txt``)
and the seed articles (``../shared/seeds/*.txt``), read at run time: no shared text is ever committed.
Most paragraphs are lightly reworded (every fourth word replaced by a random word of the pool) so that
articles drawn from a finite pool are not all reprints of one another; 5 % are kept verbatim.
Each article gets a headline line taken from its first sentence and an ordinary metadata file (source =
the generator and the article number), written straight into ``OUT_DIR/articles`` in the corpus layout
(``analysis.corpus``); ``framing add`` is not needed.  Paragraph sampling makes articles share
paragraphs now and then, as real syndicated news does, so text reuse has something to find; no two
articles are the same text (a duplicate draw is redrawn).
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


def articles(n: int, *, seed: int = 0, words: int = 1000, paras: list[str] | None = None,
             verbatim: float = 0.05):
    """Yield ``(number, text)`` for ``n`` unique articles of about ``words`` words.

    Each paragraph is drawn from the pool; with probability ``verbatim`` it is kept word for word (a
    reprinted passage, for text reuse to find), otherwise every fourth word is replaced by a random word
    of the pool, so that articles drawn from a finite pool are not all reprints of one another (with
    15,000 paragraphs, 100,000 articles would otherwise reuse each paragraph about 100 times).
    """
    paras = paras or paragraphs()
    vocab = _vocabulary(paras)
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


def write_corpus(n: int, out: str | Path, *, seed: int = 0, words: int = 1000, start: int = 0) -> Path:
    """Write articles ``start .. start+n-1`` of the sequence for ``seed`` into the corpus folder ``out``."""
    from analysis.corpus import FIELDS, text_id

    out = Path(out)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in articles(start + n, seed=seed, words=words):
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
    a = ap.parse_args(argv)
    write_corpus(a.n, a.out, seed=a.seed, words=a.words, start=a.start)
    print(f"wrote {a.n} articles to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
