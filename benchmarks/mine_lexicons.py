"""Mine candidates for the quote lexicons from the OrangeSum corpus (to review by hand).

    nice .venv/bin/python benchmarks/mine_lexicons.py [--articles 3000] [--minutes 14] [--out FILE]

Reads every k-th article of ../shared/corpora/orangesum/articles.jsonl.gz (a spread sample
of ``--articles``; exits 0 when the corpus is absent), parses it with the project's model
(named entities kept, one process) through the project's text preparation, and counts:

* **verbs** whose complement is reported content and whose subject can speak (a personal
  pronoun, an inverted clitic, a person, or a noun of the role and human lexicons): a
  *que*-clause (``que``), *de* + infinitive (``de``), *à* + infinitive (``a``), a bare
  infinitive (``inf``), a quotation after the verb and a colon (``quote``), or the verb of an
  incise after a quotation (``« … », a-t-il VERB``: ``incise``). Reflexive verbs are ``se …``.
* **nouns of saying**: a noun with a possessive or a human "de" complement, followed by a
  *de* + infinitive or a non-relative *que*-clause ("son intention de", "sa promesse que"),
  or subject of "être que" ("le message de X est que").
* **attribution heads**: the head noun after "selon" / "d'après" that is not a name
  ("selon le président", "d'après les enquêteurs").

Prints (or writes to ``--out``) JSON: each candidate with its counts by frame and the number
of articles it occurs in, most frequent first. The lists in ``src/sourcier/analyse/data``
were reviewed from this output (see the ``provenance`` blocks there).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
CORPUS_SIZE = 36152

_PERSONAL = {"il", "elle", "ils", "elles", "je", "j'", "nous", "-il", "-elle", "-ils", "-elles"}
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs", "mon", "ma", "notre"}
_QUE = {"que", "qu'"}
_OPENING = {"«", '"', "“"}
_CLITICS = {"ne", "n'", "pas", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "y", "en"}
_CLOSING = {"»", '"', "”"}


def sample(n: int) -> list[str]:
    """Every k-th article of the corpus, n in all, through the project's text preparation."""
    from sourcier.analyse.textprep import prepare
    from sourcier.model import Paragraph

    step = max(1, CORPUS_SIZE // n)
    out = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k % step == 0 and len(out) < n:
                text = json.loads(line)["article"]
                out.append(prepare(text, [Paragraph(0, len(text))])[0])
    return out


class Miner:
    def __init__(self) -> None:
        from sourcier.analyse.lexicon import fold, role_heads
        from sourcier.analyse.quotes.lexicon import role_lexicon

        lex = role_lexicon()
        self.fold = fold
        self.human = lex.human_nouns | lex.group_nouns | lex.media_nouns | frozenset(fold(h) for h in role_heads())
        self.verbs: dict[str, Counter] = defaultdict(Counter)
        self.nouns: dict[str, Counter] = defaultdict(Counter)
        self.selon: dict[str, Counter] = defaultdict(Counter)
        self.articles: dict[tuple[str, str], set[int]] = defaultdict(set)

    # -- verbs ------------------------------------------------------------------------

    def human_subject(self, verb) -> bool:
        doc = verb.doc
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in _PERSONAL | {"-t"}:
            return True
        host = verb
        for _ in range(3):  # "a déclaré": the subject hangs on the verb; a participle on its host
            for child in host.children:
                if child.dep_ in ("nsubj", "expl:subj"):
                    return self.can_speak(child)
            if host.dep_ in ("conj", "xcomp", "advcl") and host.head is not host:
                host = host.head
            else:
                break
        return False

    def can_speak(self, token) -> bool:
        if token.lower_ in _PERSONAL:
            return True
        if token.ent_type_ in ("PER", "ORG"):
            return True
        return token.pos_ == "NOUN" and self.fold(token.lemma_) in self.human

    def lemma(self, verb) -> str:
        reflexive = any(c.lower_ in ("se", "s'") and c.dep_ in ("expl:comp", "expl:pv", "obj", "iobj", "expl")
                        for c in verb.children)
        return ("se " if reflexive else "") + verb.lemma_.lower()

    def verb_frames(self, verb) -> set[str]:
        doc, frames = verb.doc, set()
        for child in verb.children:
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if child.dep_ == "ccomp" and marks & _QUE:
                frames.add("que")
            elif child.dep_ in ("xcomp", "ccomp", "obl:arg") and "Inf" in child.morph.get("VerbForm"):
                frames.add("de" if marks & {"de", "d'"} else "a" if "à" in marks else "inf")
        nxt = doc[verb.i + 1 : verb.i + 4]
        if any(t.text == ":" for t in nxt) and any(t.text in _OPENING for t in doc[verb.i + 1 : verb.i + 5]):
            frames.add("quote")
        before = [t for t in doc[max(0, verb.i - 4) : verb.i] if t.pos_ != "AUX"]
        if len(before) >= 2 and before[-1].text == "," and before[-2].text in _CLOSING:
            frames.add("incise")
        return frames

    # -- nouns ------------------------------------------------------------------------

    def noun_frames(self, noun) -> set[str]:
        doc, frames = noun.doc, set()
        if not self.owned(noun):
            return frames
        k = noun.i + 1
        if k < len(doc) and doc[k].lower_ in ("de", "d'"):
            k += 1
            while k < len(doc) and doc[k].lower_ in _CLITICS:
                k += 1
            if k < len(doc) and "Inf" in doc[k].morph.get("VerbForm"):
                frames.add("de")
        elif k < len(doc) and doc[k].lower_ in _QUE and doc[k].pos_ == "SCONJ":
            frames.add("que")
        window = [t.lower_ for t in doc[noun.i + 1 : noun.i + 8]]
        for k, word in enumerate(window[:-1]):
            if word in ("est", "était", "sera") and window[k + 1] in _QUE:
                frames.add("est que")
                break
        return frames

    def owned(self, noun) -> bool:
        """The noun belongs to someone who can speak: a possessive ("sa promesse"), a "de X"
        complement ("le message du ministre"), or the subject of the verb it is the object of
        ("il a exprimé le souhait")."""
        if any(c.lower_ in _POSSESSIVES for c in noun.children):
            return True
        if any(c.dep_ == "nmod" and self.can_speak(c) for c in noun.children):
            return True
        return noun.dep_ == "obj" and any(c.dep_ == "nsubj" and self.can_speak(c) for c in noun.head.children)

    # -- attribution heads ------------------------------------------------------------

    def selon_head(self, token) -> str | None:
        doc = token.doc
        k = token.i + 1
        if token.lower_ == "d'" and k < len(doc) and doc[k].lower_ == "après":
            k += 1
        elif token.lower_ != "selon":
            return None
        while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "NUM") and doc[k].text not in ",.":
            k += 1
        if k >= len(doc) or doc[k].pos_ != "NOUN" or doc[k].ent_type_:
            return None
        return doc[k].lemma_.lower()

    # -- counting ---------------------------------------------------------------------

    def read(self, doc, article: int) -> None:
        for token in doc:
            if token.pos_ == "VERB" and self.human_subject(token):
                for frame in self.verb_frames(token):
                    self.count(self.verbs, "verb", self.lemma(token), frame, article)
            elif token.pos_ == "NOUN":
                for frame in self.noun_frames(token):
                    self.count(self.nouns, "noun", token.lemma_.lower(), frame, article)
            head = self.selon_head(token) if token.lower_ in ("selon", "d'") else None
            if head:
                self.count(self.selon, "selon", head, token.lower_, article)

    def count(self, table, kind: str, lemma: str, frame: str, article: int) -> None:
        table[lemma][frame] += 1
        self.articles[(kind, lemma)].add(article)

    def ranked(self, table, kind: str, minimum: int) -> list[dict]:
        rows = [{"lemma": lemma, "total": sum(c.values()), "articles": len(self.articles[(kind, lemma)]),
                 "frames": dict(c.most_common())} for lemma, c in table.items()]
        rows = [r for r in rows if r["articles"] >= minimum]
        return sorted(rows, key=lambda r: (-r["total"], r["lemma"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--minutes", type=float, default=14.0, help="stop parsing after this long")
    parser.add_argument("--min-articles", type=int, default=2, help="keep candidates seen in this many articles")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not ORANGESUM.exists():
        print(f"corpus not found ({ORANGESUM}): nothing to mine")
        return 0
    import spacy

    from sourcier.analyse.pipeline import MODEL

    texts = sample(args.articles)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("sourcier_paragraph_breaks", before="parser")
    miner = Miner()
    started, parsed = time.monotonic(), 0
    for n, doc in enumerate(nlp.pipe(texts, batch_size=32, n_process=1)):
        miner.read(doc, n)
        parsed = n + 1
        if time.monotonic() - started > args.minutes * 60:
            break
    result = {
        "corpus": "OrangeSum articles.jsonl.gz",
        "sampled": len(texts),
        "parsed": parsed,
        "minutes": round((time.monotonic() - started) / 60, 1),
        "model": MODEL,
        "verbs": miner.ranked(miner.verbs, "verb", args.min_articles),
        "nouns": miner.ranked(miner.nouns, "noun", args.min_articles),
        "attribution_heads": miner.ranked(miner.selon, "selon", args.min_articles),
    }
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
