"""Loaded-language categories and the two measures they feed.

Categories follow the propaganda-technique inventory of Da San Martino et al.
(2019, "Fine-grained analysis of propaganda in news articles", EMNLP-IJCNLP):
*emotive* wording (their "Loaded Language"), *name calling*, *exaggeration*,
*flag-waving*, *doubt*, *causal oversimplification*; *delegitimising* labels
(their "Name Calling" and "Doubt" where the label denies legitimacy:
so-called, regime, entity); *derision* (ridicule and sarcasm, after the
"Reductio"/"Ridicule" devices of the Institute for Propaganda Analysis 1938
as summarised by Da San Martino et al. 2020, IJCAI survey); the conflict news
frame of Semetko & Valkenburg (2000); dehumanising metaphor (Haslam 2006);
atrocity and glorification vocabulary of war reporting.

Two measures, never mixed:

* ``loaded`` (``loaded_per_1000``): every category above.
* ``certainty`` (``certainty_per_1000``): *absolutes* (all-or-nothing
  quantifiers: always, never, everyone) and *boosters* (markers that present
  a claim as certain or presupposed: of course, the fact that, undoubtedly;
  Hyland 2005 "boosters"; Recasens, Danescu-Niculescu-Mizil & Jurafsky 2013
  factives and assertives).  These are epistemic stance, frequent in plain
  news, and are reported as their own rate, not as loaded language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A category: id, definition, examples, literature grounding and the measure it feeds."""

    id: str
    definition: str
    examples: tuple[str, ...]
    source: str
    measure: str = "loaded"


#: The two measures: ``loaded`` (loaded_per_1000) and ``certainty`` (certainty_per_1000).
MEASURES = ("loaded", "certainty")

CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "emotive",
            "Words or phrases with strong emotional implications, positive or negative, "
            "used to influence the reader beyond what the facts described require.",
            ("heinous", "outrageous", "sham", "nightmare", "invaluable"),
            "Da San Martino et al. 2019 (PTC 'Loaded Language'); Recasens et al. 2013 (subjective intensifiers)",
        ),
        Category(
            "name-calling",
            "Labelling a person, group or state with a term the audience fears, hates or despises "
            "(or, less often, reveres) instead of naming it.",
            ("thugs", "archrival", "fascists", "warmonger", "traitor"),
            "Da San Martino et al. 2019 (PTC 'Name Calling, Labeling')",
        ),
        Category(
            "delegitimising",
            "Labels that deny a government, state, body or claim its legitimacy or its own name "
            "(scare labels, 'entity' for a state, 'regime' for a government).",
            ("so-called", "self-proclaimed", "regime", "junta", "puppet", "Zionist entity", "pseudo-state"),
            "Da San Martino et al. 2019 (Name Calling; Doubt); Bar-Tal 1989 (delegitimization)",
        ),
        Category(
            "derision",
            "Ridicule, mockery and sarcasm aimed at a person, group or claim.",
            ("laughable", "ludicrous", "buffoon", "glorified (ironic)", "so much for", "much-vaunted"),
            "Institute for Propaganda Analysis 1938 (ridicule), as in Da San Martino et al. 2020 (IJCAI survey)",
        ),
        Category(
            "exaggeration",
            "Representing something as better, worse, larger or smaller than it is "
            "(exaggeration or minimisation).",
            ("unprecedented", "catastrophic", "of epic proportions", "merely"),
            "Da San Martino et al. 2019 (PTC 'Exaggeration, Minimisation')",
        ),
        Category(
            "flag-waving",
            "Appeals to national or group identity and patriotism to justify a position.",
            ("motherland", "patriotic duty", "our heroes", "sacred land"),
            "Da San Martino et al. 2019 (PTC 'Flag-Waving')",
        ),
        Category(
            "doubt",
            "Questioning the credibility of someone or something without evidence "
            "(dismissive labels and non-factive report verbs).",
            ("baseless", "purported", "claimed", "fabricated"),
            "Da San Martino et al. 2019 (PTC 'Doubt'); Recasens et al. 2013 (non-factive 'claim')",
        ),
        Category(
            "causal-oversimplification",
            "Assuming a single cause or culprit for an issue with multiple causes.",
            ("solely responsible", "the root of all", "single-handedly"),
            "Da San Martino et al. 2019 (PTC 'Causal Oversimplification')",
        ),
        Category(
            "conflict-framing",
            "Casting relations as a fight between adversaries (war and combat metaphors for "
            "non-military disputes), and one side's vocabulary for contested territory and "
            "responsibility for a war.",
            ("slams", "war of words", "showdown", "liberated", "occupation army"),
            "Semetko & Valkenburg 2000 (conflict frame); Da San Martino et al. 2019 (Black-and-White Fallacy)",
        ),
        Category(
            "dehumanising",
            "Describing people as animals, vermin, disease, vandals or objects, or denying them "
            "human qualities.",
            ("vermin", "subhuman", "infestation", "hordes", "vandals"),
            "Haslam 2006 (animalistic/mechanistic dehumanisation); Da San Martino et al. 2019 (Name Calling)",
        ),
        Category(
            "violence-atrocity",
            "Vocabulary that presents violence as an atrocity or crime, presupposing intent or scale "
            "(beyond a neutral 'killed', 'attacked').",
            ("massacre", "ethnic cleansing", "bloodbath", "wiped off the map"),
            "Da San Martino et al. 2019 (Loaded Language, Exaggeration); atrocity framing in war reporting",
        ),
        Category(
            "glorification",
            "Praise of an actor, action or relationship (heroism, glory, unbreakable friendship) "
            "beyond what description requires.",
            ("heroic", "glorious", "unwavering", "shining example"),
            "Da San Martino et al. 2019 (Loaded Language, Flag-Waving: positive side)",
        ),
        Category(
            "absolutes",
            "All-or-nothing quantifiers, adverbs and extreme-point claims that overgeneralise.",
            ("always", "never", "nobody", "not a single", "all-time high"),
            "Da San Martino et al. 2019 (Black-and-White Fallacy); Recasens et al. 2013 (intensifiers)",
            measure="certainty",
        ),
        Category(
            "boosters",
            "Markers that present a claim as certain, obvious or presupposed true "
            "(certainty adverbs, factive and assertive verbs).",
            ("undoubtedly", "it is clear that", "the fact that", "of course", "proved"),
            "Hyland 2005 (boosters); Recasens et al. 2013 (factive verbs, assertives)",
            measure="certainty",
        ),
    )
}


def measure_of(category: str | None) -> str:
    """The measure (``loaded`` or ``certainty``) a category feeds; model hits are ``loaded``."""
    c = CATEGORIES.get(category or "")
    return c.measure if c is not None else "loaded"


def categories_of(measure: str) -> tuple[str, ...]:
    """The category ids that feed ``measure``."""
    return tuple(c.id for c in CATEGORIES.values() if c.measure == measure)
