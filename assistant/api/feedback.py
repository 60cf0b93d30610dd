"""Feedback (👍/👎) store: one SQLite file in WAL mode under ``settings.data_dir``.

Every write is committed before the request returns (``synchronous=FULL``), so feedback survives a
restart or a crash of the service.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
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


def csv_safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (a leading space does not hide one)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


_csv_safe = csv_safe


class FeedbackStore:
    """Thread-safe append/export over one SQLite connection (writes are tiny and rare)."""

    def __init__(self, path: Path) -> None:
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
        """Store one feedback row; returns its id."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO feedback (created_at, question, answer, helpful, comment, district, backend, citations)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, question, answer, int(helpful), comment, district, backend,
                 json.dumps(citations or [], ensure_ascii=False)),
            )
            return int(cur.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._db.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id")
            return [dict(zip(CSV_COLUMNS, r, strict=True)) for r in cur.fetchall()]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def export_csv(self) -> str:
        """All feedback as CSV (UTF-8 BOM first, so spreadsheet software reads Vietnamese correctly)."""
        buf = io.StringIO()
        buf.write("\ufeff")
        w = csv.writer(buf)
        w.writerow(CSV_COLUMNS)
        for row in self.rows():
            w.writerow([_csv_safe(row[c]) for c in CSV_COLUMNS])
        return buf.getvalue()

    def close(self) -> None:
        with self._lock:
            self._db.close()
