"""Adding a plan file to the corpus and removing one: text and manifest entry written together, or not at all.

The extracted text is stored as ``corpus/<id>.txt`` (the canonical text citations point into); a Word or
PDF original is kept beside it in ``corpus/originals/`` for download. The manifest is rewritten through a
temporary file and checked by loading the whole corpus before it replaces the old one; on any failure the
files written are removed and the previous manifest stays. A removed plan is moved to
``corpus/removed/``, never deleted.

Example::

    >>> plan = prepare(Path("ke-hoach.docx"), corpus_dir, overrides={"province": "Kon Tum"})
    >>> plan.missing                      # required fields the text does not give
    []
    >>> commit(plan, corpus_dir)
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus import MANIFEST_NAME, CorpusError, load_corpus
from assistant.ingest.formats import ExtractedText, IngestError, extract_text
from assistant.ingest.metadata import FIELDS, Detected, detect_metadata, manifest_entry
from assistant.text import fold

REQUIRED = ("district", "province", "issuing_body", "title", "status")
ORIGINALS = "originals"
REMOVED = "removed"


@dataclass
class PreparedPlan:
    """A file read and its fields detected, not yet written to the corpus."""

    source: Path
    extracted: ExtractedText
    detected: dict[str, Detected]
    fields: dict[str, str]  # detected values with the user's corrections applied
    doc_id: str
    duplicate_of: str | None = None
    missing: list[str] = field(default_factory=list)


def _normalised_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _new_id(fields: dict[str, str], taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(fields.get("district") or "ke-hoach")).strip("-") or "ke-hoach"
    base = f"{base}-{fields['year']}" if fields.get("year") else base
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


def prepare(source: Path, corpus_dir: Path, overrides: dict[str, str] | None = None,
            max_bytes: int | None = None) -> PreparedPlan:
    """Read ``source``, detect its fields, apply ``overrides`` and check it against the corpus."""
    extracted = extract_text(source, max_bytes) if max_bytes else extract_text(source)
    detected = detect_metadata(extracted.text, source.name)
    fields = {k: d.value for k, d in detected.items()}
    unknown = sorted(set(overrides or {}) - set(FIELDS) - {"id"})
    if unknown:
        raise IngestError(f"Không có trường {', '.join(unknown)}; các trường: {', '.join(FIELDS)}.")
    fields.update({k: v for k, v in (overrides or {}).items() if v is not None})
    docs = load_corpus(corpus_dir)
    taken = {d.id for d in docs}
    doc_id = fields.pop("id", "") or _new_id(fields, taken)
    if doc_id in taken:
        raise IngestError(f"Mã văn bản '{doc_id}' đã có trong kho; hãy chọn mã khác (--set id=…).")
    digest = _normalised_hash(extracted.text)
    duplicate = next((d.id for d in docs if _normalised_hash(d.text) == digest), None)
    missing = [k for k in REQUIRED if not fields.get(k)]
    return PreparedPlan(source, extracted, detected, fields, doc_id, duplicate, missing)


def commit(plan: PreparedPlan, corpus_dir: Path) -> Path:
    """Write the plan's text, its original and its manifest entry; all or nothing. Returns the text file."""
    if plan.duplicate_of:
        raise IngestError(f"{plan.source.name}: cùng nội dung với văn bản '{plan.duplicate_of}' đã có; không thêm lần nữa.")
    if plan.missing:
        raise IngestError(f"{plan.source.name}: chưa có {', '.join(plan.missing)}; hãy nhập (--set trường=giá trị).")
    manifest = corpus_dir / MANIFEST_NAME
    text_file = corpus_dir / f"{plan.doc_id}.txt"
    original = corpus_dir / ORIGINALS / f"{plan.doc_id}{plan.source.suffix.lower()}"
    if text_file.exists():
        raise IngestError(f"Đã có tệp {text_file.name} trong kho; hãy chọn mã khác (--set id=…).")
    before = manifest.read_text(encoding="utf-8")
    written: list[Path] = []
    tmp = manifest.with_name(f".{MANIFEST_NAME}.tmp")
    try:
        text_file.write_text(plan.extracted.text, encoding="utf-8")
        written.append(text_file)
        if plan.extracted.kind != "text":
            original.parent.mkdir(exist_ok=True)
            shutil.copyfile(plan.source, original)
            written.append(original)
        tmp.write_text(before.rstrip("\n") + "\n" + manifest_entry(plan.doc_id, text_file.name, plan.fields), encoding="utf-8")
        os.replace(tmp, manifest)
        load_corpus(corpus_dir)  # the corpus as a whole must still load
    except (OSError, CorpusError, tomllib.TOMLDecodeError) as e:
        manifest.write_text(before, encoding="utf-8")
        for path in written:
            path.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
        raise IngestError(f"{plan.source.name}: không thêm được ({e}); kho văn bản giữ nguyên.") from None
    return text_file


def remove(doc_id: str, corpus_dir: Path) -> list[Path]:
    """Take a plan out of the corpus: its manifest entry dropped, its files moved to ``corpus/removed/``."""
    manifest = corpus_dir / MANIFEST_NAME
    before = manifest.read_text(encoding="utf-8")
    tables = re.split(r"(?m)^(?=\[\[documents\]\]\s*$)", before)
    keep, dropped = [], None
    for table in tables:
        entry = tomllib.loads(table).get("documents", [{}])[0] if table.startswith("[[documents]]") else None
        if entry is not None and entry.get("id") == doc_id:
            dropped = entry
        else:
            keep.append(table)
    if dropped is None:
        raise IngestError(f"Không có văn bản mã '{doc_id}' trong kho.")
    moved: list[Path] = []
    aside = corpus_dir / REMOVED
    aside.mkdir(exist_ok=True)
    candidates = [corpus_dir / str(dropped["file"]), *sorted((corpus_dir / ORIGINALS).glob(f"{doc_id}.*"))]
    after = "".join(keep).rstrip("\n") + "\n"
    if "[[documents]]" not in after:
        raise IngestError("Không gỡ được văn bản cuối cùng: kho cần ít nhất một kế hoạch.")
    manifest.write_text(after, encoding="utf-8")
    for path in candidates:
        if path.is_file():
            target = aside / path.name
            os.replace(path, target)
            moved.append(target)
    return moved
