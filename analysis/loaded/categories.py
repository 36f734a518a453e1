"""Loaded-language categories: ids, definitions, examples and their literature grounding."""
from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Category:
    """A loaded-language category: id, definition, examples and its literature grounding."""

    id: str
    definition: str
    examples: tuple[str, ...]
    source: str


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "loaded-language",
            "Words or phrases with strong emotional implications, positive or negative, "
            "used to influence the reader beyond what the facts described require.",
            ("heinous", "outrageous", "sham", "nightmare", "invaluable"),
            "Da San Martino et al. 2019 (PTC 'Loaded Language'); Recasens et al. 2013 (subjective intensifiers)",
        ),
        Category(
            "name-calling",
            "Labelling a person, group or state with a term the audience fears, hates or despises "
            "(or, less often, reveres) instead of naming it.",
            ("regime", "junta", "thugs", "puppet", "archrival", "fascists"),
            "Da San Martino et al. 2019 (PTC 'Name Calling, Labeling')",
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
            "Questioning the credibility or legitimacy of someone or something without evidence, "
            "including scare labels and non-factive report verbs.",
            ("so-called", "self-proclaimed", "baseless", "purported"),
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
            "Da San Martino et al. 2019 (Exaggeration; Black-and-White Fallacy); Recasens et al. 2013 (intensifiers)",
        ),
        Category(
            "certainty",
            "Markers that present a claim as certain, obvious or presupposed true "
            "(factive and assertive verbs, certainty adverbs).",
            ("undoubtedly", "it is clear that", "the fact that", "proved"),
            "Recasens et al. 2013 (factive verbs, assertives); Hyland 2005 (boosters)",
        ),
    )
}

