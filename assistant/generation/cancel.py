"""Cancelling a model call whose answer nobody will read.

The API sets :data:`CANCELLED` to an event for each streamed answer and sets the event when the stream ends
before its answer (the page's "Dừng", a closed tab). A model call in progress sees it, through contextvars
copied into the worker threads that step the answer, and stops within ``CANCEL_POLL_S`` seconds with
:class:`LLMCancelled`, instead of holding its worker until the model's first (or next) piece arrives.

Stopping to wait is not enough: the worker thread stays blocked in a socket read and the model server keeps
generating for nobody. Each call therefore records the sockets it opened (:class:`CallSockets`, filled by
:func:`watch_sockets`, an httpx request hook) and a cancelled or overdue call shuts them down: the blocked
read ends at once and the server sees the client hang up (vLLM, Ollama and llama.cpp server then abort
the generation).

Example::

    >>> stop = threading.Event()
    >>> CANCELLED.set(stop)   # in the request's context, before the answer is started
    >>> stop.set()            # the client went away
"""

from __future__ import annotations

import logging
import socket
import threading
from contextvars import ContextVar
from typing import Any

log = logging.getLogger(__name__)

CANCELLED: ContextVar[threading.Event | None] = ContextVar("assistant_llm_cancelled", default=None)
CANCEL_POLL_S = 0.2


class LLMCancelled(Exception):
    """The caller cancelled the model call (a closed stream); not a failure of the model."""


class CallSockets:
    """The sockets one model call has open; :meth:`shut` cuts them (from any thread), and any socket the
    call opens afterwards is cut as soon as it is recorded."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._shut = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            if not self._shut:
                self._socks.append(sock)
                return
        _shutdown(sock)

    def shut(self) -> int:
        """Shut down every recorded socket; the number shut."""
        with self._lock:
            self._shut = True
            socks, self._socks = self._socks, []
        return sum(_shutdown(s) for s in socks)


def _shutdown(sock: socket.socket) -> bool:
    try:
        # shutdown, not close: the socket object stays valid for the thread blocked in recv, which gets EOF.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        return False  # already closed by the client library
    return True


CALL_SOCKETS: ContextVar[CallSockets | None] = ContextVar("assistant_llm_call_sockets", default=None)


def watch_sockets(request: Any) -> None:
    """httpx ``request`` event hook: record the socket each new connection of this call opens in the
    call's :class:`CallSockets` (through httpcore's ``trace`` extension, the public way to see it).

    Connections must not be reused between calls for this to see every socket (a pooled connection is
    opened by an earlier call): the client that uses this hook keeps no idle connections."""
    held = CALL_SOCKETS.get()
    if held is None:
        return
    previous = request.extensions.get("trace")

    def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith("connect_tcp.complete") or event.endswith("connect_unix_socket.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                held.add(sock)
        if previous is not None:
            previous(event, info)

    request.extensions = {**request.extensions, "trace": trace}
