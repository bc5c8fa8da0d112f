"""Reading a WARC file record by record, each one checked for completeness.

A WARC is a sequence of records, each a header naming its ``Content-Length``, that many
bytes of block, then a blank line; a ``.warc.gz`` compresses each record as a gzip member of
its own. A crawl killed mid-write leaves a record torn (its member cut short, or its block
shorter than announced), and ``sourcier fetch`` appends the next run's records right after
it. A torn record must be reported, never stored as the article it started (a truncated page
is a short article that would then block the complete one as already known), and the
records after it must still be read: on damage, reading resumes at the next place where a
record (or a gzip member) starts. A record is complete when its block has the announced
length, is followed by its blank line, and matches its ``WARC-Block-Digest`` when it has one
(a plain WARC has no other checksum; a gzip member has its CRC too).

:func:`iter_records` yields each complete record's bytes, uncompressed (header, block and
the blank line after it, ready for warcio), or an :class:`~sourcier.errors.InputError`
naming the byte offset at fault. Records larger than :data:`MAX_RECORD_BYTES` are not held
in memory: their first bytes come as an :class:`Oversized` for the caller to judge.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from sourcier.errors import InputError, MalformedInput
from sourcier.ingest.document import MAX_HTML_BYTES

#: Largest record read into memory: an HTML page at its limit plus its HTTP headers.
MAX_RECORD_BYTES = MAX_HTML_BYTES + (1 << 20)
_MAX_HEADER_BYTES = 1 << 16
_HEAD_BYTES = 1 << 16  # what is kept of an oversized record, enough for its HTTP headers
_CHUNK = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"
# Anywhere, not only at a line start: a run appends its records right after a torn one.
_RECORD_START = re.compile(rb"WARC/1\.\d\r?\n")
_CONTENT_LENGTH = re.compile(rb"\ncontent-length:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
_TERMINATOR = b"\r\n\r\n"
_BLOCK_DIGEST = re.compile(rb"warc-block-digest:[ \t]*([a-z0-9]+):([A-Za-z0-9=]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Oversized:
    """A complete record too large to hold: its offset and its first bytes."""

    offset: int
    head: bytes


Item = bytes | Oversized | InputError


def iter_records(stream: IO[bytes], name: str, *, compressed: bool) -> Iterator[Item]:
    """Every record of a WARC stream, complete, or an error for each damaged stretch."""
    if compressed:
        yield from _gzip_records(stream, name)
    else:
        yield from _plain_records(_Counted(stream), name, resync=True)


def describe(data: bytes, limit: int = 60) -> str:
    """Bytes shown in a message: escaped, never raw binary on a terminal."""
    return ascii(data[:limit].decode("latin-1"))


class _Counted:
    """A binary stream that knows its position, seekable or not (standard input)."""

    def __init__(self, stream: IO[bytes], position: int = 0) -> None:
        self.stream = stream
        self.position = position
        self.seekable = _seekable(stream)

    def read(self, n: int) -> bytes:
        data = self.stream.read(n)
        self.position += len(data)
        return data

    def readline(self, limit: int) -> bytes:
        line = self.stream.readline(limit)
        self.position += len(line)
        return line

    def seek(self, position: int) -> None:
        self.stream.seek(position)
        self.position = position


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError, OSError):
        return False


# --------------------------------------------------------------------------- uncompressed


def _plain_records(stream: _Counted, name: str, *, resync: bool) -> Iterator[Item]:
    """Records of an uncompressed stream; ``resync``: after damage, look for the next record."""
    while True:
        start = stream.position
        header = _read_header(stream)
        if header is None:
            return
        length = _content_length(header)
        if length is None:
            yield MalformedInput(f"no WARC record at byte {start} (found {describe(header)})", origin=name)
        else:
            item = _block(stream, header, length, start, name)
            yield item
            if not isinstance(item, InputError):
                continue
        if not resync or not stream.seekable or not _seek_next_record(stream, start + 1):
            return


def _read_header(stream: _Counted) -> bytes | None:
    """A record's header up to its blank line (blank lines before it skipped); None at the end."""
    lines: list[bytes] = []
    size = 0
    while size <= _MAX_HEADER_BYTES:
        line = stream.readline(_MAX_HEADER_BYTES)
        if not line:
            return b"".join(lines) if lines else None
        if line.strip() == b"":
            if lines:
                return b"".join(lines) + line
            continue
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def _content_length(header: bytes) -> int | None:
    if not header.startswith(b"WARC/") or _RECORD_START.search(header, 1):
        return None  # not a record, or a torn header run into the next record's
    found = _CONTENT_LENGTH.search(header)
    return int(found.group(1)) if found else None


def _block(stream: _Counted, header: bytes, length: int, start: int, name: str) -> Item:
    """The record whose header was just read: complete, oversized, or an error if cut short."""
    if length <= MAX_RECORD_BYTES:
        block = stream.read(length)
        got = len(block)
    else:
        block = stream.read(_HEAD_BYTES)
        got = len(block) + _skip(stream, length - len(block))
    if got < length:
        return MalformedInput(
            f"truncated WARC record at byte {start}: {got:,} of its {length:,} bytes; not read", origin=name
        )
    end = stream.read(len(_TERMINATOR))
    if end.strip() != b"":
        return MalformedInput(
            f"damaged WARC record at byte {start}: its {length:,} bytes run into {describe(end)} "
            "(a torn record, or a wrong Content-Length); not read",
            origin=name,
        )
    if length > MAX_RECORD_BYTES:
        return Oversized(start, header + block)
    if not _digest_matches(header, block):
        return MalformedInput(
            f"damaged WARC record at byte {start}: its content does not match its WARC-Block-Digest "
            "(a torn record, or changed bytes); not read",
            origin=name,
        )
    return header + block + _TERMINATOR


def _digest_matches(header: bytes, block: bytes) -> bool:
    """Whether the block has the digest its header states (True when it states none we know)."""
    found = _BLOCK_DIGEST.search(header)
    if found is None:
        return True
    algorithm, stated = found.group(1).decode().lower(), found.group(2).decode()
    if algorithm not in ("sha1", "sha256", "md5"):
        return True
    digest = hashlib.new(algorithm, block).digest()
    return stated in (base64.b32encode(digest).decode(), digest.hex(), base64.b32encode(digest).decode().lower())


def _skip(stream: _Counted, n: int) -> int:
    skipped = 0
    while skipped < n and (data := stream.read(min(_CHUNK, n - skipped))):
        skipped += len(data)
    return skipped


def _seek_next_record(stream: _Counted, position: int) -> bool:
    """Move to the next "WARC/1.x" line at or after ``position``; False if there is none."""
    carry = b""
    stream.seek(position)
    while data := stream.read(_CHUNK):
        window = carry + data
        found = _RECORD_START.search(window)
        if found:
            stream.seek(stream.position - len(window) + found.start())
            return True
        carry = window[-16:]
    return False


# --------------------------------------------------------------------------- gzip members


def _gzip_records(stream: IO[bytes], name: str) -> Iterator[Item]:
    """Records of a ``.warc.gz``, member by member. A member cut short or corrupt is
    reported once; reading resumes at the next member that decompresses whole."""
    position = 0
    resyncing = False
    seekable = _seekable(stream)
    pending = b""
    while True:
        member = _next_member(stream, pending, position)
        if member is None:
            return
        start, data, complete, pending, position = member
        if complete:
            resyncing = False
            yield from _member_records(data, start, name)
            continue
        if not resyncing:
            yield MalformedInput(
                f"truncated or corrupt gzip member (WARC record) at byte {start}; not read", origin=name
            )
        if not seekable:
            return
        found = _find_member(stream, start + 1)
        if found is None:
            return
        resyncing, pending, position = True, b"", found


def _next_member(
    stream: IO[bytes], pending: bytes, position: int
) -> tuple[int, bytes, bool, bytes, int] | None:
    """Decompress the member starting at ``position`` (``pending`` holds bytes already read
    from there). Returns (start, data, complete, bytes read past it, position past it);
    data beyond MAX_RECORD_BYTES is dropped (the record is then reported too large)."""
    data = pending or stream.read(_CHUNK)
    if not data:
        return None
    if not data.strip(b"\x00\r\n \t"):  # padding at the end of a file
        rest = stream.read(_CHUNK)
        return None if not rest else _next_member(stream, rest, position + len(data))
    start, read = position, len(data)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    try:
        while not inflater.eof:
            piece = inflater.decompress(data, _CHUNK)
            if len(out) <= MAX_RECORD_BYTES:
                out += piece
            data = inflater.unconsumed_tail
            if not data and not inflater.eof:
                data = stream.read(_CHUNK)
                read += len(data)
                if not data:
                    return start, bytes(out), False, b"", start + read
    except zlib.error:
        return start, bytes(out), False, b"", start + read
    rest = inflater.unused_data
    return start, bytes(out), True, rest, start + read - len(rest)


def _find_member(stream: IO[bytes], position: int) -> int | None:
    """The offset of the next gzip member header at or after ``position``."""
    stream.seek(position)
    carry = b""
    offset = position
    while data := stream.read(_CHUNK):
        window = carry + data
        found = window.find(_GZIP_MEMBER)
        if found >= 0:
            where = offset - len(carry) + found
            stream.seek(where)
            return where
        carry = window[-(len(_GZIP_MEMBER) - 1) :]
        offset += len(data)
    return None


def _member_records(data: bytes, start: int, name: str) -> Iterator[Item]:
    """The records inside one complete member (normally one), framed like a plain file."""
    if len(data) > MAX_RECORD_BYTES:
        yield Oversized(start, data[:_HEAD_BYTES])
        return
    for item in _plain_records(_Counted(io.BytesIO(data)), name, resync=False):
        if isinstance(item, InputError):
            yield MalformedInput(f"in the gzip member at byte {start}: {item.message}", origin=name)
        else:
            yield item
