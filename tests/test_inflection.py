"""analysis.inflection: the package's one definition of inflection (LemmInflect)."""
from analysis.inflection import inflections, lemma, verb_forms
from analysis.sources import cue_classes


def test_verb_forms_from_the_lexicon():
    assert verb_forms("stop") == {"stop", "stops", "stopped", "stopping"}  # never "stoped"
    assert verb_forms("admit") >= {"admitted", "admitting"}
    assert verb_forms("say") >= {"said", "says", "saying"}
    assert "ratted" in verb_forms("rat") and "rated" not in verb_forms("rat")


def test_no_made_up_adverbs():
    assert "massacrely" not in inflections("massacre")
    assert {"massacred", "massacres", "massacring"} <= inflections("massacre")
    assert "terribly" in inflections("terrible", ["adj"])
    assert "brutally" in inflections("brutal", ["adj"])
    assert "brutaler" not in inflections("brutal", ["adj"])


def test_phrases_inflect_their_last_word():
    assert "smear campaigns" in inflections("smear campaign", ["noun"])


def test_lemmas_and_spelling_variants_of_cues():
    assert lemma("told") == "tell" and lemma("emphasised") == "emphasise"
    forms = cue_classes()
    # attribution verbs are counted by lemma: British and American spellings are one lemma
    assert forms["emphasised"] == forms["emphasized"] == ("emphasize", "evaluative")
    assert forms["criticised"][0] == "criticize"
    assert forms["pointed out"] == ("point", "evaluative") and "pointed" not in forms
