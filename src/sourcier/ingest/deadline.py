"""A wall-clock deadline over a whole HTTP request, headers and body included.

httpx's timeouts bound each socket operation: a server that sends one byte every few seconds
never trips the read timeout and can hold a request for ever. Here every socket operation of
the request waits at most until the request's deadline, whatever it is waiting for (connection,
TLS handshake, status line, headers, body), so a trickling server is cut off on time.

    deadline = RequestDeadline()
    client = httpx.Client(transport=deadline_transport(deadline))
    with deadline.running(120):
        client.get(url)            # raises an httpx.TimeoutException past 120 s; deadline.expired is set
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import httpcore
import httpx

T = TypeVar("T")


class RequestDeadline:
    """The deadline of the request in flight (None between requests); ``expired`` says whether
    the last request was stopped by it rather than by an ordinary timeout."""

    def __init__(self) -> None:
        self._at: float | None = None
        self.expired = False

    @contextmanager
    def running(self, seconds: float) -> Iterator[None]:
        self._at = time.monotonic() + seconds
        self.expired = False
        try:
            yield
        finally:
            self._at = None

    def bound(self, operation: Callable[[float | None], T], timeout: float | None,
              timeout_error: type[Exception]) -> T:
        """Run ``operation(timeout)`` with the timeout shortened to what is left of the deadline."""
        if self._at is None:
            return operation(timeout)
        left = self._at - time.monotonic()
        if left <= 0:
            self.expired = True
            raise timeout_error("the request's total deadline has passed")
        if timeout is not None and timeout <= left:
            return operation(timeout)
        try:
            return operation(left)
        except timeout_error:
            self.expired = True
            raise


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: RequestDeadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._deadline.bound(lambda t: self._inner.read(max_bytes, t), timeout, httpcore.ReadTimeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._deadline.bound(lambda t: self._inner.write(buffer, t), timeout, httpcore.WriteTimeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._deadline.bound(lambda t: self._inner.start_tls(ssl_context, server_hostname, t),
                                   timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def __init__(self, deadline: RequestDeadline) -> None:
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._deadline.bound(
            lambda t: super(_DeadlineBackend, self).connect_tcp(host, port, t, local_address, socket_options),
            timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(stream, self._deadline)


def deadline_transport(deadline: RequestDeadline) -> httpx.HTTPTransport:
    """httpx's usual transport, its sockets bounded by ``deadline``."""
    transport = httpx.HTTPTransport()
    # httpx has no public way to choose httpcore's network backend; its pool reads this attribute
    # for every new connection (httpx 0.28 / httpcore 1.0, pinned). test_fetch's slow-drip test
    # fails if that ever changes.
    transport._pool._network_backend = _DeadlineBackend(deadline)  # noqa: SLF001
    return transport
