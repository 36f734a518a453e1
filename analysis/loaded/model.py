"""The loaded-language model: a logistic regression over word-in-context features, applied offline.

Method
------
A binary logistic regression (scikit-learn ``LogisticRegression``, L2) over
the named features of :mod:`analysis.loaded.features` scores every
candidate word of a sentence; words whose probability reaches the model's
threshold are hits, and adjacent hit words (separated by one space or
hyphen) join into one phrase.  Lexicon hits claim their spans first; the
model only adds words outside them.  Each model hit is an evidence row with
its probability (``score``) and the features that weighed most
(``features``: feature=contribution to the log-odds, largest first).

The weights live in a small versioned JSON file inside the package
(``analysis/data/loaded_model.json``): header (name, version, date, source,
licence, training data, measured accuracy), intercept, threshold and one
weight per feature.  Applying it needs no scikit-learn at run time: the
score is ``sigmoid(intercept + sum(weight * value))``.  The file is written
by ``scripts/train_loaded.py`` (one command, deterministic); the model card
is ``docs/loaded-model.md``.

Known limits: trained on a few hundred sentences of US election news
(2015-16) annotated by one annotator for this project; single words and
adjacent runs only (no long spans); no sense disambiguation beyond the
context features.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import paths as _paths
from ..errors import InputError
from ..text import word_spans
from .words import Words
from .features import WORD_MEMO, _vader, context_features, tokens, valence, word_features


_MISSING = object()


def _boosters() -> frozenset[str]:
    return _vader()[1]

MODEL_FILE = _paths.PACKAGE_DATA / "loaded_model.json"
_HEADER = ("name", "version", "date", "source", "licence")


@dataclass(frozen=True)
class ModelHit:
    """One phrase the model scores as loaded (offsets into the text)."""

    start: int
    end: int
    score: float
    features: str
    entry: str = "(model)"
    category: str = "emotive"


@dataclass
class LoadedModel:
    """Weights of the logistic regression and their provenance."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    info: dict[str, Any]
    path: str = ""

    @property
    def label(self) -> str:
        """``name@version``, as recorded in evidence rows and the manifest."""
        return f"{self.info.get('name', 'model')}@{self.info.get('version', '?')}"

    def score(self, feats: Mapping[str, float]) -> float:
        """Probability that a word with features ``feats`` is loaded."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, feats: Mapping[str, float], *, top: int = 3) -> str:
        """The ``top`` features with the largest contribution to the log-odds, as ``name=+0.00; ...``."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in feats.items() if k != "bias"]
        parts = [p for p in parts if p[1]]
        parts.sort(key=lambda p: (-abs(p[1]), p[0]))
        return "; ".join(f"{k}={c:+.2f}" for k, c in parts[:top])

    def _word_logit(self, low: str) -> float | None:
        """Sum of the weights of a word's context-free features (cached per word type), None if not scored."""
        cache = self.__dict__.setdefault("_cache", {})
        z = cache.get(low, False)
        if z is False:
            wf = word_features(low)
            z = None if wf is None else sum(self.weights.get(k, 0.0) * v for k, v in wf.items())
            if len(cache) < 2 * WORD_MEMO:  # bounded: the first words seen (mostly the frequent ones)
                cache[low] = z
        return z

    def word_scores(self, text: str, start: int, end: int, *, first: bool = True):
        """(token, probability, features) for every word of ``text[start:end]`` (probability None if not scored).

        ``features`` is filled for scored words only when asked for by :meth:`find` (hits); this
        keeps the per-word cost to one cached look-up and a few context features.
        """
        toks = tokens(text, start, end)
        vals = [valence(t.low) for t in toks]
        out = []
        for i, t in enumerate(toks):
            z = self._word_logit(t.low)
            if z is None:
                out.append((t, None, None))
                continue
            ctx = context_features(toks, i, vals, first=first)
            z += self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in ctx.items())
            out.append((t, 1.0 / (1.0 + math.exp(-z)), ctx))
        return out

    def _context_weights(self) -> tuple[float, float, float, float, float]:
        """Weights of the context features and the largest amount they can add to a word's log-odds."""
        w = self.__dict__.get("_ctxw")
        if w is None:
            g = self.weights.get
            parts = (g("ctx_valence", 0.0), g("after_booster", 0.0), g("capitalised", 0.0), g("all_caps", 0.0))
            w = (*parts, sum(max(0.0, x) for x in parts))
            self.__dict__["_ctxw"] = w
        return w

    def find(self, text: str, *, sentences: Sequence[Any], taken: Sequence[tuple[int, int]] = (),
             words: Words | None = None) -> list[ModelHit]:
        """Model hits in ``text`` outside the ``taken`` spans (sorted (start, end) pairs), sentence by sentence.

        Fast path of :meth:`word_scores`: a word whose context-free log-odds plus the most its
        context could add stays below the threshold is skipped without computing its context.
        ``words`` (:class:`~analysis.loaded.words.Words` of ``text``) is built when not given; the
        context-free log-odds are looked up once per word of the article.
        """
        taken = sorted(taken)
        th = self.threshold
        z_th = math.log(th / (1.0 - th)) if 0.0 < th < 1.0 else (math.inf if th >= 1.0 else -math.inf)
        w_ctx, w_after, w_cap, w_caps, ctx_max = self._context_weights()
        z_min = z_th - self.intercept - ctx_max  # a word's context-free log-odds must reach this
        boosters = _boosters()
        if words is None:
            words = Words(text)
        all_lows = words.lows
        all_zs = self._logits(all_lows)
        out: list[ModelHit] = []
        k = 0
        for s in sentences:
            r = words.range(s.start, s.end)
            if r is None:  # a word crosses the sentence's edge: the sentence's own words
                spans = [(s.start + a, s.start + b) for a, b in word_spans(text[s.start:s.end])]
                lows = [text[a:b].replace("’", "'").lower() for a, b in spans]
                zs = self._logits(lows)
            else:
                spans, lows, zs = words.spans[r[0]:r[1]], all_lows[r[0]:r[1]], all_zs[r[0]:r[1]]
            run: list = []
            for i, z in enumerate(zs):
                hit = False
                if z is not None and z >= z_min:
                    ctx: dict[str, float] = {}
                    cv = max((abs(valence(lows[j])) for j in range(max(0, i - 2), min(len(lows), i + 3))
                              if j != i), default=0.0)
                    if cv:
                        ctx["ctx_valence"] = cv / 4.0
                    if i > 0 and lows[i - 1] in boosters:
                        ctx["after_booster"] = 1.0
                    word = text[spans[i][0]:spans[i][1]]
                    if word[:1].isupper() and i > 0:
                        ctx["capitalised"] = 1.0
                    if word.isupper() and len(word) > 1:
                        ctx["all_caps"] = 1.0
                    z = (z + self.intercept + w_ctx * ctx.get("ctx_valence", 0.0)
                         + w_after * ctx.get("after_booster", 0.0) + w_cap * ctx.get("capitalised", 0.0)
                         + w_caps * ctx.get("all_caps", 0.0))
                    if z >= z_th:
                        a, b = spans[i]
                        while k < len(taken) and taken[k][1] <= a:
                            k += 1
                        hit = not (k < len(taken) and taken[k][0] < b)
                if hit:
                    if run and text[run[-1][1]:spans[i][0]] not in (" ", "-"):
                        out.append(self._hit(run))
                        run = []
                    run.append((spans[i][0], spans[i][1], lows[i], 1.0 / (1.0 + math.exp(-z)), ctx))
                elif run:
                    out.append(self._hit(run))
                    run = []
            if run:
                out.append(self._hit(run))
        return out

    def _logits(self, lows: Sequence[str]) -> list[float | None]:
        """:meth:`_word_logit` of each word (None for words the model does not score: short, stop words)."""
        cache = self.__dict__.setdefault("_cache", {})
        zs = [cache.get(low, _MISSING) for low in lows]
        for i, z in enumerate(zs):
            if z is _MISSING:
                zs[i] = self._word_logit(lows[i])
        return zs

    def _hit(self, run: list) -> ModelHit:
        _, _, low, p, ctx = max(run, key=lambda r: r[3])
        return ModelHit(start=run[0][0], end=run[-1][1], score=round(p, 4),
                        features=self.explain({**(word_features(low) or {}), **ctx}))

    def sentence_score(self, text: str, start: int, end: int) -> float:
        """The largest word probability in a sentence (0.0 when no word is scored)."""
        ps = [p for _, p, _ in self.word_scores(text, start, end) if p is not None]
        return max(ps, default=0.0)


def read_model(path: str | Path) -> LoadedModel:
    """Read and check a model file (JSON); :class:`~analysis.errors.InputError` names the file on problems."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read the loaded-language model: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(path, f"the loaded-language model is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(path, "the loaded-language model must be a JSON object")
    missing = [k for k in _HEADER + ("weights", "intercept", "threshold") if k not in data]
    if missing:
        raise InputError(path, f"the loaded-language model is missing {', '.join(missing)}")
    weights = data["weights"]
    if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
        raise InputError(path, "'weights' must map feature names to numbers")
    info = {k: v for k, v in data.items() if k not in ("weights",)}
    return LoadedModel(weights={str(k): float(v) for k, v in weights.items()}, intercept=float(data["intercept"]),
                       threshold=float(data["threshold"]), info=info, path=str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> LoadedModel:
    return read_model(path)


def load_model(path: str | Path | None = None) -> LoadedModel:
    """The model shipped in the package (or the file at ``path``), read once per process."""
    return _load(str(Path(path) if path is not None else MODEL_FILE))
