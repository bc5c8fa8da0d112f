"""The article's people and organisations, as speakers come from them: names that belong
together and names that do not, and the scored choice among a pronoun's antecedents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcier import analyze
from sourcier.analyse.quotes.choice import Candidate, pick, weights
from sourcier.analyse.quotes.referents import Referent

from tests.analyse.quoted import speakers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_role_before_a_name_stops_at_a_coordination_and_the_head_of_state_is_not_a_chef_de_file():
    text = (
        "Le président Emmanuel Macron et le chef de file des socialistes, Olivier Faure, se sont rencontrés.\n\n"
        "« Le dialogue est utile », a estimé le chef de l'État."
    )
    analysis = analyze(text)
    roles = {e.name: e.roles for e in analysis.entities}
    assert roles["Olivier Faure"] == ["chef de file des socialistes"]
    assert [q.speaker.name for q in analysis.quotes] == ["Emmanuel Macron"]


@pytest.mark.slow
def test_an_honorific_keeps_apart_two_persons_who_share_a_surname():
    text = (
        "Marie Dupont, députée, et son frère Luc Dupont, maire de Lille, ont manifesté.\n\n"
        "« Ce projet est injuste », a dit Luc Dupont.\n\n"
        "« Nous irons au tribunal », a ajouté Mme Dupont."
    )
    assert [s for _, s in speakers(text)] == ["Luc Dupont", "Marie Dupont"]


@pytest.mark.slow
def test_a_hyphenated_surname_cut_by_the_recogniser_stays_whole():
    text = "Nana Akufo-Addo a été réélu.\n\n« Merci au peuple », a déclaré Akufo-Addo."
    assert speakers(text) == [("Merci au peuple", "Nana Akufo-Addo")]


@pytest.mark.slow
def test_a_short_surname_the_tagger_missed_is_the_person_it_names():
    text = "Amadou Ba, ancien Premier ministre, est candidat.\n\nBa a estimé que « le pays doit changer »."
    assert [s for _, s in speakers(text)] == ["Amadou Ba"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker"), [
    ("La Communauté économique des États de l'Afrique de l'Ouest (Cedeao) a tenu un sommet.\n\n"
     "« Les sanctions sont levées », a annoncé la Cedeao.",
     "la Communauté économique des États de l'Afrique de l'Ouest"),
    ("Le Mouvement de la résistance islamique (Hamas) a publié un texte.\n\n« Nous refusons », a déclaré le Hamas.",
     "le Mouvement de la résistance islamique"),
])
def test_an_acronym_written_as_a_word_gives_the_name_it_stands_for(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def _candidate(name: str, **features: float) -> Candidate:
    return Candidate(Referent(name, label="PERSON"), features)


def test_the_scored_choice_prefers_the_rules_choice_unless_the_rest_outweighs_it():
    learnt = weights("pronoun")
    assert learnt is not None and learnt["rules"] > 0 and learnt["last_speaker"] > 0 and learnt["near"] > 0
    ruled = _candidate("Awa Diallo", rules=1.0, recency=0.5)
    other = _candidate("Paul Sarr", recency=1.0)
    assert pick([other, ruled]).referent.name == "Awa Diallo"
    far = _candidate("Awa Diallo", rules=1.0, paragraphs=1.0, recency=0.2)
    near = _candidate("Paul Sarr", last_speaker=1.0, spoke=1.0, near=1.0, recency=1.0, subject=1.0, salience=1.0)
    assert pick([far, near]).referent.name == "Paul Sarr"


def test_the_scored_choice_keeps_the_first_of_equals_and_needs_weights():
    first, second = _candidate("A", recency=1.0), _candidate("B", recency=1.0)
    assert pick([first, second]) is first
    assert pick([first, second], task="no such task") is None
    assert pick([]) is None


def test_the_weights_say_how_they_were_fitted():
    data = json.loads((ROOT / "src/sourcier/analyse/data/speaker_choice.json").read_text(encoding="utf-8"))
    fitted = data["models"]["pronoun"]["fitted"]
    assert fitted["by"].startswith("benchmarks/fit_speaker_choice.py") and fitted["decisions"] > 0


def test_the_fitting_script_exits_cleanly_without_gold(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/fit_speaker_choice.py"), "--gold",
                           str(tmp_path / "absent")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "nothing to fit" in done.stdout
