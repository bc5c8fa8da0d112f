"""Bytes to text: pick the encoding a French news file most plausibly uses.

Order of belief: a byte-order mark; strict UTF-8; mostly-UTF-8 with a few broken
bytes (repaired with U+FFFD, since decoding the rest as cp1252 would garble every
accent); Windows-1252 when bytes 0x80–0x9F are there as its punctuation (’ « … –);
ISO-8859-1 when the high bytes are only in 0xA0–0xFF. Anything that is clearly not
text (NUL bytes, control characters, a known binary signature) is refused with
:class:`BinaryInput` rather than decoded into garbage.

Every guess other than plain UTF-8 leaves a warning naming what was assumed.
"""

from __future__ import annotations

import codecs

from sourcier.errors import BinaryInput

# Signatures of files people drop into an input folder by mistake. gzip is here
# too: readers that expect it (``.jsonl.gz``, ``.warc.gz``) decompress it first.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data (name it .jsonl.gz or .warc.gz, or decompress it)"),
    (b"BZh91AY&SY", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (DOC/XLS)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

# BOMs, longest first so that UTF-32-LE (FF FE 00 00) is not read as UTF-16-LE.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# C0 controls other than TAB, LF, VT, FF, CR, and ESC (seen in terminal captures).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F, 0x7F}
#: Above this share of control bytes the data is binary, not text.
MAX_CONTROL_RATIO = 0.01

# Bytes 0x80–0x9F that cp1252 leaves undefined: seeing one rules cp1252 out.
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def sniff_binary(data: bytes) -> str | None:
    """A description of what ``data`` is if it is a known binary format, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP/WAV/AVI)"
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    return None


def check_text_bytes(data: bytes, origin: str | None) -> None:
    if (what := sniff_binary(data)) is not None:
        raise BinaryInput(f"this is {what}, not text", origin=origin)
    if b"\x00" in data:
        raise BinaryInput(
            "NUL bytes found: this is binary data (or UTF-16/32 without a byte-order mark)",
            origin=origin,
        )
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInput(
            f"{controls} control characters in the first {len(sample)} bytes: this is not text",
            origin=origin,
        )


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode as UTF-8 with replacement if the valid multi-byte sequences outnumber
    the broken ones (a UTF-8 file with a few stray bytes); None otherwise."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if valid_non_ascii > 2 * broken:
        return text, broken
    return None


def _is_utf8_non_ascii(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_lines(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 with some lines that are not: a few stray bytes (replaced by U+FFFD) or whole
    lines in cp1252 (pasted from another source), each line decoded in its own encoding
    rather than the whole file garbled into mojibake."""
    pieces: list[str] = []
    broken = legacy = 0
    for line in data.splitlines(keepends=True):  # bytes split on \n, \r\n and \r only
        try:
            pieces.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if (repaired := _mostly_utf8(line)) is not None:
            pieces.append(repaired[0])
            broken += repaired[1]
        else:
            pieces.append(line.decode("latin-1" if set(line) & _CP1252_UNDEFINED else "cp1252"))
            legacy += 1
    warnings = [f"UTF-8 with {broken} invalid byte sequence(s), replaced by U+FFFD"] if broken else []
    if legacy:
        warnings.append(f"mixed encodings: {legacy} line(s) not UTF-8, decoded as cp1252")
    return "".join(pieces), warnings


def decode_bytes(data: bytes, origin: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` to text; return ``(text, warnings)``.

    A UTF-8 BOM is dropped (it is not text) with the warning ``"UTF-8 BOM removed"``.
    Raises :class:`BinaryInput` for data that is not text.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise BinaryInput(
                    f"starts with a {name} byte-order mark but is not valid {name} ({exc.reason} "
                    f"at byte {exc.start + len(bom)})",
                    origin=origin,
                ) from None
            _check_decoded(text, origin)
            if name == "UTF-8":
                return text, ["UTF-8 BOM removed"]
            return text, [f"decoded as {name} ({codec.upper()}, byte-order mark removed)"]

    check_text_bytes(data, origin)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass

    if _mostly_utf8(data) is not None or any(_is_utf8_non_ascii(line) for line in data.splitlines()):
        return _decode_lines(data)

    c1 = {b for b in data if 0x80 <= b <= 0x9F}
    if not c1:
        # cp1252 and ISO-8859-1 agree on every byte present: name the standard one.
        return data.decode("latin-1"), [
            "not UTF-8: decoded as ISO-8859-1 (latin-1; identical to cp1252 for these bytes)"
        ]
    if not c1 & _CP1252_UNDEFINED:
        return data.decode("cp1252"), ["not UTF-8: decoded as cp1252 (Windows-1252)"]
    return _tie_break(data, origin)


def _tie_break(data: bytes, origin: str | None) -> tuple[str, list[str]]:
    """Neither UTF-8 nor cp1252: ask charset-normalizer, else fall back to latin-1
    (which decodes any byte, so nothing is lost, only perhaps misnamed)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144]).best()
    except Exception:  # a guesser failing is no reason to refuse the file
        best = None
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return text, [f"not UTF-8: decoded as {best.encoding} (guessed by charset-normalizer)"]
    return data.decode("latin-1"), [
        "not UTF-8: decoded as ISO-8859-1 (latin-1); some characters may be wrong"
    ]


def _check_decoded(text: str, origin: str | None) -> None:
    """Binary checks for text decoded from a BOM-marked wide encoding."""
    if "\x00" in text:
        raise BinaryInput("NUL characters found: this is not text", origin=origin)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL_BYTES)
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInput(f"{controls} control characters found: this is not text", origin=origin)
