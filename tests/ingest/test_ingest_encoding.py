"""Decoding text files: BOMs, cp1252 vs latin-1, binary refused, sizes and emptiness."""

from __future__ import annotations

import os
import random

import pytest

from sourcier.errors import BinaryInput, EmptyInput, InputTooLarge, NotFrench
from sourcier.ingest import MAX_TEXT_CHARS, read_path
from sourcier.ingest.encoding import decode_bytes

ARTICLE = (
    "Le ministre a déclaré à l’AFP : « Nous resterons fermes » face aux pressions.\r\n\r\n"
    "Selon lui, l’été sera décisif pour l’économie du pays, qui attend des élections…\r\n"
)


def check_offsets(document):
    previous_end = 0
    for p in document.paragraphs:
        chunk = document.text[p.start : p.end]
        assert previous_end <= p.start < p.end and chunk and chunk == chunk.strip()
        previous_end = p.end


def test_utf8_is_read_unchanged(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    document = read_path(path)
    assert document.text == ARTICLE  # CRLF and trailing newline kept: offsets are sacred
    assert document.warnings == []
    assert document.meta.language == "fr"
    assert len(document.paragraphs) == 2
    check_offsets(document)


def test_utf8_bom_is_removed_with_a_warning(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    document = read_path(path)
    assert document.text == ARTICLE
    assert "UTF-8 BOM removed" in document.warnings
    assert document.paragraphs[0].start == 0


def test_cp1252(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    document = read_path(path)
    assert document.text == ARTICLE
    assert "’" in document.text and "«" in document.text and "é" in document.text and "…" in document.text
    assert any("cp1252" in w for w in document.warnings)
    check_offsets(document)


def test_latin1(tmp_path):
    text = ARTICLE.replace("’", "'").replace("…", "...")
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    document = read_path(path)
    assert document.text == text
    assert any("latin-1" in w for w in document.warnings)


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))  # Python writes the BOM
    document = read_path(path)
    assert document.text == ARTICLE
    assert any("UTF-16" in w for w in document.warnings)


def test_mostly_utf8_with_a_stray_byte_is_repaired_not_garbled():
    text, warnings = decode_bytes("Élection à Dakar : café ".encode() + b"\xe9 fin")
    assert text.startswith("Élection à Dakar : café ") and "\ufffd" in text
    assert "invalid" in warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10,
        b"\xff\xd8\xff\xe0" + b"JFIF" * 10,
        b"%PDF-1.7\n%" + "Le texte d'un PDF".encode() * 5,
        b"PK\x03\x04" + b"word/document.xml" * 3,
        b"\x1f\x8b\x08\x00" + bytes(20),
    ],
    ids=["png", "jpeg", "pdf", "zip", "gzip"],
)
def test_known_binary_formats(tmp_path, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryInput):
        read_path(path)


def test_random_bytes_with_nuls(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00")
    with pytest.raises(BinaryInput):
        read_path(path)


def test_control_characters_without_nul_are_binary():
    with pytest.raises(BinaryInput):
        decode_bytes(b"\x01\x02\x03\x04 texte \x05\x06\x07\x08" * 20)


@pytest.mark.parametrize("content", [b"", b"   \r\n\t\n  "], ids=["empty", "whitespace"])
def test_empty(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInput) as info:
        read_path(path)
    assert info.value.origin == str(path)


def test_too_many_characters(tmp_path):
    path = tmp_path / "big.txt"
    sentence = "Le ministre a parlé de la situation au Mali. "
    path.write_text(sentence * (MAX_TEXT_CHARS // len(sentence) + 10), encoding="utf-8")
    with pytest.raises(InputTooLarge):
        read_path(path)


def test_too_many_bytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # a sparse file: big on paper, nothing to read
        handle.truncate(100 * MAX_TEXT_CHARS)
    with pytest.raises(InputTooLarge) as info:
        read_path(path)
    assert f"{100 * MAX_TEXT_CHARS:,} bytes" in str(info.value)  # the size from stat, not from reading


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Tuesday that the two countries would sign a new military agreement "
        "in the coming months, according to the news agency, and that training would begin soon.",
        "El ministro dijo el martes que los dos países firmarán un nuevo acuerdo militar en los "
        "próximos meses, según la agencia de noticias, y que la formación empezará pronto.",
    ],
    ids=["english", "spanish"],
)
def test_not_french(tmp_path, text):
    path = tmp_path / "foreign.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotFrench):
        read_path(path)


def test_binary_check_ignores_text_with_tabs_and_form_feeds():
    text, warnings = decode_bytes("Le\tministre\fa parlé.\n".encode() * 50)
    assert warnings == [] and text.startswith("Le\tministre")


def test_os_urandom_is_binary():
    with pytest.raises(BinaryInput):
        decode_bytes(os.urandom(2048) + b"\x00")
