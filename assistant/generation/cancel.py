"""Cancelling a model call whose answer nobody will read.

The API sets :data:`CANCELLED` to an event for each streamed answer and sets the event when the stream ends
before its answer (the page's "Dừng", a closed tab). A model call in progress sees it, through contextvars
copied into the worker threads that step the answer, and stops within ``CANCEL_POLL_S`` seconds with
:class:`LLMCancelled`, instead of holding its worker until the model's first (or next) piece arrives.

Example::

    >>> stop = threading.Event()
    >>> CANCELLED.set(stop)   # in the request's context, before the answer is started
    >>> stop.set()            # the client went away
"""

from __future__ import annotations

import threading
from contextvars import ContextVar

CANCELLED: ContextVar[threading.Event | None] = ContextVar("assistant_llm_cancelled", default=None)
CANCEL_POLL_S = 0.2


class LLMCancelled(Exception):
    """The caller cancelled the model call (a closed stream); not a failure of the model."""
