"""``sourcier_entity_typing``: the model's entities, in Sourcier's types, with its common errors fixed.

Runs after the NER and the gazetteer (``sourcier_gazetteer``). It

* maps the model's labels (PER, ORG, LOC, MISC) to PERSON, ORG, GPE, LOC, MISC
  (MEDIA, and corrections, come from the gazetteer already typed);
* drops "organisations" that are job titles: fr_core_news_md tags "ministre des
  Affaires étrangères du Mali" as ORG; a title is a role, read by the entity
  grouping, and the country it names is kept as a GPE;
* drops page furniture taken for names ("Crédit Photo", "Lire aussi");
* types a people ("les Maliens") as MISC, not as a place;
* keeps the person at the end of a title the model read as one thing ("Premier
  ministre Ousmane Sonko" → "Ousmane Sonko");
* takes titles out of people ("président Gnassingbé" → "Gnassingbé"; "Premier
  ministre" alone is no one) and puts back a known first name the model left out
  ("Jean Pierre Fabre" read as "Pierre Fabre");
* keeps entities inside one paragraph;
* adds a person the model missed: a known first name and the capitalised name the parse
  hangs on it ("a rappelé la ministre des Armées Florence Parly jeudi", no entity at all).
"""

from __future__ import annotations

import json
from importlib import resources

from spacy.attrs import ENT_IOB, IS_TITLE, POS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sourcier.analyse.lexicon import country_span, first_name_gender, fold, is_demonym, role_heads

SOURCIER_TYPES = {"PERSON", "ORG", "GPE", "LOC", "MEDIA", "MISC"}


def _load_types() -> dict:
    return json.loads(resources.files("sourcier.analyse").joinpath("data/entity_types.json").read_text("utf-8"))


@Language.factory("sourcier_entity_typing", assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_entity_typing(nlp: Language, name: str) -> "EntityTyping":
    types = _load_types()
    return EntityTyping(
        label_map=types["label_map"],
        natural_features=frozenset(types["natural_features"]),
        not_entities=frozenset(fold(t) for t in types["not_entities"]),
    )


class EntityTyping:
    def __init__(
        self, *, label_map: dict[str, str], natural_features: frozenset[str], not_entities: frozenset[str]
    ) -> None:
        self.label_map = label_map
        self.natural_features = natural_features
        self.not_entities = not_entities
        self.heads = role_heads()

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for ent in doc.ents:
            for part in _split_on_newlines(ent):
                ents.extend(self._retype(part))
        missed = _missed_people(doc)
        doc.ents = filter_spans(ents + missed) if missed else ents
        return doc

    def _retype(self, ent: Span) -> list[Span]:
        label = ent.label_
        if fold(ent.text) in self.not_entities:
            return []
        if label in SOURCIER_TYPES and label not in self.label_map:
            return [ent]  # typed by the gazetteer
        if label in ("ORG", "MISC") and ent[0].lower_ in self.heads:
            person = self._titled_person(ent)
            if person is not None:  # "Premier ministre Ousmane Sonko" read as one thing
                return [person]
            country = country_span(ent)
            return [Span(ent.doc, country.start, country.end, label="GPE")] if country is not None else []
        mapped = self.label_map.get(label, "MISC")
        if mapped == "PERSON":
            return self._person(ent)
        if mapped == "GPE" and ent[0].lower_ in self.natural_features:
            mapped = "LOC"
        elif mapped == "GPE" and len(ent) == 1 and is_demonym(ent.text):
            mapped = "MISC"  # "les Maliens" names a people, not a place
        return [Span(ent.doc, ent.start, ent.end, label=mapped, kb_id=ent.kb_id, span_id=ent.id)]


    def _titled_person(self, ent: Span) -> Span | None:
        """The name at the end of a title the model took as a whole: two capitalised words or
        more, or a known first name, after the title's own words."""
        doc = ent.doc
        i = ent.end
        while i > ent.start and doc[i - 1].is_title and doc[i - 1].lower_ not in self.heads \
                and doc[i - 1].lower_ not in _TITLE_WORDS:
            i -= 1
        if i == ent.start or i >= ent.end:
            return None
        if ent.end - i >= 2 or first_name_gender(doc[i].text):
            return Span(doc, i, ent.end, label="PERSON")
        return None

    def _person(self, ent: Span) -> list[Span]:
        """A person without the title the model took in ("président Gnassingbé" → "Gnassingbé";
        "Premier ministre" alone is no one), with a first name the model left out before it."""
        doc = ent.doc
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in self.heads or doc[start].lower_ in _TITLE_WORDS) \
                and not (doc[start].is_title and first_name_gender(doc[start].text)):
            start += 1
        if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
            return []
        if start == ent.start and start > 0:
            prev = doc[start - 1]
            if prev.is_title and prev.pos_ in ("PROPN", "NOUN", "ADJ") and first_name_gender(prev.text) \
                    and prev.ent_iob_ == "O" and "\n" not in prev.whitespace_:
                start -= 1  # "Jean Pierre Fabre" read as "Pierre Fabre"
        end = _before_affiliation(doc, start, end)
        return [Span(doc, start, end, label="PERSON", kb_id=ent.kb_id, span_id=ent.id)]


def _missed_people(doc: Doc) -> list[Span]:
    """People the model did not see: a capitalised known first name, or a capitalised word after
    a title or a noun for a person, outside every entity (or read as a place or a thing of its
    own), and the capitalised proper nouns right after it, outside entities ("a rappelé la
    ministre des Armées Florence Parly jeudi", "selon la styliste Diana Paukstyte", whatever
    the parse made of them). Capitalised proper nouns outside entities are picked in bulk, a Token made only
    for them."""
    rows = doc.to_array([ENT_IOB, POS, IS_TITLE]).tolist()
    propn = doc.vocab.strings["PROPN"]

    def name_word(k: int, first: bool = False) -> bool:  # ENT_IOB 2: outside every entity
        if k >= len(rows) or rows[k][1] != propn or not rows[k][2]:
            return False
        return rows[k][0] == 2 or (first and rows[k][0] == 3 and doc[k].ent_type_ != "PERSON")  # "Florence" a city

    found: list[Span] = []
    i = 0
    while i < len(rows) - 1:
        if not (name_word(i, first=True) and name_word(i + 1)) or "\n" in doc[i].whitespace_ \
                or (first_name_gender(doc[i].text) is None and not (i > 0 and _person_noun(doc[i - 1]))):
            i += 1
            continue
        end = i + 1
        while name_word(end) and "\n" not in doc[end - 1].whitespace_ and doc[end].lower_ not in role_heads():
            end += 1
        if end > i + 1:
            found.append(Span(doc, i, end, label="PERSON"))
        i = end
    return found


def _before_affiliation(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name read on into where they work ("Awa Diallo de Météo-France",
    "Paul Martin du PS"): a first name and a surname, then "de" and a capitalised name. A
    particle right after the first name stays ("Charles de Gaulle")."""
    if end - start < 4 or not first_name_gender(doc[start].text) or first_name_gender(doc[start + 1].text):
        return end
    for k in range(start + 2, end - 1):
        if doc[k].lower_ in ("de", "du", "des") and doc[k + 1].text[:1].isupper() \
                and all(t.is_title for t in doc[start + 1 : k]):
            return k
    return end


def _person_noun(token) -> bool:
    """A title head or a noun for a person ("ministre", "styliste"), in lower case."""
    from sourcier.analyse.quotes.lexicon import role_lexicon

    return token.text.islower() and (token.lower_ in role_heads() or fold(token.text) in role_lexicon().human_nouns)


_TITLE_WORDS = frozenset({"premier", "première", "de", "du", "des", "la", "le", "l'", "les", "vice", "-", "sortant",
                          "ancien", "ancienne", "ex", "nouveau", "nouvelle", "général", "générale", "m.", "mme"})


def _split_on_newlines(ent: Span) -> list[Span]:
    """The parts of ``ent`` between paragraph breaks (whitespace tokens with a newline)."""
    parts, start = [], ent.start
    for token in ent:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if token.is_space else token.i + 1
            if end > start:
                parts.append(Span(ent.doc, start, end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
            start = token.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
    return [p for p in parts if not p[0].is_space]
