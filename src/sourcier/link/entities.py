"""Cross-article entity linking: one global entity per person (or organisation…) in a corpus.

Within an article the analysis already groups "Abdoulaye Diop", "M. Diop" and "le
ministre" into one entity. Across articles this module decides whether the
"Diop" of article B is the "Abdoulaye Diop" of article A, at insert time, in the
writer's transaction (:meth:`EntityLinker.link`).

The rules, for a PERSON (other types link on their exact normalised name):

* names must be *compatible*: the same last token, and the given names of the
  shorter one found (whole or as an initial) in the longer one, in order —
  "Diop", "A. Diop" and "Abdoulaye Diop" are compatible, "Mamadou Diop" and
  "Abdoulaye Diop" are not;
* the same full name links, unless the countries disagree (Mali and Senegal
  each had a minister called Abdoulaye Diop);
* a shorter name links when the context agrees — a shared role ("ministre des
  Affaires étrangères" ~ "ministre malien des Affaires étrangères") or a shared
  country (a demonym or country name in a role or next to a mention) — and no
  other candidate agrees as well;
* failing context, it links when there is exactly one compatible candidate and
  the candidate is the only one bearing a full name ("the only Diop known"),
  with no country conflict;
* otherwise a new entity is created (a bare "Diop" that matches two known
  Diops stays on its own rather than being guessed).

Everything is a pure function of the article and of the rows already stored,
read in id order: the same articles in the same order give the same entities.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from sourcier.model import Analysis, Entity

__all__ = [
    "EntityLinker",
    "Known",
    "Profile",
    "choose",
    "countries_in",
    "name_tokens",
    "normalize",
    "profile",
    "search_key",
]

# --------------------------------------------------------------------------- normalisation

_PUNCT = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")


def _marks_below(limit: int) -> str:
    """The combining marks (``unicodedata.combining`` not 0) under code point ``limit``, as
    the ranges of a regular expression's character class."""
    ranges: list[str] = []
    start: int | None = None
    for cp in range(limit + 1):
        mark = cp < limit and unicodedata.combining(chr(cp)) != 0
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return "".join(ranges)


# The accents NFKD sets apart are dropped by one substitution; characters past U+2FFF, which the
# class does not cover, are looked at one by one (the rare text in another script).
_MARKS = re.compile(f"[{_marks_below(0x3000)}]+")
_BEYOND = re.compile(r"[^\x00-\u2fff]+")


def _without_marks(run: re.Match[str]) -> str:
    """A run of characters past U+2FFF less its combining marks."""
    return "".join(c for c in run.group() if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lowercase, accent-free, punctuation to spaces (hyphens kept), spaces collapsed.

    >>> normalize("  Côte d'Ivoire ")
    'cote d ivoire'
    """
    bare = _BEYOND.sub(_without_marks, _MARKS.sub("", unicodedata.normalize("NFKD", text)))
    bare = bare.replace("’", " ").replace("'", " ").lower()
    bare = _PUNCT.sub(" ", bare).replace("_", " ")
    return _SPACES.sub(" ", bare).strip(" -")


# Courtesy titles and ranks that precede a name without being part of it.
_HONORIFICS = frozenset(
    "m mm mme mmes mlle mlles monsieur madame mademoiselle dr docteur pr professeur me maitre "
    "mgr monseigneur sr sieur dame general gal colonel col commandant capitaine lieutenant "
    "sergent adjudant marechal president ministre imam cheikh cheick el-hadj elhadj hadj "
    "abbe pere soeur frere sa son excellence honorable".split()
)


def name_tokens(name: str) -> tuple[str, ...]:
    """The normalised tokens of a person's name, leading titles removed ("M. Diop" → ("diop",))."""
    tokens = normalize(name).split()
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens = tokens[1:]
    return tuple(tokens)


# --------------------------------------------------------------------------- countries

# Masculine singular demonyms; the other forms are derived. Normalised (no accents).
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "ML": ("malien",),
    "SN": ("senegalais",),
    "CI": ("ivoirien",),
    "BF": ("burkinabe",),
    "NE": ("nigerien",),
    "NG": ("nigerian",),
    "GN": ("guineen",),
    "GW": ("bissau-guineen",),
    "CM": ("camerounais",),
    "TG": ("togolais",),
    "BJ": ("beninois",),
    "TD": ("tchadien",),
    "CG": ("congolais",),
    "GA": ("gabonais",),
    "MR": ("mauritanien",),
    "MA": ("marocain",),
    "DZ": ("algerien",),
    "TN": ("tunisien",),
    "LY": ("libyen",),
    "EG": ("egyptien",),
    "CF": ("centrafricain",),
    "RW": ("rwandais",),
    "BI": ("burundais",),
    "MG": ("malgache",),
    "KM": ("comorien",),
    "DJ": ("djiboutien",),
    "GH": ("ghaneen",),
    "GM": ("gambien",),
    "SD": ("soudanais",),
    "FR": ("francais",),
    "BE": ("belge",),
    "CH": ("suisse",),
    "CA": ("canadien",),
    "US": ("americain",),
    "RU": ("russe",),
    "CN": ("chinois",),
    "TR": ("turc",),
    "UA": ("ukrainien",),
    "GB": ("britannique",),
    "DE": ("allemand",),
}

_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "ML": ("mali",),
    "SN": ("senegal",),
    "CI": ("cote d ivoire",),
    "BF": ("burkina faso", "burkina"),
    "NE": ("niger",),
    "NG": ("nigeria",),
    "GN": ("guinee", "guinee-conakry"),
    "GW": ("guinee-bissau",),
    "CM": ("cameroun",),
    "TG": ("togo",),
    "BJ": ("benin",),
    "TD": ("tchad",),
    "CG": ("congo-brazzaville",),
    "CD": ("rdc", "rd congo", "congo-kinshasa"),
    "GA": ("gabon",),
    "MR": ("mauritanie",),
    "MA": ("maroc",),
    "DZ": ("algerie",),
    "TN": ("tunisie",),
    "LY": ("libye",),
    "EG": ("egypte",),
    "CF": ("centrafrique",),
    "RW": ("rwanda",),
    "BI": ("burundi",),
    "MG": ("madagascar",),
    "KM": ("comores",),
    "DJ": ("djibouti",),
    "GH": ("ghana",),
    "GM": ("gambie",),
    "SD": ("soudan",),
    "FR": ("france",),
    "BE": ("belgique",),
    "CH": ("suisse",),
    "CA": ("canada",),
    "US": ("etats-unis",),
    "RU": ("russie",),
    "CN": ("chine",),
    "TR": ("turquie",),
    "UA": ("ukraine",),
    "GB": ("royaume-uni",),
    "DE": ("allemagne",),
}


def _demonym_forms(masc: str) -> set[str]:
    if masc.endswith(("ien", "een")):
        fem = masc + "ne"
    elif masc.endswith("e"):
        fem = masc
    elif masc == "turc":
        fem = "turque"
    else:
        fem = masc + "e"
    forms = {masc, fem, fem + "s"}
    forms.add(masc if masc.endswith(("s", "x")) else masc + "s")
    return forms


_DEMONYM_INDEX: dict[str, str] = {
    form: code for code, names in _DEMONYMS.items() for name in names for form in _demonym_forms(name)
}
_COUNTRY_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(
        sorted(
            (re.escape(n) for names in _COUNTRY_NAMES.values() for n in names),
            key=len,
            reverse=True,
        )
    )
    + r")(?![\w-])"
)
_COUNTRY_INDEX = {n: code for code, names in _COUNTRY_NAMES.items() for n in names}


def countries_in(text: str, *, names: bool = True) -> set[str]:
    """ISO codes of the countries a text names by demonym ("malienne") or, when
    ``names``, by country name ("du Mali")."""
    norm = normalize(text)
    found = {_DEMONYM_INDEX[t] for t in norm.split() if t in _DEMONYM_INDEX}
    if names:
        found.update(_COUNTRY_INDEX[m.group(1)] for m in _COUNTRY_PATTERN.finditer(norm))
    return found


# --------------------------------------------------------------------------- hygiene
# Texts whose paragraph breaks were lost upstream glue sentences together ("chef de
# l'État.15 milliards…", "régulièrementDonald Trump"): names and roles are cut there
# before they are compared or stored, and a role that describes someone else is dropped.

_GLUED_PREFIX = re.compile(r"^[a-zà-ÿ]{3,}(?=[A-ZÀ-Ý][a-zà-ÿ])")
_GLUED_END = re.compile(r"[.!?;:](?=\S)|(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý][a-zà-ÿ])|\s[.!?;:](?:\s|$)")
# A capital inside a word ("franceinfoPar ailleurs"): a line break lost without its full stop.
_GLUED_WORD = re.compile(r"(?<=[a-zà-ÿ])[A-ZÀ-Ý][a-zà-ÿ]")
_ROLE_TOKEN = re.compile(r"[\wÀ-ÿ'’-]+")
_FUNCTION = frozenset("a au aux d de des du en et l la le les pour sur par avec qui que dont ou ses son sa leur".split())
# Adverbs that end a phrase cut short ("l'expert le plus [écouté]", "candidate déjà [battue]"), and
# a participle left without its complement ("président du conseil chargé [d'éclairer …]").
_TRAILING = frozenset("plus moins deja aussi encore tres tout bien meme charge chargee charges chargees".split())
# Adjectives that open a role only when a role word follows ("Premier ministre", "ancien
# ministre"): alone or before another noun they are not a role ("premier tour").
_OPENERS = frozenset("premier premiere nouveau nouvelle ancien ancienne dernier derniere ex".split())
# After "et" or "ou", one of these starts another person's description, not the same role
# ("maire de Paris et ses rivales", "maire de la ville ou même le président").
_COORDINATED = frozenset("a au aux la le les l ses son sa leur leurs du des un une meme".split())


@lru_cache(maxsize=1)
def _role_heads() -> frozenset[str]:
    """The role head words of the analysis lexicon (``analyse/data/roles.json``), normalised."""
    data = resources.files("sourcier").joinpath("analyse", "data", "roles.json").read_text("utf-8")
    return frozenset(normalize(h) for h in json.loads(data)["heads"]) - _OPENERS


def clean_name(name: str) -> str:
    """``name`` without a word glued before it by a lost sentence break:
    "régulièrementDonald Trump" → "Donald Trump"."""
    return _GLUED_PREFIX.sub("", name.strip())


def _names_someone(words: Sequence[str]) -> bool:
    """Whether two capitalised words in a row (not acronyms, not after "de") name a person
    inside a role: "candidat LREM Benjamin Griveaux", "réalisatrice belge Zoé Wittock", an
    agent ("envoyé sur place par Jean Durand")."""
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if (a[:1].isupper() and b[:1].isupper() and not a.isupper() and not b.isupper()
                and normalize(a) not in _FUNCTION and (i == 0 or normalize(words[i - 1]) not in _FUNCTION - {"par"})):
            return True
    return False


def _title_of_someone(words: Sequence[str]) -> bool:
    """Whether the role is a title and a name ("prince Harry"): the person so named, not this one."""
    return len(words) == 2 and words[0].islower() and words[1][:1].isupper() and not words[1].isupper()


def clean_role(role: str) -> str | None:
    """The role as a description of its person, or ``None`` when it is not one: cut at a
    glued sentence end, trailing function words dropped; refused when it names another
    person, coordinates two descriptions, or opens with "premier"/"nouvelle"… and no role word,
    or runs into a line glued inside a word: a caption or credit line may start in lower case
    ("maire de Parispar franceinfoPar ailleurs"), so where the role ends is unknown."""
    glued = _GLUED_END.search(role.strip())
    if glued is not None and _GLUED_WORD.match(role.strip(), glued.start()):
        return None
    text = _GLUED_END.split(role.strip(), maxsplit=1)[0].strip(" ,")
    words = _ROLE_TOKEN.findall(text)
    written = len(words)
    while words and normalize(words[-1]) in _FUNCTION | _TRAILING:
        words.pop()
    if not words:
        return None
    folded = [normalize(w) for w in words]
    if folded[0] in _OPENERS and (len(folded) < 2 or folded[1] not in _role_heads()):
        return None
    if any(w in ("et", "ou") and nxt.split()[0] in _COORDINATED for w, nxt in zip(folded, folded[1:]) if nxt):
        return None
    if _names_someone(words) or _title_of_someone(words):
        return None
    if len(words) == written:
        return text
    # Cut the text after its last kept word, so spacing and apostrophes stay as written.
    return text[: text.rfind(words[-1]) + len(words[-1])]


# --------------------------------------------------------------------------- roles

_ROLE_STOPWORDS = frozenset(
    "a au aux d de des du en et l la le les pour sur chez charge chargee ancien ancienne "
    "nouveau nouvelle actuel actuelle".split()
)


def _role_words(role: str) -> frozenset[str]:
    """Content words of a role, demonyms removed ("ministre malien des Affaires
    étrangères" and "ministre des Affaires étrangères" have the same words)."""
    return frozenset(
        w for w in normalize(role).split() if w not in _ROLE_STOPWORDS and w not in _DEMONYM_INDEX
    )


def roles_agree(left: Iterable[str], right: Iterable[str]) -> bool:
    """Whether two role lists share a role: equal word sets, or at least two
    shared content words covering half of the union ("ministre" alone is too vague)."""
    right_words = [w for w in (_role_words(r) for r in right) if w]
    for a in (_role_words(r) for r in left):
        if not a:
            continue
        for b in right_words:
            shared = len(a & b)
            if a == b or (shared >= 2 and shared * 2 >= len(a | b)):
                return True
    return False


# --------------------------------------------------------------------------- names


def _is_initial(token: str) -> bool:
    return len(token) == 1 or (len(token) == 2 and token.endswith("."))


def compatible(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether the person names ``short`` and ``long`` (token tuples) can be the same:
    same last token, and each given name of the shorter found, in order, in the
    longer (an initial matches a name with that first letter)."""
    if len(short) > len(long):
        short, long = long, short
    if not short or short[-1] != long[-1]:
        return False
    pos = 0
    rest = long[:-1]
    for token in short[:-1]:
        while pos < len(rest):
            candidate = rest[pos]
            pos += 1
            if token == candidate or (_is_initial(token) and candidate.startswith(token[0])):
                break
        else:
            return False
    return True


# --------------------------------------------------------------------------- decision


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article says about one of its entities."""

    name: str
    type: str
    tokens: tuple[str, ...]
    roles: tuple[str, ...]
    countries: frozenset[str]
    variants: tuple[str, ...]  # the name, then mention texts that are names
    role_countries: frozenset[str] = frozenset()  # the countries its roles name: the firmest
    topic: frozenset[str] = frozenset()  # the countries its article names anywhere


@dataclass(slots=True)
class Known:
    """A global entity, as stored."""

    id: int
    name: str
    type: str
    tokens: tuple[str, ...]
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    merged_into: int | None = None  # a hand correction sent this row's speaker there
    name_fixed: bool = False  # a name given by hand, kept when a fuller one is seen

    @property
    def full(self) -> bool:
        """A first name and a surname, as written with a capital ("prime Macron", a bonus
        named after him, is no other Macron)."""
        return (len(self.tokens) > 1 and not all(_is_initial(t) for t in self.tokens[:-1])
                and self.name[:1].isupper())

    @property
    def identified(self) -> bool:
        """Known as someone: by a full name, or by a role ("Philippe, roi des Belges")."""
        return self.full or bool(self.roles)


_CONTEXT_WINDOW = 60  # characters either side of a mention, at most
_CLAUSE_END = re.compile(r"[.!?\n,;:()«»\"]|\s(?:et|ou|avec|contre|que|qui)\s")
_LEFT_WORDS = 4


def _window(text: str, start: int, end: int) -> str:
    """The words that describe a mention: up to four words before it within its clause
    ("le président américain Donald Trump") and an apposition after it ("Diop, ministre
    malien, …"). A country named further away is too often another topic: "Emmanuel Macron
    a reçu le président suisse" says nothing of Macron's country."""
    left = text[max(0, start - _CONTEXT_WINDOW) : start]
    cut = list(_CLAUSE_END.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    left = " ".join(left.split()[-_LEFT_WORDS:])
    right = text[end : end + _CONTEXT_WINDOW]
    if not right.lstrip(" ").startswith(","):
        return left
    right = right.lstrip(" ")[1:]
    stop = _CLAUSE_END.search(right)
    return f"{left} {right[: stop.start()] if stop else right}"


def profile(entity: Entity, text: str, topic: frozenset[str] | None = None) -> Profile:
    """The linking profile of ``entity`` in an article whose text is ``text``; ``topic``:
    the countries the article names anywhere (see :func:`article_countries`)."""
    is_person = entity.type == "PERSON"
    name = clean_name(entity.name) or entity.name
    tokens = name_tokens(name) if is_person else tuple(normalize(name).split())
    roles = tuple(dict.fromkeys(r for r in map(clean_role, entity.roles) if r))
    said: set[str] = set()
    for role in roles:
        said |= countries_in(role)
    countries = set(said)
    variants = [name]
    for mention in entity.mentions:
        # Only demonyms next to a mention: a country *name* nearby is too often another topic.
        if 0 <= mention.start <= mention.end <= len(text):
            countries |= countries_in(_window(text, mention.start, mention.end), names=False)
        written = clean_name(mention.text)
        if (
            is_person
            and written
            and written[0].isupper()
            and written not in variants
            and compatible(name_tokens(written), tokens)
        ):
            variants.append(written)
    return Profile(
        name=name,
        type=entity.type,
        tokens=tokens,
        roles=roles,
        countries=frozenset(countries),
        variants=tuple(variants),
        role_countries=frozenset(said),
        topic=article_countries(text) if topic is None else topic,
    )


_TOPIC_CHARS = 5000  # the start of an article says where it happens


def article_countries(text: str) -> frozenset[str]:
    """The countries the start of an article names, by name or demonym: too loose to give
    a person a country, enough to doubt that a bare "Philippe" in a story about Belgium is
    the French Prime Minister."""
    return frozenset(countries_in(text[:_TOPIC_CHARS]))


def _conflict(p: Profile, k: Known, *, firm: bool = False) -> bool:
    """Whether the countries of ``p`` and ``k`` exclude each other; ``firm``: only the
    countries ``p``'s roles name count (a demonym next to a name can describe a neighbour)."""
    mine = p.role_countries if firm else p.countries
    return bool(mine) and bool(k.countries) and not (mine & set(k.countries))


def _support(p: Profile, k: Known) -> int:
    """How much the contexts agree: 2 for a shared role, 1 for a shared country."""
    score = 0
    if roles_agree(p.roles, k.roles):
        score += 2
    if p.countries & set(k.countries):
        score += 1
    return score


# A namesake tie is broken when one candidate is this many times as present in the corpus
# as each other tied one: "Trump, président" is the president of the hundred articles, not
# the company president of two.
SALIENCE_RATIO = 5
SALIENT_ARTICLES = 10  # and, for a name without any context, in this many articles at least


def choose(p: Profile, candidates: Sequence[Known],
           salience: Callable[[Sequence[int]], Mapping[int, int]] | None = None) -> Known | None:
    """The stored entity ``p`` is, among ``candidates`` (in id order), or ``None``.

    ``salience`` gives the number of articles of stored entities; without it, two
    candidates whose context agrees as well are never guessed between."""
    if not p.tokens:
        return None
    if p.type != "PERSON":
        # Organisations, places, media: the exact normalised name is the identity.
        for k in candidates:
            if k.type == p.type and k.tokens == p.tokens:
                return k
        return None

    pool = [k for k in candidates if k.type == "PERSON" and compatible(p.tokens, k.tokens)]
    if not pool:
        return None
    # 1. The same full name, unless its roles place it in another country (two ministers
    #    named Abdoulaye Diop); context breaks ties between namesakes.
    #    A bare surname is tried against the full names first: the row of an earlier bare
    #    "Trump" that could not be decided is its last resort, not its first.
    same = [k for k in pool if k.tokens == p.tokens and not _conflict(p, k, firm=len(p.tokens) > 1)]
    if same and len(p.tokens) > 1:
        return max(same, key=lambda k: (_support(p, k), -k.id))
    # 2. A compatible name with agreeing context, provided no other candidate agrees as well.
    scored = sorted(((_support(p, k), k) for k in pool if not _conflict(p, k)), key=lambda s: -s[0])
    if scored and scored[0][0] > 0:
        if len(scored) == 1 or scored[1][0] < scored[0][0]:
            return scored[0][1]
        tied = [k for score, k in scored if score == scored[0][0]]
        # Two equally good namesakes: only a clear favourite.
        return _most_salient(tied, salience([k.id for k in tied])) if salience else None
    # 3. No context: the only compatible candidate known as someone (a full name, or a bare
    #    name with a role: "Philippe, roi des Belges"; an undecided bare "Macron" row is no
    #    rival of "Emmanuel Macron"), if no other entity of that surname bears a full name.
    #    Roles on both sides that do not agree are context too: "Philippe, roi des Belges"
    #    is not the only Philippe known so far, the Prime Minister.
    rivals = [k for k in pool if k.identified] or pool
    open_ = [k for k in rivals if not _conflict(p, k) and not (p.roles and k.roles)]
    if len(rivals) == 1 and open_:
        k = open_[0]
        others_full = [c for c in candidates if c.id != k.id and c.type == "PERSON" and c.full]
        if not others_full:
            return k
    # 4. Still no context: the namesake a reader would think of, when one is far more present
    #    in the corpus than every other person of that surname ("Trump" in 2020).
    named = [c for c in candidates if c.type == "PERSON" and c.identified]
    if salience is not None and len(named) > 1:
        counts = salience([c.id for c in named])
        favourite = _most_salient(named, counts)
        if (favourite in open_ and counts.get(favourite.id, 0) >= SALIENT_ARTICLES
                and not _set_elsewhere(p, favourite, named)):
            return favourite
    return max(same, key=lambda k: (_support(p, k), -k.id)) if same else None


def _set_elsewhere(p: Profile, favourite: Known, named: Sequence[Known]) -> bool:
    """Whether the article is about the country of another namesake, not the favourite's."""
    if not p.topic or p.topic & set(favourite.countries):
        return False
    return any(k is not favourite and p.topic & set(k.countries) for k in named)


def _most_salient(tied: Sequence[Known], counts: Mapping[int, int]) -> Known | None:
    """The candidate in :data:`SALIENCE_RATIO` times as many articles as each other one, if any."""
    ranked = sorted(tied, key=lambda k: -counts.get(k.id, 0))
    top, runner_up = counts.get(ranked[0].id, 0), counts.get(ranked[1].id, 0)
    return ranked[0] if top >= SALIENCE_RATIO * max(runner_up, 1) else None


def _standing(candidates: Sequence[Known]) -> list[Known]:
    """The candidates less the rows merged into another candidate: a speaker merged by hand
    ("Macron" into "Emmanuel Macron") is one candidate, not two namesakes. A row merged into
    a speaker found under another key (an alias) stays, standing for that speaker."""
    ids = {k.id for k in candidates}
    return [k for k in candidates if k.merged_into is None or k.merged_into not in ids]


def _merge_unique(existing: Sequence[str], new: Iterable[str], key: Any = normalize) -> list[str]:
    out = list(existing)
    seen = {key(x) for x in out}
    for item in new:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


def search_key(variants: Iterable[str]) -> str:
    """The ``search_key`` column of an entity with these names."""
    # "|abdoulaye diop|diop|": LIKE '%diop%' finds it, LIKE '%|diop|%' matches a whole variant.
    return "|" + "|".join(dict.fromkeys(normalize(v) for v in variants)) + "|"


# --------------------------------------------------------------------------- database


#: Ids of the entities a linker created and has not written yet, or wrote under another id:
#: above every stored id and in the order of creation, as the database numbers them, so that
#: choices by id order come out the same whether the rows are written at once or later.
_PENDING_IDS = 1 << 62

#: Columns of ``entities`` a link may change, and how each is read off a :class:`Known`.
_CHANGEABLE: dict[str, Callable[[Known], Any]] = {
    "name": lambda k: k.name,
    "norm_name": lambda k: " ".join(k.tokens),
    "variants": lambda k: k.variants,
    "search_key": lambda k: search_key(k.variants),
    "roles": lambda k: k.roles,
    "countries": lambda k: k.countries,
}


class EntityLinker:
    """Links the entities of analyses to global entities, on an open connection.

    Meant to run inside the writer's transaction. The rows it creates or changes are kept
    in memory (its cache of candidates is what the next article of the batch is linked
    against) and written by :meth:`flush`, a query per kind of change instead of one per
    entity; ids it hands out are pending ids until then (:meth:`stored_id` gives the row's).
    Make a new linker per transaction (another writer may change the table in between).
    ``before_counting`` runs before the articles of an entity are counted (a namesake tie):
    it must write what the batch holds of ``mentions``, after calling :meth:`flush`.
    """

    def __init__(self, conn: sa.Connection, before_counting: Callable[[], None] | None = None) -> None:
        from sourcier.store.schema import entities

        self._conn = conn
        self._t = entities
        self._before_counting = before_counting or self.flush
        # (type, lookup key) → the stored entities under that key, in id order.
        self._cache: dict[tuple[str, str], list[Known]] = {}
        self._profiles: dict[int, Profile] = {}  # id(entity) → its profile, from prefetch()
        self._known: dict[int, Known] = {}  # entity id → its cached row
        self._created: list[Known] = []  # not written yet, under pending ids
        self._changed: dict[int, tuple[Known, set[str]]] = {}  # stored or written rows: columns to write
        self._stored: dict[int, int] = {}  # pending id → the id of the row written
        self._next_id = _PENDING_IDS
        # Built once: a statement built per row costs more than the insert itself.
        self._insert_stmt = sa.insert(entities).returning(entities.c.id, sort_by_parameter_order=True)

    @staticmethod
    def _key(type_: str, tokens: Sequence[str]) -> tuple[str, str]:
        # Persons are looked up by last token ("Diop"), the rest by their whole name.
        return (type_, tokens[-1] if type_ == "PERSON" else " ".join(tokens))

    def prefetch(self, analyses: Sequence[Analysis]) -> None:
        """Read the candidates of every entity of a batch at once (a query per key type
        and 500 keys, instead of one per entity): the writer's main cost."""
        wanted: dict[tuple[str, bool], set[str]] = {}
        for analysis in analyses:
            topic = article_countries(analysis.text)
            for entity in analysis.entities:
                p = self._profiles[id(entity)] = profile(entity, analysis.text, topic)
                if p.tokens:
                    key = self._key(p.type, p.tokens)
                    if key not in self._cache:
                        wanted.setdefault((p.type, p.type == "PERSON"), set()).add(key[1])
        for (type_, person), values in wanted.items():
            for key in values:
                self._cache[(type_, key)] = []
            ordered = sorted(values)
            for i in range(0, len(ordered), 500):
                self._read(type_, person, ordered[i : i + 500])

    def _candidates(self, type_: str, tokens: Sequence[str]) -> list[Known]:
        """The entities under the lookup key of a name of this type (the cached list)."""
        key = self._key(type_, tokens)
        if key not in self._cache:
            self._cache[key] = []
            self._read(type_, type_ == "PERSON", [key[1]])
        return self._cache[key]

    def _read(self, type_: str, person: bool, keys: list[str]) -> None:
        """Add the stored entities of ``type_`` under ``keys`` to the cache, in id order."""
        t = self._t
        column = t.c.last_token if person else t.c.norm_name
        rows = self._conn.execute(
            sa.select(t.c.id, t.c.name, t.c.type, t.c.norm_name, t.c.last_token, t.c.variants, t.c.roles, t.c.countries,
                      t.c.merged_into, t.c.name_fixed)
            .where(t.c.type == type_, column.in_(keys))
            .order_by(t.c.id)
        ).mappings()
        for r in rows:
            self._cache[(type_, r["last_token"] if person else r["norm_name"])].append(self._known_row(r))

    def _articles_of(self, ids: Sequence[int]) -> dict[int, int]:
        """How many stored articles mention each of these entities (asked only on a namesake
        tie), the batch's articles so far included."""
        from sourcier.store.schema import mentions as m

        self._before_counting()
        by_row = {self.stored_id(i): i for i in ids}
        rows = self._conn.execute(
            sa.select(m.c.entity_id, sa.func.count(sa.distinct(m.c.article_id)))
            .where(m.c.entity_id.in_(list(by_row))).group_by(m.c.entity_id)
        )
        return {by_row[int(eid)]: int(n) for eid, n in rows}

    def _known_row(self, r: Any) -> Known:
        """The one :class:`Known` of a row (a speaker read under two keys is one object)."""
        if r["id"] not in self._known:
            self._known[r["id"]] = Known(
                id=r["id"],
                name=r["name"],
                type=r["type"],
                tokens=tuple(r["norm_name"].split()),
                variants=list(r["variants"]),
                roles=list(r["roles"]),
                countries=list(r["countries"]),
                merged_into=r["merged_into"],
                name_fixed=bool(r["name_fixed"]),
            )
        return self._known[r["id"]]

    def _target(self, k: Known) -> Known:
        """The speaker a row stands for: itself, or the one a correction merged it into."""
        if k.merged_into is None:
            return k
        if k.merged_into not in self._known:
            t = self._t
            row = self._conn.execute(sa.select(t).where(t.c.id == k.merged_into)).mappings().one_or_none()
            if row is None:  # the target is gone: the row stands for itself again
                return k
            self._known_row(row)
        return self._known[k.merged_into]

    def _create(self, p: Profile) -> int:
        """A new entity for ``p``, under a pending id, written by the next :meth:`flush`."""
        known = Known(self._next_id, p.name, p.type, p.tokens, list(p.variants), list(p.roles), sorted(p.countries))
        self._next_id += 1
        self._known[known.id] = known
        self._created.append(known)
        # Its key's stored rows are read first: a later read would not see it among them.
        self._candidates(p.type, p.tokens).append(known)
        return known.id

    def _update(self, k: Known, p: Profile) -> None:
        """Add what ``p`` says to the entity ``k`` (the cached object now, the row at :meth:`flush`)."""
        # Variants as written ("MINUSMA" and "Minusma" both kept); roles up to case and accents.
        variants = _merge_unique(k.variants, p.variants, key=str.strip)
        roles = _merge_unique(k.roles, p.roles)
        countries = sorted(set(k.countries) | p.countries)
        changed: set[str] = set()
        # A fuller compatible name becomes the display name ("Diop" → "Abdoulaye Diop");
        # the last token, hence the lookup key, stays the same.
        if p.type == "PERSON" and len(p.tokens) > len(k.tokens) and not k.name_fixed:
            changed |= {"name", "norm_name"}
            k.name, k.tokens = p.name, p.tokens
        if variants != k.variants:
            changed |= {"variants", "search_key"}
            k.variants = variants
        if roles != k.roles:
            changed.add("roles")
            k.roles = roles
        if countries != sorted(k.countries):
            changed.add("countries")
            k.countries = countries
        if changed and not self._unwritten(k):  # a row not written yet is written whole
            self._changed.setdefault(k.id, (k, set()))[1].update(changed)

    def _unwritten(self, k: Known) -> bool:
        return k.id >= _PENDING_IDS and k.id not in self._stored

    def stored_id(self, entity_id: int) -> int:
        """The id of the row of an entity this linker handed out (written by :meth:`flush`)."""
        return self._stored.get(entity_id, entity_id)

    def flush(self) -> None:
        """Write the entities created since the last call (one insert) and the changes to
        rows already written (an update per set of columns changed)."""
        if self._created:
            rows = [{"type": k.type, "last_token": k.tokens[-1], **{c: get(k) for c, get in _CHANGEABLE.items()}}
                    for k in self._created]
            ids = self._conn.execute(self._insert_stmt, rows).scalars().all()
            self._stored.update((k.id, int(i)) for k, i in zip(self._created, ids, strict=True))
            self._created.clear()
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for k, columns in self._changed.values():
            names = tuple(sorted(columns))
            by_columns.setdefault(names, []).append(
                {"row_id": self.stored_id(k.id), **{c: _CHANGEABLE[c](k) for c in names}})
        for names, rows in by_columns.items():
            self._conn.execute(
                sa.update(self._t).where(self._t.c.id == sa.bindparam("row_id"))
                .values({c: sa.bindparam(c) for c in names}), rows)
        self._changed.clear()

    def link_entity(self, entity: Entity, text: str, topic: frozenset[str] | None = None) -> int:
        """The global id of ``entity`` (found or created: a pending id until :meth:`flush`),
        the entity updated with what this article adds (name variants, roles, countries)."""
        p = self._profiles.pop(id(entity), None) or profile(entity, text, topic)
        if not p.tokens:
            # Nothing to match on (a name of punctuation): keep it apart.
            fallback = (normalize(p.name) or p.name.lower(),)
            return self._create(Profile(p.name, p.type, fallback, p.roles, p.countries, p.variants, p.role_countries,
                                        p.topic))
        found = choose(p, _standing(self._candidates(p.type, p.tokens)), self._articles_of)
        if found is None:
            return self._create(p)
        target = self._target(found)
        self._update(target, p)
        return target.id

    def link(self, analysis: Analysis) -> dict[str, int]:
        """Map each entity id of ``analysis`` to its global entity id, in entity order."""
        prefetched = all(id(e) in self._profiles for e in analysis.entities)
        topic = None if prefetched else article_countries(analysis.text)
        return {e.id: self.link_entity(e, analysis.text, topic) for e in analysis.entities}
