"""Question answering with citations over Vietnamese district plans (Nghị quyết 42-NQ/TW)."""

__version__ = "0.1.0"
