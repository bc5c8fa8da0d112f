"""``sourcier_via``: the media each quote's words came through.

Runs after the quotes. A quote's ``via`` lists, once each, the sources (keys of
``doc._.sourcier_sources``) that carried its words to the article:

1. the article's credits: a dateline "(AFP)", a credit line "AFP", "(avec AFP)",
   "France24 - " heading the text: every quote of a dispatch came through the agency;
2. the speaker's venue: "Dans un entretien accordé à Sputnik, Abdoulaye
   Diop a évoqué …" makes Sputnik the venue of Diop's quotes from there on, and so
   does a relay of his words ("Diop, cité par Sputnik, a affirmé que …"); a venue
   holds until he gives another (an interview outranks a relay);
3. an outlet cited in the quote's own sentence: "…, a déclaré le ministre, selon
   l'agence de presse africaine", "des témoins cités par Reuters", "a-t-il déclaré
   à RFI"; an excerpt announced by "Libération écrit :" counts as that sentence;
4. an outlet that is itself the speaker: "selon l'AFP, …", "« … » indique le
   quotidien", "un journaliste de l'AFP dit …";
5. the story relay of the lead: the only outlet an article cites, named as a relay in
   its first two sentences, for the later quotes that have no other (``_story_relay``).

Photo credits and plain mentions carry no words. Each source used gets the quote's
content span in its ``scope``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from sourcier.analyse.components.source_cues import load_cues
from sourcier.analyse.components.sources import SourceCue
from sourcier.analyse.lexicon import fold
from sourcier.analyse.records import CharSpan, EntityCluster, QuoteRecord, SourceRecord, register_extensions, text_of

_WORDS = {"interview", "relay", "byline"}
_DETERMINERS = {"le", "la", "l", "les", "un", "une", "des", "ce", "cet", "cette", "ces", "son", "sa", "ses", "notre", "nos", "leur", "leurs"}
_SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles"}  # also "-t-il", "-elle" once their hyphens are stripped
_PREPOSITIONS = {"de", "du", "d", "des", "à", "au", "aux", "pour"}


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s'’,]+", fold(text)) if w]


@Language.factory(
    "sourcier_via",
    assigns=["doc._.sourcier_quotes"],
    requires=["doc._.sourcier_quotes", "doc._.sourcier_sources", "doc._.sourcier_entities"],
)
def make_via(nlp: Language, name: str) -> ViaLinker:
    register_extensions()
    return ViaLinker()


class ViaLinker:
    """Fills ``QuoteRecord.via`` (see the module docstring)."""

    def __init__(self) -> None:
        self.book = load_cues()

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[QuoteRecord] = doc._.sourcier_quotes or []
        records: list[SourceRecord] = doc._.sourcier_sources or []
        cues: list[SourceCue] = getattr(doc._, "sourcier_source_cues", None) or []
        if not quotes or not records:
            return doc
        by_key = {r.key: r for r in records}
        clusters: list[EntityCluster] = doc._.sourcier_entities or []
        venues = self._venues(doc, cues, quotes, clusters)
        sentence_cues = _SentenceCues(cues)
        story = self._story_relay(doc, cues, venues)
        for quote in quotes:
            keys = self._via(doc, quote, cues, sentence_cues, venues, clusters)
            keys.extend(_venue_just_after(text_of(doc), quote, quotes, venues) if not keys else ())
            keys.extend(_hearsay_relay(text_of(doc), quote, cues) if not keys else ())
            if not keys and story is not None and _in_story(text_of(doc), quote, story):
                keys.append(story.key)
            quote.via = _unique_names(keys, by_key)
            for key in quote.via:
                if quote.content not in by_key[key].scope:
                    by_key[key].scope.append(quote.content)
        return doc

    # -- which sources carried one quote ----------------------------------------------

    def _via(
        self,
        doc: Doc,
        quote: QuoteRecord,
        cues: list[SourceCue],
        sentence_cues: _SentenceCues,
        venues: list[tuple[frozenset[str], SourceCue]],
        clusters: list[EntityCluster],
    ) -> list[str]:
        spans = [s for s in (quote.content, quote.cue, quote.speaker_mention) if s]
        who = _identity(quote) | self._document(text_of(doc), quote.speaker_mention)
        keys: list[str] = []
        # 2. the speaker's venue (an interview, or a relay of their words), nearest before the
        #    quote: it holds until the speaker gives another one
        keys.extend(_venue_keys(quote, who, venues))
        # 3. an outlet cited in the quote's sentence (not inside the quoted words)
        for c in sentence_cues.near(spans):
            if c.mention and _in_quoted_words(text_of(doc), c.mention, quote):
                continue
            if c.role == "interview":
                owner = next((ident for ident, v in venues if v is c), None)
                if owner and who and not owner & who:
                    continue  # someone else's interview
            keys.append(c.key)
        # 4. the speaker is an outlet, or the sentence names one of its journalists
        keys.extend(self._outlet_speaker(doc, quote, cues, clusters))
        keys.extend(self._journalists(doc, quote, spans, cues))
        # 1. the article's credits
        keys.extend(c.key for c in cues if c.article and c.role in _WORDS)
        return keys

    def _outlet_speaker(
        self, doc: Doc, quote: QuoteRecord, cues: list[SourceCue], clusters: list[EntityCluster]
    ) -> list[str]:
        """'Selon l'AFP', 'un journaliste de l'AFP dit', '« … » indique le quotidien'."""
        speaker = quote.speaker_mention
        spans: list[CharSpan] = []
        if speaker is not None:
            spans.append(speaker)
        cluster = next((c for c in clusters if c.key == quote.speaker_key), None) if quote.speaker_key else None
        if cluster is not None and cluster.label == "MEDIA":
            spans.extend(cluster.mentions)
        for c in cues:
            if c.mention is None or c.role == "photo":
                continue
            for s in spans:
                if _overlaps(c.mention, s) and self._speaks_for(text_of(doc)[s[0] : max(s[0], c.mention[0])]):
                    return [c.key]
        if speaker is None:
            return []
        # An anaphor: "le quotidien", "l'agence", "la chaîne" stands for the outlet named last.
        words = _words(text_of(doc)[speaker[0] : speaker[1]])
        if not words or words[0] not in _DETERMINERS or not all(
            w in _DETERMINERS or self.book.is_media_noun(w) or w in self.book.descriptor_words for w in words
        ):
            return []
        earlier = [c for c in cues if c.mention and c.role != "photo" and c.mention[1] <= speaker[0]]
        return [earlier[-1].key] if earlier else []

    def _journalists(self, doc: Doc, quote: QuoteRecord, spans: list[CharSpan], cues: list[SourceCue]) -> list[str]:
        """'un journaliste de l'AFP dit avoir constaté …': the outlet's reporter in the quote's sentence."""
        keys = []
        for c in cues:
            if c.mention is None or c.role == "photo" or not any(_overlaps(c.scope, s) for s in spans):
                continue
            if _inside(c.mention, quote.content):
                continue  # "le reporter de France 24 Paul Martin aurait été blessé": the story, not its source
            before = _words(text_of(doc)[max(c.scope[0], c.mention[0] - 40) : c.mention[0]])[-4:]
            while before and (before[-1] in _DETERMINERS or before[-1] in _PREPOSITIONS):
                before.pop()
            if before and before[-1] in self.book.media_workers:
                keys.append(c.key)
        return keys

    def _speaks_for(self, prefix: str) -> bool:
        """What precedes the outlet's name in the speaker mention makes it the outlet's voice.

        "" (the outlet itself), "le quotidien français", "un journaliste de", "l'envoyé
        spécial de": yes; "la star de" (Disney Channel), "le directeur de": no.
        """
        book = self.book
        return all(
            w in _DETERMINERS or w in _PREPOSITIONS or w in book.media_workers or book.is_media_noun(w) or w in book.descriptor_words
            for w in _words(prefix)
        )

    def _story_relay(
        self, doc: Doc, cues: list[SourceCue], venues: list[tuple[frozenset[str], SourceCue]]
    ) -> SourceCue | None:
        """The relay the article's story comes from, which carried every later quote of it: the
        only outlet the article cites, named as a relay in its first two sentences ("Le maire a
        démissionné, selon Le Parisien. « … », a-t-il dit").

        Not a poll the outlet commissioned ("un sondage Ifop pour X"), nor a relay that cites
        someone ("rapporte X, qui cite un proche") or carries a speaker's words ("« … », a
        affirmé le colonel, selon l'ORTM"): those follow that speaker only.
        """
        cited = [c for c in cues if c.role in ("interview", "relay", "byline")]
        if not cited or any(c.key != cited[0].key for c in cited):
            return None
        lead_relay = next((c for c in cited if c.role == "relay" and not c.article and c.mention and c.cue), None)
        if lead_relay is None or _sentence_index(doc, lead_relay.scope[0]) > 1:
            return None
        if any(c is lead_relay and not all(i.startswith("document:") for i in ident) for ident, c in venues):
            return None
        text = text_of(doc)
        if _CITING.search(text, lead_relay.mention[1], lead_relay.scope[1]) or _POLL.search(text[lead_relay.cue[0] : lead_relay.cue[1]]):
            return None
        return lead_relay

    # -- whose interview, whose words relayed -----------------------------------------

    def _venues(
        self, doc: Doc, cues: list[SourceCue], quotes: list[QuoteRecord], clusters: list[EntityCluster]
    ) -> list[tuple[frozenset[str], SourceCue]]:
        """(speaker identity, cue) pairs: who gave each interview, whose words each relay carried.

        "Le ministre, cité par l'ORTM, a affirmé que …": the ORTM is the minister's venue
        for his later words as much as "a déclaré à l'ORTM" would make it.
        """
        people = [(m, c) for c in clusters if c.label in ("PERSON", "ORG", "MEDIA") for m in c.mentions]
        around = _Around(quotes, people)
        venues = []
        for cue in cues:
            if cue.role not in ("interview", "relay") or cue.article or cue.mention is None:
                continue
            who = self._interviewee(doc, cue, around, relay=cue.role == "relay")
            if who:
                venues.append((who, cue))
            if cue.role == "relay":  # "une note confidentielle, révélée par Le Parisien"
                document = next((w for w in _words(text_of(doc)[cue.scope[0] : cue.mention[0]]) if w in self.book.document_nouns), None)
                if document:
                    venues.append((frozenset({"document:" + document}), cue))
        return venues

    def _document(self, text: str, mention: CharSpan | None) -> frozenset[str]:
        """The document a speaker mention names ("cette note", "le rapport du Sénat"), as an
        identity: what a relayed document says later came through the same relay."""
        if mention is None:
            return frozenset()
        words = [w for w in _words(text[mention[0] : mention[1]]) if w not in _DETERMINERS]
        return frozenset({"document:" + words[0]}) if words and words[0] in self.book.document_nouns else frozenset()

    def _interviewee(self, doc: Doc, cue: SourceCue, around: _Around, relay: bool = False) -> frozenset[str]:
        """Who spoke to the outlet; for a ``relay``, only a speaker its own sentence quotes."""
        sentence = cue.scope
        media = around.media
        # A quote of the same sentence: its speaker gave the interview ("…, a-t-il déclaré à RFI").
        here = [
            q
            for q in around.quotes_starting(*sentence)
            if _identity(q)
            and q.speaker_key not in media
            and not _outlet_speaks(text_of(doc), q, cue.mention)
            and any(_inside(s, sentence) for s in (q.cue, q.content) if s)
        ]
        if here:
            return _identity(min(here, key=lambda q: abs((q.cue or q.content)[0] - cue.mention[0])))
        cited = _CITING.match(text_of(doc), cue.mention[1])
        if relay and cited:  # "rapporte Le Parisien, qui cite le procureur Jean Morel"
            person = next((c for m, c in around.people_starting(cited.end(), sentence[1])
                           if c.label == "PERSON" and m[1] <= sentence[1]), None)
            return frozenset((person.key, "name:" + fold(person.name))) if person else frozenset()
        if relay and not self._relays_words(doc, cue):
            return frozenset()  # "Macron a appelé Biden, comme le révèle Reuters": a story, not his words
        # A person named in the sentence, the grammatical subject first.
        named = [(m, c) for m, c in around.people_starting(*sentence)
                 if c.label != "MEDIA" and _inside(m, sentence) and not _overlaps(m, cue.mention)
                 and not _within_marks(text_of(doc)[sentence[0] : m[0]])]
        subjects = [(m, c) for m, c in named if _is_subject(doc, m)]
        # "Invité de France 2, il a parlé de Nicolas Durand": the subject pronoun before the
        # names gave the interview, not the person it talked about
        if subjects or (named and not _has_subject_pronoun(doc, (sentence[0], named[0][0][0]), as_subject=True)):
            cluster = _head_of(text_of(doc), subjects or named, named)
            return frozenset((cluster.key, "name:" + fold(cluster.name)))
        # A pronoun ("C'est auprès du site Insider qu'il a expliqué", "a-t-il déclaré à Reuters"):
        # the person named last, in this paragraph or the one before; else the next quote's speaker.
        # "Un porte-parole, auquel l'AFP a demandé …" has no pronoun: not the person named last.
        start = _previous_paragraph_start(text_of(doc), sentence[0])
        earlier = [(m, c) for m, c in around.people_starting(start, sentence[0])
                   if m[1] <= sentence[0] and c.label == "PERSON"]
        if earlier and _has_subject_pronoun(doc, sentence):
            cluster = max(earlier, key=lambda mc: mc[0][0])[1]
            return frozenset((cluster.key, "name:" + fold(cluster.name)))
        para_end = text_of(doc).find("\n", sentence[1])
        para_end = len(text_of(doc)) if para_end < 0 else para_end
        after = [q for q in around.quotes_starting(sentence[0], para_end, content_only=True) if _identity(q)]
        if after:
            return _identity(after[0])
        return frozenset()


    def _relays_words(self, doc: Doc, cue: SourceCue) -> bool:
        """The relay carried someone's words, named just before the outlet: "Dans des propos
        repris par Le Soir, la ministre …" makes Le Soir the minister's venue."""
        before = _words(text_of(doc)[cue.scope[0] : cue.mention[0]])[-5:]
        return any(w in self.book.words_nouns for w in before)


def _venue_keys(quote: QuoteRecord, who: frozenset[str], venues: list[tuple[frozenset[str], SourceCue]]) -> list[str]:
    """The speaker's venue for this quote: their interview nearest before it, failing that
    the relay of their words nearest before it. A relay is weaker: "…, a affirmé le
    ministre, selon l'APS" does not move an interview he gave Sputnik. Words said before
    any venue ("tandis que X a affirmé que …" ahead of "X a écrit dans le Telegraph")
    came through none."""
    mine = [c for ident, c in venues if ident & who and c.scope[0] <= quote.content[0]]
    if not mine:
        return []
    anchor = ([c for c in mine if c.role == "interview"] or mine)[-1]
    return [c.key for c in mine if c.scope == anchor.scope and c.role == anchor.role]


# "…, rapporte Le Parisien, qui cite le procureur": the relay carried the words of the one it cites
_CITING = re.compile(r"\s*,?\s*(?:qui\s+(?:cite|citait|a\s+cité)|citant)\s+")

# "un sondage Elabe pour X": figures the outlet commissioned, not the story it reported
_POLL = re.compile(r"\b(?:sondages?|enquêtes?|baromètres?|études?)\b", re.IGNORECASE)


# Cues of words that are not the relayed story's: words told in a past tense ("a déclaré",
# "avait assuré": the article's own reporting, or earlier words; the story it rewrites is told in
# the present, "Me Girard dénonce …") and words it gives another source for ("selon le syndicat")
_NOT_THE_STORY = re.compile(r"\b(?:a|ont|avai(?:s|t|ent)|aurai(?:t|ent)|selon|d'après|d’après)\b", re.IGNORECASE)


def _in_story(text: str, quote: QuoteRecord, story: SourceCue) -> bool:
    """The quote comes after the story relay's sentence and its cue reports the story's words."""
    if quote.content[0] < story.scope[1]:
        return False
    return quote.cue is None or not _NOT_THE_STORY.search(text[quote.cue[0] : quote.cue[1]])


def _sentence_index(doc: Doc, pos: int) -> int:
    """How many of the parser's sentences start before ``pos``."""
    return sum(1 for sent in doc.sents if sent.start_char < pos)


# A venue sentence with one of these words reports a later occasion, not the one the
# words before it came from ("Dans un entretien à Euronews, il a ensuite déclaré …").
_NEW_OCCASION = re.compile(
    r"\b(?:ensuite|puis|plus\s+tard|par\s+la\suite|le\s+lendemain|de\s+nouveau|à\s+nouveau|également|aussi|encore)\b",
    re.IGNORECASE,
)


def _venue_just_after(
    text: str, quote: QuoteRecord, quotes: list[QuoteRecord], venues: list[tuple[frozenset[str], SourceCue]]
) -> list[str]:
    """The venue the speaker names right after words that came through none: a lead that sums up
    an interview ("Le ministre a annoncé jeudi que … « … », a-t-il déclaré à Reuters").

    A relay covers its own sentence only ("…, selon des propos rapportés par la TVM"). It applies
    when the speaker's first interview follows the quote within the next paragraph, no
    one else is quoted in between, and the venue's sentence gives no sign of a later occasion.
    """
    who = _identity(quote)
    if not who:
        return []
    later = [c for ident, c in venues if ident & who and c.scope[0] > quote.content[0] and c.role == "interview"]
    if not later:
        return []
    venue = min(later, key=lambda c: c.scope[0])
    if text.count("\n\n", quote.content[1], venue.scope[0]) > 1:
        return []
    between = [q for q in quotes if quote.content[1] <= q.content[0] < venue.scope[1]]
    if any(not (_identity(q) & who) for q in between):
        return []
    sentence = list(text[venue.scope[0] : venue.scope[1]])
    for q in between:  # the words quoted say nothing of the occasion
        lo, hi = max(q.content[0], venue.scope[0]) - venue.scope[0], max(0, min(q.content[1], venue.scope[1]) - venue.scope[0])
        sentence[lo:hi] = " " * max(0, hi - lo)
    if _NEW_OCCASION.search("".join(sentence)):
        return []
    return [c.key for ident, c in venues if ident & who and c.scope == venue.scope and c.role == "interview"]


# "aurait déclaré", "auraient confié": the conditional of reported news, words the article
# has from someone else
_HEARSAY = re.compile(r"\baurai(?:t|ent)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|is|it|u|ue|us)\b", re.IGNORECASE)


def _hearsay_relay(text: str, quote: QuoteRecord, cues: list[SourceCue]) -> list[str]:
    """The relay named last before words the article gives in the conditional: in "Le ministre a
    démissionné, révèle Le Monde. Il aurait déclaré : « … »" the words came through Le Monde.
    The relay must be in the same paragraph."""
    if quote.cue is None or not _HEARSAY.search(text[quote.cue[0] : quote.cue[1]]):
        return []
    start = text.rfind("\n", 0, quote.content[0]) + 1
    before = [c for c in cues if c.role == "relay" and not c.article and c.mention and start <= c.mention[0] < quote.content[0]]
    return [before[-1].key] if before else []


def _previous_paragraph_start(text: str, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos`` (paragraphs: runs of non-newlines)."""
    current = _run_start_before(text, min(pos + 1, len(text)))
    previous = _run_start_before(text, current) if current is not None else None
    return previous if previous is not None else 0


def _run_start_before(text: str, end: int) -> int | None:
    """Start of the last run of non-newlines that starts before ``end``: read backwards from
    ``end`` (one regex over the whole text per cue made the step quadratic)."""
    j = end - 1
    while j >= 0 and text[j] == "\n":
        j -= 1
    return None if j < 0 else text.rfind("\n", 0, j) + 1


class _Positions:
    """Items looked up by a start position, given back in their original order."""

    def __init__(self, starts: list[tuple[int, int]]) -> None:  # (start, original index)
        self.entries = sorted(starts)
        self.keys = [start for start, _ in self.entries]

    def between(self, lo: int, hi: int) -> set[int]:
        """The original indices of the items starting in ``[lo, hi]``."""
        return {i for _, i in self.entries[bisect_left(self.keys, lo) : bisect_right(self.keys, hi)]}


class _Around:
    """The quotes and the named people near a cue, found by position: looking through all of
    them for every cue made the step quadratic in the length of the text."""

    def __init__(self, quotes: list[QuoteRecord], people: list[tuple[CharSpan, EntityCluster]]) -> None:
        self.quotes = quotes
        self.people = people
        self.media = {c.key for _, c in people if c.label == "MEDIA"}
        self.by_content = _Positions([(q.content[0], i) for i, q in enumerate(quotes)])
        self.by_cue = _Positions([(q.cue[0], i) for i, q in enumerate(quotes) if q.cue])
        self.by_mention = _Positions([(m[0], i) for i, (m, _) in enumerate(people)])

    def quotes_starting(self, lo: int, hi: int, content_only: bool = False) -> list[QuoteRecord]:
        """The quotes whose content (or cue) starts in ``[lo, hi]``, in their order."""
        found = self.by_content.between(lo, hi)
        if not content_only:
            found |= self.by_cue.between(lo, hi)
        return [self.quotes[i] for i in sorted(found)]

    def people_starting(self, lo: int, hi: int) -> list[tuple[CharSpan, EntityCluster]]:
        """The mentions of people that start in ``[lo, hi]``, in their order."""
        return [self.people[i] for i in sorted(self.by_mention.between(lo, hi))]


class _SentenceCues:
    """The cues that cite an outlet in a sentence (not the article's credits), found by position:
    comparing every quote with every cue made the step quadratic in the length of the text."""

    def __init__(self, cues: list[SourceCue]) -> None:
        kept = [(c.scope[0], i, c) for i, c in enumerate(cues) if not c.article and c.role in _WORDS]
        kept.sort(key=lambda item: item[0])
        self.items = kept
        self.starts = [start for start, _, _ in kept]
        self.reach = max((c.scope[1] - c.scope[0] for _, _, c in kept), default=0)

    def near(self, spans: list[CharSpan]) -> list[SourceCue]:
        """The cues whose scope overlaps one of ``spans``, in their original order."""
        if not spans:
            return []
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
        window = self.items[bisect_left(self.starts, lo - self.reach) : bisect_right(self.starts, hi)]
        return [c for _, _, c in sorted(window, key=lambda item: item[1])
                if any(_overlaps(c.scope, s) for s in spans)]


def _identity(quote: QuoteRecord) -> frozenset[str]:
    """How a speaker is recognised: their entity key and their resolved name (either may be missing)."""
    found = set()
    if quote.speaker_key:
        found.add(quote.speaker_key)
    if quote.speaker_name:
        found.add("name:" + fold(quote.speaker_name))
        # "Etienne Kapikian de Météo-France" is Etienne Kapikian ("Charles de Gaulle" is not Charles)
        head = re.split(r"\s+(?:de|du|des|d')\s*(?=[A-ZÉ])", quote.speaker_name, maxsplit=1)[0]
        if head != quote.speaker_name and len(head.split()) >= 2 and all(w[:1].isupper() for w in head.split()):
            found.add("name:" + fold(head))
    return frozenset(found)


def _head_of(text: str, chosen: list[tuple[CharSpan, EntityCluster]], named: list[tuple[CharSpan, EntityCluster]]) -> EntityCluster:
    """The first of ``chosen``; for an organisation written right before a person ("le président du
    Mouvement écologiste Marc Olier"), the person: the organisation only describes him."""
    mention, cluster = chosen[0]
    if cluster.label != "ORG":
        return cluster
    after = next(((m, c) for m, c in named if m[0] >= mention[1]), None)
    if after is not None and after[1].label == "PERSON" and not text[mention[1] : after[0][0]].strip():
        return after[1]
    return cluster


def _outlet_speaks(text: str, quote: QuoteRecord, outlet: CharSpan) -> bool:
    """The quote's speaker is the outlet named there ("« … », écrit Le Monde"); not when the speaker
    mention falls on the outlet's name but resolves to someone else ("X a abondé sur Public Sénat
    en soulignant que …", the mention taken next to the cue, the speaker X)."""
    if quote.speaker_mention is None or not _inside(quote.speaker_mention, outlet):
        return False
    return not quote.speaker_name or bool(set(_words(quote.speaker_name)) & set(_words(text[outlet[0] : outlet[1]])))


def _has_subject_pronoun(doc: Doc, sentence: CharSpan, as_subject: bool = False) -> bool:
    """The sentence has "il", "elle", "-t-il"…; ``as_subject``: parsed as a subject, too."""
    chunk = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    return chunk is not None and any(
        t.lower_.lstrip("-t") in _SUBJECT_PRONOUNS and (not as_subject or t.dep_.startswith("nsubj")) for t in chunk
    )


def _is_subject(doc: Doc, span: CharSpan) -> bool:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk is not None and any(t.dep_.startswith("nsubj") for t in chunk)


def _in_quoted_words(text: str, mention: CharSpan, quote: QuoteRecord) -> bool:
    """The outlet is named inside the words quoted (a direct quote, or the marks of a mixed one)."""
    if not _inside(mention, quote.content):
        return False
    if quote.type == "direct":
        return True
    before = text[quote.content[0] : mention[0]]
    return before.count("«") + before.count("“") > before.count("»") + before.count("”")


def _within_marks(before: str) -> bool:
    """The text after ``before`` is inside quotation marks: a title ("le documentaire « Jean
    Moulin, l'ombre »") or quoted words, not a person who spoke."""
    return before.count("«") + before.count("“") > before.count("»") + before.count("”") or before.count('"') % 2 == 1


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: CharSpan, b: CharSpan) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _unique_names(keys: list[str], by_key: dict[str, SourceRecord]) -> list[str]:
    """Each outlet once (AFP as interview and as relay is one medium), in the order found."""
    seen: set[str] = set()
    out = []
    for key in keys:
        record = by_key.get(key)
        if record is None:
            continue
        name = record.outlet_id or fold(record.name)
        if name not in seen:
            seen.add(name)
            out.append(key)
    return out
