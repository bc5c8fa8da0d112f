"""``sourcier_sources``: the media outlets an article cites, each with its role.

Every place the article names an outlet (:mod:`.outlet_mentions`) gets one role
from the words around it (:mod:`.source_cues`, data in ``source_cues.json``):

* ``photo``: a picture credit ("Crédit photo : X", "© X", "Photo : Y / X",
  and the figcaption credits ingest found in ``doc._.sourcier_meta.photo_credits``);
* ``byline``: an agency credit for the whole article: a dateline "Yaoundé, 13 nov
  (AFP)", a credit paragraph "AFP" or "Avec AFP", "France24 - " heading the text,
  "(avec AFP)", "Par … avec Reuters". Reported with the role ``byline_role``
  ("byline" by default; "relay" reproduces annotation sets that, like our eval
  guidelines, count agency credits as relays); ``sourcier_via`` knows they cover
  every quote;
* ``interview``: a speaker talked to the outlet ("dans un entretien accordé à X",
  "a déclaré à X", "interrogé par X", "au micro de X", "sur le plateau de X", …);
* ``relay``: the article got words or facts from it ("selon X", "d'après X",
  "rapporte X", "cité par X", "a appris X", "X a annoncé", …);
* ``mention``: named, nothing more (the outlet is what the story is about).

Social channels ("sur son compte Telegram", "sur Facebook") set ``channel`` on the
outlet that posted there, or, when a speaker posted on their own account, make a
source of their own (the channel, with role ``interview``; ``channel_sources``).

Writes ``doc._.sourcier_sources`` (:class:`~sourcier.analyse.records.SourceRecord`,
one per (outlet, role) pair, in order of first mention) and
``doc._.sourcier_source_cues`` (one :class:`SourceCue` per cited use, for
``sourcier_via``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from sourcier.analyse.components.outlet_mentions import OutletMention, find_outlet_mentions, written_name
from sourcier.analyse.components.source_cues import CueBook, load_cues
from sourcier.analyse.lexicon import fold
from sourcier.analyse.records import CharSpan, SourceRecord, register_extensions, text_of
from sourcier.knowledge.names import name_key

_ENDS_WITH_PREPOSITION = re.compile(
    r"\b(?:à|au|aux|de|du|des|d'|par|pour|sur|avec|selon|d'après|dans|chez|vers|contre|entre|sans|sous)\s*"
    r"(?:l'|la\s+|le\s+|les\s+)?$",
    re.IGNORECASE,
)
_DASH_AFTER = re.compile(r"^\s*[-—–]+\s")
_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*")
_HANDLE_AFTER = re.compile(r"^\s*\(@\w+\)")
_COORDINATED = re.compile(
    r"^(?:\s*(?:,|et|ou|ainsi\s+que|comme)\s+(?:à\s+|au\s+|aux\s+|de\s+|du\s+|d'|des\s+|par\s+)?(?:l'|la\s+|le\s+|les\s+)?|\s?[-/]\s?(?:l'|la\s+|le\s+|les\s+)?)$",
    re.IGNORECASE,
)  # "à RFI et France 24", "le Grand Jury RTL-Le Figaro-LCI"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{2,7}$")
_TITLE_ARTICLE = re.compile(r"^(?:l'|l’|la\s+|le\s+|les\s+)", re.IGNORECASE)
_TITLED_KINDS = frozenset({"newspaper", "magazine", "online"})  # known by their title, not an acronym
_PUNCT_WORDS = re.compile(r"[^\w'&]+")


@dataclass(slots=True)
class SourceCue:
    """One cited use of an outlet (char offsets into ``doc.text``), for ``sourcier_via``."""

    key: str  # the SourceRecord key
    role: str  # interview | relay | photo | byline | mention
    mention: CharSpan | None  # where the outlet is named (None: a figcaption credit)
    scope: CharSpan  # the text whose quotes it applies to: its sentence, a tweet, the whole article
    cue: CharSpan | None = None  # the words that give the role
    article: bool = False  # an article-level credit: applies to every quote


@dataclass(slots=True, frozen=True)
class _Own:
    """The outlet publishing the article."""

    outlet_id: str | None
    name: str
    country: str | None
    url: str | None


def _same_outlet(use: _Use, own: _Own) -> bool:
    if own.outlet_id and use.outlet_id:
        return own.outlet_id == use.outlet_id
    return name_key(use.name) == name_key(own.name)


@dataclass(slots=True)
class _Use:
    name: str
    outlet_id: str | None
    role: str
    mention: CharSpan | None
    scope: CharSpan
    cue: CharSpan | None = None
    article: bool = False
    channel: str | None = None
    mentionable: bool = True  # may stand as a plain mention when it has no other role
    written: str | None = None  # the knowledge-base name the text uses for a known outlet
    as_written: str | None = None  # the outlet's name as the text writes it
    identity: str = ""
    record: SourceRecord | None = field(default=None)


@Language.factory(
    "sourcier_sources",
    assigns=["doc._.sourcier_sources", "doc._.sourcier_source_cues"],
    requires=["doc.ents", "doc.sents", "token.pos"],
    default_config={"byline_role": "byline", "channel_sources": False},
)
def make_sources(nlp: Language, name: str, byline_role: str, channel_sources: bool) -> SourceExtractor:
    register_extensions()
    if not Doc.has_extension("sourcier_source_cues"):
        Doc.set_extension("sourcier_source_cues", default=None)
    return SourceExtractor(cues=load_cues(), kb=_load_kb(), byline_role=byline_role, channel_sources=channel_sources)


def _load_kb():
    try:
        from sourcier.knowledge.outlets import load_outlets
    except ImportError:  # the knowledge base is optional for this component
        return None
    return load_outlets()


class SourceExtractor:
    """Finds cited outlets and their roles; see the module docstring."""

    def __init__(self, *, cues: CueBook, kb, byline_role: str = "byline", channel_sources: bool = False) -> None:
        self.book = cues
        self.kb = kb
        self.byline_role = byline_role
        self.channel_sources = channel_sources
        self.credit_re = re.compile(cues.credit_pattern, re.IGNORECASE)
        self.agencies_re = re.compile(cues.agencies_pattern, re.IGNORECASE | re.MULTILINE)
        self.ourselves_re = re.compile(cues.ourselves_pattern, re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        paragraphs = _paragraphs(text_of(doc))
        own = self._own_outlet(doc)
        country = self._country(doc, own)
        mentions = find_outlet_mentions(doc, self.book, self.kb, country=country)
        if own is not None:
            mentions = sorted(mentions + self._ourselves(doc, own, mentions), key=lambda m: m.start)
        uses: list[_Use] = []
        for m in mentions:
            uses.extend(self._uses(doc, m, mentions, paragraphs, uses[-1] if uses else None))
        uses.extend(self._unknown_credits(doc, mentions, paragraphs))
        uses.extend(self._agencies(doc, paragraphs))
        uses.extend(self._channels(doc, uses, paragraphs))
        uses.extend(self._meta_credits(doc, country, mentions))
        if own is not None:
            for u in uses:  # an outlet relays no one to itself: its own name is a mention
                if u.role in ("relay", "byline") and _same_outlet(u, own):
                    u.role, u.article, u.mentionable = "mention", False, True
        records = self._records(doc, uses)
        doc._.sourcier_sources = records
        doc._.sourcier_source_cues = [
            SourceCue(u.record.key, u.role, u.mention, u.scope, u.cue, u.article) for u in uses if u.record is not None
        ]
        return doc

    # -- one mention ----------------------------------------------------------------

    def _uses(
        self, doc: Doc, m: OutletMention, mentions: list[OutletMention], paragraphs: list[CharSpan], previous: _Use | None
    ) -> list[_Use]:
        """The use of one mention, and a second one when the cue gives two roles.

        "a appris l'AFP de source gouvernementale": the AFP relays what a source told it
        (relay, and interview).
        """
        use = self._use(doc, m, mentions, paragraphs, previous)
        uses = [use]
        if use.role in ("relay", "mention") and use.mention is not None:
            sentence_end = use.scope[1] if use.role != "mention" else text_of(doc).find("\n", m.end)
            right = text_of(doc)[m.end : sentence_end if sentence_end >= 0 else len(text_of(doc))]
            for cue in self.book.also:
                match = cue.regex.search(right)
                if match:
                    cue_span = (m.end + match.start(), m.end + match.end())
                    extra = _Use(use.name, use.outlet_id, cue.role, use.mention, use.scope, cue_span, written=use.written, as_written=use.as_written)
                    uses.append(extra)
                    break
        return uses

    def _use(
        self, doc: Doc, m: OutletMention, mentions: list[OutletMention], paragraphs: list[CharSpan], previous: _Use | None
    ) -> _Use:
        text = text_of(doc)
        para = _containing(paragraphs, m.start)
        sent = _unbroken_sentence(doc, doc[m.first_token].sent)
        # the parser may end a sentence inside a name ("BBC | Monitoring a relevé …")
        sent_end = max(sent.end_char, doc[m.last_token - 1].sent.end_char)
        s_start, s_end = max(sent.start_char, para[0]), min(sent_end, para[1])
        left, line_left = text[s_start : m.start], text[para[0] : m.start]
        right = text[m.end : s_end]
        use = _Use(
            m.name,
            m.outlet_id,
            "mention",
            m.span,
            (s_start, s_end),
            mentionable=self._mentionable(doc, m),
            written=m.written,
            as_written=m.as_written,
        )

        def found(role: str, cue: CharSpan | None, scope: CharSpan | None = None, article: bool = False) -> _Use:
            use.role, use.cue, use.article = role, cue, article
            if scope is not None:
                use.scope = scope
            return use

        hit = self.book.role_before(left, line_left, roles=("photo",))
        if hit:
            return found("photo", _cue_span(hit, left, s_start, line_left, para[0]))
        whole = (0, len(text))
        if self._credit_paragraph(text, para, mentions):
            return found("byline", None, whole, True)
        if self._dateline(text, m, para, mentions) or self._closing_credit(text, m, para, mentions):
            return found("byline", None, whole, True)
        if not line_left.strip(" -—–") and _DASH_AFTER.match(text[m.end : para[1]]):
            return found("byline", None, whole, True)
        if _SIGNATURE.match(line_left) and not line_left.strip(" -—–") and _HANDLE_AFTER.match(right):
            previous = _previous(paragraphs, para)
            return found("relay", None, previous or para)
        scope = self._sentence_scope(text, (s_start, s_end), paragraphs)
        if previous is not None and previous.role != "mention" and _COORDINATED.search(text[previous.mention[1] : m.start]):
            # "à RFI et France 24", "selon Reuters et l'AFP": the second shares the first's role.
            return found(previous.role, previous.cue, previous.scope, previous.article)
        hit = self.book.role_before(left, line_left, roles=("byline", "interview", "relay"))
        if hit:
            role = _answered_role(hit, right, self.book)
            return found(role, _cue_span(hit, left, s_start, line_left, para[0]), whole if role == "byline" else scope, role == "byline")
        if not _ENDS_WITH_PREPOSITION.search(left):
            hit = self.book.role_after(right)
            if hit:
                match = hit[1].regex.search(right)
                return found(hit[0], (m.end + match.start(), m.end + match.end()) if match else None, scope)
        return use

    def _mentionable(self, doc: Doc, m: OutletMention) -> bool:
        """A plain mention needs a certain outlet: known, or named after an unambiguous media noun."""
        if m.kind == "described" or (m.kind == "named" and not m.strong):
            return False
        if m.last_token - m.first_token == 1:
            token = doc[m.first_token]
            if token.is_stop or token.pos_ in ("VERB", "AUX", "ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ"):
                return False  # "Voici", "Elle": a word before a title
        return True

    def _credit_paragraph(self, text: str, para: CharSpan, mentions: list[OutletMention]) -> bool:
        """A paragraph that only credits agencies: "AFP", "Avec AFP", "Source : AFP et Reuters"."""
        return self._only_credit_words(text, para, mentions)

    def _only_credit_words(self, text: str, span: CharSpan, mentions: list[OutletMention]) -> bool:
        chunk, start = list(text[span[0] : span[1]]), span[0]
        inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
        if not inside:
            return False
        for m in inside:
            chunk[m.start - start : m.end - start] = " " * (m.end - m.start)
        words = [w for w in _PUNCT_WORDS.split(fold("".join(chunk))) if w]
        return all(w in self.book.byline_words for w in words)

    def _dateline(self, text: str, m: OutletMention, para: CharSpan, mentions: list[OutletMention]) -> bool:
        """'Yaoundé, 13 nov 2017 (AFP)', 'DAKAR (Reuters) -': the agency in parentheses heading a dispatch."""
        opening = text.rfind("(", para[0], m.start)
        closing = text.find(")", m.end, para[1])
        if opening < 0 or closing < 0 or ")" in text[opening:m.start] or opening - para[0] > 80:
            return False
        if re.search(r"[.!?]", text[para[0] : opening]):
            return False
        if not self._only_credit_words(text, (opening + 1, closing), mentions):
            return False
        after = text[closing + 1 : para[1]]
        return not after.strip() or bool(re.match(r"^\s*[-—–:]", after))

    def _closing_credit(self, text: str, m: OutletMention, para: CharSpan, mentions: list[OutletMention]) -> bool:
        """'… a-t-il dit (AFP).', '… (AFP/Reuters)': agencies in parentheses that close a paragraph credit
        the dispatch, as a dateline does; "selon l'Agence nigérienne de presse (ANP)." names the agency."""
        opening = text.rfind("(", para[0], m.start)
        closing = text.find(")", m.end, para[1])
        if opening < 0 or closing < 0 or ")" in text[opening : m.start] or text[closing + 1 : para[1]].strip(" .") != "":
            return False
        if opening <= para[0] or any(not text[o.end : opening].strip() for o in mentions if o.end <= opening):
            return False  # "… rapportés par la Télévision nationale malgache (TVM).": the acronym of the name before
        return self._only_credit_words(text, (opening + 1, closing), mentions)

    def _sentence_scope(self, text: str, sentence: CharSpan, paragraphs: list[CharSpan]) -> CharSpan:
        """A sentence; one announcing an excerpt ("Libération écrit :") covers the next paragraph too."""
        if text[sentence[0] : sentence[1]].rstrip().endswith(":"):
            following = [p for p in paragraphs if p[0] >= sentence[1]]
            if following:
                return sentence[0], following[0][1]
        return sentence

    # -- credits, agencies, channels without an outlet we know ------------------------

    def _unknown_credits(self, doc: Doc, mentions: list[OutletMention], paragraphs: list[CharSpan]) -> list[_Use]:
        """Photo credits naming no outlet we know: "© Présidence du Faso", "Photo : Kibaru"."""
        uses = []
        people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        for match in self.credit_re.finditer(text_of(doc)):
            start = match.start("credit")
            credit = match.group("credit")
            cut = re.search(r"[.;:!?]\s", credit)
            if cut:
                credit = credit[: cut.start()]
            for part in re.finditer(r"[^/,]+", credit):
                raw = part.group()
                s = start + part.start() + (len(raw) - len(raw.lstrip()))
                e = start + part.end() - (len(raw) - len(raw.rstrip()))
                name = text_of(doc)[s:e].rstrip(" .-–—")
                e = s + len(name)
                if not name or not name[0].isupper() or len(name.split()) > 5 or fold(name) in self.book.not_names:
                    continue
                if any(ms < e and s < me for ms, me in [m.span for m in mentions] + people):
                    continue
                para = _containing(paragraphs, s)
                uses.append(_Use(name, None, "photo", (s, e), para, cue=(match.start(), start), mentionable=False))
        return uses

    def _agencies(self, doc: Doc, paragraphs: list[CharSpan]) -> list[_Use]:
        """'(avec agences)', 'Avec agences': the article draws on unnamed agencies."""
        uses = []
        for match in self.agencies_re.finditer(text_of(doc)):
            group = "a" if match.group("a") else "b"
            span = (match.start(group), match.end(group))
            uses.append(_Use(text_of(doc)[span[0] : span[1]].lower(), None, "byline", span, (0, len(text_of(doc))), cue=(match.start(), match.end()), article=True, mentionable=False))
        return uses

    def _channels(self, doc: Doc, uses: list[_Use], paragraphs: list[CharSpan]) -> list[_Use]:
        """'sur son compte Telegram': the outlet named just before posted there, else the speaker did."""
        found: list[_Use] = []
        seen: set[int] = set()
        for regex in self.book.channel_cues:
            for match in regex.finditer(text_of(doc)):
                start = match.start("channel")
                if start in seen:
                    continue
                seen.add(start)
                word = match.group("channel")
                channel = self.book.channels.get(fold(word), word)
                para = _containing(paragraphs, start)
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                sent = span.sent if span is not None else None
                lo = max(para[0], sent.start_char if sent is not None else para[0])
                owner = [u for u in uses if u.mention and lo <= u.mention[0] and u.mention[1] <= match.start()]
                owner = [u for u in owner if not re.search(r"[.;!?]", text_of(doc)[u.mention[1] : match.start()])]
                if owner:
                    owner[-1].channel = channel
                    continue
                if self.channel_sources:
                    hi = min(para[1], sent.end_char if sent is not None else para[1])
                    found.append(
                        _Use(channel, None, "interview", (start, match.end("channel")), (lo, hi), cue=(match.start(), match.end()), channel=channel, mentionable=False)
                    )
        return found

    def _meta_credits(self, doc: Doc, country: str | None, mentions: list[OutletMention]) -> list[_Use]:
        """Figcaption credits found by ingest (not in the text: no mention span)."""
        meta = doc._.sourcier_meta
        credits = list(getattr(meta, "photo_credits", None) or [])
        named = {m.outlet_id for m in mentions if m.outlet_id}
        uses = []
        for credit in credits:
            parts = [p.strip() for p in re.split(r"[/,]| - ", credit) if p.strip()]
            known = [(p, self._resolve(p, country, named)) for p in parts] if self.kb is not None else []
            known = [(p, r) for p, r in known if r is not None]
            for part, record in known:
                uses.append(_Use(record.name, record.id, "photo", None, (0, 0), mentionable=False, written=written_name(record, part)))
            if not known and len(parts) == 1 and not _looks_like_person(parts[0]) and fold(parts[0]) not in self.book.not_names:
                uses.append(_Use(parts[0], None, "photo", None, (0, 0), mentionable=False))
        return uses

    def _resolve(self, name: str, country: str | None, named: set[str]):
        """The outlet a credit names; a shared name ("APS") goes to the one the text names, or the local one."""
        candidates = self.kb.find_all(name)
        if len(candidates) > 1:
            here = [r for r in candidates if r.id in named]
            if len(here) == 1:
                return here[0]
        return self.kb.find(name, country=country)

    # -- the article's own outlet -----------------------------------------------------

    def _own_outlet(self, doc: Doc) -> _Own | None:
        """The outlet publishing the article, from its URL or site name (ingest metadata)."""
        meta = doc._.sourcier_meta
        url, site = getattr(meta, "url", None), getattr(meta, "outlet", None)
        record = None
        if self.kb is not None:
            record = (self.kb.by_domain(url) if url else None) or (self.kb.by_site_name(site) if site else None)
        if record is not None:
            return _Own(record.id, record.name, record.country, url)
        if site:
            return _Own(None, site, None, url)
        return None

    def _country(self, doc: Doc, own: _Own | None) -> str | None:
        """Where the article is published: its outlet's country, else its web address's country code."""
        if own is not None and own.country:
            return own.country
        url = own.url if own is not None else getattr(doc._.sourcier_meta, "url", None)
        host = re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/")[0]
        tld = host.rsplit(".", 1)[-1] if "." in host else ""
        return tld.upper() if len(tld) == 2 and tld not in ("tv", "io", "co", "me", "fm", "eu") else None

    def _ourselves(self, doc: Doc, own: _Own, mentions: list[OutletMention]) -> list[OutletMention]:
        """'Interrogé par notre rédaction': the article's outlet speaking of itself."""
        found = []
        for match in self.ourselves_re.finditer(text_of(doc)):
            start, end = match.span()
            if any(m.start < end and start < m.end for m in mentions):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            found.append(OutletMention(start, end, own.name, own.outlet_id, "known" if own.outlet_id else "named", True, span.start, span.end, written=own.name))
        return found

    # -- records ----------------------------------------------------------------------

    def _display_names(self, doc: Doc, uses: list[_Use]) -> dict[str, str]:
        """The name each known outlet is reported under, as a news analyst writes it.

        1. an acronym the text uses ("l'Agence de presse sénégalaise (APS)", "l'AFP");
        2. a description, as written, when the text gives no proper name
           ("l'agence de presse africaine" → "agence de presse africaine");
        3. the outlet's acronym when the knowledge base has one and the text spells the
           name out ("Radio France Internationale" → "RFI", "l'Agence nigérienne de
           presse" → "ANP"), except for papers and sites, known by their title
           ("New York Times", not "NYT")
           (only for names of three words or more: "TV5Monde" stays "TV5Monde");
        4. the canonical name if the text writes it, else the first name the text uses
           ("France 2" stays "France 2", not its group France Télévisions), with the article
           that belongs to the title when the knowledge base spells it so ("le Guardian" →
           "The Guardian"); a name of one or two letters ("AA") is too cryptic for that: the
           canonical name instead.

        The canonical name and the facts always travel in ``Source.outlet``.
        """
        written: dict[str, list[str]] = {}
        described: dict[str, list[str]] = {}
        canonical: dict[str, str] = {}
        for u in uses:
            if not u.outlet_id:
                continue
            canonical[u.identity] = u.name
            if u.written:
                written.setdefault(u.identity, []).append(u.written)
            if u.as_written:
                text = u.as_written
                described.setdefault(u.identity, []).append(text if text == text.lower() else "")
        names = {}
        for identity, name in canonical.items():
            forms = written.get(identity, [])
            acronyms = [w for w in forms if _ACRONYM.match(w)]
            descriptions = described.get(identity, [])
            record = self.kb.get(identity) if self.kb is not None else None
            known_acronyms = [a for a in (record.names() if record is not None else ()) if _ACRONYM.match(a)]
            titled = record is not None and record.kind in _TITLED_KINDS
            if titled:
                known_acronyms = []  # "New York Times" is how the text names the paper, not NYT
            if titled and forms and all(_ACRONYM.match(_TITLE_ARTICLE.sub("", w)) for w in forms):
                names[identity] = name  # "le JDD": a paper's nickname, reported under its title
            elif acronyms:
                names[identity] = acronyms[0]
            elif descriptions and all(descriptions):
                names[identity] = descriptions[0]
            elif known_acronyms and forms and all(len(name_key(w).split()) >= 3 for w in forms):
                names[identity] = known_acronyms[0]
            elif any(name_key(w) == name_key(name) for w in forms):
                names[identity] = name
            else:
                usable = [w for w in forms if len(name_key(w).replace(" ", "")) >= 3]
                names[identity] = _with_article(usable[0], record, self.book.name_articles) if usable else name
        return names

    def _records(self, doc: Doc, uses: list[_Use]) -> list[SourceRecord]:
        by_name = {fold(u.name): u.outlet_id for u in uses if u.outlet_id}
        for u in uses:
            u.outlet_id = u.outlet_id or by_name.get(fold(u.name))
            u.identity = u.outlet_id or "name:" + fold(u.name)
        names = self._display_names(doc, uses)
        records: dict[tuple[str, str], SourceRecord] = {}
        first: dict[str, SourceRecord] = {}
        cited = {u.identity for u in uses if u.role != "mention"}
        order = sorted(range(len(uses)), key=lambda i: (uses[i].mention or (len(text_of(doc)) + i, 0))[0])
        for i in order:
            u = uses[i]
            if u.role == "mention" and (u.identity in cited or not u.mentionable):
                continue
            role = self.byline_role if u.role == "byline" else u.role
            record = records.get((u.identity, role))
            if record is None:
                record = SourceRecord(key="", name=names.get(u.identity, u.name), role=role, outlet_id=u.outlet_id)
                records[(u.identity, role)] = record
                first.setdefault(u.identity, record)
            _add_mention(record, u.mention)
            record.channel = record.channel or u.channel
            u.record = record
        for u in uses:  # plain mentions of a cited outlet join its first record
            if u.record is None and u.identity in first:
                u.record = first[u.identity]
                _add_mention(u.record, u.mention)
                u.record.channel = u.record.channel or u.channel
        ordered = sorted(records.values(), key=lambda r: (min(r.mentions) if r.mentions else (len(text_of(doc)), 0)))
        for n, record in enumerate(ordered, 1):
            record.key = f"s{n}"
            record.mentions.sort()
        return ordered


def _answered_role(hit, right: str, book: CueBook) -> str:
    """The cue's role, unless it asked someone who did not answer: "Sollicité par X, le club n'a pas
    réagi" is no interview, but X's own reporting (the cue's ``unanswered`` role)."""
    role, cue = hit
    if cue.unanswered and book.unanswered_regex is not None and book.unanswered_regex.search(right):
        return cue.unanswered
    return role


def _add_mention(record: SourceRecord, span: CharSpan | None) -> None:
    if span is not None and span not in record.mentions:
        record.mentions.append(span)


def _cue_span(hit, left: str, left_start: int, line_left: str, line_start: int) -> CharSpan | None:
    _, cue = hit
    text, offset = (line_left, line_start) if cue.line else (left, left_start)
    match = cue.regex.search(text)
    if match is None:
        return None
    start, end = match.start(), match.end()
    chunk = text[start:end]
    start += len(chunk) - len(chunk.lstrip())
    end -= len(chunk) - len(chunk.rstrip())
    return (offset + start, offset + end) if end > start else None


def _paragraphs(text: str) -> list[CharSpan]:
    """Paragraph spans of the model's copy (separated by newlines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)] or [(0, len(text))]


def _containing(paragraphs: list[CharSpan], pos: int) -> CharSpan:
    for p in paragraphs:
        if p[0] <= pos < p[1]:
            return p
    return (pos, pos)


def _previous(paragraphs: list[CharSpan], para: CharSpan) -> CharSpan | None:
    before = [p for p in paragraphs if p[1] <= para[0] and p[1] > p[0]]
    return before[-1] if before else None


_SENTENCE_END = re.compile(r"[.!?…:»”\"]\s*$")


def _unbroken_sentence(doc: Doc, sent: Span) -> Span:
    """The sentence as written: the parser may start one at a capitalised title after a date
    ("…, révèle dimanche 8 avril | Le Journal du Dimanche.") or inside a hyphenated name
    ("France Bleu Drôme-|Ardèche qui a révélé …"); a break with no end mark before it is no break
    at the start, nor one inside a word or after a comma at the end."""
    def broken(i: int) -> bool:  # the parser ends a sentence after token i with no mark there
        return "\n" not in doc[i].text_with_ws and not _SENTENCE_END.search(doc[i].text_with_ws)

    start, end = sent.start, sent.end
    while start > 0 and broken(start - 1):
        start = doc[start - 1].sent.start
    while end < len(doc) and (not doc[end - 1].whitespace_ or doc[end - 1].text == ",") and broken(end - 1):
        end = doc[end].sent.end  # a break inside a word, or after a comma ('Comme le note Slate, "…')
    return doc[start:end]


def _looks_like_person(name: str) -> bool:
    """'Issouf Sanogo', 'JOEL SAGET': two or three capitalised words and no acronym-like token."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not any(len(w) <= 4 and w.isupper() for w in words)



def _with_article(written: str, record, articles: frozenset[str]) -> str:
    """``written`` with the article of the outlet's title (one of the cue book's ``articles``),
    when the knowledge base names it so: French text drops or translates it ("le Guardian",
    "du Telegraph"), the title keeps it."""
    for name in record.names() if record is not None else ():
        article, _, rest = name.partition(" ")
        if fold(article) in articles and rest and name_key(rest) == name_key(written):
            return name
    return written
