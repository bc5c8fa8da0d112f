"""Build the public :class:`~sourcier.model.Analysis` from an analysed ``Doc``.

Components work in the model's copy of the text; here every span is mapped
back to the reported text, trimmed of surrounding spaces, and checked:
``text[start:end] == span.text`` holds for everything we report.
"""

from __future__ import annotations

from dataclasses import asdict

from spacy.tokens import Doc

from sourcier.analyse.records import CharSpan, EntityCluster, QuoteRecord, RelationRecord, SourceRecord
from sourcier.analyse.textprep import OffsetMap
from sourcier.knowledge.outlets import OutletKB, load_outlets
from sourcier.model import Analysis, Document, Entity, Quote, Source, Speaker, TextSpan, Via, text_id


class _Mapper:
    def __init__(self, text: str, offsets: OffsetMap) -> None:
        self.text = text
        self.offsets = offsets

    def span(self, copy_span: CharSpan) -> TextSpan | None:
        start, end = self.offsets.span(*copy_span)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return TextSpan(start, end, self.text[start:end])


def assemble(doc: Doc, document: Document, offsets: OffsetMap) -> Analysis:
    """The analysis of ``document``, from ``doc`` (its copy, analysed) and the map back."""
    mapper = _Mapper(document.text, offsets)
    entities = [_entity(c, mapper) for c in doc._.sourcier_entities or []]
    records = doc._.sourcier_sources or []
    kb = load_outlets() if records else None  # once per article: it checks the overlay files on disk
    sources = [_source(s, mapper, kb) for s in records]
    names = {s.id: s.name for s in sources}
    quotes = [q for i, r in enumerate(doc._.sourcier_quotes or [], 1) if (q := _quote(f"q{i}", r, mapper, names))]
    return Analysis(
        id=text_id(document.text),
        article=document.meta,
        text=document.text,
        paragraphs=list(document.paragraphs),
        entities=entities,
        quotes=quotes,
        sources=sources,
        relations=_relations(doc, mapper, {q.id for q in quotes}),
        warnings=list(document.warnings),
    )


def _entity(cluster: EntityCluster, mapper: _Mapper) -> Entity:
    mentions = [m for m in map(mapper.span, cluster.mentions) if m]
    return Entity(id=cluster.key, name=cluster.name, type=cluster.label, roles=list(cluster.roles), mentions=mentions)


def _source(record: SourceRecord, mapper: _Mapper, kb: OutletKB) -> Source:
    outlet = kb.to_outlet(kb.get(record.outlet_id)) if record.outlet_id and kb.get(record.outlet_id) else None
    return Source(
        id=record.key,
        name=record.name,
        role=record.role,  # type: ignore[arg-type]
        outlet=outlet,
        mentions=[m for m in map(mapper.span, record.mentions) if m],
        channel=record.channel,
    )


def _quote(qid: str, record: QuoteRecord, mapper: _Mapper, source_names: dict[str, str]) -> Quote | None:
    content = mapper.span(record.content)
    if content is None:
        return None
    mention = mapper.span(record.speaker_mention) if record.speaker_mention else None
    return Quote(
        id=qid,
        type=record.type,  # type: ignore[arg-type]
        start=content.start,
        end=content.end,
        text=content.text,
        speaker=Speaker(entity=record.speaker_key, name=record.speaker_name, mention=mention),
        cue=mapper.span(record.cue) if record.cue else None,
        via=[Via(name=source_names[k], source=k) for k in record.via if k in source_names],
        confidence=round(record.confidence, 3),
    )


def _relations(doc: Doc, mapper: _Mapper, quote_ids: set[str]) -> list[dict]:
    records = doc._.sourcier_relations or []
    return [r for i, record in enumerate(records, 1) if (r := _relation(f"r{i}", record, mapper, quote_ids))]


def _relation(rid: str, record: RelationRecord, mapper: _Mapper, quote_ids: set[str]) -> dict | None:
    """A relation as the analysis reports it (``relations`` in the schema); ``None`` when a
    span or the claiming quote did not survive the mapping back."""
    evidence = mapper.span(record.evidence)
    actor, target = _actor(record.actor, mapper), _actor(record.target, mapper)
    if evidence is None or actor is None or target is None:
        return None
    time = mapper.span(record.time) if record.time else None
    claimed = None
    if record.quote is not None:
        claimed = {"quote": f"q{record.quote + 1}", "name": record.claimed_by, "entity": record.claimed_by_entity}
        if claimed["quote"] not in quote_ids:
            return None
    return {
        "id": rid, "type": record.type, "mode": record.mode, "context": list(record.context), "cameo": record.cameo,
        "actor": actor, "target": target, "negated": record.negated,
        "time": asdict(time) if time else None, "evidence": asdict(evidence),
        "claimed_by": claimed, "confidence": record.confidence,
    }


def _actor(mention, mapper: _Mapper) -> dict | None:
    span = mapper.span((mention.start, mention.end))
    if span is None:
        return None
    actor = mention.actor
    return {
        "name": actor.name, "kind": actor.kind, "country": actor.country, "entity": mention.entity,
        "mention": asdict(span),
    }
