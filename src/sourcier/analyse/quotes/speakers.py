"""Speaker resolution: from the mention a cue attaches to, to the fullest name the article gives.

In order:

1. a mention that holds an entity of the article is that entity ("le président
   russe Vladimir Poutine"; "les données de l'Initiative …" → the Initiative);
2. a pronoun ("il", "-elle", "lui", "l'" in "à l'en croire", "qui") is the most
   recent speaker that agrees in gender and number, or the most recent person
   who does, whichever the text mentioned last as a subject ("qui" is its
   antecedent);
3. a description is the person whose role it fits (:mod:`.roles`:
   "le chef de la diplomatie malienne" → the "ministre des Affaires étrangères du
   Mali"), the latest outlet for "le quotidien", an earlier speaker described
   more fully ("l'armée" → "l'armée israélienne"), the latest fitting speaker
   for a short description ("le chercheur"), or else stays as written
   ("une source sécuritaire").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from sourcier.analyse.lexicon import first_name_gender, fold, role_heads
from sourcier.analyse.quotes.context import DocContext, char_span, subtree_span
from sourcier.analyse.quotes.lexicon import role_lexicon, verbs
from sourcier.analyse.quotes.roles import fits, signature
from sourcier.analyse.records import EntityCluster

_PRONOUNS = {  # form → (gender, number); None: either
    "il": ("Masc", "Sing"), "lui": ("Masc", "Sing"), "celui-ci": ("Masc", "Sing"), "celui": ("Masc", "Sing"),
    "elle": ("Fem", "Sing"), "celle-ci": ("Fem", "Sing"), "celle": ("Fem", "Sing"),
    "ils": (None, "Plur"), "eux": (None, "Plur"), "ceux-ci": (None, "Plur"), "ceux": (None, "Plur"),
    "elles": ("Fem", "Plur"), "celles-ci": ("Fem", "Plur"),
    "l'": (None, "Sing"), "le": ("Masc", "Sing"), "la": ("Fem", "Sing"), "les": (None, "Plur"),
    "son": (None, "Sing"), "sa": (None, "Sing"), "ses": (None, "Sing"), "leur": (None, "Plur"),
    "leurs": (None, "Plur"),
}
_INDEFINITE_PEOPLE = {"d'autres", "autres", "certains", "certaines", "plusieurs", "beaucoup", "tous", "toutes",
                      "chacun", "chacune", "aucun", "aucune", "d'aucuns", "nombre"}
_AFFILIATION = {"candidat", "candidate", "leader", "militant", "militante", "membre", "opposant", "opposante",
                "star", "champion", "championne", "figure", "ancien", "ancienne"}  # of an organisation, no office in it
_ORG_NOUNS = {"organisation", "ong", "institution", "organisme", "parti", "formation", "mouvement", "coalition",
              "alliance", "union", "bloc", "entreprise", "societe", "compagnie", "firme", "groupe", "federation",
              "association", "syndicat", "organisation regionale", "regulateur", "instance", "organe"}
_RELATIONAL = {"homologue", "successeur", "predecesseur", "adjoint", "adjointe", "interlocuteur", "interlocutrice"}
_LAST_MENTIONED = {"ce dernier", "cette derniere", "celui-ci", "celle-ci"}
_CITING = {"citer"}
_RELAY_PARTICIPLES = {"cit", "interrog", "joint", "contact", "relay", "repri"}  # "cité(e)(s) par X", folded, -e/-s dropped  # verbs whose object is the speaker
_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
_IMPERSONAL = {"on", "nous", "je", "j'", "vous", "tu"}
_DETS = {"le", "la", "l'", "les"}
_DEFINITE = {"le", "la", "l'", "les", "ce", "cet", "cette", "ces"}
_NAME_STOP_DEPS = frozenset({"acl:relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "dislocated"})
_MARKS = "«»“”\"‹›"
_NOTE_CALL = re.compile(r"\[\d+\]?$")
_PARAGRAPH_REACH = 4  # a pronoun or a floating quote looks this many paragraphs back at most


@dataclass(slots=True)
class Referent:
    """Someone who speaks: an entity of the article, or a description as written."""

    name: str
    key: str | None = None
    label: str = "DESC"
    gender: str | None = None
    number: str = "Sing"
    head: str = ""  # folded head word of a description ("armee")
    position: int = 0  # character offset of the mention
    paragraph: int = 0
    proper: bool = False  # a description that is a name the recogniser missed ("Jean-Pierre Fabre")


class SpeakerResolver:
    """Resolves speaker mentions in text order, remembering who spoke."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.history: list[Referent] = []
        self._quoted_memo: dict[int, object] = {}
        self._text: str | None = None
        self.heads = role_heads()
        self.lex = role_lexicon()

    # -- public ---------------------------------------------------------------------

    def resolve(self, mention: tuple[int, int] | None, at: int, cue=None) -> Referent | None:
        """The referent of tokens ``mention`` for a quote at character ``at`` (and remember it).

        A mention that cannot be a speaker ("la Constitution", "les résultats") gives way to
        the subject of the cue's verb, or of the verb it hangs on ("…, rejetant X"), and
        then to the speaker quoted just before in the same paragraph."""
        doc = self.ctx.doc
        referent = None
        if mention is not None and getattr(cue, "kind", None) == "attribution":
            opened = next((t for t in doc[mention[0] : mention[1]] if t.text in ("«", "“")), None)
            q = self._quoted(opened.idx + len(opened.text)) if opened is not None else None
            if q is not None and q.outer[0] == opened.idx:  # "selon des « informations divulguées »"
                close = self.ctx.token_at(q.outer[1] - 1) + 1
                if close - mention[1] <= 6:
                    mention = (mention[0], max(mention[1], close))
            cut = next((t.i for t in doc[mention[0] + 1 : mention[1]] if t.lower_ in ("que", "qu'", "qui")), None)
            if cut is not None:  # "selon des témoins cités par Reuters qui rappellent que …"
                mention = (mention[0], cut)
        if mention is not None:
            tokens = [t for t in doc[mention[0] : mention[1]] if not t.is_space]
            if not tokens:
                mention = None
            elif self._quoted_mention(tokens[0], cue) or (mention[0] > 0 and doc[mention[0] - 1].lower_ == "comme") \
                    or any((t.is_quote and getattr(cue, "kind", None) != "attribution")
                           or (t.lower_ in ("que", "qu'") and t.pos_ == "SCONJ") for t in tokens):
                # a clause, not a noun phrase: "une colonne du Telegraph que « … »"
                mention = None  # "« Nous … », a-t-il fait valoir, louant …": a word of the quotation
            elif len(tokens) == 1 and tokens[0].lower_.lstrip("-") in _IMPERSONAL:
                return None
            else:
                joined = self._whole_words(mention)
                glued = joined[0] < mention[0]
                mention = self._apposition_part(joined, cue)
                whole = self._whole_coordination(mention)
                if whole != mention:
                    mention = whole
                    referent = self._coordination(doc[whole[0] : whole[1]], parsed=False)
                else:
                    referent = self._mention_referent(mention, at)
                    if glued and referent is not None and referent.label == "DESC" and referent.key is None \
                            and mention == joined:  # "l'état-major français": the parse split the word
                        words = doc[mention[0] : mention[1]]
                        first = words[0].lower_ if words[0].pos_ == "DET" else words[0].text
                        referent.name = _clean(first + words[0].whitespace_ + words[1:].text)
                verb = getattr(cue, "verb", None)
                relayed = self._relay(verb, mention, at)
                if relayed is not None:  # "X, cité par Xinhua, a estimé": X, not the outlet
                    referent = relayed
                source = self._learnt_from(verb, mention, at) or self._cited(verb, at) \
                    or self._object_of_past_infinitive(verb, mention) or self._gerund_subject(verb, mention, at)
                if source is not None:  # "a appris l'AFP de sources concordantes"
                    referent = source
                if referent is not None and referent.label == "DESC" and verb is not None \
                        and referent.head in self.lex.document_nouns:
                    agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
                    if agent is not None:  # "la réponse donnée par le président de la Douma, X"
                        referent = self._subject_referent(agent, at, strict=True) or referent
                if referent is not None and not self._speaker_like(referent) \
                        and getattr(cue, "kind", None) != "attribution":  # "selon X": X was found a source
                    referent = None
        if referent is None and cue is not None:
            referent = self._from_cue(cue, at, mention)
        if referent is not None:
            where = doc[mention[0]].idx if mention is not None else at
            referent.position = where
            referent.paragraph = self.ctx.paragraph_of(where)
            self.history.append(referent)
        return referent

    def _whole_words(self, mention: tuple[int, int]) -> tuple[int, int]:
        """A mention cut inside a hyphenated word ("l'état-major français" read as "major
        français"), or before the place an anonymous source is in ("une source sécuritaire à
        Kousséri"): the whole of it."""
        from sourcier.analyse.quotes.lexicon import source_nouns

        doc = self.ctx.doc
        start, end = mention
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha:
            start -= 2
            if start > 0 and fold(doc[start - 1].text) in _DETS | {"d'", "de"}:
                start -= 1
        if end + 1 < len(doc) and doc[end].lower_ in ("à", "au", "en") \
                and fold(doc[mention[0]: end].root.lemma_) in source_nouns() and not self.ctx.entities_in(start, end):
            hit = self.ctx.entity_at.get(end + 1)
            if hit is not None and hit[1] == end + 1 and hit[0].label in ("GPE", "LOC"):
                end = hit[2]
        return start, end

    def _relay(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        """An outlet that relays or hears the words, where the cue points at it: "X, cité par
        Xinhua, a estimé que" and "X a déclaré à la télévision publique Télé Sahel que" → X;
        "X a réaffirmé que …, a appris APA" → X, the subject of the reporting verb."""
        if verb is None:
            return None
        doc = self.ctx.doc
        start = mention[0]
        if start > 1 and doc[start - 1].lower_ == "par" and (
                fold(doc[start - 2].lower_).rstrip("es") in _RELAY_PARTICIPLES
                or (doc[start - 2].dep_ == "acl" and doc[start - 2].head.dep_ == "nsubj" and doc[start - 2].head.head.i == verb.i)):
            return self._cue_subject(verb, at, mention, passive=False)  # "le Premier ministre nommé par les militaires"
        if start > verb.i + 1 and doc[verb.i + 1].lower_ in ("à", "au", "aux") \
                and not any(t.is_punct for t in doc[verb.i + 1 : start]):
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            if subject is not None:  # "a déclaré à la télévision publique Télé Sahel que"
                return self._subject_referent(subject, at, strict=True)
        if fold(verb.lemma_) == "apprendre" and start > verb.i \
                and not any(t.lower_ in ("de", "d'", "auprès", "des", "du") for t in doc[start : mention[1]]) \
                and not (mention[1] < len(doc) and doc[mention[1]].lower_ in ("de", "d'", "auprès", "des", "du")):
            s, _ = self.ctx.sentence_of(verb.i)
            lexicon = verbs()
            for t in doc[s : verb.i]:  # "X a réaffirmé que …, a appris APA": the reporting verb's subject
                if t.pos_ == "VERB" and self._quoted(t.idx) is None and (
                        lexicon.lookup(t) is not None or any(c.dep_ == "ccomp" for c in t.children)):
                    subject = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
                    if subject is not None:
                        return self._subject_referent(subject, at, strict=True)
        return None

    def _object_of_past_infinitive(self, verb: Token | None, mention: tuple[int, int]) -> Referent | None:
        """"X a critiqué Y pour avoir dit que …", "X accuse Y d'avoir affirmé …": Y said it."""
        if verb is None or verb.dep_ not in ("advcl", "xcomp", "obl", "acl") or verb.head.i >= verb.i:
            return None
        marks = [c for c in verb.children if c.i < verb.i and c.lower_ in ("pour", "de", "d'")]
        if not marks or not any(c.lemma_ == "avoir" and c.pos_ == "AUX" for c in verb.children):
            return None
        head = verb.head
        if mention[1] > head.i:  # the mention is not the governing verb's subject
            return None
        doc = self.ctx.doc
        for i in range(marks[0].i - 1, head.i, -1):
            hit = self.ctx.entity_at.get(i)
            if hit is not None and hit[0].label == "PERSON" and not _is_title(hit[0].name):
                return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
        return None

    def _gerund_subject(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        """"En affirmant …, alors que ces derniers …, Emmanuel Macron démontre": a gerund's speaker
        is the subject of the clause it opens or closes."""
        if verb is None or verb.i == 0 or verb.doc[verb.i - 1].lower_ != "en" or not verb.lower_.endswith("ant"):
            return None
        head = verb.head
        subordinate = head is verb or any(c.dep_ == "mark" for c in head.children)  # a parse that lost the clause
        if not subordinate and any(mention[0] <= c.i < mention[1] for c in head.children if c.dep_.startswith("nsubj")):
            return None
        subject = None if subordinate else next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is None:  # a parse that made the gerund the root: the main clause's subject after it
            _, end = self.ctx.sentence_of(verb.i)
            doc = self.ctx.doc
            subject = next((t for t in doc[verb.i + 1 : end] if t.dep_ == "nsubj" and t.head.i > t.i
                            and t.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "mark" for c in t.head.children)
                            and (mention is None or not mention[0] <= t.i < mention[1])), None)
        return self._subject_referent(subject, at, strict=True) if subject is not None else None

    def _cited(self, verb: Token | None, at: int) -> Referent | None:
        """"X cite Jacques Dupâquier : « … »": the words are those of the person cited."""
        if verb is None or fold(verb.lemma_) not in _CITING:
            return None
        obj = next((c for c in verb.children if c.dep_ == "obj"), None)
        if obj is None:
            return None
        ref = self._subject_referent(obj, at, strict=True)
        return ref if ref is not None and (ref.label == "PERSON" or ref.head in self.lex.human_nouns
                                           or ref.head in self.heads) else None

    def _learnt_from(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        if verb is None or fold(verb.lemma_) != "apprendre":
            return None
        doc = self.ctx.doc
        for i in range(mention[0], mention[1] - 1):
            if doc[i].lower_ in ("de", "d'", "des", "du", "auprès") and i > mention[0]:
                start = i + 1 if doc[i].lower_ in ("de", "d'", "auprès") else i + 1
                ref = self._noun_phrase(doc[start : mention[1]], at)
                return ref if ref is not None and self._speaker_like(ref) else None
        return None

    def _quoted(self, char: int):
        """The quotation around character ``char`` (memoised: pronouns look at the same mentions)."""
        memo = self._quoted_memo
        if char not in memo:  # the innermost: "« … « Je pense que Poutine … », a-t-il assuré … »"
            around = [q for q in self.ctx.quotations if q.outer[0] <= char < q.outer[1]]
            memo[char] = min(around, key=lambda q: q.outer[1] - q.outer[0]) if around else None
        return memo[char]

    def _quoted_mention(self, token: Token, cue) -> bool:
        verb = getattr(cue, "verb", None)
        if verb is None:
            return False
        inside = self._quoted(token.idx)
        return inside is not None and not inside.outer[0] <= verb.idx < inside.outer[1]

    def _whole_coordination(self, mention: tuple[int, int]) -> tuple[int, int]:
        """"la France, le Royaume-Uni et les États-Unis ont indiqué": a mention that is the last
        of coordinated subjects stands for all of them."""
        start, end = mention
        doc = self.ctx.doc
        root = doc[start:end].root
        if root.dep_.startswith("nsubj"):  # the mention is the first conjunct
            last = [c for c in root.children if c.dep_ == "conj" and c.i > root.i and c.pos_ in ("NOUN", "PROPN")]
            if last and any(t.dep_ == "cc" and t.lower_ in ("et", "ou") for c in last for t in c.children):
                return start, max(end, last[-1].right_edge.i + 1)
        if root.dep_ != "conj" or root.head.i >= root.i or not root.head.dep_.startswith("nsubj"):
            return self._listed_names(mention)
        first = root.head
        if not any(c.dep_ == "cc" and c.lower_ in ("et", "ou") for c in root.children):
            return mention
        return first.left_edge.i, end

    def _listed_names(self, mention: tuple[int, int]) -> tuple[int, int]:
        """The same for a parse that lost the coordination: names listed with commas and "et"."""
        start, end = mention
        doc = self.ctx.doc
        i = start - 1
        if i < 1 or doc[i].lower_ not in ("et", "ou"):
            return mention
        first = start
        while i > 0:
            hit = self.ctx.entity_at.get(i - 1)
            if hit is None or hit[0].label not in ("GPE", "ORG", "PERSON", "MEDIA"):
                break
            j = hit[1]
            if j > 0 and fold(doc[j - 1].text) in _DETS:
                j -= 1
            first = j
            if j > 0 and doc[j - 1].text == ",":
                i = j - 1
                continue
            break
        return (first, end) if first < start else mention

    def _mention_referent(self, mention: tuple[int, int], at: int) -> Referent | None:
        start, end = mention
        doc = self.ctx.doc
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._token_referent(tokens[0], at)
        return self._noun_phrase(doc[start:end], at)

    def _token_referent(self, token: Token, at: int) -> Referent | None:
        word = token.lower_.lstrip("-")
        if word in _RELATIVES:
            antecedent = _antecedent(token)
            return self._noun_phrase(antecedent, at) if antecedent is not None else None
        if word in _PRONOUNS:
            return self._pronoun(token, at)
        if word in _IMPERSONAL:
            return None
        return self._noun_phrase(token.doc[token.i : token.i + 1], at)

    def _apposition_part(self, mention: tuple[int, int], cue=None) -> tuple[int, int]:
        """"la capitale économique, un journaliste de l'AFP": the part of a mention that
        names a speaker (a person, then the verb's subject, then the last human description)."""
        start, end = mention
        doc = self.ctx.doc
        cuts = [i for i in range(start, end) if doc[i].text == ","]
        if not cuts:
            return mention
        bounds = [start, *[c + 1 for c in cuts]]
        parts = [(a, b) for a, b in zip(bounds, [*cuts, end]) if b > a]
        if len(parts) < 2:
            return mention
        if any(doc[i].lower_ in ("et", "ou") for i in range(start, end)):
            return mention  # a coordination: "la France, le Royaume-Uni et les États-Unis"
        for a, b in parts:
            if any((c.label == "PERSON" and not _is_title(c.name)) or _first_name_led(c)
                   for c, _, _ in self.ctx.entities_in(a, b)):
                return a, b
        verb = getattr(cue, "verb", None)
        if verb is not None:
            for a, b in parts:
                if any(t.dep_ == "nsubj" and t.head.i == verb.i for t in doc[a:b]) \
                        and (self.ctx.entities_in(a, b) or any(self._human_word(t) for t in doc[a:b])):
                    return (start, end) if a == start else (a, b)
        first = self.ctx.entities_in(parts[0][0], parts[0][1])
        if first and first[0][0].label in ("ORG", "MEDIA") and first[0][1] <= start + 1 \
                and first[0][2] == parts[0][1] and (start == 0 or doc[start - 1].pos_ not in ("DET", "ADP")):
            return mention  # "Le RHDP, le parti au pouvoir": the name and its apposition
        for a, b in reversed(parts):
            if any(self._human_word(t) for t in doc[a:b]):
                return a, b
        return mention

    def _human_word(self, token: Token) -> bool:
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        for word in (fold(token.lemma_), fold(token.text)):
            if word in self._speaker_nouns or (word.endswith("s") and word[:-1] in self._speaker_nouns):
                return True
        return False

    @property
    def _speaker_nouns(self) -> frozenset[str]:
        if not hasattr(self, "_nouns"):
            from sourcier.analyse.quotes.lexicon import source_nouns

            lex = self.lex
            words = self.heads | lex.human_nouns | lex.group_nouns | lex.media_nouns | lex.document_nouns | source_nouns()
            self._nouns = frozenset(words) | frozenset(fold(w) for w in words)
        return self._nouns

    def _speaker_like(self, referent: Referent) -> bool:
        """Whether a referent can speak: an entity, or a description of people, a group, an
        outlet or a document ("des témoins", "l'opposition"), not "la Constitution"."""
        if referent.label != "DESC" or referent.key is not None:
            return True
        words = fold(referent.name).replace("'", "' ").split()
        if any(w in self._speaker_nouns or (w.endswith(("s", "x")) and w[:-1] in self._speaker_nouns) for w in words):
            return True
        if fold(referent.name).split()[0] in _INDEFINITE_PEOPLE:
            return True  # "D'autres se sont plaints", "certains estiment"
        if referent.name.startswith("@") or referent.proper:
            return True
        first = referent.name.split()[0]
        return first[:1].isupper() and fold(first) not in _DEFINITE | _PRONOUNS.keys() | {"un", "une", "des", "ceci", "cela", "ca"}

    def _from_cue(self, cue, at: int, mention: tuple[int, int] | None) -> Referent | None:
        """The speaker when the mention gives none: the agent of a participle ("l'information
        rapportée par un média"), the noun a participle hangs on ("Boris Johnson, la qualifiant
        de …"), the subject of the cue's verb or of the verb it depends on ("…, rejetant X";
        "La chanteuse a eu l'honnêteté d'écrire"), a subject the parse lost ("X, apposition,
        a déclaré"), the name after an inverted verb; else the speaker quoted just before in
        the same paragraph."""
        verb = getattr(cue, "verb", None)
        if verb is not None and cue.kind == "verb":
            found = self._gerund_subject(verb, mention or (0, 0), at) \
                or self._cue_subject(verb, at, mention, passive=getattr(cue, "passive", False))
            if found is not None:
                return found
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position < at:
                return _copy(ref) if ref.paragraph == para else None
        return None

    def _cue_subject(self, verb: Token, at: int, mention, passive: bool) -> Referent | None:
        outside = (lambda i: True) if mention is None else (lambda i: not mention[0] <= i < mention[1])
        agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        if agent is not None:
            ref = self._subject_referent(agent, at, strict=True)
            if ref is not None:
                return ref
        if passive:
            return None
        named = self._name_before_participle(verb)
        if named is not None:
            return named
        t = verb
        for _ in range(5):
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "expl:subj") and outside(c.i)), None)
            if subject is not None:
                return self._subject_referent(subject, at, strict=True)
            if t.dep_ in ("acl", "advcl", "appos") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i \
                    and t.doc[t.i - 1].text == "," and (t.head.dep_.startswith("nsubj") or (
                        t.head.i in self.ctx.entity_at and self.ctx.entity_at[t.head.i][0].label == "PERSON")):
                ref = self._subject_referent(t.head, at, strict=True)  # "Boris Johnson, la qualifiant de"
                if ref is not None:
                    return ref
            if t.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "acl", "obj", "obl", "obl:arg", "obl:mod") \
                    or t.head is t:
                break
            t = t.head
        return self._inverted_subject(verb, at) or self._lost_subject(t, at)

    def _name_before_participle(self, verb: Token) -> Referent | None:
        """"…, dont le Premier ministre, Boris Johnson, la qualifiant de …": the name right
        before a present participle (and its clitic)."""
        doc = self.ctx.doc
        if not verb.lower_.endswith("ant"):
            return None
        i = verb.i - 1
        if i > 0 and doc[i].lower_ in ("la", "le", "l'", "les", "lui", "leur", "se", "s'", "en", "y"):
            i -= 1
        if i < 1 or doc[i].text != ",":
            return None
        hit = self.ctx.entity_at.get(i - 1)
        if hit is None or hit[0].label != "PERSON" or hit[2] != i or _is_title(hit[0].name):
            return None
        return self._entity_referent(hit[0], doc[hit[1] : hit[2]])

    def _subject_referent(self, token: Token, at: int, strict: bool) -> Referent | None:
        if token.pos_ == "PRON" or len(list(token.subtree)) == 1:
            ref = self._token_referent(token, at)
        else:
            ref = self._noun_phrase(token, at)
        if ref is None or not self._speaker_like(ref):
            return None
        if strict and ref.label == "DESC" and ref.head in self.lex.document_nouns and not ref.proper:
            return None  # "les chiffres se dégradent": not the speaker of a clause hanging on it
        return ref

    def _lost_subject(self, verb: Token, at: int) -> Referent | None:
        """"Jean-Pierre Fabre, principal opposant …, a déclaré": the parse split the sentence;
        the name that opens it, before an apposition that ends at the verb."""
        doc = self.ctx.doc
        first = verb.i
        while first > 0 and doc[first - 1].pos_ == "AUX":
            first -= 1
        if first == 0 or doc[first - 1].text != ",":
            return None
        s, _ = self.ctx.sentence_of(verb.i)
        p_start = self.ctx.token_at(self.ctx.paragraphs[self.ctx.paragraph_of(verb.idx)][0])
        s = max(min(s, p_start), first - 40)  # the parse may have cut the sentence at the name
        while s < first and doc[s].is_space:
            s += 1
        comma = next((i for i in range(s, first) if doc[i].text == ","), None)
        if comma is not None and comma < first - 1 and (comma == s or comma - s > 6
                                                        or any(t.pos_ in ("VERB", "AUX") for t in doc[s:comma])):
            prev = max(i for i in range(s, first - 1) if doc[i].text == ",")
            chunk = doc[prev + 1 : first - 1]  # "Brandissant des cintres, de très jeunes femmes, ont défilé"
            if 0 < len(chunk) <= 6 and not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in chunk) \
                    and any(self._human_word(t) for t in chunk):
                ref = self._noun_phrase(chunk, at)
                if ref is not None and self._speaker_like(ref):
                    return ref
            return None
        if comma is None or comma == s or comma - s > 6:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in doc[s:comma]) or any(t.is_quote for t in doc[s:first]):
            return None
        ref = self._noun_phrase(doc[s:comma], at)
        return ref if ref is not None and (ref.label == "PERSON" or ref.proper) else None

    def _inverted_subject(self, verb: Token, at: int) -> Referent | None:
        """"…, affirme un jeune manifestant, Abdel Nasser.": a name right after the verb."""
        doc = self.ctx.doc
        if verb.i == 0 or doc[verb.i - 1].text not in (",", "»", "”", '"'):
            return None
        for j in range(verb.i + 1, min(len(doc), verb.i + 12)):
            if doc[j].text in (".", ";", ":", "«", "!", "?") or "\n" in doc[j].text:
                break
            hit = self.ctx.entity_at.get(j)
            if hit is not None and hit[0].label == "PERSON" and not _is_title(hit[0].name):
                return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
        return None

    def previous(self, at: int) -> Referent | None:
        """The latest speaker before character ``at``, if recent enough (for a floating quote)."""
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position < at:
                return ref if para - ref.paragraph <= 2 else None
        return None

    def remember(self, referent: Referent, at: int) -> None:
        self.history.append(
            Referent(referent.name, referent.key, referent.label, referent.gender, referent.number, referent.head,
                     at, self.ctx.paragraph_of(at))
        )

    # -- pronouns -------------------------------------------------------------------

    def _pronoun(self, token: Token, at: int) -> Referent | None:
        gender, number = _PRONOUNS[token.lower_.lstrip("-")]
        s, _ = self.ctx.sentence_of(token.i)
        first = self.ctx.doc[s]
        if token.i > s + 1 and first.lower_ == token.lower_.lstrip("-") and first.dep_.startswith("nsubj") \
                and self._quoted(token.idx) is None:
            token = first  # "Il a réitéré … ce qu'il a appelé …": the subject that opened the sentence
        para = self.ctx.paragraph_of(token.idx)
        speaker = next((r for r in reversed(self.history)
                        if r.position < token.idx and _agrees(r, gender, number)
                        and para - r.paragraph <= _PARAGRAPH_REACH), None)
        person = self._latest_person(token.idx, gender, number, subject=True)
        if number == "Plur":
            group = self._latest_group(token, gender)
            if group is not None and (speaker is None or group.position > speaker.position):
                return group
        chosen = person if person is not None and (speaker is None or person.position > speaker.position) else speaker
        if speaker is not None and chosen is not speaker and number == "Sing" and token.dep_.startswith("nsubj") \
                and not token.lower_.startswith("-") and token.i == s and fold(token.head.lemma_) in _ADDING \
                and para - speaker.paragraph <= 2 and chosen.paragraph < para and self._quoted(token.idx) is None:
            chosen = speaker  # "Il a ajouté que …" after a paragraph about someone else: the speaker goes on
        if chosen is not None and chosen.label == "PERSON" and number == "Sing" and self._spoke_of_another(token):
            # "« Pourquoi continue-t-il ? », a demandé M. Biden. Il a réitéré …": the one he spoke of
            other = self._latest_person(token.idx, gender, number, subject=False, exclude=chosen.key)
            if other is not None:
                return other
        if chosen is not None:
            return chosen if chosen is person else _copy(chosen)
        return self._latest_person(token.idx, gender, number, subject=False)

    def _spoke_of_another(self, token: Token) -> bool:
        """Whether the quotation just before the pronoun's sentence (same paragraph) itself says
        "il"/"elle" of a third person: the pronoun that follows it is that person, not the speaker."""
        if token.lower_.startswith("-") or self._quoted(token.idx) is not None:
            return False
        if fold(token.head.lemma_) in _GOING_ON:
            return False  # "… ». Il a ajouté que …": the speaker goes on
        s, _ = self.ctx.sentence_of(token.i)
        if token.i - s > 1:
            return False
        start = self.ctx.doc[s].idx
        para = self.ctx.paragraph_of(start)
        before = [q for q in self.ctx.quotations if q.outer[1] <= start and self.ctx.paragraph_of(q.outer[0]) == para]
        if not before:
            return False
        last = max(before, key=lambda q: q.outer[1])
        if start - last.outer[1] > 3:
            return False  # the sentence must follow the quotation at once
        word = token.lower_
        a, b = self.ctx.token_at(last.outer[0]), self.ctx.token_at(last.outer[1] - 1)
        return any(t.lower_.lstrip("-") == word and t.dep_ in ("nsubj", "expl:subj", "dep")
                   and not _impersonal(t) for t in self.ctx.doc[a:b])

    def _latest_group(self, token: Token, gender: str | None) -> Referent | None:
        """"Dix candidats de l'opposition ont dénoncé … ils ont qualifié": the latest plural noun
        phrase of people before a plural pronoun, in its sentence or the one before."""
        doc = self.ctx.doc
        s, _ = self.ctx.sentence_of(token.i)
        s, _ = self.ctx.sentence_of(max(0, s - 1))
        for i in range(token.i - 1, max(s, token.i - 80) - 1, -1):
            t = doc[i]
            if t.pos_ != "NOUN" or "Plur" not in t.morph.get("Number") or not self._human_word(t):
                continue
            if t.dep_ in ("nmod", "obl:agent") and t.head.pos_ == "NOUN" and t.head.i < t.i:
                continue  # "la liste des candidats": the group is the head's business
            if gender is not None and t.morph.get("Gender") and gender not in t.morph.get("Gender"):
                continue
            if self._quoted(t.idx) is not None:
                continue
            ref = self._noun_phrase(t, token.idx)
            if ref is not None:
                ref.position, ref.paragraph = t.idx, self.ctx.paragraph_of(t.idx)
                return ref
        return None

    def _latest_person(self, before: int, gender: str | None, number: str, subject: bool,
                       exclude: str | None = None) -> Referent | None:
        """The latest person mentioned before ``before`` (outside quotations) who agrees (and is a
        subject, when ``subject``)."""
        if number != "Sing":
            return None
        para = self.ctx.paragraph_of(before)
        here = self._quoted(before)  # a quotation that tells a story names its own people
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.ctx.clusters:
            if cluster.label != "PERSON" or not _gender_ok(cluster.gender, gender) or cluster.key == exclude \
                    or (exclude is not None and self._fullest(cluster).key == exclude):
                continue
            for start, _end in cluster.mentions:
                if start < before and (best is None or start > best[0]) and (not subject or self._is_subject(start)) \
                        and self._quoted(start) in (None, here):
                    best = (start, cluster)
        if best is None or para - self.ctx.paragraph_of(best[0]) > _PARAGRAPH_REACH:
            return None
        ref = self._entity_referent(best[1], None)
        ref.position, ref.paragraph = best[0], self.ctx.paragraph_of(best[0])
        return ref

    def _is_subject(self, char: int) -> bool:
        token = self.ctx.doc[self.ctx.token_at(char)]
        for t in (token, token.head):
            if t.dep_.startswith("nsubj") or t.dep_ in ("flat:name",) and t.head.dep_.startswith("nsubj"):
                return True
        return token.head.dep_.startswith("nsubj") or token.dep_ == "ROOT"

    # -- noun phrases ---------------------------------------------------------------

    def _noun_phrase(self, span: Span | Token, at: int) -> Referent | None:
        if isinstance(span, Token):
            token = span
            span = subtree_span(token, frozenset({"acl:relcl", "acl", "punct"}))
            agent = self._agent_participle(token)
            if agent is not None and agent.i == span.end:  # "le Premier ministre nommé par les militaires"
                span = span.doc[span.start : agent.right_edge.i + 1]
        start = span.start
        while start < span.end - 1 and span.doc[start].pos_ == "ADP" and span.doc[start].lower_ != "des" \
                and not (span.doc[start].lower_ in ("de", "d'") and start == span.start
                         and span.doc[start + 1].pos_ in ("ADJ", "ADV") and span.doc[span.end - 1].pos_ == "NOUN"
                         and "Plur" in span.doc[span.end - 1].morph.get("Number")):
            start += 1  # "A la question de l'AFP" ("des témoins", "de très jeunes femmes": an article)
        span = span.doc[start : span.end]
        head = span.root
        whole = False
        if len(span) > 3 and span[0].pos_ == "DET" and span[1].pos_ == "NOUN" and span[2].lower_ in ("de", "du", "des", "d'") \
                and head.i > span[1].i and self._human_word(span[1]) and not self._human_word(head) \
                and head.i in self.ctx.entity_at and self.ctx.entity_at[head.i][0].label in ("ORG", "MEDIA", "GPE"):
            head, whole = span[1], True  # "La star de Disney Channel" parsed with "Channel" as its head
        named = self._appositive_person(head)
        if named is not None:  # "Jean-Louis Bourlanges, président de la commission …"
            return self._as_person(self._entity_referent(named, None), head)
        hits = self.ctx.entities_in(span.start, span.end)
        if len(span) > 2:
            coordination = self._coordination(span)
            if coordination is not None:  # "le Sénégal, le Mali et la Guinée ont indiqué"
                return coordination
        author = self._long_author(span, head) if len(hits) > 1 else None
        if author is not None:  # "les données de l'Initiative de recherche … de l'Université Johns Hopkins"
            return author
        cluster = None if whole else self._entity_choice(span, head, hits)
        if cluster is not None:
            return self._entity_referent(cluster, span)
        return self._description(span, head, at, whole)

    @staticmethod
    def _as_person(ref: Referent, head: Token) -> Referent:
        """A name in apposition with a title is a person's, whatever the recogniser said, of
        the title's gender ("l'ambassadeur de Turquie, Mehmet Aydın")."""
        if ref.label != "PERSON":
            ref.label = "PERSON"
            ref.gender = ref.gender or first_name_gender(ref.name.split()[0]) or _morph(head, "Gender")
        return ref

    def _entity_choice(self, span: Span, head: Token, hits) -> EntityCluster | None:
        hits = [h for h in hits if not (h[0].label == "PERSON" and _is_title(h[0].name))]
        if not hits:
            return None
        on_head = self.ctx.entity_at.get(head.i)
        if on_head is not None and on_head not in hits:
            on_head = None
        if on_head is not None and on_head[0].label == "PERSON":
            return on_head[0]
        doc = span.doc
        first = hits[0]
        if first[1] <= span.start + 1 and first[2] < len(doc) and doc[first[2]].text == "," \
                and first[0].label in ("PERSON", "ORG", "MEDIA"):
            return first[0]  # "Le RHDP, le parti au pouvoir, …": the name before its apposition
        people = [c for c, _, _ in hits if c.label == "PERSON"]
        if people:
            return people[-1]
        if on_head is not None and on_head[0].label != "GPE" or (on_head and len(hits) == 1):
            return on_head[0]
        word = fold(head.lemma_)
        if self._document_as_written(head):
            return None  # "un communiqué lu à la télévision publique ORTM": a document as written
        if word in self.lex.document_nouns or word in self.lex.media_nouns:
            named = [c for c, _, _ in hits if c.label in ("ORG", "MEDIA", "PERSON")]
            if named:
                return named[0]
        if on_head is not None:
            return on_head[0]
        return None

    def _long_author(self, span: Span, head: Token) -> Referent | None:
        """A document whose author is a name the recogniser cut in pieces: the whole name, to the
        end of the mention."""
        docs = self.lex.document_nouns
        if not (fold(head.lemma_) in docs or fold(head.text) in docs) or self._document_as_written(head):
            return None
        doc = span.doc
        for c in head.children:
            if c.dep_ != "nmod" or c.i <= head.i or not c.text[:1].isupper():
                continue
            case = [g for g in c.children if g.dep_ == "case" and g.i < c.i]
            if not case or case[0].lower_ not in ("de", "d'", "du", "des"):
                return None
            names = {h[0].key for h in (self.ctx.entity_at.get(i) for i in range(c.i, span.end)) if h is not None}
            if len(names) < 2:
                return None
            end = span.end
            while end > c.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            article = {"du": "le ", "des": "les "}.get(case[0].lower_, "")
            dets = [g for g in c.children if g.dep_ == "det" and g.i < c.i]
            begin = dets[0].i if dets else c.i
            text = article + _clean(doc[begin:end].text)
            return Referent(text, None, "DESC", None, "Sing", fold(c.text), proper=True)
        return None

    def _document_as_written(self, head: Token) -> bool:
        docs = self.lex.document_nouns
        return (fold(head.lemma_) in docs or fold(head.text) in docs) and self._participle_of(head) is not None

    def _agent_participle(self, head: Token) -> Token | None:
        """A participle with an agent that says who someone is ("nommé par les militaires"),
        not how the source was reached ("contactée par l'AFP")."""
        for c in head.children:
            if c.dep_ == "acl" and c.i > head.i and c.pos_ == "VERB" and fold(c.lower_).rstrip("es") not in _CONTACT_PARTICIPLES \
                    and any(g.dep_ == "obl:agent" for g in c.children) and self._quoted(c.idx) is None \
                    and (head.lower_ in self.heads or self._human_word(head)):
                return c
        return None

    @staticmethod
    def _participle_of(head: Token) -> Token | None:
        """A participle that qualifies a document ("des chiffres publiés par Le Monde")."""
        return next((c for c in head.children if c.i > head.i and c.dep_ in ("acl", "amod")
                     and ("Part" in c.morph.get("VerbForm") or c.lower_.endswith(("é", "ée", "és", "ées", "u", "ue", "us", "ues")))
                     and c.i + 1 < len(head.doc) and head.doc[c.i + 1].pos_ == "ADP"), None)

    def _entity_referent(self, cluster: EntityCluster, span: Span | None) -> Referent:
        cluster = self._fullest(cluster)
        expanded = self._acronym(cluster) if cluster.label in ("ORG", "MEDIA", "MISC") else None
        if expanded is not None:  # "l'ISW" after "l'Institut pour l'étude de la guerre (ISW)"
            cluster, det = expanded
            name = (det + ("" if det.endswith("'") else " ") if det else "") + _clean(cluster.name)
            return Referent(name, cluster.key, cluster.label, cluster.gender, "Sing")
        name = _clean(cluster.name)
        label = cluster.label
        words = name.split()
        if label != "PERSON" and len(words) > 1 and fold(words[0]) in self.lex.media_nouns and words[1][:1].isupper():
            return Referent(" ".join(words[1:]), cluster.key, label, cluster.gender, "Sing")  # "le Site Fortune"
        gender = cluster.gender
        if label == "PERSON" and name[:1].islower() and span is not None:
            det = _determiner_before(self.ctx, cluster, span)
            if det:  # "L'abbé Lemire": a title the name was given with keeps its article
                name = det.lower() + ("" if det.endswith("'") else " ") + name
        elif (label in ("GPE", "MISC") and " " not in name and self._person_like(cluster)) \
                or (" " in name and _first_name_led(cluster)):  # "Alpha Oumar Kaba" read as an organisation
            label, gender = "PERSON", first_name_gender(name.split()[0])  # "ajoute Hassan, un autre manifestant"
        elif cluster.label in ("ORG", "GPE", "LOC", "MISC") and span is not None:
            det = _determiner_before(self.ctx, cluster, span)
            if det:
                name = det.lower() + ("" if det.endswith("'") else " ") + name
        elif cluster.label == "MEDIA":
            det = self._title_article(cluster)
            if det:  # "Le Figaro", "Le Monde": the article is part of the title
                name = f"{det} {name}"
        if gender is None and span is not None and label != "PERSON":
            gender = _morph(span.root, "Gender")
        return Referent(name, cluster.key, label, gender, "Sing")

    def _person_like(self, cluster: EntityCluster) -> bool:
        """A one-word "place" that is someone: a known first name not a country, or a name
        followed by a human apposition ("Hassan, un autre manifestant")."""
        from sourcier.analyse.lexicon import country_names, is_demonym

        word = fold(cluster.name)
        if word in country_names() or is_demonym(cluster.name):
            return False
        if first_name_gender(cluster.name) is not None:
            return True
        doc = self.ctx.doc
        for start, end in cluster.mentions:
            i = self.ctx.token_at(end - 1) + 1
            if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("un", "une") \
                    and any(self._human_word(t) for t in doc[i + 2 : i + 4]):
                return True
        return False

    def _acronym(self, cluster: EntityCluster) -> tuple[EntityCluster, str | None] | None:
        name = cluster.name
        if not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()):
            return None
        if self._text is None:
            self._text = self.ctx.doc.text  # built from the tokens: once
        at = self._text.find(f"({name})")
        if at < 0:
            return None
        for other in self.ctx.clusters:
            if other is cluster or other.label not in ("ORG", "MEDIA", "MISC"):
                continue
            for start, end in other.mentions:
                if 0 <= at - end <= 1 and len(other.name.split()) > 1:
                    i = self.ctx.token_at(start)
                    det = None
                    if i > 0 and fold(self.ctx.doc[i - 1].text) in _DETS:
                        det = self.ctx.doc[i - 1].lower_
                    elif fold(self.ctx.doc[i].text) in _DETS:
                        det = None  # the mention holds its article
                    return other, det
        return None

    def _title_article(self, cluster: EntityCluster) -> str | None:
        doc = self.ctx.doc
        for start, _ in cluster.mentions:
            i = self.ctx.token_at(start)
            if doc[i].text in ("Le", "La", "Les") and i > 0 and not doc[i].is_sent_start \
                    and doc[i - 1].text not in (".", "\n", ":", "«", '"', "“"):
                return doc[i].text
            if i > 0 and doc[i - 1].text in ("Le", "La", "Les") and not doc[i - 1].is_sent_start \
                    and doc[i - 2].text not in (".", "\n", ":", "«", '"', "“"):
                return doc[i - 1].text
        return None

    def _fullest(self, cluster: EntityCluster) -> EntityCluster:
        """The person a partial name stands for: "Erdogan" (read as a place), "Mateusz" → the
        person whose fuller name ends with, or contains, these words."""
        words = fold(cluster.name).split()
        if not words or (cluster.label == "PERSON" and len(words) > 1):
            return cluster
        best = cluster
        for other in self.ctx.clusters:
            if other is cluster or other.label != "PERSON":
                continue
            names = [_translit(w) for w in fold(other.name).split()]
            keys = [_translit(w) for w in words]
            if len(names) > len(keys) and (names[-len(keys):] == keys or (len(keys) == 1 and keys[0] in names)):
                if best is cluster or len(other.mentions) > len(best.mentions):
                    best = other
        return best

    def _description(self, span: Span, head: Token, at: int, whole: bool = False) -> Referent | None:
        doc = self.ctx.doc
        proper = [t for t in span if not t.is_space and not t.is_punct]
        if proper and (proper[0].is_title and all(t.pos_ == "PROPN" for t in proper)
                       or len(proper) > 1 and all(not t.text[:1].islower() and t.pos_ not in ("DET", "PRON", "ADP")
                                                  for t in proper)):
            return self._unrecognised_name(doc[proper[0].i : proper[-1].i + 1])  # "Jean-Pierre Fabre"
        named = self._appositive_person(head)
        if named is not None:  # "actuel président de Madagascar" (of "Andry Rajoelina, …")
            return self._as_person(self._entity_referent(named, None), head)
        coordination = self._coordination(span)
        if coordination is not None:
            return coordination
        name_span = subtree_span(head, _NAME_STOP_DEPS)
        start = max(name_span.start, span.start)
        end = min(name_span.end, span.end)
        kept = self._document_as_written(head)
        if whole or kept or any(t.text in ("«", "“") for t in span):  # quoted words break the subtree
            start, end = span.start, span.end
        inner = subtree_span(head, _NAME_STOP_DEPS - {"cc", "conj"})
        own = [c.left_edge.i for c in head.children if c.dep_ in ("conj", "cc") and c.i > head.i]
        if inner.end > end and inner.end <= span.end and not own:
            end = inner.end  # "une longue liste d'experts et d'universitaires": a coordination inside
        if not kept:
            end = _without_participle(doc, head, start, end)
        agent = self._agent_participle(head)
        if agent is not None and agent.i == end and agent.right_edge.i < span.end:
            end = agent.right_edge.i + 1  # "le Premier ministre nommé par les militaires": who, not how reached
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end <= start:
            return None
        if start > 0 and doc[start - 1].lower_ == "d'" and fold(doc[start].text) in _INDEFINITE_PEOPLE:
            start -= 1  # "D'autres"
        text = _clean(doc[start:end].text)
        word = fold(head.lemma_ if head.pos_ == "NOUN" else head.text)
        gender = _morph(head, "Gender")
        number = _morph(head, "Number") or "Sing"
        first = fold(doc[start].text)
        if all(t.pos_ == "PROPN" or (t.is_title and not t.is_sent_start) for t in doc[start:end]) \
                and doc[start].is_title:
            return self._unrecognised_name(doc[start:end])
        if first in ("son", "sa", "ses", "leur", "leurs") and word not in _RELATIONAL \
                and (word in self.lex.group_nouns or self._human(word)):
            owner = self._pronoun(doc[start], at)
            if owner is not None and owner.label == "PERSON":  # "sa famille" → "la famille de X"
                article = "les" if number == "Plur" else ("l'" if word[:1] in "aeiouh" else
                                                          "la" if gender == "Fem" else "le")
                rest = doc[start + 1 : end].text
                text = f"{article}{'' if article.endswith(chr(39)) else ' '}{rest} de {owner.name}"
                return Referent(text, None, "DESC", gender, number, word)
        noun = doc[start + 1] if doc[start].pos_ == "DET" and start + 2 < end else None
        if noun is not None and fold(noun.text) in self.lex.media_nouns and doc[noun.i + 1].text[:1].isupper():
            k = noun.i + 1
            while k < end and doc[k].text[:1].isupper() and not doc[k].is_punct:
                k += 1  # "le magazine Forbes", "le site Fortune": the outlet's name
            return Referent(_clean(doc[noun.i + 1 : k].text), None, "MEDIA", None, "Sing", fold(noun.text), proper=True)
        if word in self.lex.document_nouns:
            author = self._author_named(head)
            if author is not None:  # "un article du Telegraph" (a name the recogniser missed)
                return author
        if fold(text) in _LAST_MENTIONED:  # "ce dernier a déclaré": the person named last
            latest = self._latest_person(doc[start].idx, gender, "Sing", subject=False)
            if latest is not None:
                return latest
        definite = first in _DEFINITE
        found = self._by_role(text, at, gender) if word in self.heads or definite else None
        if found is None and definite and word in self.lex.media_nouns:
            found = next((r for r in reversed(self.history) if r.label == "MEDIA" and r.position < at), None) \
                or self._latest_label(("MEDIA",), at) or self._latest_label(("ORG",), at)
        if found is None and definite and self._human(word):
            found = self._named_after(doc[start:end], at)
        if found is None and definite and number == "Sing" and word in _ORG_NOUNS and first not in ("ce", "cet", "cette"):
            found = next((r for r in reversed(self.history) if r.label == "ORG" and r.position < at
                          and self.ctx.paragraph_of(at) - r.paragraph <= 2), None) \
                or self._latest_label(("ORG",), at, reach=2)  # "l'organisation régionale" after "la CEDEAO"
        if found is None and definite and word in self.lex.document_nouns and number == "Sing":
            found = self._document_author(head, start)  # "Le communiqué précise" → who issued it
        if found is None and definite:
            found = self._earlier_description(word, text, at)
        if found is None and definite and number == "Sing" and self._human(word) and not self._names_other(start, end):
            found = self._latest_fitting(text, gender, at)
        elif found is None and definite and number == "Sing" and (word in _AFFILIATION or word not in self.heads) \
                and self._human(word) and not self._names_other(start, end, people_only=True):
            found = self._latest_fitting(text, gender, at, reach=1)  # "le candidat de CAP 2015", just after he spoke
        if found is not None:
            return _copy(found)
        if doc[start].pos_ == "DET" and doc[start].is_title:  # "L'armée …" at a sentence start
            text = doc[start].lower_ + doc[start].whitespace_ + doc[start + 1 : end].text
        return Referent(text, None, "DESC", gender, number, word)

    def _document_author(self, head: Token, before: int) -> Referent | None:
        """The author of the same document mentioned earlier ("un communiqué du ministère des
        Affaires étrangères … Le communiqué précise" → the ministry), within two paragraphs."""
        doc = self.ctx.doc
        para = self.ctx.paragraph_of(head.idx)
        lemma = fold(head.lemma_)
        for i in range(before - 1, max(-1, before - 300), -1):
            t = doc[i]
            if t.pos_ != "NOUN" or fold(t.lemma_) != lemma or self._quoted(t.idx) is not None:
                continue
            if para - self.ctx.paragraph_of(t.idx) > 2:
                return None
            for c in t.children:
                if c.dep_ == "nmod" and c.i > t.i and any(g.lower_ in ("de", "du", "d'", "des") for g in c.children):
                    hit = self.ctx.entity_at.get(c.i)
                    if hit is not None and hit[0].label in ("ORG", "PERSON", "MEDIA", "GPE"):
                        return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
                    ref = self._subject_referent(c, head.idx, strict=True)
                    if ref is not None and ref.label == "DESC" and ref.head not in self.lex.document_nouns:
                        return ref
            verb = t.head
            if t.dep_ in ("obj", "obl", "obl:mod") and verb.pos_ == "VERB":
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ != "PRON":
                    return self._subject_referent(subject, head.idx, strict=True)
            return None
        return None

    def _appositive_person(self, head: Token) -> EntityCluster | None:
        """The person a description is in apposition with, either way round ("Andry Rajoelina,
        actuel président de Madagascar"; "l'un des porte-parole de l'équipe, Joe Incandela")."""
        entity_at = self.ctx.entity_at

        def person(t: Token) -> EntityCluster | None:
            hit = entity_at.get(t.i)
            if hit is None:
                return None
            if hit[0].label == "PERSON":
                return None if _is_title(hit[0].name) else hit[0]
            if _first_name_led(hit[0]) or (hit[0].label in ("GPE", "MISC", "LOC") and t.dep_ == "appos"
                                           and any(c.dep_ == "flat:name" for c in t.children)):
                return hit[0]  # "l'ambassadeur de Turquie, Mehmet Aydın," read as a place
            return None

        doc = head.doc
        if head.lower_ in self.heads or self._human_word(head):
            j = head.right_edge.i + 1  # "le chef de la junte, le colonel Assimi Goïta." (parse lost)
            if j < len(doc) - 1 and doc[j].text == ",":
                j += 1
                while j < len(doc) and (doc[j].pos_ == "DET" or doc[j].lower_ in self.heads) and j - head.right_edge.i < 5:
                    j += 1
                named = person(doc[j]) if j < len(doc) else None
                hit = self.ctx.entity_at.get(j)
                if named is not None and hit[1] == j and (hit[2] >= len(doc) or doc[hit[2]].is_punct):
                    return named
        while head.dep_ == "nmod" and head.head.i < head.i and head.head.lower_ in self.heads:
            head = head.head  # "la commission des Affaires étrangères" in "président de la commission …"
        if head.dep_ == "appos" and person(head.head) is not None:
            return person(head.head)
        start = head.left_edge.i
        if start > 1 and doc[start - 1].text == "," and doc[start].pos_ != "ADP" \
                and (head.lower_ in self.heads or self._human_word(head)):  # not "…, selon une source"
            hit = self.ctx.entity_at.get(start - 2)  # "Andry Rajoelina, actuel président de …" (parse lost)
            if hit is not None and (person(doc[start - 2]) is not None or (
                    hit[0].label == "MISC" and len(hit[0].name.split()) > 1
                    and first_name_gender(hit[0].name.split()[0]) is not None)):
                return hit[0]
            j = start - 2
            while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].is_title:
                j -= 1
            if j < start - 3:  # two capitalised words or more: a name the recogniser split
                ref = self._unrecognised_name(doc[j + 1 : start - 1])
                if ref.key is not None and ref.label == "PERSON":
                    return next(c for c in self.ctx.clusters if c.key == ref.key)
        frontier = [head]
        for _ in range(2):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ == "nmod" and c.i > t.i:
                        nxt.append(c)
                    if c.dep_ != "appos" or c.i < t.i or not (t.lower_ in self.heads or (t is head and t.i > 0 and doc[t.i - 1].text == "-")  # "d'état-major, X"
                                                              or fold(t.lemma_) in self.lex.human_nouns):
                        continue
                    if person(c) is not None:
                        return person(c)
                    if c.lower_ in self.heads:  # ", le colonel Abdoulaye Maïga"
                        named = next((person(g) for g in c.children
                                      if g.dep_ in ("flat:name", "appos", "nmod") and person(g) is not None), None)
                        if named is not None:
                            return named
            frontier = nxt
        return None

    def _coordination(self, span: Span, parsed: bool = True) -> Referent | None:
        """"la France, le Royaume-Uni et les États-Unis ont indiqué": the whole coordination."""
        doc = span.doc
        root = span.root
        conjuncts = [c for c in root.children if c.dep_ == "conj" and span.start <= c.i < span.end
                     and c.pos_ in ("NOUN", "PROPN")]
        if parsed and (not conjuncts or not any(t.lower_ == "et" for t in doc[span.start : span.end])):
            return None
        start, end = span.start, span.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        text = _clean(doc[start:end].text)
        if doc[start].pos_ == "DET" and doc[start].is_title:
            text = doc[start].lower_ + doc[start].whitespace_ + _clean(doc[start + 1 : end].text)
        named = bool(self.ctx.entities_in(start, end))  # names listed: they can speak
        return Referent(text, None, "DESC", None, "Plur", fold(root.lemma_), proper=named)

    def _unrecognised_name(self, span: Span) -> Referent:
        """A name the recogniser missed ("Erdogan a affirmé"): the person it shortens, if any."""
        words = [fold(t.text) for t in span if t.pos_ != "DET"]
        keys = [_translit(w) for w in words]
        for cluster in self.ctx.clusters:
            if cluster.label != "PERSON" or _is_title(cluster.name):
                continue
            names = [_translit(w) for w in fold(cluster.name).split()]
            if len(names) >= len(keys) and (names[-len(keys):] == keys or names[: len(keys)] == keys):
                return self._entity_referent(cluster, None)
        gender = first_name_gender(span[0].text) if len(span) > 1 or True else None
        return Referent(_clean(span.text), None, "PERSON", gender, "Sing", words[-1] if words else "", proper=True)

    def _author_named(self, head: Token) -> Referent | None:
        doc = head.doc
        for c in head.children:
            if c.dep_ not in ("nmod", "acl") or c.i < head.i or not c.text[:1].isupper() or c.i in self.ctx.entity_at:
                continue
            a, b = c.left_edge.i, c.right_edge.i + 1
            words = [t for t in doc[a:b] if not t.is_punct or t.text == "-"]
            if not words:
                return None
            lead = words[0].lower_
            article = {"du": "le ", "des": "les ", "au": "le "}.get(lead)
            if article is not None or lead in ("de", "d'"):
                words = words[1:]
            text = (article or "") + _clean(doc[words[0].i : words[-1].i + 1].text) if words else ""
            if text:
                return Referent(text, None, "DESC", None, "Sing", fold(c.text), proper=True)
        return None

    def _named_after(self, description: Span, at: int) -> Referent | None:
        """"la star de Disney Channel" after "… et star de Disney Channel Olivia Rodrigo": the
        person whose name the same words introduce."""
        doc = self.ctx.doc
        words = [fold(t.text) for t in description if fold(t.text) not in _DEFINITE]
        n = len(words)
        if n < 2:
            return None
        best = None
        for cluster in self.ctx.clusters:
            if cluster.label != "PERSON" or _is_title(cluster.name):
                continue
            for start, _ in cluster.mentions:
                i = self.ctx.token_at(start)
                if i >= n and [fold(t.text) for t in doc[i - n : i]] == words and (best is None or start > best[0]):
                    best = (start, cluster)
        return self._entity_referent(best[1], None) if best else None

    def _human(self, word: str) -> bool:
        return word in self.heads or word in self.lex.human_nouns

    def _by_role(self, text: str, at: int, gender: str | None) -> Referent | None:
        """The person whose role the description fits: the latest speaker among them, else the
        latest mentioned."""
        fitting = [c for c in self.ctx.clusters
                   if c.label == "PERSON" and c.roles and _gender_ok(c.gender, gender)
                   and any(fits(text, role) for role in c.roles)]
        if not fitting:
            fitting = self._bare_office(text, gender)
        if not fitting:
            return None
        keys = {c.key for c in fitting}
        for ref in reversed(self.history):
            if ref.key in keys and ref.position < at:
                return _copy(ref)
        before = [c for c in fitting if any(s < at for s, _ in c.mentions)]  # named before the quote, if anyone
        latest = max(before or fitting, key=lambda c: max((s for s, _ in c.mentions if s < at + 400), default=-1))
        return self._entity_referent(latest, None)

    def _bare_office(self, text: str, gender: str | None) -> list[EntityCluster]:
        """"le chef de l'État français" when the article gives only "le président Emmanuel Macron":
        the one person whose role is that office with no country or body of its own."""
        want = signature(text)
        if not want.offices:
            return []
        found = []
        for c in self.ctx.clusters:
            if c.label != "PERSON" or not c.roles or not _gender_ok(c.gender, gender):
                continue
            for role in c.roles:
                sig = signature(role)
                if sig.offices & want.offices and not sig.stems - {s[:4] for o in sig.offices for s in o.split()}:
                    found.append(c)
                    break
        others = [c for c in self.ctx.clusters if c.label == "PERSON" and c not in found
                  and any(signature(r).offices & want.offices for r in c.roles)]
        return found if len(found) == 1 and not others else []

    def _latest_label(self, labels: tuple[str, ...], at: int, reach: int | None = None) -> Referent | None:
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.ctx.clusters:
            if cluster.label in labels:
                for s, _ in cluster.mentions:
                    if s < at and (best is None or s > best[0]):
                        best = (s, cluster)
        if best is None or (reach is not None and self.ctx.paragraph_of(at) - self.ctx.paragraph_of(best[0]) > reach):
            return None
        return self._entity_referent(best[1], self.ctx.doc[self.ctx.token_at(best[0]) : self.ctx.token_at(best[0]) + 1])

    def _earlier_description(self, word: str, text: str, at: int) -> Referent | None:
        """"l'armée" after "l'armée israélienne" spoke: the fuller earlier description."""
        words = set(fold(text).split()) - {"ce", "cet", "cette", "ces"}
        for ref in reversed(self.history):
            if ref.label == "DESC" and ref.head == word and ref.position < at and words <= set(fold(ref.name).split()) | _DETS:
                return ref
        return None

    def _latest_fitting(self, text: str, gender: str | None, at: int, reach: int = _PARAGRAPH_REACH) -> Referent | None:
        """"le chercheur", "la chanteuse": the latest speaker, when nothing the article says rules it out."""
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position >= at or para - ref.paragraph > reach:
                continue
            if ref.label == "PERSON" and _gender_ok(ref.gender, gender):
                cluster = next((c for c in self.ctx.clusters if c.key == ref.key), None)
                if cluster is None or not _conflicts(text, cluster.roles):
                    return ref
                return None
        if reach < _PARAGRAPH_REACH or len(text.split()) > 4:
            return None  # "le Premier ministre nommé par les militaires" says who it is
        person = self._latest_person(at, gender, "Sing", subject=True)  # nobody spoke yet: the latest subject
        if person is not None and para - person.paragraph <= 1:
            cluster = next((c for c in self.ctx.clusters if c.key == person.key), None)
            head = signature(text).head
            if cluster is not None and (not cluster.roles or any(
                    fits(text, r) or signature(r).head == head for r in cluster.roles)):
                return person
        return None

    def _names_other(self, start: int, end: int, people_only: bool = False) -> bool:
        """The description names a person or organisation of its own ("le porte-parole de l'ONU")."""
        labels = ("PERSON",) if people_only else ("PERSON", "ORG", "MEDIA")
        return any(c.label in labels for c, _, _ in self.ctx.entities_in(start, end))


@lru_cache(maxsize=1)
def _folded_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in role_heads())


def _first_name_led(cluster: EntityCluster) -> bool:
    """A name of two or three words, not a person's, that opens with a known first name ("Mehmet Aydın")."""
    from sourcier.analyse.lexicon import country_names

    words = cluster.name.split()
    return cluster.label in ("GPE", "MISC", "LOC", "ORG") and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
        and first_name_gender(words[0]) is not None and fold(cluster.name) not in country_names()


_ADDING = frozenset(fold(w) for w in (  # verbs that only go on with what was said
    "ajouter", "poursuivre", "renchérir", "enchaîner", "insister", "préciser", "compléter"))
_GOING_ON = frozenset(fold(w) for w in (  # folded, as the lemmas they are compared with
    "ajouter", "poursuivre", "continuer", "conclure", "renchérir", "enchaîner", "insister", "préciser", "compléter",
    "reprendre", "développer", "expliquer", "souligner", "nuancer"))
_IMPERSONAL_VERBS = frozenset({"falloir", "sembler", "paraître", "agir", "suffire", "valoir", "pleuvoir", "être",
                               "exister", "rester", "manquer", "arriver", "advenir"})


def _impersonal(token: Token) -> bool:
    """"il faut", "il y a", "semble-t-il", "il est probable": an "il" that is no one."""
    verb = token.head
    if verb.i == token.i - 1 and token.i > 1 and token.doc[token.i - 1].lower_ == "-t":
        verb = token.doc[token.i - 2]  # "continue -t -il": the parse hangs the clitic on "-t"
    return fold(verb.lemma_) in _IMPERSONAL_VERBS or any(c.lower_ == "y" for c in verb.children)


def _clean(text: str) -> str:
    """A name without a trailing note call ("Live Action[3]")."""
    text = _NOTE_CALL.sub("", text)
    if any(m in text for m in _MARKS):  # "des « informations divulguées »": the words, not the marks
        text = " ".join("".join(c for c in text if c not in _MARKS).split())
    return text.strip()


def _translit(word: str) -> str:
    """A key under which transliterations of one name meet ("Choïgou"/"Shoigu", "Volodine"/"Volodin")."""
    word = fold(word).replace("ch", "sh").replace("ou", "u").replace("y", "i").replace("kh", "h")
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _without_participle(doc, head: Token, start: int, end: int) -> int:
    """"une source proche des services de sécurité jointe depuis Yaoundé": the description ends
    before a participle that agrees with its head and says how the source was reached."""
    gender = head.morph.get("Gender")
    for i in range(head.i + 3, end):
        t = doc[i]
        if t.dep_ not in ("amod", "acl") or not (t.lower_.endswith(("é", "ée", "és", "ées", "te", "ts", "tes", "int"))
                                               or "Part" in t.morph.get("VerbForm")):
            continue
        if fold(t.lower_).rstrip("es") not in _CONTACT_PARTICIPLES:
            continue  # "le Premier ministre nommé par les militaires": who, not how reached
        if t.head.i == head.i or (gender and t.morph.get("Gender") == gender and t.head.morph.get("Gender") != gender):
            return i
    return end


_CONTACT_PARTICIPLES = {"joint", "contact", "interrog", "cit", "interview", "sollicit", "approch", "rencontr",
                        "relay", "repri", "jointe", "appel"}  # folded, -e/-s dropped


@lru_cache(maxsize=4096)
def _is_title(name: str) -> bool:
    """A "person" the recogniser found that is only a title ("Premier ministre", "Directeur")."""
    words = fold(name).replace("-", " ").split()
    heads = _folded_heads()
    return bool(words) and all(w in heads or w in ("de", "du", "des", "la", "le", "l'") for w in words)


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: the nearest noun before it, or the title it
    complements ("le porte-parole de l'opposition, qui …" → "porte-parole")."""
    doc = token.doc
    for t in reversed(doc[max(0, token.i - 5) : token.i]):
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
            verb_number = token.head.morph.get("Number")
            if t.dep_ == "obl:agent" and t.head.dep_ == "acl" and t.head.head.pos_ in ("NOUN", "PROPN") \
                    and verb_number and (t.morph.get("Number") or ["Sing"]) != verb_number \
                    and t.head.head.morph.get("Number") == verb_number:
                head = t.head.head  # "des témoins cités par Reuters, qui rappellent": the witnesses
            while head.dep_ in ("nmod", "flat:name") and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN"):
                if head.dep_ == "nmod" and fold(head.head.lower_) not in role_heads():
                    break
                head = head.head
            return head
        if not (t.is_punct or t.pos_ in ("ADJ", "DET", "ADP") or t.lower_ in ("pour", "par")):
            break
    verb = token.head
    if verb.dep_ == "acl:relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    return None


def _determiner_before(ctx: DocContext, cluster: EntityCluster, span: Span) -> str | None:
    doc = ctx.doc
    for start, _ in cluster.mentions:
        i = ctx.token_at(start)
        if span.start <= i < span.end:
            first = doc[i]
            if fold(first.text) in _DETS:
                return first.lower_  # the mention has its article; the name had it stripped
            if i > 0 and fold(doc[i - 1].text) in _DETS:
                return doc[i - 1].lower_
            if i > 0 and doc[i - 1].lower_ in _CONTRACTED and cluster.label in ("ORG", "GPE"):
                return _CONTRACTED[doc[i - 1].lower_]  # "auprès du Conseil supérieur …" → "le Conseil …"
            return None
    return None


_CONTRACTED = {"du": "le", "au": "le", "aux": "les", "des": "les"}


def _conflicts(description: str, roles: list[str]) -> bool:
    """The description names an office none of the person's roles holds."""
    from sourcier.analyse.quotes.roles import signature

    offices = signature(description).offices
    if not offices or not roles:
        return False
    return not any(offices & signature(r).offices or fits(description, r) for r in roles)


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature)
    return values[0] if values else None


def _gender_ok(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


def _agrees(ref: Referent, gender: str | None, number: str) -> bool:
    """Whether a pronoun of ``gender`` and ``number`` can stand for ``ref`` (a group or an
    organisation only when its gender is known: "l'armée" … "elle")."""
    if ref.label == "PERSON":
        return number == "Sing" and _gender_ok(ref.gender, gender)
    if ref.number != number and ref.label == "DESC":
        return False
    if ref.gender is None and gender is not None:
        return False
    return _gender_ok(ref.gender, gender)


def _copy(ref: Referent) -> Referent:
    return Referent(ref.name, ref.key, ref.label, ref.gender, ref.number, ref.head)


def mention_chars(ctx: DocContext, mention: tuple[int, int] | None) -> tuple[int, int] | None:
    if mention is None:
        return None
    start, end = mention
    doc = ctx.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    return char_span(doc, start, end) if end > start else None


def plausible_source(ctx: DocContext, cue) -> bool:
    """Whether the noun phrase after "selon"/"d'après"/"pour" can be a source at all."""
    if cue.subject is None:
        return False
    if cue.attribution is not None and (isinstance(cue.attribution.speaker, int) or cue.attribution.relative):
        return True
    from sourcier.analyse.quotes.lexicon import source_nouns

    start, end = cue.subject
    doc = ctx.doc
    tokens = [t for t in doc[start:end] if not t.is_space]
    if not tokens:
        return False
    if tokens[0].lower_ in ("lui", "elle", "eux", "elles") and len(tokens) == 1:
        return True
    strict = cue.attribution is not None and cue.attribution.initial  # "Pour X, …" is rarely a source
    labels = ("PERSON", "ORG", "MEDIA") if strict else ("PERSON", "ORG", "MEDIA", "GPE")
    if any(ctx.entity_at.get(t.i) and ctx.entity_at[t.i][0].label in labels for t in tokens):
        return True
    lex = role_lexicon()
    words = {fold(t.lemma_) for t in tokens} | {fold(t.text) for t in tokens}
    if strict:
        return bool(words & (lex.human_nouns | role_heads())) and tokens[0].pos_ == "DET"
    if tokens[0].pos_ == "PROPN" or (tokens[0].is_title and tokens[0].i > 0 and not tokens[0].is_sent_start):
        return True
    return bool(words & (source_nouns() | lex.human_nouns | lex.media_nouns | lex.document_nouns | role_heads()))
