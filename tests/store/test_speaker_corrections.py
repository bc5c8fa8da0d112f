"""Speakers corrected by hand (merge, alias, rename, split), on SQLite and PostgreSQL:
every query sees the correction, and a later ingest follows it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from store_builders import article, entity, quote

from sourcier.cli.main import main
from sourcier.errors import UnknownSpeaker
from sourcier.store import queries
from sourcier.store import speakers as fixes

# Two articles the linker cannot join (two different surnames for one woman), and a
# third that joins two namesakes it should have kept apart.
A = "Mme Awa Koné, maire de Ségou, a déclaré : « Le pont sera rouvert en mai. »"
B = "La maire de Ségou, Awa Koné-Sidibé, a promis : « Les écoles rouvriront aussi. »"
C = "Le footballeur Awa Koné, 19 ans, a dit : « Je reste au club de Kayes. »"
D = "La maire Awa Koné-Sidibé a ajouté : « Le marché aussi rouvrira. »"


def _one(text: str, name: str, said: str, roles=()):
    person = entity("e1", name, text, roles=roles)
    return article(text, entities=[person], quotes=[quote("q1", text, said, speaker=person)])


@pytest.fixture
def corpus(store):
    batch = [_one(A, "Awa Koné", "Le pont sera rouvert en mai.", ["maire de Ségou"]),
             _one(B, "Awa Koné-Sidibé", "Les écoles rouvriront aussi.", ["maire de Ségou"]),
             _one(C, "Awa Koné", "Je reste au club de Kayes.", ["footballeur"])]
    store.add_batch(batch)
    return batch


def _names(store) -> dict[str, int]:
    return {s.name: s.quotes for s in queries.speakers(store, limit=None)}


def test_merge_moves_the_quotes_and_a_later_ingest_follows_it(store, corpus):
    assert _names(store) == {"Awa Koné": 2, "Awa Koné-Sidibé": 1}
    kept, merged = fixes.merge(store, "Awa Koné", "Awa Koné-Sidibé")
    assert _names(store) == {"Awa Koné": 3}
    assert {h.speaker.name for h in queries.quotes(store, speaker="Koné-Sidibé")} == {"Awa Koné"}
    store.add(_one(D, "Awa Koné-Sidibé", "Le marché aussi rouvrira."))
    assert _names(store) == {"Awa Koné": 4}  # not a new duplicate
    assert [c.action for c in fixes.corrections(store)] == ["merge"]
    with pytest.raises(UnknownSpeaker):
        fixes.merge(store, kept, merged)  # already one speaker


def test_split_moves_one_article_to_a_new_speaker(store, corpus):
    new_id = fixes.split(store, "Awa Koné", [corpus[2].id], "Awa Koné (footballeur)")
    stats = _names(store)
    assert stats == {"Awa Koné": 1, "Awa Koné (footballeur)": 1, "Awa Koné-Sidibé": 1}
    assert [h.article.id for h in queries.quotes(store, speaker="footballeur")] == [corpus[2].id]
    assert {h.speaker.id for h in queries.quotes(store, speaker="footballeur")} == {new_id}
    with pytest.raises(UnknownSpeaker):
        fixes.split(store, "Awa Koné", ["pas-un-article"])


def test_rename_is_kept_when_a_fuller_name_comes_later(store, corpus):
    fixes.rename(store, "Awa Koné-Sidibé", "Awa K.-Sidibé")
    store.add(_one(D, "Awa Koné-Sidibé", "Le marché aussi rouvrira."))
    assert _names(store)["Awa K.-Sidibé"] == 2


def test_alias_links_another_name_at_the_next_ingest(store, corpus):
    fixes.alias(store, "Awa Koné-Sidibé", "Tantie Awa")
    text = "Tantie Awa a lancé : « Ségou ne lâchera rien. »"
    store.add(_one(text, "Tantie Awa", "Ségou ne lâchera rien."))
    assert _names(store)["Awa Koné-Sidibé"] == 2
    assert {h.speaker.name for h in queries.quotes(store, speaker="tantie")} == {"Awa Koné-Sidibé"}


def test_an_ambiguous_or_unknown_name_is_a_coded_error(store, corpus):
    fixes.split(store, "Awa Koné", [corpus[2].id])  # two speakers called "Awa Koné" now
    with pytest.raises(UnknownSpeaker, match="E304.*2 speakers"):
        fixes.rename(store, "Awa Koné", "X")
    with pytest.raises(UnknownSpeaker, match="E304"):
        fixes.merge(store, "Personne", "Awa Koné-Sidibé")


def test_the_cli_corrects_and_lists_the_corrections(db_url, store, corpus):
    run = CliRunner().invoke
    done = run(main, ["speakers", "merge", "Awa Koné", "Awa Koné-Sidibé", "--db", db_url])
    assert done.exit_code == 0, done.output
    assert run(main, ["speakers", "merge", "Awa Koné", "Awa Koné-Sidibé", "--db", db_url, "-q"]).exit_code == 1
    listed = run(main, ["speakers", "--db", db_url, "--format", "csv"])
    assert listed.stdout.splitlines()[1].startswith("Awa Koné,") and len(listed.stdout.splitlines()) == 2
    log = run(main, ["speakers", "corrections", "--db", db_url, "--format", "jsonl"])
    assert '"action": "merge"' in log.stdout
    info = run(main, ["info", "--db", db_url, "--format", "json"])
    assert json.loads(info.stdout)["database"]["speaker_corrections"] == 1
