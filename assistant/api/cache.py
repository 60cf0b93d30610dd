"""A bounded in-memory cache of answers, for backends whose answer is a pure function of the request.

Officials ask the same questions again and again (the example questions, the same training topics). With
the extractive backend an answer depends only on (question, district, top_k, history) and the index the
process loaded at start-up, so a repeated question can skip the query embedding (~30 ms of CPU, serialised
in the embedder) and be answered in well under a millisecond. LLM answers are not cached: they are not
deterministic and a user who asks again may want a new one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

# Backends whose output is deterministic for a given request and index.
DETERMINISTIC_BACKENDS = frozenset({"extractive"})


class LRUCache(Generic[V]):
    """Thread-safe LRU map with a fixed number of entries (0 = disabled); counts hits and misses."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max(0, int(max_entries))
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> V | None:
        if not self.max_entries:
            return None
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: V) -> None:
        if not self.max_entries:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (the index behind them was replaced)."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._data), "max_entries": self.max_entries, "hits": self.hits, "misses": self.misses}
