"""Feedback (👍/👎) store: one SQLite file in WAL mode under ``settings.data_dir``.

Every write is committed before the request returns (``synchronous=FULL``), so feedback survives a
restart or a crash of the service.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FEEDBACK_FILE = "feedback.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT    NOT NULL,
    question    TEXT    NOT NULL,
    answer      TEXT    NOT NULL,
    helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment     TEXT,
    district    TEXT,
    backend     TEXT,
    citations   TEXT    NOT NULL DEFAULT '[]'
)
"""

CSV_COLUMNS = ("id", "created_at", "helpful", "question", "answer", "comment", "district", "backend", "citations")
# A cell starting with one of these is a formula in spreadsheet software (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

log = logging.getLogger(__name__)


def csv_safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (a leading space does not hide one)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value



def csv_pages(fetch: Callable[[int, int], list[Any]], batch: int = 500) -> Iterator[str]:
    """CSV of the feedback rows (UTF-8 BOM and header first), page by page: ``fetch(last_id, n)`` returns the next
    ``n`` rows after ``last_id`` in id order (keyset pagination, so memory stays flat)."""
    yield "\ufeff"
    buf = io.StringIO()
    csv.writer(buf).writerow(CSV_COLUMNS)
    yield buf.getvalue()
    last = 0
    while rows := fetch(last, batch):
        buf = io.StringIO()
        w = csv.writer(buf)
        for r in rows:
            w.writerow([csv_safe(v) for v in r])
        last = int(rows[-1][0])
        yield buf.getvalue()


class FeedbackFull(RuntimeError):
    """The feedback store reached its size limit; the message is for the user."""


class RateLimited(RuntimeError):
    """Too many feedback submissions from one client (or in total) in the last minute."""


class RateLimiter:
    """Sliding one-minute windows: per client and in total. Memory is bounded by the number of clients seen
    in the last minute (old entries are dropped on every call)."""

    def __init__(self, per_client: int = 20, total: int = 300, window_s: float = 60.0) -> None:
        self.per_client, self.total, self.window_s = per_client, total, window_s
        self._hits: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            cutoff = now - self.window_s
            while self._all and self._all[0] < cutoff:
                self._all.popleft()
            for key in [k for k, q in self._hits.items() if not q or q[-1] < cutoff]:
                del self._hits[key]
            mine = self._hits.setdefault(client, deque())
            while mine and mine[0] < cutoff:
                mine.popleft()
            if len(mine) >= self.per_client or len(self._all) >= self.total:
                raise RateLimited("Bạn gửi phản hồi quá nhiều trong một phút. Vui lòng thử lại sau ít phút.")
            mine.append(now)
            self._all.append(now)


class FeedbackStore:
    """Thread-safe append/export over one SQLite connection (writes are tiny and rare).

    Bounded: at most ``max_bytes`` on disk (default 200 MB); past it new feedback is refused, stored rows stay.
    """

    def __init__(self, path: Path, max_bytes: int = 200_000_000) -> None:
        self.max_bytes = max_bytes
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Endpoints run in the threadpool: one connection shared under a lock.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.execute(_SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> FeedbackStore:
        return cls(Path(data_dir) / FEEDBACK_FILE)

    def journal_mode(self) -> str:
        with self._lock:
            return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    def add(
        self,
        *,
        question: str,
        answer: str,
        helpful: bool,
        comment: str | None = None,
        district: str | None = None,
        backend: str | None = None,
        citations: list[str] | None = None,
    ) -> int:
        """Store one feedback row; returns its id (:class:`FeedbackFull` past the size limit)."""
        if self.size_bytes() > self.max_bytes:
            raise FeedbackFull("Kho phản hồi đã đầy; quản trị viên cần xuất và dọn phản hồi cũ. Phản hồi chưa được ghi.")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                cur = self._db.execute(
                    "INSERT INTO feedback (created_at, question, answer, helpful, comment, district, backend, citations)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (now, question, answer, int(helpful), comment, district, backend,
                     json.dumps(citations or [], ensure_ascii=False)),
                )
            except sqlite3.OperationalError as e:
                # The disk itself is full (SQLITE_FULL): the row is not written, the stored ones are intact.
                if getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(e):
                    log.error("Không ghi được phản hồi: %s (%s)", e, self.path)
                    raise FeedbackFull("Đĩa dữ liệu của máy chủ đã đầy; phản hồi chưa được ghi. "
                                       "Hãy báo quản trị viên.") from e
                raise
            return int(cur.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._db.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id")
            return [dict(zip(CSV_COLUMNS, r, strict=True)) for r in cur.fetchall()]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())

    def export_csv(self) -> str:
        """All feedback as CSV (UTF-8 BOM first, so spreadsheet software reads Vietnamese correctly)."""
        return "".join(self.iter_csv())

    def iter_csv(self, batch: int = 500) -> Iterator[str]:
        """The CSV export piece by piece, read in batches through its own connection: memory stays flat
        however large the store is, and writers are not blocked meanwhile (WAL)."""
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            yield from csv_pages(lambda last, n: db.execute(
                f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback WHERE id > ? ORDER BY id LIMIT ?", (last, n)
            ).fetchall(), batch)
        finally:
            db.close()

    def close(self) -> None:
        with self._lock:
            self._db.close()
