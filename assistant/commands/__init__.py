"""CLI subcommands: every module here defines ``register(subparsers)``; ``assistant.cli`` finds them."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Import every command module of this package and let it add its parser."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
