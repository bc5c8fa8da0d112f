"""Cross-article entities: the Diop of one article is the Abdoulaye Diop of another when it should be."""

from __future__ import annotations

import sqlalchemy as sa
from store_builders import article, entity, quote

from sourcier.link.entities import (
    Known,
    compatible,
    countries_in,
    name_tokens,
    normalize,
    profile,
    roles_agree,
)
from sourcier.link.entities import choose as choose_entity
from sourcier.store import open_store, schema
from sourcier.store.queries import quotes, speakers

# --------------------------------------------------------------------------- articles

MINISTER_FULL = (
    "Le ministre malien des Affaires étrangères, Abdoulaye Diop, a reçu mardi son homologue russe. "
    "« Notre partenariat est stratégique », a déclaré Abdoulaye Diop."
)
MINISTER_SHORT = (
    "À Moscou, Diop, ministre des Affaires étrangères, a défendu le choix de Bamako. "
    "« Le Mali est souverain », a insisté M. Diop."
)
FOOTBALLER = (
    "L'attaquant sénégalais Mamadou Diop a inscrit deux buts samedi. "
    "« Je suis heureux », a déclaré Mamadou Diop."
)
MALIAN_DIOP = (
    "Le chef de la diplomatie malienne, M. Diop, a répondu aux critiques. "
    "« Nous ne reculerons pas », a affirmé Diop."
)
BARE_DIOP = "Une réunion a eu lieu hier. « Rien n'est décidé », a dit Diop aux journalistes."
SENEGAL_NAMESAKE = (
    "Le ministre sénégalais de la Culture, Abdoulaye Diop, a inauguré le musée. "
    "« C'est un grand jour », a dit Abdoulaye Diop."
)


def minister_full():
    e = entity("e1", "Abdoulaye Diop", MINISTER_FULL, roles=["ministre malien des Affaires étrangères"])
    return article(MINISTER_FULL, entities=[e], quotes=[quote("q1", MINISTER_FULL, "Notre partenariat est stratégique", speaker=e)])


def minister_short():
    e = entity("e1", "Diop", MINISTER_SHORT, roles=["ministre des Affaires étrangères"], written=["M. Diop"])
    return article(MINISTER_SHORT, outlet="RFI", entities=[e],
                   quotes=[quote("q1", MINISTER_SHORT, "Le Mali est souverain", speaker=e)])


def footballer():
    e = entity("e1", "Mamadou Diop", FOOTBALLER, roles=["attaquant"])
    return article(FOOTBALLER, outlet="Wiwsport", entities=[e], quotes=[quote("q1", FOOTBALLER, "Je suis heureux", speaker=e)])


def malian_diop():
    e = entity("e1", "Diop", MALIAN_DIOP, roles=["chef de la diplomatie malienne"], written=["M. Diop"])
    return article(MALIAN_DIOP, entities=[e], quotes=[quote("q1", MALIAN_DIOP, "Nous ne reculerons pas", speaker=e)])


def bare_diop():
    e = entity("e1", "Diop", BARE_DIOP)
    return article(BARE_DIOP, entities=[e], quotes=[quote("q1", BARE_DIOP, "Rien n'est décidé", speaker=e)])


def senegal_namesake():
    e = entity("e1", "Abdoulaye Diop", SENEGAL_NAMESAKE, roles=["ministre sénégalais de la Culture"])
    return article(SENEGAL_NAMESAKE, entities=[e], quotes=[quote("q1", SENEGAL_NAMESAKE, "C'est un grand jour", speaker=e)])


def global_entities(store) -> list[dict]:
    with store.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(schema.entities).order_by(schema.entities.c.id)).mappings()]


def speaker_of(store, article_id: str) -> int:
    with store.connect() as conn:
        return conn.execute(
            sa.select(schema.quotes.c.speaker_entity_id).where(schema.quotes.c.article_id == article_id)
        ).scalar_one()


# --------------------------------------------------------------------------- database


def test_diop_is_abdoulaye_diop_when_roles_agree(store):
    a, b = minister_full(), minister_short()
    store.add_batch([a])
    store.add_batch([b])
    assert speaker_of(store, a.id) == speaker_of(store, b.id)
    (diop,) = global_entities(store)
    assert diop["name"] == "Abdoulaye Diop"
    assert {"Abdoulaye Diop", "Diop", "M. Diop"} <= set(diop["variants"])
    assert "ministre des Affaires étrangères" in diop["roles"]
    assert "ML" in diop["countries"]


def test_the_order_of_articles_does_not_matter(store):
    a, b = minister_full(), minister_short()
    store.add_batch([b, a])  # the short name first, in one batch
    assert speaker_of(store, a.id) == speaker_of(store, b.id)
    (diop,) = global_entities(store)
    assert diop["name"] == "Abdoulaye Diop"  # upgraded to the fuller name


def test_a_namesake_with_other_first_name_stays_apart(store):
    store.add_batch([minister_full(), footballer()])
    names = [e["name"] for e in global_entities(store)]
    assert names == ["Abdoulaye Diop", "Mamadou Diop"]


def test_country_context_picks_the_right_diop(store):
    a, f, m = minister_full(), footballer(), malian_diop()
    store.add_batch([a, f])
    store.add_batch([m])  # "chef de la diplomatie malienne": Mali, like Abdoulaye Diop
    assert speaker_of(store, m.id) == speaker_of(store, a.id)
    assert speaker_of(store, m.id) != speaker_of(store, f.id)


def test_an_ambiguous_bare_surname_is_not_guessed(store):
    a, f, d = minister_full(), footballer(), bare_diop()
    store.add_batch([a, f, d])
    assert speaker_of(store, d.id) not in {speaker_of(store, a.id), speaker_of(store, f.id)}
    assert [e["name"] for e in global_entities(store)] == ["Abdoulaye Diop", "Mamadou Diop", "Diop"]


def test_the_only_diop_known_with_a_full_name(store):
    a, d = minister_full(), bare_diop()
    store.add_batch([a])
    store.add_batch([d])  # no context at all, but only one Diop is known
    assert speaker_of(store, d.id) == speaker_of(store, a.id)


def test_same_full_name_different_countries_are_two_people(store):
    a, s = minister_full(), senegal_namesake()
    store.add_batch([a, s])
    assert speaker_of(store, a.id) != speaker_of(store, s.id)


def test_organisations_link_on_their_normalised_name(store):
    t1 = "La Minusma a quitté Gao. Selon la Minusma, le retrait est achevé."
    t2 = "Le retrait de la MINUSMA s'achève."
    a1 = article(t1, entities=[entity("e1", "Minusma", t1, type="ORG")])
    a2 = article(t2, entities=[entity("e1", "MINUSMA", t2, type="ORG")])
    store.add_batch([a1, a2])
    (org,) = global_entities(store)
    assert org["type"] == "ORG" and set(org["variants"]) == {"Minusma", "MINUSMA"}


def test_speaker_queries_see_one_person(store):
    store.add_batch([minister_full(), minister_short(), footballer()])
    top = speakers(store)
    assert (top[0].name, top[0].quotes, top[0].articles) == ("Abdoulaye Diop", 2, 2)
    assert top[0].outlets == {"Jeune Afrique": 1, "RFI": 1}
    # --speaker finds quotes by any known name of the person, accents and case ignored.
    assert len(quotes(store, speaker="abdoulaye")) == 2
    assert len(quotes(store, speaker="DIOP")) == 3


def test_linking_is_deterministic(tmp_path):
    batches = [[minister_short(), footballer()], [bare_diop(), minister_full()], [malian_diop(), senegal_namesake()]]
    results = []
    for name in ("one.db", "two.db"):
        with open_store(str(tmp_path / name)) as s:
            for batch in batches:
                s.add_batch(batch)
            rows = global_entities(s)
            with s.connect() as conn:
                links = sorted(conn.execute(sa.select(schema.quotes.c.article_id, schema.quotes.c.speaker_entity_id)).all())
            results.append((rows, links))
    assert results[0] == results[1]


def _traore_articles():
    """Five articles on Issa Traoré, one on his namesake Moussa, both "président", then a bare
    "Traoré, président": a tie that only the number of articles of each can break."""
    found = []
    for n, place in enumerate(["Sikasso", "Kayes", "Mopti", "Ségou", "Gao"]):
        text = f"À {place}, le président Issa Traoré a ouvert la foire numéro {n}. « Tout est prêt », a dit Issa Traoré."
        e = entity("e1", "Issa Traoré", text, roles=["président"])
        found.append(article(text, entities=[e], quotes=[quote("q1", text, "Tout est prêt", speaker=e)]))
    text = "Le président Moussa Traoré a quitté le club. « Je pars serein », a confié Moussa Traoré."
    e = entity("e1", "Moussa Traoré", text, roles=["président"])
    found.append(article(text, entities=[e], quotes=[quote("q1", text, "Je pars serein", speaker=e)]))
    text = "Traoré, président, a reçu les exposants. « La foire grandit », a déclaré Traoré."
    e = entity("e1", "Traoré", text, roles=["président"])
    found.append(article(text, entities=[e], quotes=[quote("q1", text, "La foire grandit", speaker=e)]))
    return found


def test_a_namesake_tie_counts_the_articles_stored_earlier_in_the_same_batch(store):
    articles = _traore_articles()
    store.add_batch(articles)  # nothing is stored before the batch: its own articles are counted
    assert speaker_of(store, articles[-1].id) == speaker_of(store, articles[0].id)
    assert [e["name"] for e in global_entities(store)] == ["Issa Traoré", "Moussa Traoré"]


def test_one_batch_stores_the_rows_that_one_article_at_a_time_stores(tmp_path):
    articles = [*_traore_articles(), minister_short(), footballer(), bare_diop(), minister_full(), malian_diop(),
                senegal_namesake()]
    tables = (schema.entities, schema.mentions, schema.quotes, schema.publications, schema.outlets)
    dumps = []
    for name, batches in (("batch.db", [articles]), ("single.db", [[a] for a in articles])):
        with open_store(str(tmp_path / name)) as s:
            for batch in batches:
                s.add_batch(batch)
            with s.connect() as conn:
                dumps.append([conn.execute(sa.select(*(c for c in t.c if c.name != "first_seen"))
                                           .order_by(t.c.id)).all() for t in tables])
    assert dumps[0] == dumps[1]


# --------------------------------------------------------------------------- rules (no database)


def test_normalize_and_name_tokens():
    assert normalize("  Côte d'Ivoire ") == "cote d ivoire"
    assert name_tokens("M. Abdoulaye Diop") == ("abdoulaye", "diop")
    assert name_tokens("Général Assimi Goïta") == ("assimi", "goita")
    assert name_tokens("M.") == ("m",)


def test_compatible_names():
    assert compatible(("diop",), ("abdoulaye", "diop"))
    assert compatible(("a", "diop"), ("abdoulaye", "diop"))
    assert compatible(("abdoulaye", "diop"), ("mamadou", "abdoulaye", "diop"))
    assert not compatible(("mamadou", "diop"), ("abdoulaye", "diop"))
    assert not compatible(("diop",), ("diallo",))


def test_roles_agree():
    assert roles_agree(["ministre des Affaires étrangères"], ["ministre malien des Affaires étrangères"])
    assert roles_agree(["président"], ["Président"])
    assert not roles_agree(["ministre"], ["ministre de la Santé"])
    assert not roles_agree(["ministre de la Défense"], ["ministre des Affaires étrangères"])
    assert not roles_agree([], ["ministre"])


def test_countries_in():
    assert countries_in("chef de la diplomatie malienne") == {"ML"}
    assert countries_in("ministre du Burkina Faso") == {"BF"}
    assert countries_in("les autorités nigériennes et ivoiriennes") == {"NE", "CI"}
    assert countries_in("au Niger", names=False) == set()


def test_choose_prefers_context_and_refuses_ties():
    a = Known(1, "Abdoulaye Diop", "PERSON", ("abdoulaye", "diop"), roles=["ministre des Affaires étrangères"], countries=["ML"])
    m = Known(2, "Mamadou Diop", "PERSON", ("mamadou", "diop"), roles=["attaquant"], countries=["SN"])
    text = "Diop, ministre des Affaires étrangères, parle."
    p = profile(entity("e1", "Diop", text, roles=["ministre des Affaires étrangères"]), text)
    assert choose_entity(p, [a, m]) is a
    bare = profile(entity("e1", "Diop", "Diop parle."), "Diop parle.")
    assert choose_entity(bare, [a, m]) is None
    assert choose_entity(bare, [a]) is a


# --------------------------------------------------------------------------- hygiene (glued text, noisy demonyms)


def test_roles_are_cut_at_glued_sentence_ends_and_refused_when_they_describe_someone_else():
    from sourcier.link.entities import clean_role

    assert clean_role("chef de l'État.12 millions versés aux communes") == "chef de l'État"
    assert clean_role("maire de Kayes et") == "maire de Kayes"
    assert clean_role("juriste le plus") == "juriste" and clean_role("candidate déjà") == "candidate"
    assert clean_role("président du comité chargé") == "président du comité"
    assert clean_role("ministre chargée des Transports") == "ministre chargée des Transports"
    assert clean_role("Premier ministre") == "Premier ministre"
    assert clean_role("premier secrétaire du parti") == "premier secrétaire du parti"
    for junk in ("premier tour", "nouvelle stratégie", "prince Amadou",
                 "candidate du parti Fatou Sylla aux propos remarqués",
                 "maire de Ségou et ses adjoints", "ministre de l'Eau et la ministre des Mines",
                 "préfet de Kayes ou même le gouverneur"):
        assert clean_role(junk) is None, junk
    assert clean_role("avocat de Moussa Keita") == "avocat de Moussa Keita"  # a name after "de" is a complement
    assert clean_role("député Les Verts du Loiret") == "député Les Verts du Loiret"
    assert clean_role("envoyé sur place la veille par Jean Durand") is None  # an agent is another person
    assert clean_role("élu par Les Républicains") == "élu par Les Républicains"


def test_a_role_that_runs_into_a_line_glued_inside_a_word_is_refused():
    from sourcier.link.entities import clean_role

    # The credit line "par radiofrance" lost its break: where the role ends cannot be told.
    assert clean_role("candidate à la mairie de Lyonpar radiofrancePar ailleurs") is None
    assert clean_role("maire de Lyon.Par ailleurs") == "maire de Lyon"


def test_a_name_glued_to_the_word_before_it_is_cut():
    from sourcier.link.entities import clean_name

    assert clean_name("hierAwa Traoré") == "Awa Traoré"
    assert clean_name("Kayleigh McEnany") == "Kayleigh McEnany"


def test_a_demonym_describing_a_neighbour_gives_no_country():
    text = "Aminata Touré a reçu le président ghanéen à Dakar. La ministre sénégalaise Aminata Touré a conclu."
    p = profile(entity("e1", "Aminata Touré", text), text)
    assert p.countries == {"SN"}  # "le président ghanéen" describes her guest, not her
    apposition = "Koffi Mensah, ministre ghanéen, a parlé."
    assert profile(entity("e1", "Koffi Mensah", apposition), apposition).countries == {"GH"}


def test_one_noisy_demonym_does_not_split_a_person(store):
    first = "Moussa Sangaré a salué la délégation suisse. « Nous signerons », a dit Moussa Sangaré."
    later = "Le président malien Moussa Sangaré a répondu : « Le texte est prêt. »"
    a = article(first, entities=[e1 := entity("e1", "Moussa Sangaré", first)],
                quotes=[quote("q1", first, "Nous signerons", speaker=e1)])
    b = article(later, entities=[e2 := entity("e1", "Moussa Sangaré", later, roles=["président malien"])],
                quotes=[quote("q1", later, "Le texte est prêt.", speaker=e2)])
    store.add_batch([a])
    store.add_batch([b])
    assert speaker_of(store, a.id) == speaker_of(store, b.id)
    (person,) = global_entities(store)
    assert person["countries"] == ["ML"]


def test_a_bare_name_whose_role_disagrees_is_not_the_only_namesake():
    pm = Known(1, "Ousmane Keita", "PERSON", ("ousmane", "keita"), roles=["Premier ministre"])
    text = "Keita, roi des Mossis, a parlé."
    king = profile(entity("e1", "Keita", text, roles=["roi des Mossis"]), text)
    assert choose_entity(king, [pm]) is None
    bare = profile(entity("e1", "Keita", "Keita a parlé."), "Keita a parlé.")
    assert choose_entity(bare, [pm]) is pm


def test_a_namesake_tie_goes_to_a_clear_favourite_only():
    text = "Traoré, président, a parlé."
    p = profile(entity("e1", "Traoré", text, roles=["président"]), text)
    head = Known(1, "Issa Traoré", "PERSON", ("issa", "traore"), roles=["président"])
    other = Known(2, "Moussa Traoré", "PERSON", ("moussa", "traore"), roles=["président"])
    assert choose_entity(p, [head, other]) is None
    assert choose_entity(p, [head, other], lambda ids: {1: 40, 2: 2}) is head
    assert choose_entity(p, [head, other], lambda ids: {1: 6, 2: 2}) is None  # not clear enough


def test_a_lowercase_phrase_is_no_namesake():
    e_macron = Known(1, "Emmanuel Macron", "PERSON", ("emmanuel", "macron"))
    bonus = Known(2, "prime Macron", "PERSON", ("prime", "macron"))
    initial = profile(entity("e1", "E. Macron", "E. Macron a parlé."), "E. Macron a parlé.")
    assert choose_entity(initial, [e_macron, bonus]) is e_macron


def test_a_bare_name_goes_to_an_overwhelming_favourite_only():
    bare = profile(entity("e1", "Traoré", "Traoré a parlé."), "Traoré a parlé.")
    head = Known(1, "Issa Traoré", "PERSON", ("issa", "traore"))
    other = Known(2, "Moussa Traoré", "PERSON", ("moussa", "traore"))
    fragment = Known(3, "Traoré", "PERSON", ("traore",))
    assert choose_entity(bare, [head, other, fragment], lambda ids: {1: 60, 2: 3, 3: 9}) is head
    assert choose_entity(bare, [head, other], lambda ids: {1: 8, 2: 1}) is None  # too few articles to know
    assert choose_entity(bare, [head, other], lambda ids: {1: 30, 2: 10}) is None  # no clear favourite
    initial = profile(entity("e1", "I. Traoré", "I. Traoré a parlé."), "I. Traoré a parlé.")
    assert choose_entity(initial, [head, fragment]) is head  # a bare row is no rival of a full name


def test_a_bare_name_with_a_role_is_someone():
    pm = Known(1, "Ousmane Keita", "PERSON", ("ousmane", "keita"), roles=["Premier ministre"])
    king = Known(2, "Keita", "PERSON", ("keita",), roles=["roi des Mossis"])
    bare = profile(entity("e1", "Keita", "Keita a parlé."), "Keita a parlé.")
    assert choose_entity(bare, [pm, king]) is king  # undecided: the bare row it already is
    assert choose_entity(bare, [pm, king], lambda ids: {1: 50, 2: 40}) is king


def test_the_favourite_is_not_taken_in_a_story_about_another_namesakes_country():
    pm = Known(1, "Ousmane Keita", "PERSON", ("ousmane", "keita"), roles=["Premier ministre"], countries=["ML"])
    king = Known(2, "Keita", "PERSON", ("keita",), roles=["roi des Mossis"], countries=["BF"])
    story = "Ouagadougou. Keita a reçu les chefs burkinabè."
    bare = profile(entity("e1", "Keita", story), story)
    assert bare.topic == {"BF"}
    assert choose_entity(bare, [pm, king], lambda ids: {1: 50, 2: 4}) is king
    elsewhere = "Keita a parlé hier soir."
    assert choose_entity(profile(entity("e1", "Keita", elsewhere), elsewhere), [pm, king],
                         lambda ids: {1: 50, 2: 4}) is pm
