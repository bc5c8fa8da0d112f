"""Writing fetched HTTP exchanges to a gzip WARC file, so extraction can be re-run from it later."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from sourcier.errors import FetchError

# The body we hold has already been de-chunked by the HTTP client. Keeping "Transfer-Encoding:
# chunked" would make WARC readers try to de-chunk it again, so that header is left out.
# Content-Encoding is kept: the body is stored as it came on the wire (still gzip'd, if it was),
# and warcio's content_stream() undoes it.
_DROPPED_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the response to it, as sent and received."""

    url: str
    request_target: str
    request_headers: list[tuple[str, str]]
    http_version: str
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    date: datetime

    def header(self, name: str) -> str | None:
        """First response header called ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == wanted), None)


class UndecodableBody(Exception):
    """A body whose Content-Encoding cannot (or may not, being too big) be undone."""


def decoded_body(exchange: Exchange, limit: int) -> bytes:
    """The body with its Content-Encoding undone (WARCs keep it encoded, as received)."""
    coding = (exchange.header("content-encoding") or "identity").strip().lower()
    if coding == "identity":
        return exchange.body
    if coding in ("gzip", "x-gzip"):
        candidates = [16 + zlib.MAX_WBITS]
    elif coding == "deflate":
        candidates = [zlib.MAX_WBITS, -zlib.MAX_WBITS]  # servers send zlib or raw deflate alike
    else:
        raise UndecodableBody(f"unsupported Content-Encoding {coding!r}")
    for wbits in candidates:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(exchange.body, limit)
        except zlib.error:
            continue
        if inflater.unconsumed_tail:
            raise UndecodableBody(f"more than {limit} bytes once decompressed")
        return out
    raise UndecodableBody(f"corrupt {coding} body")


class WarcSink:
    """Appends ``request``/``response`` record pairs to a gzip WARC.

    The file is opened in append mode: a WARC is a sequence of independent gzip members, so
    successive runs can share one file, and a re-run never destroys what an earlier run (whose
    validators sit in the state file) archived.
    """

    def __init__(self, path: Path, *, software: str) -> None:
        self.path = path
        self.records_written = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fh: BinaryIO = open(path, "ab")  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise FetchError(f"cannot open the WARC file for writing: {exc.strerror}", origin=str(path)) from exc
        self._writer = WARCWriter(self._fh, gzip=True)
        info = {"software": software, "format": "WARC File Format 1.0", "description": "sourcier fetch"}
        self._write(self._writer.create_warcinfo_record(path.name, info))

    def write_exchange(self, exchange: Exchange) -> None:
        """Write the request and response records of ``exchange`` (linked by WARC-Concurrent-To)."""
        date = datetime_to_iso_date(exchange.date.astimezone(timezone.utc).replace(tzinfo=None))
        protocol = exchange.http_version if exchange.http_version.startswith("HTTP/") else "HTTP/1.1"
        response_headers = StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(),
            [(k, v) for k, v in exchange.response_headers if k.lower() not in _DROPPED_HEADERS],
            protocol=protocol,
        )
        response = self._writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            http_headers=response_headers, warc_headers_dict={"WARC-Date": date},
        )
        request_headers = StatusAndHeaders(
            f"GET {exchange.request_target} {protocol}", list(exchange.request_headers),
            protocol=protocol, is_http_request=True,
        )
        request = self._writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(b""), length=0,
            http_headers=request_headers, warc_headers_dict={"WARC-Date": date},
        )
        try:
            self._writer.write_request_response_pair(request, response)
        except OSError as exc:
            raise FetchError(f"cannot write to the WARC file: {exc.strerror}", origin=str(self.path)) from exc
        self.records_written += 2

    def _write(self, record: object) -> None:
        try:
            self._writer.write_record(record)
        except OSError as exc:
            raise FetchError(f"cannot write to the WARC file: {exc.strerror}", origin=str(self.path)) from exc
        self.records_written += 1

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> WarcSink:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

