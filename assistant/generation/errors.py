"""Errors of the generation backends (own module so that backends and generators can both raise them)."""

from __future__ import annotations


class BackendError(RuntimeError):
    """A backend cannot be created or reached; the message names the backend and the setting to fix."""

    def __init__(self, message: str, *, backend: str | None = None, kind: str = "error") -> None:
        super().__init__(message)
        self.backend = backend
        # connection | timeout | auth | not_found | http_4xx | http_5xx | malformed | config | unknown (no such
        # backend: the request's fault, not the server's) | error
        self.kind = kind
