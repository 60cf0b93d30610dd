"""Feedback and the question audit log in the shared PostgreSQL store (``ASSISTANT_STORE=postgresql://…``).

``PgFeedbackStore`` has the interface of the SQLite :class:`~assistant.api.feedback.FeedbackStore`, so the
routes do not know which one they write to. ``AuditLog`` records every answered question (question, answer,
citations, backend, timings, replica, index version); ``ASSISTANT_AUDIT_LOG=false`` turns it off and rows
older than ``ASSISTANT_AUDIT_RETENTION_DAYS`` are deleted.

Example::

    >>> feedback = PgFeedbackStore(PgStore(url))
    >>> feedback.add(question="…", answer="…", helpful=True)
    1
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from assistant.api.feedback import CSV_COLUMNS, FeedbackFull, FeedbackStore, csv_pages
from assistant.config import Settings
from assistant.pgstore import PgStore, is_postgres, replica_name

log = logging.getLogger(__name__)


class _Connection:
    """One connection shared under a lock, opened again once when the server dropped it (a restart, a failover):
    a replica outlives its database's restarts without being restarted itself."""

    def __init__(self, pg: PgStore) -> None:
        self.pg = pg
        self._conn = pg.connect(autocommit=True)
        self._lock = threading.Lock()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        import psycopg

        with self._lock:
            try:
                return self._conn.execute(sql, params)
            except psycopg.OperationalError:
                if not (self._conn.closed or self._conn.broken):
                    raise
                log.warning("Mất kết nối PostgreSQL; kết nối lại.")
                self._conn = self.pg.connect(autocommit=True)
                return self._conn.execute(sql, params)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PgFeedbackStore:
    """Feedback rows in PostgreSQL; bounded by row count (the database's size is the operator's to watch)."""

    def __init__(self, pg: PgStore, max_rows: int = 2_000_000) -> None:
        self.pg = pg
        self.max_rows = max_rows
        self._db = _Connection(pg)

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
        """Store one feedback row; returns its id (:class:`FeedbackFull` past the row limit)."""
        if self.count() >= self.max_rows:
            raise FeedbackFull("Kho phản hồi đã đầy; quản trị viên cần xuất và dọn phản hồi cũ. Phản hồi chưa được ghi.")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        row = self._db.execute(
            "INSERT INTO feedback (created_at, question, answer, helpful, comment, district, backend, citations)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (now, question, answer, int(helpful), comment, district, backend,
             json.dumps(citations or [], ensure_ascii=False)),
        ).fetchone()
        return int(row[0])

    def rows(self) -> list[dict[str, Any]]:
        cur = self._db.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id")
        return [dict(zip(CSV_COLUMNS, r, strict=True)) for r in cur.fetchall()]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM feedback").fetchone()[0])

    def iter_csv(self, batch: int = 500) -> Iterator[str]:
        """The CSV export in batches through its own connection: memory stays flat however many rows there are."""
        with self.pg.connect(autocommit=True) as conn:
            yield from csv_pages(lambda last, n: conn.execute(
                f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback WHERE id > %s ORDER BY id LIMIT %s", (last, n)
            ).fetchall(), batch)

    def export_csv(self) -> str:
        return "".join(self.iter_csv())

    def close(self) -> None:
        self._db.close()


class AuditLog:
    """Who asked what, answered how, from which index version (PostgreSQL store only)."""

    def __init__(self, pg: PgStore, retention_days: int = 90) -> None:
        self.pg = pg
        self.retention_days = retention_days
        self.replica = replica_name()
        self._db = _Connection(pg)
        self._written = 0
        self.prune()

    def record(self, result: dict[str, Any], *, question: str, district: str | None, index_version: int | None,
               timings: dict[str, float]) -> None:
        """Append one answered question; a failure is logged, never shown to the person asking."""
        citations = [
            {"doc_id": c.get("doc_id"), "start": c.get("start"), "end": c.get("end"), "spans": c.get("spans", [])}
            for c in result.get("citations", [])
        ]
        try:
            self._db.execute(
                "INSERT INTO audit_log (replica, index_version, question, district, backend, answer, refused,"
                " citations, timings) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (self.replica, index_version, question, district, result.get("backend"), result.get("answer", ""),
                 bool(result.get("refused")), json.dumps(citations, ensure_ascii=False), json.dumps(timings)),
            )
            self._written += 1
            if self._written % 1000 == 0:
                self.prune()
        except Exception:  # noqa: BLE001 - the answer was given; a lost audit row is an operator matter
            log.exception("Không ghi được nhật ký câu hỏi vào PostgreSQL.")

    def prune(self) -> int:
        """Delete rows older than the retention period; returns how many went."""
        cur = self._db.execute(
            "DELETE FROM audit_log WHERE created_at < now() - make_interval(days => %s)", (self.retention_days,)
        )
        return int(cur.rowcount or 0)

    def rows(self, limit: int = 100) -> list[dict[str, Any]]:
        cur = self._db.execute(
            "SELECT id, created_at, replica, index_version, question, district, backend, answer, refused,"
            " citations, timings FROM audit_log ORDER BY id DESC LIMIT %s", (limit,)
        )
        names = [d.name for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def close(self) -> None:
        self._db.close()


def open_feedback(settings: Settings) -> FeedbackStore | PgFeedbackStore:
    """The feedback store of the configured store: SQLite under data_dir, or the PostgreSQL table."""
    if is_postgres(settings.store):
        return PgFeedbackStore(PgStore(settings.store))
    return FeedbackStore.in_dir(settings.data_dir)


def open_audit(settings: Settings) -> AuditLog | None:
    """The audit log (PostgreSQL store with ASSISTANT_AUDIT_LOG on), else None."""
    if is_postgres(settings.store) and settings.audit_log:
        return AuditLog(PgStore(settings.store), settings.audit_retention_days)
    return None
