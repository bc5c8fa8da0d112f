"""Reprints and partial reuse on short French articles written for these tests."""

from __future__ import annotations

import random

from sourcier.link.reuse import ReuseIndex, clusters, words_of

PORT = (
    "Le conseil municipal de Saint-Malo a voté mardi soir la rénovation complète du port de plaisance, "
    "un chantier estimé à douze millions d'euros qui doit commencer au printemps prochain. Les plaisanciers "
    "craignent une hausse des tarifs d'amarrage, que la mairie promet de contenir pendant trois ans. "
    "L'opposition réclame une consultation publique avant la signature des marchés avec les entreprises "
    "de travaux maritimes. Le maire assure que les pontons vieillissants ne résisteraient pas à une nouvelle "
    "tempête comparable à celle de l'hiver dernier, qui avait arraché plusieurs catways et coulé deux voiliers. "
    "Les travaux seront découpés en quatre tranches afin que le port reste ouvert pendant toute la saison estivale, "
    "et une partie du financement viendra de la région Bretagne et du fonds européen pour la pêche."
)

VINEYARD = (
    "Les vendanges ont débuté avec dix jours d'avance dans le Bordelais, où la sécheresse de l'été a réduit "
    "les rendements mais concentré les sucres des raisins. Les viticulteurs de l'Entre-deux-Mers parlent d'une "
    "récolte faible en volume et prometteuse en qualité, à condition que les orages annoncés épargnent les "
    "parcelles encore sur pied. Plusieurs coopératives ont embauché des saisonniers venus d'Espagne et du Portugal, "
    "faute de candidats dans la région. La chambre d'agriculture rappelle que les exploitations les plus petites "
    "restent fragiles après trois années de gel printanier et de mildiou, et demande à l'État un report des "
    "cotisations sociales pour les domaines qui ont perdu plus de la moitié de leur production."
)

SCHOOL = (
    "Le rectorat de Lyon ouvrira à la rentrée trois classes bilingues supplémentaires dans les collèges de la "
    "Croix-Rousse et de Vaise, où les demandes des familles dépassent largement les places disponibles. Les "
    "enseignants saluent la décision mais rappellent que les postes de professeurs d'allemand restent difficiles "
    "à pourvoir, faute de candidats au concours. Une réunion d'information est prévue le mois prochain dans chaque "
    "établissement, et les inscriptions se feront par le portail numérique de l'académie jusqu'à la fin du printemps."
)

QUOTE_BLOCK = (
    "« Nous ne laisserons pas les pêcheurs seuls face à cette crise, et chaque port recevra une aide proportionnée "
    "aux pertes constatées depuis le début de l'année », a déclaré la ministre devant les élus du littoral réunis à Lorient."
)


def _edited(text: str, share: float, seed: int) -> str:
    """``text`` with ``share`` of its words replaced by other words of the same text."""
    rng = random.Random(seed)
    words = text.split(" ")
    for k in rng.sample(range(len(words)), int(share * len(words))):
        words[k] = rng.choice(["certes", "ainsi", "notamment", "vendredi", "largement", "depuis"])
    return " ".join(words)


def _reprint_pairs(texts: list[str]) -> set[frozenset[int]]:
    matches = ReuseIndex().add(texts)
    return {frozenset((m.a, m.b)) for m in matches if m.kind == "reprint"}


def test_identical_and_lightly_edited_copies_are_reprints_unrelated_texts_are_not():
    texts = [PORT, VINEYARD, PORT, _edited(PORT, 0.2, seed=1)]
    assert _reprint_pairs(texts) == {frozenset(p) for p in ((0, 2), (0, 3), (2, 3))}


def test_truncated_copy_and_boilerplate_wrapper_are_reprints():
    half = PORT[: len(PORT) // 2]
    wrapped = "Publié par la rédaction — Abonnez-vous à notre lettre quotidienne.\n" + PORT + "\nLire aussi : nos dossiers."
    assert _reprint_pairs([PORT, half, wrapped]) == {frozenset(p) for p in ((0, 1), (0, 2), (1, 2))}


def test_quote_block_inside_an_unrelated_article_is_partial_reuse_with_exact_spans():
    source = PORT + " " + QUOTE_BLOCK
    host = VINEYARD[:300] + " " + QUOTE_BLOCK + " " + VINEYARD[300:]
    [match] = ReuseIndex().add([source, host])
    assert match.kind == "partial"
    [span] = match.spans
    reused_in_source = source[span.a_start : span.a_end]
    reused_in_host = host[span.b_start : span.b_end]
    assert reused_in_source == reused_in_host
    assert QUOTE_BLOCK.index("Nous") <= QUOTE_BLOCK.find(reused_in_source)
    assert len(words_of(reused_in_source)) >= len(words_of(QUOTE_BLOCK)) - 3


def test_the_index_is_incremental_new_texts_meet_old_ones_and_each_other():
    index = ReuseIndex()
    assert index.add([PORT, VINEYARD]) == []
    later = index.add([_edited(VINEYARD, 0.1, seed=2), _edited(VINEYARD, 0.1, seed=3)])
    assert {frozenset((m.a, m.b)) for m in later if m.kind == "reprint"} == {
        frozenset(p) for p in ((1, 2), (1, 3), (2, 3))
    }
    assert all(m.b >= 2 for m in later)


def test_clusters_join_reprints_transitively():
    texts = [PORT, VINEYARD, PORT[: len(PORT) // 2], _edited(PORT, 0.1, seed=4), _edited(VINEYARD, 0.1, seed=5)]
    assert clusters(len(texts), ReuseIndex().add(texts)) == [[0, 2, 3], [1, 4]]


def test_spans_are_offsets_into_texts_with_unusual_letters():
    prefix = "İSTANBUL — Dépêche. "  # "İ" lowercases to two characters
    copy = prefix + PORT
    [match] = ReuseIndex().add([PORT, copy])
    for span in match.spans:
        assert words_of(PORT[span.a_start : span.a_end]) == words_of(copy[span.b_start : span.b_end])


def test_find_reprints_reads_by_batches_and_finds_what_one_batch_finds(monkeypatch):
    """Reprints that fall in different batches are still matched (each batch meets the
    earlier ones), with the same spans as when everything is indexed at once."""
    from sourcier.link import reprints
    from sourcier.link.reprints import ReprintItem, find_reprints

    texts = [PORT, VINEYARD, SCHOOL, _edited(PORT, 0.2, seed=6), VINEYARD[:500], _edited(SCHOOL, 0.1, seed=7),
             "Un texte court sans rapport avec les autres, sur la météo du week-end en montagne."]
    items = [ReprintItem(str(n), t) for n, t in enumerate(texts)]
    whole = find_reprints(items)
    monkeypatch.setattr(reprints, "BATCH", 2)
    batched = find_reprints(iter(items))
    assert batched.clusters() == whole.clusters() == [[0, 3], [1, 4], [2, 5]]
    assert sorted((m.a, m.b, m.spans) for m in batched.matches) == sorted((m.a, m.b, m.spans) for m in whole.matches)


def test_without_item_texts_the_report_reads_passages_back_from_the_index():
    from sourcier.link.reprints import ReprintItem, find_reprints

    odd = PORT.replace("Saint-Malo", "Saint-Malo \ud83d")  # a lone surrogate, as json.loads can give
    items = [ReprintItem("a", odd), ReprintItem("b", VINEYARD), ReprintItem("c", _edited(PORT, 0.1, seed=8))]
    lean = find_reprints(items, keep_texts=False)
    assert [it.text for it in lean.items] == ["", "", ""] and items[0].text == odd  # the caller's items untouched
    full = find_reprints(items)
    assert lean.to_json() == full.to_json()
    [cluster] = lean.to_json()["clusters"]
    span = cluster["spans"][0]["spans"][0]
    assert span["text"] == odd[span["a_start"] : span["a_end"]] and span["text"]
