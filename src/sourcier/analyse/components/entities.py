"""``sourcier_entities``: mentions grouped into the entities of one article, with their roles.

"Abdoulaye Diop", "M. Diop" and "Diop" are one PERSON named "Abdoulaye Diop";
"le ministre des Affaires étrangères du Mali, Abdoulaye Diop" gives him the role
"ministre des Affaires étrangères du Mali". Writes ``doc._.sourcier_entities``,
a list of :class:`~sourcier.analyse.records.EntityCluster` in order of first mention.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sourcier.analyse.lexicon import country_names, feminine_words, first_name_gender, fold, honorifics, role_heads
from sourcier.analyse.quotes.lexicon import role_lexicon
from sourcier.analyse.quotes.roles import title_takes_a
from sourcier.analyse.records import EntityCluster, register_extensions

_DETERMINERS = {"le", "la", "l'", "les", "un", "une", "son", "sa", "ses", "leur", "notre", "ce", "cet", "cette"}
_TITLE_ADJECTIVES = {"actuel", "actuelle", "nouveau", "nouvel", "nouvelle", "futur", "future", "ex", "éphémère"}
_ROLE_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}
_MAX_ROLE_TOKENS = 14


@Language.factory(
    "sourcier_entities",
    assigns=["doc._.sourcier_entities"],
    requires=["doc.ents", "token.pos", "token.morph"],
)
def make_entities(nlp: Language, name: str) -> "EntityGrouper":
    register_extensions()
    return EntityGrouper()


class EntityGrouper:
    def __init__(self) -> None:
        self.heads = role_heads()
        self.trades = role_lexicon().human_nouns  # folded: "actrice", "cliente"; roles too ("l'actrice Cate Blanchett")
        self.honorifics = honorifics()
        self.feminine = feminine_words()

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = []
        by_name: dict[tuple[str, str], EntityCluster] = {}
        people: list[tuple[list[str], EntityCluster]] = []  # (folded name tokens, cluster)
        pending: list[Span] = []  # one-word person names, resolved once full names are known
        for ent in doc.ents:
            ent = _person_at_end(ent) or ent  # "Fonction publique Amélie de Montchalin"
            if ent.label_ == "PERSON" and fold(ent.text) in country_names():
                ent = Span(doc, ent.start, ent.end, label="GPE")  # "ancien Premier ministre du Mali"
            elif ent.label_ == "PERSON" and fold(ent.text) in role_lexicon().seats:
                ent = Span(doc, ent.start, ent.end, label="ORG")  # "selon Matignon": the office, no person
            if ent.label_ == "PERSON":
                if _capitalised_word(ent) or _word_after_article(ent):
                    continue
                ent = _whole_hyphenated(_with_first_name(ent))
                words = self._name_words(ent)
                if not words:
                    continue
                if len(words) == 1:
                    pending.append(ent)
                    continue
                cluster = self._person_cluster(words, people) or self._new(clusters, ent, by_name, people, words)
            else:
                ent = _whole_hyphenated(ent)
                key = (ent.label_, ent.ent_id_ or fold(_strip_article(ent).text))
                cluster = by_name.get(key) or self._new(clusters, ent, by_name, people, None, key=key)
            self._add_mention(cluster, ent)
        for ent in pending:
            words = self._name_words(ent)
            cluster = self._person_cluster(words, people, before=ent.start_char, gender=_honorific_gender(ent)) or self._new(
                clusters, ent, by_name, people, words
            )
            self._add_mention(cluster, ent)
        self._unrecognised_first_names(doc, clusters)
        clusters = self._mislabelled_full_names(clusters)
        clusters.sort(key=lambda c: min(c.mentions))
        for i, cluster in enumerate(clusters, 1):
            cluster.key = f"e{i}"
            cluster.mentions.sort()
        doc._.sourcier_entities = clusters
        return doc

    # -- grouping -----------------------------------------------------------------

    def _name_words(self, ent: Span) -> list[str]:
        return [fold(t.text) for t in ent if t.text not in self.honorifics and not t.is_punct]

    def _person_cluster(
        self, words: list[str], people: list[tuple[list[str], EntityCluster]], before: int | None = None,
        gender: str | None = None,
    ) -> EntityCluster | None:
        """The person whose name contains ``words`` as its tail ("Diop" in "Abdoulaye Diop"), of
        the gender an honorific gives ("Mme Dupont" is not "Luc Dupont")."""
        n = len(words)
        people = [(name, c) for name, c in people if gender is None or c.gender in (None, gender)]
        matches = [c for name, c in people if len(name) >= n and name[-n:] == words]
        if not matches and n == 1:  # a first name alone ("Assimi")
            matches = [c for name, c in people if words[0] in name]
        if not matches:
            return None
        if before is not None:  # prefer the nearest person already mentioned
            earlier = [c for c in matches if min(c.mentions)[0] < before]
            if earlier:
                return max(earlier, key=lambda c: max(s for s, _ in c.mentions if s < before))
        return matches[0]

    def _new(self, clusters, ent, by_name, people, words, key=None) -> EntityCluster:
        cluster = EntityCluster(key="", label=ent.label_, name=self._display_name(ent))
        clusters.append(cluster)
        if key is not None:
            by_name[key] = cluster
        if words is not None:
            people.append((words, cluster))
        return cluster

    def _add_mention(self, cluster: EntityCluster, ent: Span) -> None:
        cluster.mentions.append((ent.start_char, ent.end_char))
        name = self._display_name(ent)
        if len(name.split()) > len(cluster.name.split()):
            cluster.name = name
        if ent.label_ == "PERSON":
            for role in self._roles(ent):
                if fold(role) not in {fold(r) for r in cluster.roles}:
                    cluster.roles.append(role)
            cluster.gender = cluster.gender or self._gender(ent)

    def _display_name(self, ent: Span) -> str:
        span = _strip_article(ent)
        words = [t for t in span if t.text not in self.honorifics]
        if not words:
            return span.text
        return ent.doc[words[0].i : words[-1].i + 1].text

    def _unrecognised_first_names(self, doc: Doc, clusters: list[EntityCluster]) -> None:
        """"M. Djalo" when the recogniser missed "Alfa-Claude Djalo" earlier: a surname alone
        takes the capitalised first name written before it elsewhere in the article."""
        alone = {c.name: c for c in clusters if c.label in ("PERSON", "GPE", "LOC", "MISC") and " " not in c.name}
        if not alone:
            return
        strings = doc.vocab.strings
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):  # words in bulk: a Token only for a hit
            cluster = alone.get(strings[orth])
            if cluster is None or i == 0:
                continue
            token = doc[i]
            if token.ent_type_ not in ("", cluster.label):
                continue
            first = doc[token.i - 1]
            if not first.is_title or first.is_sent_start or first.text in self.honorifics \
                    or first.lower_ in self.heads or first.ent_type_ not in ("", "PERSON") or first.pos_ != "PROPN":
                continue
            start = first.i
            while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                    and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
                start -= 2  # "Alfa-Claude", split at its hyphen
            if cluster.label != "PERSON":  # "Le Général Abdourahamane Tiani", "Tiani" read as a place
                if not (first_name_gender(doc[start].text) or (start > 0 and doc[start - 1].lower_ in self.heads)):
                    continue
                cluster.label = "PERSON"
            cluster.name = doc[start : token.i + 1].text
            cluster.mentions.append((doc[start].idx, token.idx + len(token.text)))
            cluster.gender = cluster.gender or first_name_gender(doc[start].text)
            del alone[token.text]

    def _mislabelled_full_names(self, clusters: list[EntityCluster]) -> list[EntityCluster]:
        """"M. Wine" a person, "Bobi Wine" read as a place or a work: the person's full name is the
        capitalised name of two or three words that ends with the surname; its mentions are his."""
        surnames = {fold(c.name): c for c in clusters if c.label == "PERSON" and " " not in c.name}
        merged = set()
        for other in clusters:
            words = other.name.split()
            if other.label == "PERSON" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) \
                    or fold(words[0]) in self.heads or not (other.label == "MISC" or first_name_gender(words[0])):
                continue  # not "Saint Louis" for "Louis"
            person = surnames.get(fold(words[-1]))
            if person is None or len(person.name.split()) > 1:
                continue
            person.name = other.name
            person.mentions.extend(other.mentions)
            person.gender = person.gender or first_name_gender(words[0])
            merged.add(id(other))
        return [c for c in clusters if id(c) not in merged]

    # -- roles and gender ---------------------------------------------------------

    def _roles(self, ent: Span) -> list[str]:
        found = [r for r in (self._role_before(ent), self._role_after(ent)) if r]
        return [r.text for r in found]

    def _role_before(self, ent: Span) -> Span | None:
        """'le ministre des Affaires étrangères du Mali, Abdoulaye Diop' → the title before the name."""
        doc, end = ent.doc, ent.start
        if end > 0 and doc[end - 1].text == ",":
            end -= 1
        head = None
        for token in reversed(doc[max(ent.sent.start, end - _MAX_ROLE_TOKENS) : end]):
            if (token.pos_ in _ROLE_STOP_POS and not title_takes_a(token.text)) or (token.is_punct and token.text != "-") \
                    or token.is_space or token.pos_ == "CCONJ" or token.ent_type_ in ("PER", "PERSON"):
                break  # not "délégué", a title the tagger reads as a participle; not past "et" or another name
            if (token.lower_ in self.heads or fold(token.lower_) in self.trades) and _opens_role(token):
                head = token
        if head is None or _owner_complement(doc, end, ent.start) or _complement_name(doc, ent, end) \
                or _earlier_apposition(doc, head, end, ent.start):
            return None
        return doc[head.i : end]

    def _role_after(self, ent: Span) -> Span | None:
        """'Abdoulaye Diop, ministre des Affaires étrangères, a dit' → the apposition after the name."""
        doc = ent.doc
        i = ent.end
        copula = i + 1 < len(doc) and doc[i].lemma_ == "être" and doc[i + 1].lower_ in _DETERMINERS
        if not copula and (i >= len(doc) or doc[i].text != ","):  # "Ibrahima Cissé est le ministre …"
            return None
        start = i + 1
        if start < len(doc) and doc[start].lower_ in _DETERMINERS:
            start += 1
        if start < len(doc) and doc[start].lower_ in _TITLE_ADJECTIVES:
            start += 1  # "l'actuelle ministre de la Santé"
        if start >= len(doc) or not (doc[start].lower_ in self.heads or fold(doc[start].lower_) in self.trades):
            return None
        end = start
        while end < min(len(doc), start + _MAX_ROLE_TOKENS):
            token = doc[end]
            if token.is_punct or token.is_space or token.is_sent_start \
                    or (token.pos_ in _ROLE_STOP_POS and not title_takes_a(token.text)):
                break
            end += 1
        if end < len(doc) and doc[end - 1].is_alpha and "\n" in doc[end - 1].whitespace_ + doc[end].text:
            return None  # a line that ends with no full stop: a caption or a line glued to the next, the end unknown
        if copula and end > start and doc[end - 1].pos_ == "ADP":
            return None  # "X est le premier à dénoncer …": no office
        if not copula and end < len(doc) and doc[end].pos_ in ("AUX", "VERB") and "Fin" in doc[end].morph.get("VerbForm"):
            return None  # "l'affaire X, le ministre a promis …": the subject of the next clause, no apposition
        return doc[start:end] if end > start else None

    def _gender(self, ent: Span) -> str | None:
        doc = ent.doc
        honorific = _honorific_gender(ent)
        if honorific is not None:
            return honorific
        role = self._role_before(ent)
        if role is not None:
            if any(t.lower_ in self.feminine for t in _title_words(role)):
                return "Fem"
            article = doc[role.start - 1].lower_ if role.start > 0 else ""
            if article in ("la", "une", "cette"):  # "la porte-parole de la présidence, Jen Psaki"
                return "Fem"
            if article == "l'" and fold(role[0].lower_) in self.trades and role[0].lower_ not in self.heads:
                return _feminine_form(role[0])  # "l'actrice Cate Blanchett": the noun's own gender
            return "Masc"
        after = self._role_after(ent)
        if after is not None:  # "Adji Sarr, la plaignante" / ", une militante"
            article = doc[after.start - 1].lower_
            if article in ("la", "une") or any(t.lower_ in self.feminine for t in _title_words(after)):
                return "Fem"
            if article in ("le", "un"):
                return "Masc"
        words = [t for t in ent if t.text not in self.honorifics and not t.is_punct]
        if len(words) > 1:  # "Aminata Touré": a first name's usual gender
            return first_name_gender(words[0].text)
        return None


def _title_words(role: Span) -> list[Token]:
    """The words of a role up to a complement with its own article or a coordination: "soutien
    de la première heure" agrees with "soutien", not with "première" ("secrétaire d'État
    chargée de …" keeps "chargée")."""
    words = []
    for k, t in enumerate(role):
        if t.pos_ == "CCONJ" or (t.pos_ == "ADP" and k + 1 < len(role) and role[k + 1].pos_ == "DET"):
            break
        words.append(t)
    return words


def _feminine_form(noun: Token) -> str | None:
    """The gender of a noun of trade after an elided article, by its ending ("actrice",
    "chanteuse", "musicienne", "avocate") or, failing that, the tagger's."""
    if noun.lower_.endswith(("trice", "euse", "enne", "ante", "ière", "ée")):
        return "Fem"
    return (noun.morph.get("Gender") or [None])[0]


def _honorific_gender(ent: Span) -> str | None:
    """The gender "M." or "Mme" gives a name, in it or right before it."""
    doc = ent.doc
    for t in (ent[0], doc[ent.start - 1] if ent.start > 0 else None):
        if t is not None and t.text in ("Mme", "Mlle", "Madame"):
            return "Fem"
        if t is not None and t.text in ("M.", "Monsieur"):
            return "Masc"
    return None


_PARTICLES_LOWER = {"de", "du", "d'", "van", "von", "ben", "ould", "el", "al"}


def _person_at_end(ent: Span) -> Span | None:
    """A title or a body the recogniser glued to the name after it ("la ministre de la Fonction
    publique Amélie de Montchalin" read as one name): the person, from a known first name to
    the end, when only capitalised words and particles follow it."""
    if ent.label_ == "PERSON" or len(ent) < 3 or first_name_gender(ent[0].text) is not None:
        return None  # "Alpha Oumar Kaba" read as an organisation: a name led by a first name, whole
    for k in range(ent.start + 1, ent.end - 1):
        t = ent.doc[k]
        if t.is_title and first_name_gender(t.text) is not None and all(
                w.is_title or w.lower_ in _PARTICLES_LOWER for w in ent.doc[k + 1 : ent.end]):
            return Span(ent.doc, k, ent.end, label="PERSON")
    return None


def _whole_hyphenated(ent: Span) -> Span:
    """"l'état-major des armées" recognised as "major des armées", "Nana Akufo-Addo" as "Nana
    Akufo": the name from the whole words."""
    doc, k, end = ent.doc, ent.start, ent.end
    while k >= 2 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_ \
            and doc[k - 2].is_alpha:
        k -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_title:
        end += 2
    return ent if (k, end) == (ent.start, ent.end) else Span(doc, k, end, label=ent.label_)


_PRONOUN_FORMS = {"je", "tu", "il", "elle", "nous", "vous", "ils", "elles", "on", "ce", "cela", "ceci", "ça", "celui",
                  "celle", "ceux", "celles", "lui", "eux", "leur", "tout", "tous", "rien", "chacun", "chacune"}


def _capitalised_word(ent: Span) -> bool:
    """"Interpellé et placé en garde à vue, il …": a word capitalised at the sentence start
    that the tagger reads as no noun is no person."""
    if len(ent) != 1:
        return False
    word = ent[0]
    if word.text.lower() in _PRONOUN_FORMS:
        return True  # "« Nous en avons eu l'an passé »": never a name (the tagger says PRON of "Poutine" too)
    first = word.is_sent_start or (word.i > 0 and ent.doc[word.i - 1].is_quote)
    return first and word.pos_ in ("VERB", "ADJ", "ADV")


_ARTICLES = {"le", "la", "l'", "les", "du", "des", "au", "aux"}


def _word_after_article(ent: Span) -> bool:
    """"l'ancien président de la République": one capitalised word after an article, which a
    person's name does not take, is a word of a title or a name of a thing, not a person."""
    if len(ent) != 1 or ent.start == 0 or first_name_gender(ent[0].text) is not None:
        return False
    before = ent.doc[ent.start - 1]
    return before.text.lower() in _ARTICLES and before.text not in _NAME_PARTICLES


_NAME_PARTICLES = {"Le", "La", "De", "Di", "Da", "Du", "Van", "Von", "Ben", "Ould", "El", "Al", "Ibn", "Abou", "Mac"}


def _with_first_name(ent: Span) -> Span:
    """A person the recogniser cut after a first name it took for a word ("Marine Le Pen" read
    as "Pen", "marine" tagged as a noun at the sentence start): the name from the first name on."""
    doc = ent.doc
    k = ent.start
    while k > 0 and ent.start - k < 2 and doc[k - 1].text in _NAME_PARTICLES:
        k -= 1
    if k == 0 or not doc[k - 1].is_title or first_name_gender(doc[k - 1].text) is None \
            or (doc[k - 1].ent_type_ and doc[k - 1].ent_type_ != "PERSON"):
        return ent
    return Span(doc, k - 1, ent.end, label=ent.label_)


def _opens_role(token: Token) -> bool:
    """A role head starts a title when a determiner, a preposition or the sentence start precedes it."""
    if token.i == token.sent.start:
        return True
    prev = token.doc[token.i - 1]
    return prev.lower_ in _DETERMINERS or prev.pos_ in ("ADP", "DET", "ADJ") or prev.text == ","


def _strip_article(ent: Span) -> Span:
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in _DETERMINERS:
        start += 1
    return ent.doc[start : ent.end]


def _complement_name(doc, ent: Span, end: int) -> bool:
    """"l'avocat de la famille Martin", "le procès Martin": a bare surname right after a common
    noun that is no title names what that noun is about, not the title's holder ("le ministre
    Martin" and "le ministre de l'Intérieur Martin" keep their role)."""
    if end < ent.start or len([t for t in ent if t.is_alpha]) != 1:
        return False  # a comma before the name, or a full name ("le porte-parole du gouvernement, X")
    before = doc[end - 1]
    return before.pos_ == "NOUN" and before.text.islower() and before.lower_ not in role_heads()


def _earlier_apposition(doc, head: Token, end: int, name_start: int) -> bool:
    """"Après la mort de Paul Martin, un homme blessé par un voleur, Jean Durand a dit …": a title
    opened by "un"/"une" after a comma, between commas before the name, describes the noun
    before it, not the name that follows."""
    if end >= name_start:  # no comma before the name
        return False
    i = head.i - 1
    while i > 0 and doc[i].pos_ == "ADJ":
        i -= 1  # "un jeune homme"
    return doc[i].lower_ in ("un", "une") and i > 0 and doc[i - 1].text == ","


def _owner_complement(doc, end: int, name_start: int) -> bool:
    """"le porte-parole de Macky Sall", "l'avocate de M. Diop": a title joined to the name by
    "de" is someone else's office (the name owns it), and one joined by "par" someone else's
    description ("X, envoyé sur place par Jean Durand"), not the person's role; an apposition
    after a comma ("le ministre de la Défense, X") is."""
    if end < name_start:  # a comma before the name
        return False
    i = end - 1
    while i > 0 and doc[i].text in ("M.", "Mme", "Mlle", "Monsieur", "Madame"):
        i -= 1
    return doc[i].lower_ in ("de", "d'", "du", "des", "par")  # "nommé par X": X is the agent, not the holder
