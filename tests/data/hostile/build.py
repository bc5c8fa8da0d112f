"""Build the hostile corpus into a folder: ``python tests/data/hostile/build.py DIR``.

Each file is one kind of input that once stopped or poisoned an ingest;
``tests/test_hostile_corpus.py`` builds the corpus in a temporary folder, runs it through
``ingest`` and says what must come of each (articles stored, or the error code reported).
The WARC files hold records made with warcio, cut or torn the way a killed crawl leaves them.
Nothing is kept in the repository but this script: the files are made anew for each run.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "ingest"))

from hostile_builders import article, billion_laughs_feed, nested_html, page, warc_record  # noqa: E402


def warc(*tags: str, gzip: bool) -> list[bytes]:
    return [warc_record(f"https://example.org/{tag}", page(tag), gzip=gzip) for tag in tags]


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    a, b = warc("warc-a", "warc-b", gzip=True)
    (out / "truncated.warc.gz").write_bytes(a + b[: len(b) * 2 // 3])
    a, b, c = warc("torn-a", "torn-b", "torn-c", gzip=True)
    (out / "torn-then-appended.warc.gz").write_bytes(a + b[: len(b) // 2] + c)
    a, b, c = warc("plain-a", "plain-b", "plain-c", gzip=False)
    (out / "torn-then-appended.warc").write_bytes(a + b[: len(b) // 2] + c)
    (out / "billion-laughs.rss").write_bytes(billion_laughs_feed())
    (out / "deep-nesting.html").write_text(nested_html(5000), encoding="utf-8")
    canonical = '<link rel="canonical" href="http://example.org:99999/page">'
    (out / "bad-canonical-port.html").write_bytes(page("port").replace(b"<html>", f"<html><head>{canonical}</head>".encode()))
    records = [
        {"id": "surrogate-text", "text": article("surrogate") + " \ud800"},
        {"id": "surrogate-meta", "text": article("meta"), "title": "Titre \udfff", "url": "https://example.org/\ud800"},
        {"id": "bad-port", "text": article("port-jsonl"), "url": "http://x:99999/"},
    ]
    (out / "surrogates-and-ports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    text = article("décomposé")
    (out / "nfc.txt").write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    (out / "nfd.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    mixed = article("mixte").split("\n\n")
    (out / "mixed-encoding.txt").write_bytes(mixed[0].encode() + b"\n\n" + mixed[1].encode("cp1252") + b"\n\n" + mixed[2].encode())
    (out / "quotation-marks.txt").write_text("Le ministre a déclaré : " + "«" * 30_000, encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
