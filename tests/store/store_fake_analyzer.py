"""A stand-in for ``sourcier.analyze_many`` in ingest tests: regexes instead of spaCy.

It understands the articles written by :func:`write_corpus` ("NAME, ROLE, a déclaré
: « … ». … relayée par OUTLET."), sleeps ``FAKE_ANALYZER_DELAY`` seconds per
document (so a test can kill an ingest half-way), fails documents containing
"ÉCHEC" the way the real analyser reports bad inputs, and returns an analysis the
store rejects (a duplicate quote id) for documents containing "DOUBLON". A document
containing "PLANTAGE" makes it raise (a bug that escapes the analyser, whatever the
rest of the batch) and one containing "LENTEUR" makes it hang for a minute.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from sourcier.errors import NotFrench
from sourcier.model import (
    Analysis, ArticleMeta, Document, Entity, Outlet, Paragraph, Quote, Source, Speaker, TextSpan, text_id,
)

_SAID = re.compile(r"(?P<name>[A-ZÉ][\w-]+ [A-ZÉ][\w-]+), (?P<role>[^,]+), a déclaré : « (?P<q>[^»]+?) »")
_RELAY = re.compile(r"relayée par (?P<outlet>[A-Z][\w ]+?)\.")
STATE_MEDIA = {"Sputnik", "RT", "ORTM", "RTS"}

NAMES = ["Abdoulaye Diop", "Assimi Goïta", "Choguel Maïga", "Issa Traoré", "Aminata Touré"]
ROLES = ["ministre des Affaires étrangères", "président de la transition", "Premier ministre",
         "porte-parole du gouvernement", "députée"]
OUTLETS = ["Sputnik", "RFI", "AFP", "ORTM", "Reuters"]


def analyze_many(docs: Iterable[Document], *, batch_size: int = 16, on_error=None) -> Iterator[Analysis]:
    delay = float(os.environ.get("FAKE_ANALYZER_DELAY", "0"))
    for doc in docs:
        if delay:
            time.sleep(delay)
        if "PLANTAGE" in doc.text:
            raise RuntimeError("the analyser crashed")
        if "LENTEUR" in doc.text:
            time.sleep(60)
        if "ÉCHEC" in doc.text:
            if on_error:
                on_error(doc.origin, NotFrench("the text does not look like French", origin=doc.origin))
            continue
        yield analyse(doc)


def analyse(doc: Document) -> Analysis:
    text = doc.text
    entities, quotes, sources = [], [], []
    for i, m in enumerate(_SAID.finditer(text), 1):
        eid = f"e{i}"
        name = m.group("name")
        entities.append(Entity(id=eid, name=name, type="PERSON", roles=[m.group("role")],
                               mentions=[TextSpan(m.start("name"), m.end("name"), name)]))
        quotes.append(Quote(id=f"q{i}", type="direct", start=m.start("q"), end=m.end("q"), text=m.group("q"),
                            speaker=Speaker(entity=eid, name=name,
                                            mention=TextSpan(m.start("name"), m.end("name"), name)),
                            confidence=0.9))
    for i, m in enumerate(_RELAY.finditer(text), 1):
        name = m.group("outlet")
        sources.append(Source(id=f"s{i}", name=name, role="relay",
                              outlet=Outlet(name=name, state_affiliated=name in STATE_MEDIA),
                              mentions=[TextSpan(m.start("outlet"), m.end("outlet"), name)]))
    if "DOUBLON" in text:  # an analyser bug: the same quote id twice, which the schema rejects
        quotes += quotes
    return Analysis(id=text_id(text), article=doc.meta, text=text, paragraphs=doc.paragraphs,
                    entities=entities, quotes=quotes, sources=sources)


def article_text(n: int) -> str:
    name, role, outlet = NAMES[n % len(NAMES)], ROLES[n % len(ROLES)], OUTLETS[n % len(OUTLETS)]
    return (f"Dépêche numéro {n} sur les élections au Mali\n\n"
            f"{name}, {role}, a déclaré : « La réunion numéro {n} se tiendra à Bamako ». "
            f"L'information a été relayée par {outlet}.")


def write_corpus(directory: Path, n: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = directory / f"article-{i:03d}.txt"
        p.write_text(article_text(i), encoding="utf-8")
        paths.append(p)
    return paths


def read_dir(directory: str | Path) -> Iterator[Document]:
    """Documents from write_corpus's files (a stand-in for iter_documents on .txt files)."""
    for path in sorted(Path(directory).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        tail = path.stem.rsplit("-", 1)[-1]
        day = int(tail) % 28 + 1 if tail.isdigit() else 1
        yield Document(text=text, paragraphs=[Paragraph(0, len(text))],
                       meta=ArticleMeta(title=title, url=f"https://example.org/{path.stem}?utm_source=rss",
                                        outlet="Le Journal du Mali", published=f"2024-03-{day:02d}"),
                       origin=str(path))
