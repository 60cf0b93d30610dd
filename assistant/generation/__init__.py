"""Answer generators behind one seam (see :mod:`assistant.generation.base`)."""

from assistant.generation.base import REFUSAL, Generation, Generator

__all__ = ["REFUSAL", "Generation", "Generator"]
