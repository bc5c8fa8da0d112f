"""Where an article names a media outlet: the phrases ``sourcier_sources`` gives roles to.

Three kinds of mention, in order of trust:

* a known outlet: a ``MEDIA`` entity of the gazetteer (every alias of the outlet
  knowledge base), or a name the knowledge base knows after a media noun;
* a named unknown outlet: a media noun, its modifiers and a capitalised name
  ("le journal chinois Global Times", "l'agence publique Wafa", "le site Insider"),
  or a web address used as a name ("Times24.info");
* a described outlet: a media noun with modifiers and no name
  ("l'agence de presse africaine", "la télévision nationale"), reported as written
  when the sentence cites it (never as a mere mention: "le journal" alone is an anaphor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sourcier.analyse.records import text_of
from sourcier.analyse.components.source_cues import CueBook
from sourcier.analyse.lexicon import fold, is_first_name
from sourcier.knowledge.names import name_key

# A web address standing for the outlet: "Times24.info", "Seneweb.com".
_DOMAIN = re.compile(r"^[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|info|fr|sn|ci|ml|bf|cm|cd|cg|tg|bj|ne|ga|gn|td|mr|ma|dz|tn|africa|tv|news|media|online|site|be|ch|ca)$")
_FOOTNOTE = re.compile(r"\[\d*\]?$")
_DEFINITE = {"le", "la", "l'", "au", "du", "à la", "de la"}
_OPENING_MARKS = {"«", "“", '"', "‹"}
_CLOSING_MARKS = {"»", "”", '"', "›"}
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_CONTRACTED_ARTICLES = frozenset({"au", "aux", "du", "des"})
_LINKING_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "pour", "en", "sur"})


@dataclass(slots=True)
class OutletMention:
    """One place where the article names an outlet (char offsets into ``doc.text``)."""

    start: int  # the phrase, without its article: "média russe Sputnik"
    end: int
    name: str  # canonical name when known, else the name or description as written
    outlet_id: str | None
    kind: str  # known | named | described
    strong: bool  # the media noun leaves no doubt ("quotidien", "agence de presse")
    first_token: int
    last_token: int  # exclusive
    written: str | None = None  # for a known outlet: its knowledge-base name the text uses ("AFP")
    as_written: str | None = None  # the name as the text writes it, without its article

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def find_outlet_mentions(doc: Doc, book: CueBook, kb, *, country: str | None = None) -> list[OutletMention]:
    """Every outlet the article names, in text order, without overlaps.

    Args:
        doc: the parsed article.
        book: the cue book (media nouns, name words).
        kb: the outlet knowledge base (``None``: only unknown outlets are found).
        country: where the article is published (alpha-2), to pick among outlets that
            share a name ("APS": Senegal's or Algeria's agency).
    """
    tokens = list(doc)  # read five times below: spaCy makes a new Token object at each access
    words = [t.text for t in tokens]  # and a new string at each ``.text``
    media = {ent.start: ent for ent in doc.ents if ent.label_ == "MEDIA" and not _generic(ent, book, kb)}
    in_media = {i for ent in media.values() for i in range(ent.start, ent.end)}
    found: list[OutletMention] = []
    taken: set[int] = set()
    for i, word in enumerate(words):
        if i in taken or i in in_media or not book.is_media_noun(word):
            continue
        token = tokens[i]
        if token.pos_ in ("VERB", "AUX", "ADP", "PRON"):
            continue
        mention = _descriptor_phrase(doc, token, book, kb, media, country)
        if mention is not None:
            found.append(mention)
            taken.update(range(mention.first_token, mention.last_token))
    for ent in media.values():
        if ent.start in taken:
            continue
        longer = _longer_title(doc, ent, book, in_media)
        if longer is not None:  # "France Bleu Frequenza Mora", "Auto Bild Motorsport": another title
            found.append(OutletMention(longer.start_char, longer.end_char, longer.text, None, "named", True, longer.start, longer.end))
            taken.update(range(longer.start, longer.end))
            continue
        found.append(_known(ent, kb, country))
        taken.update(range(ent.start, ent.end))
    for i, word in enumerate(words):
        if i not in taken and _DOMAIN.match(word) and word[0].isupper():
            found.append(_domain(tokens[i], kb))
            taken.add(i)
    for ent in doc.ents:
        if ent.label_ in ("ORG", "MISC") and not taken.intersection(range(ent.start, ent.end)):
            mention = _self_described(ent, book)
            if mention is not None:
                found.append(mention)
                taken.update(range(ent.start, ent.end))
    for i, word in enumerate(words):
        if word == "The" and i not in taken and i + 1 < len(doc) and _capital(doc[i + 1]):
            run = _name_run(doc, i, book)
            if run is not None and len(run) > 1 and not taken.intersection(range(run.start, run.end)):
                # An English title in French copy ("auprès de The Atlantic") is most often a
                # publication; it is reported only when a cue cites it (not strong).
                found.append(OutletMention(run.start_char, run.end_char, run.text, None, "named", False, run.start, run.end))
                taken.update(range(run.start, run.end))
    # Known names respelt ("dans les colonnes du Figaro") before unknown names after a venue
    # phrase, which would keep "Figaro" as written.
    if kb is not None:
        gazetteer = _gazetteer_keys(kb)
        for i, word in enumerate(words):
            if i not in taken and word[:1].isupper() and not tokens[i].is_punct:  # _capital, on the word read once
                mention = _spelled_otherwise(doc, tokens[i], book, kb, gazetteer)
                if mention is not None:
                    found.append(mention)
                    taken.update(range(mention.first_token, mention.last_token))
    for mention in _after_venue_phrases(doc, book, taken):
        found.append(mention)
        taken.update(range(mention.first_token, mention.last_token))
    if kb is not None:
        found.extend(_common_names_cited(doc, book, kb, taken))
    found.extend(_named_again(doc, found, taken))
    found.sort(key=lambda m: m.start)
    _merge_parenthesised(doc, found, kb)
    found = [m for m in found if not _spelled_out_before(text_of(doc), m)]
    return _resolve_anaphors(doc, found, book, kb) if kb is not None else [m for m in found if m.kind != "anaphor"]


def _resolve_anaphors(doc: Doc, found: list[OutletMention], book: CueBook, kb) -> list[OutletMention]:
    """'le quotidien', 'la chaîne qatarie': the outlet of that kind named last before, if any.

    "Al Jazeera rapporte … La chaîne affirme aussi …": the chaîne is Al Jazeera. A demonym
    must fit the outlet's country ("la chaîne américaine" is not France 24). A bare noun
    that finds no outlet is dropped; a description ("la télévision nationale") stays as
    written. One pass: the last known outlet of each kind is kept as the text goes.
    """
    last: dict[str, OutletMention] = {}
    resolved = []
    for m in found:
        if m.kind in ("anaphor", "described"):
            antecedent = _antecedent(doc, m, book, kb, last)
            if antecedent is not None:
                m.name, m.outlet_id, m.kind, m.written, m.as_written = antecedent.name, antecedent.outlet_id, "known", antecedent.written, None
            elif m.kind == "anaphor":
                continue
        elif m.outlet_id:
            record = kb.get(m.outlet_id)
            if record is not None and record.kind:
                last[record.kind] = m
        resolved.append(m)
    return resolved


def _antecedent(doc: Doc, m: OutletMention, book: CueBook, kb, last: dict[str, OutletMention]) -> OutletMention | None:
    noun = doc[m.first_token]
    mods = [fold(t.text) for t in doc[m.first_token + 1 : m.last_token]]
    if any(w in book.kind_changers for w in mods):
        return None  # "le journal télévisé" is no newspaper
    candidates = [last[k] for k in book.noun_kinds.get(fold(noun.text), ()) if k in last]
    if not candidates:
        return None
    antecedent = max(candidates, key=lambda c: c.start)
    from sourcier.knowledge.countries import load_countries

    countries = load_countries()
    demonyms = [{c.alpha2 for c in countries.by_demonym(w)} for w in mods]
    record = kb.get(antecedent.outlet_id)
    if any(codes and record.country not in codes for codes in demonyms):
        return None  # "la chaîne américaine" after France 24
    if any(w in book.state_words for w in mods) and not record.state_affiliated:
        return None  # "la télévision d'État" after the BBC
    if any(w in book.public_words for w in mods) and record.ownership in ("private", "cooperative", "non-profit", "unknown", None):
        return None  # "la radio publique" after RTL
    return antecedent


def _spelled_out_before(text: str, m: OutletMention) -> bool:
    """'le tribunal de l'application des peines (TAP)': an acronym the words before spell out,
    so it is theirs, not the outlet's (the Tunisian agency TAP). An outlet spelled out
    ("l'Agence France-Presse (AFP)") is one mention already merged, and stays."""
    acronym = text[m.start : m.end]
    if not _ACRONYM.match(acronym) or not text[: m.start].rstrip().endswith("(") or m.kind != "known":
        return False
    before = text[max(0, m.start - 120) : m.start].rstrip()[:-1]
    words = [w for w in re.findall(r"[^\W\d_]+", before) if fold(w) not in _LINKING_WORDS]
    initials = "".join(w[0] for w in words[-len(acronym) :]).upper()
    return len(words) >= len(acronym) and initials == acronym and not _outlet_name(words[-len(acronym) :], m)


def _outlet_name(words: list[str], m: OutletMention) -> bool:
    return name_key(" ".join(words)) == name_key(m.name)


def _after_venue_phrases(doc: Doc, book: CueBook, taken: set[int]) -> list[OutletMention]:
    """'au micro de Radio Kledu', 'dans les colonnes de Nord Éclair': a name no one knows, after
    words only a medium follows, is a medium (a person is not: "au micro de Léa Martin")."""
    found = []
    if book.venue_regex is None:
        return found
    for match in book.venue_regex.finditer(text_of(doc)):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is None or span.start in taken or not _capital(span[0]):
            continue
        run = _name_run(doc, span.start, book)
        if run is not None and not taken.intersection(range(run.start, run.end)):
            found.append(OutletMention(run.start_char, run.end_char, _strip_article(run, book), None, "named", True, run.start, run.end))
    return found


_IN_A_REGION = re.compile(r"\b(?:dans|en|vers)\s+(?:l'|la\s+|le\s+|les\s+)?$", re.IGNORECASE)  # "Dans le Sud-Ouest", "en Provence"
_COMMON: dict[int, tuple[tuple[str, re.Pattern[str], object], ...]] = {}


def _common_patterns(kb) -> tuple[tuple[str, re.Pattern[str], object], ...]:
    """The aliases the gazetteer leaves out as ordinary words ("Slate", "La Provence"), each as
    its words after the article (a quick test: most texts hold none of them), a case-sensitive
    pattern (the article may be written in lower case) and its record."""
    patterns = _COMMON.get(id(kb))
    if patterns is None:
        tagged = {alias for alias, _ in kb.aliases()}
        rows = []
        for alias, record in kb.aliases(include_common=True):
            if alias in tagged:
                continue
            head, sep, rest = alias.partition(" ") if alias[:3] in ("Le ", "La ") else ("", "", alias)
            first = f"(?:{head}|{head.lower()}){sep}" if head else ""
            rows.append((rest, re.compile(r"(?<![\w-])" + first + re.escape(rest) + r"(?![\w-])"), record))
        patterns = _COMMON[id(kb)] = tuple(rows)
    return patterns


def _common_names_cited(doc: Doc, book: CueBook, kb, taken: set[int]) -> list[OutletMention]:
    """'comme le rappelle Slate', 'selon La Provence': a title that is also an ordinary word, a
    region or a first name is the outlet where a cue cites it by name, unless a capitalised word
    carries the name on ("selon Marianne Dupont" is a person) or "dans" puts a place there
    ("Dans le Sud-Ouest, …")."""
    text = text_of(doc)
    found = []
    for words, pattern, record in _common_patterns(kb):
        if words not in text:
            continue
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            if span.end < len(doc) and _capital(doc[span.end]) and doc[span.end - 1].whitespace_:
                continue
            left = text[span[0].sent.start_char : match.start()]
            if _IN_A_REGION.search(left) or book.role_before(left, "", roles=("relay", "interview")) is None:
                continue
            written = written_name(record, match.group())
            found.append(OutletMention(match.start(), match.end(), record.name, record.id, "known", True, span.start, span.end, written))
            taken.update(range(span.start, span.end))
    return found


def _named_again(doc: Doc, found: list[OutletMention], taken: set[int]) -> list[OutletMention]:
    """An unknown outlet the text has introduced is that outlet wherever its name comes back:
    after "le site d'informations Watson", the "Watson" of "a expliqué à Watson" is the site."""
    text = text_of(doc)
    again = []
    for m in [m for m in found if m.kind == "named" and m.strong]:
        name = m.name
        if len(name) < 3 or not name[:1].isupper():
            continue
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            again.append(OutletMention(match.start(), match.end(), m.name, None, "named", True, span.start, span.end))
            taken.update(range(span.start, span.end))
    return again


def _merge_parenthesised(doc: Doc, found: list[OutletMention], kb) -> None:
    """'l'Agence de presse sénégalaise (APS)': the name in parentheses is the same outlet."""
    for a, b in zip(found, found[1:]):
        if not re.fullmatch(r"\s*\(\s*", text_of(doc)[a.end : b.start]) or not text_of(doc)[b.end :].lstrip().startswith(")"):
            continue
        if a.outlet_id and b.outlet_id != a.outlet_id:
            b.outlet_id, b.name, b.kind = a.outlet_id, a.name, "known"
            b.written = written_name(kb.get(a.outlet_id), text_of(doc)[b.start : b.end]) if kb is not None else None
        elif b.outlet_id and not a.outlet_id:
            a.outlet_id, a.name, a.kind, a.written = b.outlet_id, b.name, "known", None


def _generic(ent: Span, book: CueBook, kb) -> bool:
    """'la presse', 'le quotidien': a common noun that happens to be an outlet's name ("La Presse").

    The gazetteer matches aliases with a media word in any case, for descriptions such as
    "l'agence de presse africaine"; one lower-case word after the article is no name.
    """
    words = [t for t in ent if not t.is_punct and fold(t.text) not in book.name_articles]
    if len(words) == 1 and kb is not None and _brand_spelling(words[0].text, kb.get(ent.ent_id_)):
        return False  # "franceinfo", "dpa": the outlet writes its own name in lower case
    return len(words) < 2 and all(t.text[:1].islower() for t in words)


def _brand_spelling(word: str, record) -> bool:
    """``word`` is, letter for letter, a lower-case name the knowledge base gives the outlet."""
    return record is not None and word[:1].islower() and word in record.names()


def _self_described(ent: Span, book: CueBook) -> OutletMention | None:
    """A name that says it is a medium: "Disney Channel", "Kledu FM", "Radio Bamakan"."""
    if len(ent) < 2:
        return None
    words = [t for t in ent if not t.is_punct]
    if not words or not (fold(words[0].text) in book.name_media_words or fold(words[-1].text) in book.name_media_words):
        return None
    if not all(_capital(t) or t.is_punct or t.like_num or fold(t.text) in book.name_connectors for t in ent):
        return None
    span = ent
    if fold(ent[0].text) in book.name_articles and ent[0].text[:1].islower():
        span = ent[1:]
    return OutletMention(span.start_char, span.end_char, span.text, None, "named", True, span.start, span.end)


_GAZETTEER: dict[int, frozenset[str]] = {}


def _gazetteer_keys(kb) -> frozenset[str]:
    """Keys of the names the gazetteer tags (the knowledge base without its common-word aliases)."""
    keys = _GAZETTEER.get(id(kb))
    if keys is None:
        keys = _GAZETTEER[id(kb)] = frozenset(name_key(alias) for alias, _ in kb.aliases())
    return keys


def _spelled_otherwise(doc: Doc, token: Token, book: CueBook, kb, gazetteer: frozenset[str]) -> OutletMention | None:
    """Known names the gazetteer cannot see as written.

    "un article des Echos" (des = de + Les: "Les Echos"), "au Figaro", "#Cnews"
    (a hashtag, any case), "Telegraph[2]" (a footnote mark glued to the name).
    """
    prev = doc[token.i - 1] if token.i > 0 else None
    hashtag = prev is not None and prev.text == "#" and not prev.whitespace_
    contracted = prev is not None and fold(prev.text) in ("du", "au", "des", "aux")
    recased = _recased(token, kb, gazetteer)
    if recased is not None:
        return recased
    if not (hashtag or contracted or "[" in text_of(doc)[token.idx : token.idx + 80]):
        return None  # nothing to respell: skip the name run (this runs for every capitalised token)
    if contracted and fold(prev.text) in ("du", "des") and prev.i > 0 and _capital(doc[prev.i - 1]):
        return None  # "Voyageurs du Monde", "Théâtre du Soleil": the end of another name
    run = _name_run(doc, token.i, book) or (_one_word_entity(doc, token) if contracted else None)
    if run is None or _hyphen_glued(doc, run):
        return None
    text = _FOOTNOTE.sub("", run.text)
    candidates = []
    if prev is not None and fold(prev.text) in ("du", "au"):
        candidates += ["Le " + text, "The " + text]
    elif prev is not None and fold(prev.text) in ("des", "aux"):
        candidates.append("Les " + text)
    if hashtag or text != run.text:
        candidates.append(text)
    for candidate in candidates:
        record = kb.find(candidate)
        if record is not None and name_key(candidate) in gazetteer:
            end_char = run.start_char + len(text)
            written = written_name(record, candidate)
            return OutletMention(run.start_char, end_char, record.name, record.id, "known", True, run.start, run.end, written)
    return None


def _recased(token: Token, kb, gazetteer: frozenset[str]) -> OutletMention | None:
    """'sur Cnews', 'à Bfmtv': a one-word name whose knowledge-base spelling has capitals inside
    (CNews, BFMTV), written with only its first letter upper-case.

    Names of fewer than four letters stay out ("Rt", "Tf"), and so does any spelling that
    is itself a name of the knowledge base (the gazetteer tagged it, or chose not to).
    """
    text = token.text
    if len(text) < 4 or not text.isalnum() or not text[1:].islower() or name_key(text) not in gazetteer:
        return None
    record = kb.find(text)
    if record is None or text in record.names():
        return None
    spelled = [n for n in record.names() if n.lower() == text.lower() and any(c.isupper() for c in n[1:])]
    if not spelled:
        return None
    return OutletMention(token.idx, token.idx + len(text), record.name, record.id, "known", True, token.i, token.i + 1, spelled[0])


def _hyphen_glued(doc: Doc, run: Span) -> bool:
    """'des Pays-de-la-Loire': the run is the head of a longer hyphenated name."""
    text = text_of(doc)
    return run.text.endswith("-") or (text[run.end_char : run.end_char + 1] in ("-", "‐") and text[run.end_char + 1 : run.end_char + 2].isalnum())


def _one_word_entity(doc: Doc, token: Token) -> Span | None:
    """'au Parisien', 'au Midi-Libre': a name written as one word that the model took for a place,
    to try as a title all the same.

    An entity of several words ("au Pays basque") is what the model says it is.
    """
    if token.ent_iob_ != "B":
        return None
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    entity = doc[token.i : end]
    return entity if not any(t.whitespace_ for t in entity[:-1]) else None


def _descriptor_phrase(
    doc: Doc, noun: Token, book: CueBook, kb, media: dict[int, Span], country: str | None
) -> OutletMention | None:
    """'le journal chinois Global Times', 'l'agence de presse africaine', or None."""
    j, mods = noun.i + 1, []
    name: Span | None = None
    quoted = False
    while j < len(doc) and not doc[j].is_space:
        t = doc[j]
        if j in media:
            name = media[j]
            if _longer_title(doc, name, book, set(media)) is not None:
                return None  # "le magazine BBC Top Gear": the title is longer than the known name
            break
        if t.text in _OPENING_MARKS and doc[j - 1].whitespace_ and j + 1 < len(doc) and _capital(doc[j + 1]):
            quoted = True
            j += 1  # 'le journal « Le Pays »': a title in quotation marks
            continue
        word = fold(t.text)
        if t.text[:1].islower() and (word in book.descriptor_words or t.pos_ == "ADJ"):
            mods.append(t)
            j += 1
            continue
        if word in ("de", "d'", "du") and j + 1 < len(doc):
            nxt = doc[j + 1]
            if j + 1 in media:  # "le site de Jeune Afrique"
                name = media[j + 1]
                break
            if fold(nxt.text) in book.media_complements:
                mods.extend((t, nxt))
                j += 2
                continue
            if nxt.text[:1].islower() or nxt.pos_ in ("DET", "NUM"):
                return None  # "la chaîne de supermarchés", "le site de l'attentat": not a medium
        break
    noun_word = fold(noun.text)
    # "site d'informations": the elided "d'" is a token of its own, glued to the next word
    words = " ".join([noun_word] + [fold(t.text) for t in mods]).replace("' ", "'")
    strong = noun_word in book.strong_nouns or any(words.startswith(p) for p in book.strong_phrases)
    prev = doc[noun.i - 1] if noun.i > 0 else None
    # "au site d'informations canadien InfoTel": "au", "du" hold the article too
    titled = prev is not None and (prev.pos_ == "DET" or fold(prev.text) in _CONTRACTED_ARTICLES)
    run = None if name is not None else _name_run(doc, j, book, titled=titled, places=titled and noun_word in book.strong_nouns)
    if quoted and not _closing_mark_at(doc, (name or run or doc[j:j]).end):
        return None  # 'au quotidien" Depuis': a closing mark, no title
    if name is not None:
        known = _known(name, kb, country)
        known.start, known.first_token = noun.idx, noun.i
        return known
    if run is not None:
        text = run.text
        record = kb.find(text, country=country) if kb is not None else None
        if record is not None:
            return OutletMention(
                noun.idx, run.end_char, record.name, record.id, "known", True, noun.i, run.end, written_name(record, text)
            )
        if len(run) > 1 and is_first_name(run[0].text) and _entity_label_at(doc, run.start, run.end) == "PERSON":
            return None  # "le présentateur de la télévision russe Vladimir Soloviev": a person
        name_text = _strip_article(run, book)
        if noun.text[:1].isupper() and not noun.is_sent_start:
            name_text = text_of(doc)[noun.idx : run.end_char]  # "Radio Kledu": the capitalised noun is in the name
        return OutletMention(noun.idx, run.end_char, name_text, None, "named", strong, noun.i, run.end)
    if not strong:
        return None
    prev2 = doc[noun.i - 2].lower_ + " " + prev.lower_ if prev is not None and noun.i > 1 else ""
    if prev is None or (prev.lower_ not in _DEFINITE and prev2 not in _DEFINITE):
        return None  # "un média", "des médias": no outlet is named
    if noun.tag_.endswith("Plur") or "Number=Plur" in str(noun.morph):
        return None
    if not mods:
        if noun_word not in book.anaphor_nouns or fold(prev.text + " " + noun.text) in book.not_anaphors:
            return None
        # "selon le quotidien": the paper named last, if any (see _resolve_anaphors)
        return OutletMention(noun.idx, noun.idx + len(noun.text), noun.text.lower(), None, "anaphor", True, noun.i, noun.i + 1)
    end = mods[-1]
    text = text_of(doc)[noun.idx : end.idx + len(end.text)]
    return OutletMention(noun.idx, end.idx + len(end.text), text[0].lower() + text[1:], None, "described", True, noun.i, end.i + 1)


def _closing_mark_at(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].text in _CLOSING_MARKS


def _name_run(doc: Doc, j: int, book: CueBook, *, titled: bool = False, places: bool = False) -> Span | None:
    """A capitalised name starting at token ``j`` ('Global Times', 'Le Figaro', 'The Atlantic').

    ``titled``: a media noun with its article precedes ("la revue scientifique"), so a name
    the model took for a person is a title all the same ("Lancet Afrique"); ``places``: the
    noun leaves no doubt ("la chaîne privée Canal 3"), so a name it took for a place is too.
    """
    start = k = j
    if k < len(doc) and fold(doc[k].text) in book.name_articles and k + 1 < len(doc) and _capital(doc[k + 1]):
        k += 1
    end = None
    while k < len(doc):
        t = doc[k]
        if t.is_space or (k > start and t.is_sent_start and doc[k - 1].whitespace_):
            break
        if k > start and t.ent_iob_ == "B" and t.ent_type_ == "PERSON":
            break  # "le journal El Confidencial José Martín": the title ends where a person's name starts
        if _capital(t) or (end is not None and (t.text[:1].isdigit() or t.text in ("-", "&") or _possessive_s(doc, k))):
            end = k + 1
            k += 1
            continue
        if end is not None and fold(t.text) in book.name_connectors and k + 1 < len(doc) and _capital(doc[k + 1]):
            k += 1
            continue
        break
    if end is None:
        return None
    # "Pays-Bas", "Jeune-Afrique": a run does not stop inside a hyphenated word.
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1] in "-‐" and len(doc[end]) > 1:
        end += 1
    span = doc[start:end]
    rejected = () if places else ("GPE", "LOC") if titled else ("PERSON", "GPE", "LOC")
    if _entity_label_at(doc, start, end) in rejected:
        return None
    if fold(span.text) in book.not_names or span[0].like_num:
        return None
    return span


def _possessive_s(doc: Doc, k: int) -> bool:
    """The "s" of an English possessive the tokenizer cut off: "Taki's Magazine" → "Taki'", "s"."""
    return doc[k].text == "s" and not doc[k - 1].whitespace_ and doc[k - 1].text[-1:] in "'’"


def _entity_label_at(doc: Doc, start: int, end: int) -> str | None:
    """The label of the entity that starts at token ``start`` and ends by ``end``, read from the
    tokens (``Span.ents`` rebuilds every entity of the document at each call: quadratic)."""
    if doc[start].ent_iob_ != "B":
        return None
    k = start + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return doc[start].ent_type_ if k <= end else None


def _longer_title(doc: Doc, ent: Span, book: CueBook, in_media: set[int]) -> Span | None:
    """The longer title a known name is part of, or None: capitalised words written right after it
    ("France Bleu Frequenza Mora", a station of the network; "BBC Top Gear") or around it
    ("Auto Bild Motorsport") make a title of their own. A person's name, a weekday or a month
    ("sur France Inter Jeudi"), another outlet or a new sentence ends it. After a preposition the
    name is a venue, and the capitalised words after it are the speaker put after the verb
    ("a expliqué à l'AFP Thipaine Soukhon, 26 ans"): no longer title there, except for a network
    with regional editions ("selon France 3 Côte d'Azur", ``regional_networks`` in the cue book)."""
    before = ent.start - 1
    while before >= 0 and doc[before].pos_ == "DET":
        before -= 1
    if before >= 0 and doc[before].pos_ == "ADP" and fold(ent.text) not in book.regional_networks:
        return None

    def joins(t: Token, glued: bool = False) -> bool:
        return (
            _capital(t)
            and (glued or not t.is_sent_start)  # the parser may break a sentence inside "Drôme-Ardèche"
            and t.i not in in_media
            and t.ent_type_ != "PERSON"
            and not is_first_name(t.text)
            and fold(t.text) not in book.not_title_words
        )

    end = ent.end
    while end < len(doc):
        if doc[end - 1].whitespace_ == " " and joins(doc[end]):
            end += 1
        elif end > ent.end and _connects(doc, end, book) and joins(doc[end + 1], glued=True):
            end += 2  # "France 3 Côte d'Azur"
        elif not doc[end - 1].whitespace_ and doc[end].text in ("-", "‐") and end + 1 < len(doc) and joins(doc[end + 1], glued=True):
            end += 2  # "France Bleu Drôme-Ardèche"
        else:
            break
    if end == ent.end:
        return None
    start = ent.start
    while start > 0 and doc[start - 1].whitespace_ == " " and joins(doc[start - 1]):
        start -= 1
    if start < ent.start and doc[start].is_sent_start:
        return None
    return doc[start:end]


def _connects(doc: Doc, i: int, book: CueBook) -> bool:
    """Token ``i`` links two capitalised words of one name: the "d'" of "Côte d'Azur"."""
    return i + 1 < len(doc) and fold(doc[i].text) in book.name_connectors and doc[i].text[:1].islower()


def _capital(t: Token) -> bool:
    return bool(t.text[:1].isupper()) and not t.is_punct


def _strip_article(span: Span, book: CueBook | None) -> str:
    """'L'AS' keeps its article (it is the name); 'le Figaro' does not when the article is lower-case."""
    articles = book.name_articles if book is not None else frozenset({"le", "la", "les", "l'"})
    if len(span) > 1 and span[0].text[:1].islower() and fold(span[0].text) in articles:
        span = span[1:]
    return span.text


def _known(ent: Span, kb, country: str | None = None) -> OutletMention:
    record = None
    if kb is not None:
        if country and len(kb.find_all(ent.text)) > 1:  # a shared name: the local outlet
            record = kb.find(ent.text, country=country)
        record = record or (kb.get(ent.ent_id_) if ent.ent_id_ else None) or kb.find(ent.text)
    name = record.name if record is not None else ent.text
    return OutletMention(
        ent.start_char,
        ent.end_char,
        name,
        record.id if record is not None else None,
        "known",
        True,
        ent.start,
        ent.end,
        written=written_name(record, ent.text) if record is not None else None,
        as_written=_strip_article(ent, book=None),
    )


def written_name(record, text: str) -> str:
    """The name of ``record`` (canonical or alias, as the knowledge base spells it) that ``text`` writes."""
    key = name_key(text)
    names = record.names()
    for name in names:
        if name_key(name) == key:
            # "agence TASS" → "TASS": a media noun before a name is no part of the name.
            head, _, rest = name.partition(" ")
            if head[:1].islower() and any(name_key(rest) == name_key(n) for n in names):
                return next(n for n in names if name_key(rest) == name_key(n))
            # "Dailymail", "20minutes": the title run together as in a web address, not another name
            glued = " " not in name and " " in record.name and _solid(name) == _solid(record.name)
            return record.name if glued else name
    return record.name


def _solid(name: str) -> str:
    return re.sub(r"\W+", "", name_key(name))


def _domain(token: Token, kb) -> OutletMention:
    record = kb.by_domain(token.text) if kb is not None else None
    if record is not None:
        name, oid = record.name, record.id
    else:
        stem = token.text.split(".")[0]
        # "Times24.info" → "Times24"; "Abidjan.net" keeps its address (the stem is a city).
        name = stem if any(c.isdigit() for c in stem) or any(c.isupper() for c in stem[1:]) else token.text
        oid = None
    return OutletMention(token.idx, token.idx + len(token.text), name, oid, "known" if oid else "named", True, token.i, token.i + 1)
