"""Relations between international actors: every pattern on sentences written for these tests."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def relations(text: str) -> set[tuple[str, str, str, bool]]:
    """(actor, type, target, negated) of each relation of ``text``, every span checked."""
    analysis = analyze(text)
    found = set()
    for r in analysis.relations:
        for span in (r["evidence"], r["actor"]["mention"], r["target"]["mention"], r["time"]):
            if span is not None:
                assert analysis.text[span["start"] : span["end"]] == span["text"]
        found.add(key(_side(r["actor"]), r["type"], _side(r["target"]), r["negated"]))
    return found


def key(actor: str, kind: str, target: str, negated: bool = False) -> tuple[str, str, str, bool]:
    """A relation as the scorer compares them: symmetric types have no direction."""
    if kind in ("AGREE", "CONSULT", "COOPERATE"):
        actor, target = sorted((actor, target))
    return (actor, kind, target, negated)


def _side(actor: dict) -> str:
    return actor["country"] or actor["name"]


def only(text: str) -> dict:
    """The one relation of ``text``."""
    found = analyze(text).relations
    assert len(found) == 1, found
    return found[0]


# -- actors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Le Sénégal a condamné le Togo.", "SEN"),
        ("Dakar a condamné le Togo.", "SEN"),  # a capital for its government
        ("L'Élysée a condamné le Togo.", "FRA"),  # a seat of power
        ("Le Quai d'Orsay a condamné le Togo.", "FRA"),
        ("La Maison Blanche a condamné le Togo.", "USA"),
        ("Le gouvernement sénégalais a condamné le Togo.", "SEN"),  # an agent and a demonym
        ("L'armée du Sénégal a condamné le Togo.", "SEN"),  # an agent and its state
        ("Le ministre de la Défense du Sénégal a condamné le Togo.", "SEN"),
        ("Les Sénégalais ont condamné le Togo.", "SEN"),  # a people
        ("Vladimir Poutine a condamné le Togo.", "RUS"),  # a well-known leader
        ("L'ONU a condamné le Togo.", "ONU"),  # an organisation
        ("La Cédéao a condamné le Togo.", "CEDEAO"),
    ],
)
def test_actor_ways(text, actor):
    assert relations(text) == {(actor, "ACCUSE", "TGO", False)}


def test_a_role_links_a_person_to_a_state():
    text = (
        "Awa Ndiaye, ministre sénégalaise des Affaires étrangères, était à Lomé lundi.\n\n"
        "Awa Ndiaye a critiqué le Bénin."
    )
    assert relations(text) == {("SEN", "ACCUSE", "BEN", False)}


def test_a_former_state_by_its_alpha3_code():
    assert relations("L'URSS a envahi l'Afghanistan en 1979.") == {("SUN", "ASSAULT", "AFG", False)}


def test_vague_groups_are_no_actors():
    assert relations("L'Occident a condamné la Russie.") == set()
    assert relations("La communauté internationale a condamné le Tchad.") == set()


def test_an_outlet_named_after_a_state_is_no_state():
    assert relations("Le président ivoirien a accordé un entretien à France 24.") == set()


def test_no_relation_of_a_state_with_itself():
    assert relations("Le gouvernement nigérien a critiqué Niamey.") == set()


# -- triggers and arguments -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Niger a rencontré une délégation du Bénin.", ("NER", "CONSULT", "BEN")),
        ("Le président tchadien s'est entretenu avec son homologue camerounais.", ("TCD", "CONSULT", "CMR")),
        ("Le chef de l'État ghanéen s'est rendu à Abuja jeudi.", ("GHA", "CONSULT", "NGA")),
        ("Le Maroc a signé un accord de pêche avec la Mauritanie.", ("MAR", "AGREE", "MRT")),
        ("Le Gabon a salué la Guinée équatoriale pour sa médiation.", ("GAB", "SUPPORT", "GNQ")),
        ("Le Tchad coopère avec le Soudan dans la lutte antiterroriste.", ("TCD", "COOPERATE", "SDN")),
        ("La Turquie a livré des drones au Niger.", ("TUR", "AID", "NER")),
        ("Le Burkina Faso a reçu des armes de la Russie.", ("RUS", "AID", "BFA")),
        ("La France a retiré ses troupes du Niger.", ("FRA", "RETREAT", "NER")),
        ("Le Mali a quitté la CEDEAO.", ("MLI", "RETREAT", "CEDEAO")),
        ("Le Bénin a demandé au Niger de rouvrir la frontière.", ("BEN", "REQUEST", "NER")),
        ("Le Rwanda a rejeté les accusations de la RDC.", ("RWA", "REJECT", "COD")),
        ("La Corée du Nord a menacé le Japon.", ("PRK", "THREATEN", "JPN")),
        ("Le Niger a rompu ses relations diplomatiques avec la France.", ("NER", "SANCTION", "FRA")),
        ("Le Burkina a expulsé l'ambassadeur de France.", ("BFA", "SANCTION", "FRA")),
        ("Le Canada a déployé des soldats en Lettonie.", ("CAN", "MOBILIZE", "LVA")),
        ("L'Irak a envahi le Koweït.", ("IRQ", "ASSAULT", "KWT")),
    ],
)
def test_verb_and_adjective_triggers(text, expected):
    assert key(*expected) in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La coopération sécuritaire entre le Togo et le Bénin s'est renforcée.", ("BEN", "COOPERATE", "TGO")),
        ("Washington a imposé de nouvelles sanctions contre l'Iran.", ("USA", "SANCTION", "IRN")),
        ("L'invasion de la Géorgie par la Russie a surpris l'Europe.", ("RUS", "ASSAULT", "GEO")),
        ("Le Ghana est un partenaire fidèle du Togo.", ("GHA", "COOPERATE", "TGO")),
        ("Le Kremlin a lancé un avertissement à la Finlande.", ("RUS", "THREATEN", "FIN")),
    ],
)
def test_noun_triggers(text, expected):
    assert key(*expected) in relations(text)


def test_idiom_needs_its_object():
    assert relations("Le Niger a coupé les ponts avec la France.") == {("NER", "SANCTION", "FRA", False)}
    assert relations("Le Niger a coupé le ruban avec la France.") == set()


def test_subject_of_an_infinitive_clause_is_the_main_subject():
    assert ("NER", "SANCTION", "FRA", False) in relations(
        "Après avoir rompu avec la France, le Niger s'est tourné vers la Turquie."
    )


def test_object_control_gives_the_infinitive_its_subject():
    found = relations("Le Tchad accuse le Soudan d'attaquer la Libye.")
    assert ("TCD", "ACCUSE", "SDN", False) in found
    assert ("SDN", "ASSAULT", "LBY", False) in found


def test_passive_agent_is_the_actor():
    assert relations("Le Koweït a été envahi par l'Irak.") == {("IRQ", "ASSAULT", "KWT", False)}


def test_passive_participle_qualifies_its_target():
    assert ("MAR", "COERCE", "ESH", False) in relations("Le territoire sahraoui occupé par le Maroc reste disputé.")


def test_coordinated_states_each_count():
    found = relations("Le Mali a condamné le Niger, le Tchad et le Burkina Faso.")
    assert found == {("MLI", "ACCUSE", code, False) for code in ("NER", "TCD", "BFA")}


def test_target_inside_a_complement_is_whoever_acts_in_it():
    assert ("KEN", "ACCUSE", "RUS", False) in relations("Le Kenya a condamné l'invasion de l'Ukraine par la Russie.")


def test_a_demonym_qualifying_the_complement_is_the_target():
    assert relations("Le Liban a dénoncé une agression israélienne.") == {("LBN", "ACCUSE", "ISR", False)}


def test_a_pronoun_subject_is_the_last_person_acting_for_a_state():
    text = (
        "Le président gabonais, Paul Mba, a atterri à Brazzaville mardi.\n\n"
        "Il s'est ensuite entretenu avec les ministres du Congo et de l'Angola."
    )
    assert relations(text) >= {key("GAB", "CONSULT", "COG"), key("GAB", "CONSULT", "AGO")}


def test_conditions_are_not_events():
    assert relations("La Pologne répondra si la Biélorussie attaque la Lituanie.") == set()


def test_verbal_attacks_are_no_assault():
    assert relations("Le Venezuela a multiplié les attaques verbales contre la Colombie.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Le Chili a lancé une offensive diplomatique contre le Pérou.",  # a qualifier
        "Le Chili a attaqué le Pérou en justice.",  # a complement of the verb
    ],
)
def test_political_and_legal_attacks_are_no_assault(text):
    assert relations(text) == set()
    assert relations("Le Chili a attaqué le Pérou.") == {("CHL", "ASSAULT", "PER", False)}


@pytest.mark.parametrize(
    "text",
    [
        "La coopération militaire entre le Chili et le Pérou, gelée depuis 2019, pourrait reprendre.",
        "La coopération entre le Chili et le Pérou est suspendue.",  # the predicate of the trigger
    ],
)
def test_a_frozen_cooperation_is_no_cooperation(text):
    assert relations(text) == set()
    assert relations("La coopération entre le Chili et le Pérou se renforce.") == {("CHL", "COOPERATE", "PER", False)}


def test_coordinated_owners_of_a_cooperation_did_not_cooperate_together():
    # each of them cooperated with a third; the subject pair and "entre" stay mutual
    assert relations("Le ministre a salué la coopération des autorités du Chili et du Pérou.") == set()
    assert relations("Le Chili et le Pérou ont renforcé leur coopération.") == {key("CHL", "COOPERATE", "PER")}


def test_a_reminder_to_authorities_is_no_consultation():
    assert relations("Le ministre chilien a rappelé aux autorités péruviennes leurs obligations.") == set()
    said = relations("Le ministre chilien a dit aux autorités péruviennes qu'il viendrait.")
    assert said == {key("CHL", "CONSULT", "PER")}


# -- what a relation carries -------------------------------------------------------------


def test_negation():
    assert relations("Le Sénégal n'a pas rompu avec la Gambie.") == {("SEN", "SANCTION", "GMB", True)}


@pytest.mark.parametrize(
    "text",
    ["Le Chili ne cesse de critiquer le Pérou.", "Le Chili n'a jamais cessé de critiquer le Pérou."],
)
def test_a_negated_cesser_says_the_act_goes_on(text):
    assert relations(text) == {("CHL", "ACCUSE", "PER", False)}


def test_time_evidence_coding_and_offsets():
    text = "Comme prévu, le Japon a livré des vivres au Népal samedi."
    relation = only(text)
    assert (relation["type"], relation["cameo"], relation["time"]["text"]) == ("AID", "070", "samedi")
    assert relation["evidence"]["text"] == "le Japon a livré des vivres au Népal"
    assert relation["actor"]["mention"]["text"] == "le Japon"
    assert relation["claimed_by"] is None


def test_mode_and_context():
    relation = only("Le Niger a suspendu sa coopération militaire avec la France.")
    assert (relation["type"], relation["mode"]) == ("SANCTION", "discontinue")
    relation = only("La coopération économique entre le Togo et le Ghana progresse.")
    assert relation["context"] == ["economic"]


def test_claimed_inside_a_quote_carries_the_quote_and_its_speaker():
    text = (
        "Le ministre guinéen de la Défense, Sékou Camara, était à Rabat mardi.\n\n"
        "« Le Maroc nous a livré des blindés », a déclaré Sékou Camara."
    )
    analysis = analyze(text)
    (relation,) = analysis.relations
    assert (relation["actor"]["country"], relation["type"], relation["target"]["country"]) == ("MAR", "AID", "GIN")
    quote = next(q for q in analysis.quotes if q.id == relation["claimed_by"]["quote"])
    assert relation["claimed_by"]["name"] == quote.speaker.name == "Sékou Camara"


def test_asserted_mention_preferred_over_a_claimed_one():
    text = (
        "Le ministre tchadien Ali Mahamat a parlé mercredi.\n\n"
        "« Le Qatar coopère avec le Tchad », a dit Ali Mahamat.\n\n"
        "Le Qatar coopère avec le Tchad depuis 2019."
    )
    (relation,) = analyze(text).relations
    assert relation["claimed_by"] is None
    assert relation["time"]["text"] == "depuis 2019"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les frappes turques contre la Syrie ont repris.", ("TUR", "ASSAULT", "SYR")),
        ("Le retrait du Mali de la CEDEAO est effectif.", ("MLI", "RETREAT", "CEDEAO")),
        ("La CEDEAO a suspendu la Guinée.", ("CEDEAO", "SANCTION", "GIN")),
        ("Le Niger a rappelé son ambassadeur en Algérie.", ("NER", "SANCTION", "DZA")),
        ("Le Tchad a exigé le départ des soldats français.", ("TCD", "REQUEST", "FRA")),
        ("La Russie a envoyé des instructeurs en Centrafrique.", ("RUS", "AID", "CAF")),
        ("Le Togo et le Bénin ont signé un accord de défense.", ("BEN", "AGREE", "TGO")),
    ],
)
def test_qualifiers_retreats_suspensions_and_joint_subjects(text, expected):
    assert key(*expected) in relations(text)


def test_an_infinitive_asked_for_is_no_event():
    found = relations("Le Mali appelle l'Algérie à rompre avec le Maroc.")
    assert found == {("MLI", "REQUEST", "DZA", False)}


def test_calling_a_state_without_asking_anything_is_no_request():
    assert relations("Le président gabonais a appelé le Cameroun dimanche.") == set()


def test_who_condemns_an_invasion_is_no_invader():
    found = relations("La Côte d'Ivoire a condamné l'invasion du Koweït.")
    assert not any(kind == "ASSAULT" for _, kind, _, _ in found)


def test_a_support_verb_gives_its_noun_an_actor():
    assert ("IRQ", "ASSAULT", "KWT", False) in relations("L'Irak a lancé une offensive contre le Koweït.")


def test_a_visit_is_made_by_people_not_by_a_name():
    assert relations("Des touristes venus du Japon se sont rendus en Corée du Sud.") == set()
    assert ("JPN", "CONSULT", "KOR", False) in relations("Le Premier ministre japonais s'est rendu en Corée du Sud.")


def test_denouncing_a_treaty_is_breaking_it():
    assert ("USA", "SANCTION", "IRN", False) in relations("Les États-Unis ont dénoncé l'accord nucléaire avec l'Iran.")


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("ministre malien des Affaires étrangères", "MLI"), ("chef de la diplomatie du Burkina Faso", "BFA"),
     ("porte-parole de l'armée", None), ("ambassadeur de la Côte d'Ivoire", "CIV"),
     # a region, a rebel, a national act for no state; a state named after a compass point still counts
     ("homme fort de l'est libyen", None), ("chef rebelle tchadien", None), ("ressortissant belge", None),
     ("secrétaire d'État à l'Irlande du Nord", None), ("ministre du Soudan du Sud", "SSD"),
     # where one is posted is not whom one acts for
     ("ambassadeur au Mali", None), ("ambassadeur américain au Mali", "USA")],
)
def test_state_in_a_role(phrase, country):
    from sourcier.analyse.relations.actors import state_in_phrase

    state = state_in_phrase(phrase)
    assert (state.country if state else None) == country


def test_questions_and_conditionals_are_no_events():
    assert relations("Le Premier ministre indien se rendra-t-il au Pakistan ?") == set()
    assert relations("Le Chili condamnerait le Pérou sans hésiter.") == set()


def test_a_negated_governing_verb_negates_its_infinitive():
    assert relations("Le Portugal ne va pas sanctionner l'Angola.") == {("PRT", "SANCTION", "AGO", True)}


def test_a_treaty_named_after_a_city_is_no_state():
    found = relations("Le retrait des États-Unis de l'accord de Paris a surpris.")
    assert not any("FRA" in (actor, target) for actor, _, target, _ in found)


def test_counted_people_and_named_forces_are_no_states():
    assert relations("Le Maroc a condamné neuf Algériens.") == set()
    assert relations("Le Qatar remercie les Forces démocratiques syriennes.") == set()


def test_a_state_name_that_is_also_a_word_needs_its_article():
    assert relations("Réunion d'urgence : le Japon a demandé à l'ONU d'agir.") == {("JPN", "REQUEST", "ONU", False)}


def test_a_meeting_between_two_states_is_theirs_whoever_organises_it():
    found = relations("Le Qatar a organisé une rencontre entre le Soudan et le Tchad.")
    assert found == {key("SDN", "CONSULT", "TCD")}


def test_a_war_between_two_states_gives_no_direction():
    assert relations("La guerre entre l'Éthiopie et l'Érythrée a duré deux ans.") == set()


def test_between_counts_only_when_every_side_is_an_actor():
    text = "L'accord entre les rebelles et les trois voisins, le Mali, le Niger et le Tchad, tient."
    assert not any(kind == "AGREE" for _, kind, _, _ in relations(text))


def test_a_complement_hung_on_the_triggers_adjective_is_the_triggers():
    assert ("RUS", "THREATEN", "EST", False) in relations(
        "Un diplomate russe a lancé un avertissement enflammé à l'Estonie."
    )


# -- the broader lexicon: every PLOVER type, nouns and idioms ----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le président sénégalais s'est réuni avec son homologue gambien.", ("SEN", "CONSULT", "GMB")),
        ("La Colombie a accepté la proposition du Venezuela.", ("COL", "AGREE", "VEN")),
        ("Le Ghana a rendu hommage au Togo.", ("GHA", "SUPPORT", "TGO")),
        ("Le soutien du Qatar à la Somalie a été salué.", ("QAT", "SUPPORT", "SOM")),
        ("L'Arménie a renforcé ses liens avec l'Iran.", ("ARM", "COOPERATE", "IRN")),
        ("Les liens entre le Laos et le Vietnam sont anciens.", ("LAO", "COOPERATE", "VNM")),
        ("L'aide militaire de la Turquie à la Somalie a doublé.", ("TUR", "AID", "SOM")),
        ("Le Japon est venu en aide aux Philippines.", ("JPN", "AID", "PHL")),
        ("Le Burundi s'est retiré de la Somalie.", ("BDI", "RETREAT", "SOM")),
        ("Le Niger est sorti de la CEDEAO.", ("NER", "RETREAT", "CEDEAO")),
        ("Le Liban a sollicité l'aide de la France.", ("LBN", "REQUEST", "FRA")),
        ("L'appel du Kenya à l'Éthiopie est resté sans réponse.", ("KEN", "REQUEST", "ETH")),
        ("Le président turc s'en est pris à la Grèce.", ("TUR", "ACCUSE", "GRC")),
        ("Les accusations de l'Azerbaïdjan contre l'Arménie se multiplient.", ("AZE", "ACCUSE", "ARM")),
        ("L'Égypte s'est opposée au projet de l'Éthiopie.", ("EGY", "REJECT", "ETH")),
        ("La Chine a mis en garde le Japon.", ("CHN", "THREATEN", "JPN")),
        ("Des Algériens ont manifesté contre la France.", ("DZA", "PROTEST", "FRA")),
        ("Le Maroc a convoqué l'ambassadeur d'Espagne.", ("MAR", "PROTEST", "ESP")),
        ("Washington a levé les sanctions contre le Soudan.", ("USA", "CONCEDE", "SDN")),
        ("L'Iran a libéré deux diplomates suédois.", ("IRN", "CONCEDE", "SWE")),
        ("La Russie a massé des troupes à la frontière de la Finlande.", ("RUS", "MOBILIZE", "FIN")),
        ("Le Venezuela a arrêté trois soldats colombiens.", ("VEN", "COERCE", "COL")),
        ("L'armée syrienne a tiré sur des soldats turcs.", ("SYR", "ASSAULT", "TUR")),
        ("Tsahal a bombardé le Liban.", ("ISR", "ASSAULT", "LBN")),  # an army named on its own
        ("La rupture entre le Maroc et l’Algérie a surpris.", ("MAR", "SANCTION", "DZA")),
        ("Le ministre iranien affirme sans preuve que l'Arabie saoudite prépare une attaque.", ("IRN", "ACCUSE", "SAU")),
        ("Les allégations de l'Égypte selon lesquelles le Qatar financerait des milices ont surpris.", ("EGY", "ACCUSE", "QAT")),
    ],
)
def test_broader_lexicon(text, expected):
    assert key(*expected) in relations(text)


# -- arguments the parser misreads, and actors named indirectly ---------------------------


def test_a_name_misread_as_an_adverb_is_still_the_subject():
    assert relations("Scholz arrive demain à Pékin.") == {key("DEU", "CONSULT", "CHN")}


def test_an_infinitive_after_its_clause_shares_its_subject():
    text = "Le ministre nigérien a pris l'avion jeudi pour négocier avec l'Algérie."
    assert key("NER", "CONSULT", "DZA") in relations(text)


def test_an_object_misread_as_an_oblique_is_the_target():
    assert key("KEN", "CONSULT", "UGA") in relations("Le président kényan a reçu, lundi, son homologue ougandais.")


def test_the_complement_of_an_idioms_noun_is_the_target():
    text = "Le Premier ministre indien a pointé du doigt le président pakistanais Imran Khan."
    assert relations(text) == {("IND", "ACCUSE", "PAK", False)}


def test_a_possessive_names_who_acts():
    text = (
        "Le président finlandais Sauli Niinistö est arrivé à Oslo. "
        "Sa rencontre avec le Premier ministre norvégien a duré deux heures."
    )
    assert key("FIN", "CONSULT", "NOR") in relations(text)


def test_a_rejected_claim_is_its_authors_and_every_passive_agent_counts():
    text = (
        "Le ministre arménien Ara Aivazian accuse Bakou d'agression. Son accusation est rejetée par le "
        "gouvernement azerbaïdjanais, ainsi que par ceux de la Turquie et du Pakistan."
    )
    found = relations(text)
    assert {("AZE", "REJECT", "ARM", False), ("TUR", "REJECT", "ARM", False), ("PAK", "REJECT", "ARM", False)} <= found


def test_a_title_alone_is_the_one_person_who_bore_it():
    text = "Le roi Mohammed VI a reçu le président mauritanien. Le roi rencontrera ensuite le Premier ministre espagnol."
    assert key("MAR", "CONSULT", "ESP") in relations(text)


def test_a_title_borne_for_two_states_names_none():
    text = (
        "Le président ghanéen John Mahama a reçu le président ivoirien Alassane Ouattara à Accra. "
        "Le président a ensuite condamné le Togo."
    )
    assert not any(kind == "ACCUSE" for _, kind, _, _ in relations(text))


def test_a_person_acts_for_the_organisation_of_their_role():
    assert relations("Jens Stoltenberg, secrétaire général de l'OTAN, a critiqué la Russie.") == {
        ("OTAN", "ACCUSE", "RUS", False)
    }


def test_a_support_verb_under_a_request_is_no_event():
    assert relations("Les États-Unis veulent pousser le Japon à prendre des sanctions contre la Corée du Nord.") == set()


def test_a_participle_does_not_reach_the_conjuncts_after_it():
    assert relations("Le conflit oppose des rebelles serbes de Croatie soutenus par Belgrade et les forces croates.") == set()


def test_a_compass_point_makes_another_place():
    assert relations("Le roi a effectué une visite à Belfast, en Irlande du Nord.") == set()


def test_a_leaders_surname_under_another_first_name_is_someone_else():
    from sourcier.knowledge.actors import load_actors

    actors = load_actors()
    assert actors.leader_state("M. Erdogan").country == "TUR"
    assert actors.leader_state("Tayyip Erdogan").country == "TUR"
    assert actors.leader_state("Brigitte Macron") is None


def test_a_meeting_between_sides_not_all_actors_is_nobody_elses():
    text = "La Suisse tente d'organiser une rencontre entre les présidents américain Joe Biden et Kim Jong-un."
    assert not any(kind == "CONSULT" for _, kind, _, _ in relations(text))


def test_a_city_inside_an_obliques_complement_is_no_target():
    assert relations("Le Brésil s'est retiré de l'accord de Paris.") == set()


def test_deploying_efforts_is_no_mobilisation():
    assert relations("Les efforts de formation déployés par l'Union européenne au Mali continuent.") == set()
    assert key("TCD", "MOBILIZE", "NER") in relations("Le Tchad a déployé des soldats au Niger.")


# -- across sentences, compounds and quotes -------------------------------------------------


def test_the_sides_of_between_are_an_agents_coordinated_states():
    text = "Les pourparlers entre des représentants du Niger et du Bénin ont repris."
    assert key("NER", "CONSULT", "BEN") in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La coopération militaire russo-malienne s'est renforcée.", ("RUS", "COOPERATE", "MLI")),
        ("Le sommet algéro-marocain a échoué.", ("DZA", "CONSULT", "MAR")),
        ("Le partenariat stratégique sino-russe inquiète les experts.", ("CHN", "COOPERATE", "RUS")),
    ],
)
def test_a_compound_demonym_gives_both_sides(text, expected):
    assert relations(text) == {key(*expected)}


def test_a_demonym_with_a_compass_point_is_no_compound():
    assert relations("Un accord nord-coréen a été évoqué.") == set()


def test_speaking_to_a_foreign_agent_is_a_consultation_speaking_in_a_capital_is_not():
    assert relations("Le ministre malien a dit à son homologue algérien que le Mali ne céderait pas.") == {
        key("MLI", "CONSULT", "DZA")
    }
    assert relations("Le président français a déclaré à Moscou que la paix était possible.") == set()


def test_an_honorific_heads_the_name_it_titles():
    text = "M. Lavrov a indiqué au ministre britannique de la Défense que la Russie était prête."
    assert key("RUS", "CONSULT", "GBR") in relations(text)


def test_a_rebel_acts_for_no_state():
    assert relations("Ahmat Issa, chef rebelle tchadien, a rencontré le président soudanais.") == set()


def test_claims_about_another_state_accuse_it():
    text = "Le Rwanda a dénoncé les affirmations de la RDC selon lesquelles Kigali soutient les rebelles."
    assert ("COD", "ACCUSE", "RWA", False) in relations(text)


def test_what_an_outlet_reports_is_asserted():
    analysis = analyze("Le Ghana a signé un accord de défense avec le Togo, a révélé Reuters.")
    assert [(r["type"], r["claimed_by"]) for r in analysis.relations] == [("AGREE", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le Tchad a accusé le Soudan d'armer les rebelles. Cette allégation a été rejetée par Khartoum.",
            ("SDN", "REJECT", "TCD"),
        ),
        ("Le Mali a expulsé l'ambassadeur de France. Paris a condamné cette décision.", ("FRA", "ACCUSE", "MLI")),
        (  # a claim whose author was the subject of the sentence before; the agent hung on a complement
            "Le président russe Vladimir Poutine répète que l'Ukraine est menacée. "
            "Cette thèse a été rejetée comme étant sans objet par l'OTAN.",
            ("OTAN", "REJECT", "RUS"),
        ),
    ],
)
def test_a_demonstrative_claim_or_act_is_its_authors(text, expected):
    assert key(*expected) in relations(text)


def test_a_demonstrative_is_the_nearest_author_not_the_sentences_first_subject():
    text = (
        "Vladimir Poutine a affirmé mardi que le Mali avait expulsé l'ambassadeur de France. "
        "Paris a condamné cette décision."
    )
    found = relations(text)
    assert key("FRA", "ACCUSE", "MLI") in found
    assert key("FRA", "ACCUSE", "RUS") not in found


def test_a_demonstrative_reaches_one_sentence_back_only():
    text = (
        "Moscou affirme que l'Otan prépare une attaque. Les marchés ont baissé mardi. "
        "Cette allégation a été rejetée par le Japon."
    )
    assert "REJECT" not in {kind for _, kind, _, _ in relations(text)}


def test_an_organisation_noun_alone_is_the_organisation_just_named():
    assert relations("L'OTAN s'est réunie mardi. Les membres de l'alliance ont condamné la Russie.") == {
        ("OTAN", "ACCUSE", "RUS", False)
    }
    assert relations("Les membres de l'alliance ont condamné la Russie.") == set()


def test_a_speech_act_said_for_its_actor_is_asserted():
    analysis = analyze("Le ministre tchadien a déclaré que « le Tchad rejette les accusations du Soudan ».")
    found = [(r["type"], r["target"]["country"], r["claimed_by"]) for r in analysis.relations]
    assert found == [("REJECT", "SDN", None)]


def test_an_accusation_that_introduces_a_quote_targets_its_subject():
    text = "« La Russie affame délibérément l'Afrique », dénonce le ministre tchadien des Affaires étrangères."
    assert relations(text) == {("TCD", "ACCUSE", "RUS", False)}
    assert relations("« Nous avons fait notre travail », dénonce le ministre tchadien.") == set()


def test_an_arrest_without_agent_is_made_where_it_happens():
    assert relations("Un membre de l'État islamique a été interpellé en Espagne.") == {
        ("ESP", "COERCE", "État islamique", False)
    }
    assert relations("Un membre de l'État islamique a été interpellé.") == set()


def test_whoever_is_arrested_for_preparing_attacks_prepared_them():
    text = (
        "En 2019, Jean Dupont, ressortissant belge et membre d'Al-Qaida, a été arrêté à Paris "
        "pour avoir préparé des attentats aux États-Unis."
    )
    assert relations(text) == {("FRA", "COERCE", "Al-Qaïda", False), ("Al-Qaïda", "ASSAULT", "USA", False)}


def test_a_group_that_is_no_actor_acts_through_its_leader():
    assert relations("Le Kremlin accuse l'Occident, dirigé par les États-Unis, de chercher à isoler la Russie.") == {
        ("RUS", "ACCUSE", "USA", False)
    }
    assert relations("La coalition menée par l'Arabie saoudite a bombardé le Yémen.") == {("SAU", "ASSAULT", "YEM", False)}


def test_states_that_announce_together_do_not_consult_each_other():
    assert relations("Le Ghana, le Togo et le Bénin ont annoncé une nouvelle taxe.") == set()


def test_an_indefinite_organisation_noun_is_no_anaphor():
    text = "L'ONU s'inquiète. Le Tchad dirige une coalition qui appuie le gouvernement nigérien."
    assert "ONU" not in {side for actor, _, target, _ in relations(text) for side in (actor, target)}


def test_charities_do_not_act_for_their_state():
    assert relations("Des organisations caritatives chinoises ont fait un don à la France.") == set()
    assert relations("Le gouvernement chinois a fait un don à la France.") == {("CHN", "AID", "FRA", False)}


def test_military_support_is_aid_support_alone_is_support():
    assert relations("La Turquie soutient militairement le gouvernement libyen.") == {("TUR", "AID", "LBY", False)}
    assert relations("Le Togo soutient le Bénin.") == {("TGO", "SUPPORT", "BEN", False)}


def test_fighters_of_a_nationality_are_no_state_those_of_an_organisation_are_it():
    assert relations("Des combattants syriens appuient l'armée turque.") == set()
    assert relations("Les combattants du Hezbollah ont attaqué l'armée israélienne.") == {
        ("Hezbollah", "ASSAULT", "ISR", False)
    }


def test_allies_of_an_organisation_are_its_members_not_its_partners():
    assert relations("Le Canada et ses alliés de l'OTAN ont débattu.") == set()


def test_an_attack_in_case_of_is_a_condition():
    found = relations("Le Qatar réagira en cas d'attaque saoudienne contre le Yémen.")
    assert "ASSAULT" not in {kind for _, kind, _, _ in found}


def test_forces_of_a_region_are_not_the_state():
    text = "La Turquie a lancé une offensive contre les forces kurdes du nord-est de la Syrie."
    assert relations(text) == set()


def test_an_envoy_to_an_organisation_does_not_act_for_it():
    from sourcier.analyse.relations.actors import state_in_phrase

    assert state_in_phrase("ambassadeur à l'ONU", organisations=True) is None
    assert state_in_phrase("représentant auprès de l'Union africaine", organisations=True) is None
    assert state_in_phrase("secrétaire général de l'ONU", organisations=True).name == "ONU"


# -- territories, coordinations the parser misplaces -----------------------------------


def test_a_territory_is_no_state_actor():
    # Hong Kong is a region of China, not a state: neither its name, its demonym nor its people act
    assert relations("Hong Kong a condamné le Royaume-Uni.") == set()
    assert relations("Le gouvernement hongkongais a critiqué les États-Unis.") == set()
    assert relations("Les Hongkongais ont critiqué le Japon.") == set()
    assert relations("Taïwan a condamné la Chine.") == {("TWN", "ACCUSE", "CHN", False)}


def test_a_second_name_hung_on_the_head_still_counts():
    # the parser hangs "la Corée" on "sanctions"; "du Sud", inside the name, is no complement of its own
    assert relations("Le Brésil a imposé des sanctions contre le Japon et la Corée du Sud.") == {
        ("BRA", "SANCTION", "JPN", False), ("BRA", "SANCTION", "KOR", False),
    }


def test_a_name_that_opens_the_next_clause_is_no_conjunct():
    assert relations("Le Tchad a livré des armes au Niger et le Mali a protesté.") == {("TCD", "AID", "NER", False)}
    # the subjects of one verb are all its subjects
    assert relations("La Norvège, la Suède et le Danemark ont condamné la Serbie.") == {
        ("NOR", "ACCUSE", "SRB", False), ("SWE", "ACCUSE", "SRB", False), ("DNK", "ACCUSE", "SRB", False),
    }


def test_coordinated_passives_share_subject_and_agent():
    assert relations("Le Liban a été envahi et occupé par Israël.") == {
        ("ISR", "ASSAULT", "LBN", False), ("ISR", "COERCE", "LBN", False),
    }


def test_the_second_side_of_entre_is_read_in_the_text_when_the_parse_loses_it():
    # the parser reads "l'Algérie" as the subject of "date"
    assert relations("La rupture des relations entre le Maroc et l'Algérie date de 2021.") == {
        ("MAR", "SANCTION", "DZA", False)
    }
    assert relations("Une réunion entre le ministre et les chefs coutumiers a eu lieu.") == set()


def test_what_a_speaker_says_a_state_must_do_is_a_request():
    found = only("« La Turquie doit cesser ses frappes », a déclaré le président irakien.")
    assert (found["actor"]["country"], found["type"], found["target"]["country"]) == ("IRQ", "REQUEST", "TUR")
    assert found["claimed_by"] is None  # the speaker's request is an event, as an accusation is
    # a request not to do something is still a request, and what is asked is no event
    assert relations("« La Turquie ne doit pas attaquer nos villes », a déclaré le président irakien.") == {
        ("IRQ", "REQUEST", "TUR", False)
    }
    assert relations("Le ministre polonais a estimé que la Russie devait retirer ses troupes.") == {
        ("POL", "REQUEST", "RUS", False)
    }
    # "devrait" is mostly a forecast; nobody's "doit" is no request; "nous devons" is one's own duty
    assert relations("« Le Soudan devrait recevoir des vivres », a déclaré le ministre tchadien.") == set()
    assert relations("Le Soudan doit rendre des comptes, a estimé un chercheur.") == set()
    assert relations("« Nous devons aider le Soudan », a déclaré le ministre tchadien.") == set()


def test_a_sanction_or_a_strike_promised_under_a_condition_is_a_threat():
    text = "Le Japon imposera des sanctions à la Corée du Nord si elle procède à un nouvel essai."
    found = only(text)
    assert (found["type"], found["cameo"], found["mode"]) == ("THREATEN", "1312", None)
    assert relations("Le Japon va imposer des sanctions à la Corée du Nord si elle procède à un essai.") == {
        ("JPN", "THREATEN", "PRK", False)
    }
    assert relations("Le Pakistan frappera l'Inde en cas d'attaque.") == {("PAK", "THREATEN", "IND", False)}
    assert relations("La France prendra des mesures contre l'Iran si la situation l'exige.") == {
        ("FRA", "THREATEN", "IRN", False)
    }
    # a sanction taken, or announced without a condition, is a sanction
    assert relations("Le Japon va imposer des sanctions à la Corée du Nord.") == {("JPN", "SANCTION", "PRK", False)}
    assert relations("L'Égypte a pris des mesures contre le Soudan.") == {("EGY", "SANCTION", "SDN", False)}


def test_a_noun_trigger_called_for_wished_or_feared_is_no_event():
    assert relations("Le Kenya a lancé un appel à un sommet entre la Chine et l'Inde.") == set()
    assert relations("L'Éthiopie s'est dite favorable à un accord de paix entre l'Érythrée et le Soudan.") == set()
    assert relations("Le sommet entre la Chine et l'Inde a eu lieu à Pékin.") == {("CHN", "CONSULT", "IND", False)}


def test_a_place_in_a_complement_is_not_whose_it_is():
    assert relations("Le Kenya s'est dit favorable à une solution politique en Libye.") == set()
    assert relations("Le Kenya s'est dit favorable au plan du Soudan.") == {("KEN", "SUPPORT", "SDN", False)}


def test_the_sides_of_entre_inside_a_complement_count_for_one_of_them():
    text = "« Nous donnons un engagement ferme à la coopération entre la Chine et le Kenya », a déclaré le ministre kényan."
    assert ("CHN", "AGREE", "KEN", False) in relations(text)


def test_states_that_sign_with_a_third_party_do_not_sign_with_each_other():
    assert relations("Le Togo et le Bénin ont signé un accord avec un laboratoire suisse.") == set()
    assert relations("Le Togo et le Bénin ont signé un accord.") == {("BEN", "AGREE", "TGO", False)}


def test_a_list_of_agents_read_as_an_apposition_all_act():
    text = "Le plan de l'administration américaine a été dénoncé par l'Union africaine, la Ligue arabe et l'ONU."
    assert relations(text) == {
        ("Union africaine", "ACCUSE", "USA", False), ("Ligue arabe", "ACCUSE", "USA", False), ("ONU", "ACCUSE", "USA", False),
    }


def test_support_given_to_armed_forces_or_so_qualified_is_aid():
    assert relations("L'armée française a apporté un appui aux troupes nigériennes.") == {("FRA", "AID", "NER", False)}
    assert relations("Le Tchad a apporté un soutien logistique au Niger.") == {("TCD", "AID", "NER", False)}
    assert relations("La Jordanie a apporté son soutien à l'Égypte.") == {("JOR", "SUPPORT", "EGY", False)}


def test_being_ready_to_act_is_no_act():
    assert relations("Les États-Unis sont prêts à soutenir le Liban.") == set()
    assert relations("Le Japon s'est abstenu de sanctionner la Chine.") == set()


# -- branch relations5: infinitives of agents, acts of force, misread objects, former office holders --


def test_an_infinitive_of_an_agent_noun_has_it_for_subject():
    text = "Cette semaine, c'est au tour du Premier ministre belge de venir à Rabat."
    assert relations(text) == {key("BEL", "CONSULT", "MAR")}
    # unless the agent stands under a refusal or a wish
    assert relations("Le refus du président sénégalais de venir à Bamako a surpris.") == set()
    assert relations("La volonté du ministre tchadien de coopérer avec le Soudan est connue.") == set()


def test_an_agentless_passive_is_done_by_whoever_led_the_act_of_force_it_fell_in():
    text = "Trois Tunisiens ont été tués lors d'une opération menée près de la frontière par l'armée libyenne."
    assert relations(text) == {("LBY", "ASSAULT", "TUN", False)}
    assert relations("Des soldats syriens ont été tués dans une frappe turque.") == {("TUR", "ASSAULT", "SYR", False)}
    assert relations("Quatre Maliens ont été tués dans une attaque de l'armée burkinabè.") == {("BFA", "ASSAULT", "MLI", False)}
    # no author, no relation; counted people who act are people, not their state
    assert relations("Quatre Maliens ont été tués dans une attaque.") == set()
    assert relations("Neuf Français ont condamné la Russie.") == set()


def test_an_object_hung_on_the_oblique_before_it_is_the_verbs():
    assert relations("Le Japon a pris avec ses partenaires des sanctions contre la Corée du Nord.") == {
        ("JPN", "SANCTION", "PRK", False)
    }
    assert relations("Le Mali a signé avec la Russie des accords de défense.") == {key("MLI", "AGREE", "RUS")}
    text = "Le Canada prendra avec ses alliés des mesures sévères contre la Syrie, si elle attaque Israël."
    assert relations(text) == {("CAN", "THREATEN", "SYR", False)}
    # a genuine complement of the oblique stays its own
    assert relations("Le Mali a discuté avec le ministre des Affaires étrangères du Niger.") == {key("MLI", "CONSULT", "NER")}


def test_one_who_held_an_office_before_acts_for_no_state():
    assert relations("L'ancien président américain Barack Obama a salué le Japon.") == set()
    assert relations("François Hollande, ancien président, a rencontré le président chinois Xi Jinping.") == set()
    assert relations("Emmanuel Macron a rencontré Barack Obama, l'ancien président américain.") == set()
    assert relations("L'ex-président sénégalais a rencontré le président chinois.") == set()
    # in office, he does; and what is done to a former office holder may concern the state
    assert relations("Barack Obama a rencontré le président chinois.") == {key("CHN", "CONSULT", "USA")}
    assert relations("Le président turc a pointé du doigt l'ancien Premier ministre britannique Boris Johnson.") == {
        ("TUR", "ACCUSE", "GBR", False)
    }
    # "ancien" before no office says nothing of the office held now
    assert relations("Vladimir Poutine, ancien officier du KGB, a condamné le Japon.") == {("RUS", "ACCUSE", "JPN", False)}


def test_a_role_makes_its_bearer_act_for_a_state_only_through_an_office():
    text = "Paul Martin, un homme d'affaires américain jugé à Moscou, a accusé la Russie de l'avoir piégé."
    assert relations(text) == set()
    assert relations("Ana Costa, graphiste portugaise, a critiqué le Brésil.") == set()
    text = "Awa Ndiaye, ministre sénégalaise des Affaires étrangères, a condamné le Togo."
    assert relations(text) == {("SEN", "ACCUSE", "TGO", False)}
    text = "Jens Stoltenberg, secrétaire général de l'OTAN, a condamné la Russie."
    assert relations(text) == {("OTAN", "ACCUSE", "RUS", False)}


def test_a_noun_subject_is_negated_only_by_a_verb_that_says_it_happened():
    assert relations("Selon lui, l'accord entre le Maroc et le Vatican n'a pas protégé les fidèles.") == {
        key("MAR", "AGREE", "VAT")
    }
    assert relations("Le sommet entre le Maroc et l'Algérie n'a pas eu lieu.") == {key("MAR", "CONSULT", "DZA", True)}


def test_a_relation_wished_for_or_set_as_a_condition_is_no_event():
    assert relations("Il faut qu'il y ait une rencontre entre le président kényan et le président somalien.") == set()
    assert relations("On ne pourra pas avancer sans discussions directes entre Kenyans et Somaliens.") == set()
    assert relations("Le Kenya souhaite que la Somalie retire ses troupes d'Éthiopie.") == set()
    text = "Le Kenya a annoncé que la Somalie avait retiré ses troupes d'Éthiopie."
    assert relations(text) == {("SOM", "RETREAT", "ETH", False)}
