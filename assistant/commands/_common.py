"""Helpers shared by CLI commands: settings with CLI overrides, progress bars, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from assistant.config import Settings, load_settings

if TYPE_CHECKING:
    from assistant.trainers.data import TrainerData


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """Environment settings, overridden by whatever CLI options were given."""
    from assistant.pgstore import attach

    overrides: dict[str, object] = {k: v for k, v in extra.items() if v is not None}
    # With a PostgreSQL store the corpus and index folders are this replica's copy of the current version.
    return attach(load_settings(**overrides), notify=notify)


def progress_bar(desc: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr driven by (done, total) callbacks; returns (update, close)."""
    bar: dict[str, tqdm] = {}

    def update(done: int, total: int) -> None:
        if "b" not in bar:
            bar["b"] = tqdm(total=total, desc=desc, unit="đoạn", file=sys.stderr, dynamic_ncols=True)
        b = bar["b"]
        b.total = total
        b.n = done
        b.refresh()

    def close() -> None:
        if "b" in bar:
            bar["b"].close()

    return update, close


def notify(msg: str) -> None:
    print(msg, file=sys.stderr)


def print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def trainer_data(settings: Settings) -> TrainerData:
    """The plans' targets and assignments: from the index's plan model when the index is current
    (nothing extracted again), else extracted from the corpus folder by the same code."""
    from assistant.embeddings import model_id_of
    from assistant.pipeline import index_status, open_embedder
    from assistant.store import IndexUnavailable, load_index
    from assistant.trainers.data import from_corpus, from_store

    try:
        fresh, _ = index_status(settings, model_id_of(open_embedder(settings)))
        if fresh:
            return from_store(load_index(settings.index_dir), settings.corpus_dir)
    except (IndexUnavailable, OSError, ValueError):
        pass
    return from_corpus(settings.corpus_dir)
