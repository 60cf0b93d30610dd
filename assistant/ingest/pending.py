"""Plan files read on the admin page and waiting for the official to confirm them, kept on disk.

Reading a scan takes minutes; an upload waiting for review must survive a restart of the service. Each
pending upload is its file (``<upload_id>_<name>``) plus a JSON record of what was read from it
(``<upload_id>.json``: the text, the detected fields, the corrections so far), written atomically. At most
``limit`` wait; the oldest goes when a new one comes. A record that cannot be read is set aside
(``.json.bad``) with a warning, never silently dropped with its file.

Example::

    >>> pending = PendingUploads(data_dir / "uploads")
    >>> pending.put("3f2a9c", plan)       # after ``prepare``
    >>> pending.take("3f2a9c")            # confirmed: no longer pending
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from assistant.ingest.add import PreparedPlan
from assistant.ingest.formats import ExtractedText
from assistant.ingest.metadata import Detected

log = logging.getLogger(__name__)
RECORD_FORMAT = 1


def plan_to_dict(plan: PreparedPlan) -> dict[str, Any]:
    """A JSON-ready record of a prepared plan (its file is referenced by name, next to the record)."""
    return {
        "format": RECORD_FORMAT,
        "source": plan.source.name,
        "extracted": {"text": plan.extracted.text, "kind": plan.extracted.kind, "pages": plan.extracted.pages},
        "detected": {k: {"value": d.value, "line": d.line, "blank_in_text": d.blank_in_text} for k, d in plan.detected.items()},
        "fields": plan.fields,
        "doc_id": plan.doc_id,
        "duplicate_of": plan.duplicate_of,
        "missing": plan.missing,
    }


def plan_from_dict(d: dict[str, Any], folder: Path) -> PreparedPlan:
    """The prepared plan a record describes; ``KeyError``/``TypeError``/``ValueError`` when it is damaged."""
    if d.get("format") != RECORD_FORMAT:
        raise ValueError(f"record format {d.get('format')!r}")
    name = Path(str(d["source"])).name  # a record names a file in its own folder, nothing else
    e = d["extracted"]
    return PreparedPlan(
        source=folder / name,
        extracted=ExtractedText(str(e["text"]), str(e["kind"]), None if e["pages"] is None else int(e["pages"])),
        detected={str(k): Detected(str(v["value"]), str(v["line"]), bool(v["blank_in_text"])) for k, v in d["detected"].items()},
        fields={str(k): str(v) for k, v in d["fields"].items()},
        doc_id=str(d["doc_id"]),
        duplicate_of=None if d["duplicate_of"] is None else str(d["duplicate_of"]),
        missing=[str(x) for x in d["missing"]],
    )


class PendingUploads:
    """The uploads waiting for confirmation, in upload order, mirrored to ``folder``; thread-safe."""

    def __init__(self, folder: Path, limit: int = 20) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.folder = Path(folder)
        self.limit = limit
        self._lock = threading.Lock()
        self._plans: dict[str, PreparedPlan] = {}
        self._load()

    def _record(self, upload_id: str) -> Path:
        return self.folder / f"{upload_id}.json"

    def _load(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        records = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for record in records:
            try:
                plan = plan_from_dict(json.loads(record.read_text(encoding="utf-8")), self.folder)
                if not plan.source.is_file():
                    raise FileNotFoundError(plan.source.name)
            except (OSError, ValueError, KeyError, TypeError) as e:
                log.warning("pending upload %s unreadable (%s); set aside as %s.bad", record.name, e, record.name)
                os.replace(record, record.with_name(record.name + ".bad"))
                continue
            self._plans[record.stem] = plan
        kept = {p.source.name for p in self._plans.values()}
        for path in self.folder.iterdir():
            # A file whose reading never finished (the service stopped mid-upload) is not waiting for anyone.
            if path.is_file() and not path.name.endswith((".json", ".bad")) and path.name not in kept:
                path.unlink(missing_ok=True)
        while len(self._plans) > self.limit:
            self._drop(next(iter(self._plans)))

    def _drop(self, upload_id: str) -> PreparedPlan | None:
        plan = self._plans.pop(upload_id, None)
        self._record(upload_id).unlink(missing_ok=True)
        return plan

    def put(self, upload_id: str, plan: PreparedPlan) -> None:
        """Keep ``plan`` (its file already in ``folder``) until it is taken; the oldest goes beyond ``limit``."""
        tmp = self.folder / f".{upload_id}.json.tmp"
        tmp.write_text(json.dumps(plan_to_dict(plan), ensure_ascii=False), encoding="utf-8")
        with self._lock:
            os.replace(tmp, self._record(upload_id))
            self._plans.pop(upload_id, None)
            self._plans[upload_id] = plan
            while len(self._plans) > self.limit:
                old = self._drop(next(iter(self._plans)))
                if old is not None:
                    old.source.unlink(missing_ok=True)

    def take(self, upload_id: str) -> PreparedPlan | None:
        """The plan, no longer pending (its file stays until the caller is done with it); None if unknown."""
        with self._lock:
            return self._drop(upload_id)

    def discard(self, upload_id: str) -> bool:
        """Forget an upload and delete its file; False if unknown."""
        plan = self.take(upload_id)
        if plan is None:
            return False
        plan.source.unlink(missing_ok=True)
        return True

    def items(self) -> list[tuple[str, PreparedPlan]]:
        """The pending uploads, oldest first."""
        with self._lock:
            return list(self._plans.items())

    def __len__(self) -> int:
        return len(self._plans)
