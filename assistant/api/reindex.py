"""Building a new index while the service keeps answering from the old one, then switching to it.

One build at a time per service; its progress (chunks embedded of all) is readable while it runs, for the
documents admin view and for ``/healthz``. A failed build leaves the previous index answering.

Example::

    >>> job = start_reindex(app, settings)       # returns at once
    >>> job.snapshot()
    {'state': 'running', 'done': 12, 'total': 180, 'message': 'Đang nhúng đoạn văn…'}
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Settings

log = logging.getLogger("assistant.reindex")


@dataclass
class ReindexJob:
    state: str = "running"  # running | done | failed
    done: int = 0
    total: int = 0
    message: str = "Đang chuẩn bị xây chỉ mục…"
    again: bool = False  # the corpus changed again while this build ran: build once more after it
    started: float = field(default_factory=time.time)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def progress(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
            self.message = f"Đang nhúng đoạn văn: {done}/{total}"

    def finish(self, state: str, message: str) -> None:
        with self.lock:
            self.state, self.message = state, message

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"state": self.state, "done": self.done, "total": self.total, "message": self.message,
                    "seconds": round(time.time() - self.started, 1)}


def rebuild(app: Any, settings: Settings, job: ReindexJob | None = None) -> None:
    """Build the index of the current corpus and switch the service to it (answer cache emptied)."""
    from assistant.pipeline import Assistant

    job = job or ReindexJob()
    app.state.rebuilding = True
    _switching.acquire()  # a version arriving from the shared store waits for this build (and vice versa)
    try:
        while True:
            job.again = False
            fresh = Assistant.from_settings(settings, progress=job.progress, notify=lambda m: log.warning("%s", m))
            docs = fresh.documents()
            if not job.again:
                break
    except Exception as e:  # noqa: BLE001 - the old index keeps answering; the operator sees why
        log.exception("Xây chỉ mục mới thất bại; vẫn trả lời từ chỉ mục cũ.")
        job.finish("failed", f"Xây chỉ mục thất bại ({e}); vẫn trả lời từ chỉ mục cũ.")
        return
    finally:
        app.state.rebuilding = False
        _switching.release()
    app.state.assistant = fresh
    app.state.docs = docs
    app.state.corpus_watch = None
    app.state.answer_cache.clear()
    job.finish("done", f"Đã chuyển sang chỉ mục mới: {len(fresh.store.manifest.documents)} văn bản, "
                       f"{len(fresh.store.chunks)} đoạn.")
    log.warning("%s", job.message)


_switching = threading.Lock()


def follow_store(app: Any, settings: Settings) -> threading.Event:
    """PostgreSQL store: poll the current version every ``store_poll_s`` and switch to a new one when another
    replica published it (the old index answers until the new one is loaded). Set the returned event to stop."""
    from assistant.pgstore import PgStore, loaded_version, replica_dirs
    from assistant.pipeline import Assistant

    stop = threading.Event()
    pg = PgStore(settings.store)

    def loop() -> None:
        while not stop.wait(settings.store_poll_s):
            try:
                latest = pg.current_version()
                current = app.state.assistant
                if latest is None or current is None or latest == loaded_version(current.store.path):
                    continue
                with _switching:
                    if latest == loaded_version(current.store.path):
                        continue
                    pg.materialize(latest, *replica_dirs(settings))
                    fresh = Assistant.from_settings(current.settings, build_if_needed=False)
                    app.state.assistant = fresh
                    app.state.docs = fresh.documents()
                    app.state.corpus_watch = None
                    app.state.answer_cache.clear()
                log.warning("Đã chuyển sang phiên bản chỉ mục %s từ cơ sở dữ liệu.", latest)
            except Exception:  # noqa: BLE001 - the database may be briefly away; keep serving, try again
                log.exception("Không theo được phiên bản chỉ mục trong PostgreSQL; vẫn trả lời từ bản đang có.")

    threading.Thread(target=loop, name="store-follower", daemon=True).start()
    return stop


def start_reindex(app: Any, settings: Settings) -> ReindexJob:
    """Start a background rebuild unless one is running (then that one is returned)."""
    current: ReindexJob | None = getattr(app.state, "reindex_job", None)
    if current is not None and current.state == "running":
        current.again = True
        return current
    job = ReindexJob()
    app.state.reindex_job = job
    threading.Thread(target=rebuild, args=(app, settings, job), name="index-rebuild", daemon=True).start()
    return job
