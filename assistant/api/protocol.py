"""uvicorn's HTTP/1.1 protocol with a deadline for request headers.

uvicorn times out idle keep-alive connections, but any byte resets that timer, and a new connection has no
timer at all: a client sending its headers one byte every few seconds holds the connection forever. Here
the headers of each request must arrive within ``header_timeout_s`` (the body has its own deadline in the
app's middleware); past it the client gets a 408 and the connection is closed.

Example::

    uvicorn.run(app, http=with_header_deadline(30.0))
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_REPLY = (
    "HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
    "content-length: {n}\r\n\r\n{body}"
)


class HeaderDeadlineProtocol(H11Protocol):
    """H11Protocol that closes a connection whose request headers do not arrive in time."""

    header_timeout_s = 30.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._waiting_for = self.cycle
        self._deadline: asyncio.TimerHandle | None = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def handle_events(self) -> None:
        super().handle_events()
        if self._deadline is not None and self.cycle is not self._waiting_for:
            self._deadline.cancel()  # a request's headers are in: the app (and its body deadline) takes over
            self._deadline = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._deadline is None:
            self._waiting_for = self.cycle
            self._deadline = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.cycle is not self._waiting_for:
            return
        body = "Yêu cầu gửi đến quá chậm; hãy gửi lại.".encode()
        self.transport.write(_TIMEOUT_REPLY.format(n=len(body), body="").encode() + body)
        self.transport.close()


def with_header_deadline(seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class for uvicorn's ``http=`` with this deadline for request headers."""
    if not seconds > 0:
        raise ValueError("the header deadline must be positive")
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout_s": float(seconds)})
