"""What /healthz checks besides the loaded index: is the served index still the corpus's, is there room on disk.

Both checks are cheap in the steady state: the corpus is re-hashed only when a file's size or time changed,
and free space is one ``statvfs``.

Example::

    >>> watch = CorpusWatch(settings.corpus_dir, served_hash=assistant.store.manifest.corpus_hash)
    >>> watch.stale()          # [] while the corpus is the one the index was built from
    >>> disk_room(settings.data_dir, min_free_mb=50)
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from assistant.corpus import CorpusError, corpus_hash, load_corpus

MIN_FREE_MB = 50  # below this, feedback, answer logs and index builds would fail


class CorpusWatch:
    """Tells whether the corpus folder still matches the hash of the served index."""

    def __init__(self, corpus_dir: Path, served_hash: str) -> None:
        if not served_hash:
            raise ValueError("CorpusWatch needs the served index's corpus hash")
        self.corpus_dir = Path(corpus_dir)
        self.served_hash = served_hash
        self._signature: tuple[tuple[str, int, int], ...] | None = None
        self._reasons: list[str] = []
        self._lock = threading.Lock()

    def _stat(self) -> tuple[tuple[str, int, int], ...]:
        entries = []
        for p in sorted(self.corpus_dir.iterdir()):
            if p.is_file():
                st = p.stat()
                entries.append((p.name, st.st_mtime_ns, st.st_size))
        return tuple(entries)

    def stale(self) -> list[str]:
        """Why the served index no longer matches the corpus folder ([] when it does)."""
        with self._lock:
            try:
                signature = self._stat()
            except OSError as e:
                return [f"không đọc được thư mục kho văn bản: {e.strerror or e}"]
            if signature != self._signature:
                self._signature = signature
                try:
                    current = corpus_hash(load_corpus(self.corpus_dir))
                    self._reasons = [] if current == self.served_hash else [
                        "kho văn bản đã thay đổi sau lần lập chỉ mục: chạy `assistant index` rồi khởi động lại"
                    ]
                except CorpusError as e:
                    self._reasons = [f"kho văn bản có lỗi: {e}"]
            return list(self._reasons)


def disk_room(folder: Path, min_free_mb: int = MIN_FREE_MB) -> dict[str, object]:
    """Free space where the service writes (feedback, caches): ``{"free_mb", "ok"}``."""
    try:
        free = shutil.disk_usage(Path(folder)).free // (1024 * 1024)
    except OSError as e:
        return {"free_mb": None, "ok": False, "detail": f"không đọc được {folder}: {e.strerror or e}"}
    return {"free_mb": int(free), "ok": free >= min_free_mb, "min_free_mb": min_free_mb}
