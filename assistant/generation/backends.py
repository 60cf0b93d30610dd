"""Backend registry: maps a backend name (``ASSISTANT_BACKEND``, ``--backend``) to a generator."""

from __future__ import annotations

from assistant.config import Settings
from assistant.generation.base import Generator

KNOWN_BACKENDS = ("extractive",)


class BackendError(RuntimeError):
    """A backend cannot be created or reached; the message names the backend and the setting to fix."""


def make_backend(name: str, settings: Settings, extractive: Generator) -> Generator:
    """Create the generator for ``name``."""
    key = name.strip().lower()
    if key == "extractive":
        return extractive
    raise BackendError(
        f"Không có backend '{name}'. Các backend: {', '.join(KNOWN_BACKENDS)} (ASSISTANT_BACKEND / --backend)."
    )
