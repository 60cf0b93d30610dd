"""The corpus: plan files plus ``manifest.toml`` describing each of them.

A plan's text is evidence, so it is read exactly as stored (only NFC-normalised, which is a no-op for
well-formed files); character spans everywhere refer to that text.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.text import nfc

MANIFEST_NAME = "manifest.toml"
TEXT_SUFFIXES = (".txt", ".md")
_REQUIRED = ("id", "file", "district", "province", "issuing_body", "title", "status")
_TEXT_FIELDS = (*_REQUIRED, "number", "signer", "signer_title")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class CorpusError(ValueError):
    """The corpus folder or its manifest is inconsistent; the message says what to fix."""


@dataclass(frozen=True)
class Document:
    """One plan and its metadata."""

    id: str
    file: str
    district: str
    province: str
    issuing_body: str
    title: str
    status: str  # "final" or "draft"
    text: str
    number: str | None = None
    date: date | None = None
    year: int | None = None
    signer: str | None = None
    signer_title: str | None = None
    implements: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def number_shown(self) -> str:
        """The number as users read it: "(chưa ghi)" where the plan leaves it blank ("Số: /KH-UBND")."""
        return self.number if self.number and any(ch.isdigit() for ch in self.number) else "(chưa ghi)"

    @property
    def date_shown(self) -> str:
        """The issue date for a "Ngày" label: "12/04/2024", or "(chưa ghi)" where the plan leaves it blank."""
        return self.date.strftime("%d/%m/%Y") if self.date else "(chưa ghi)" + (f", năm {self.year}" if self.year else "")

    def date_vi(self) -> str:
        """Date as Vietnamese documents write it, or a note that the plan leaves it blank."""
        if self.date is None:
            return "chưa ghi ngày" + (f" (năm {self.year})" if self.year else "")
        return f"ngày {self.date.day:02d}/{self.date.month:02d}/{self.date.year}"

    @classmethod
    def from_metadata(cls, meta: dict[str, object], text: str) -> Document:
        """The document :meth:`metadata` describes, with its text (an index build's copy of it)."""
        raw_date = meta.get("date")
        year = meta.get("year")
        implements = meta.get("implements") or []
        return cls(
            id=str(meta["id"]), file=str(meta["file"]), district=str(meta["district"]), province=str(meta["province"]),
            issuing_body=str(meta["issuing_body"]), title=str(meta["title"]), status=str(meta["status"]), text=text,
            number=str(meta["number"]) if meta.get("number") is not None else None,
            date=date.fromisoformat(str(raw_date)) if raw_date else None,
            year=int(year) if isinstance(year, int | str) and str(year).isdigit() else None,
            signer=str(meta["signer"]) if meta.get("signer") is not None else None,
            signer_title=str(meta["signer_title"]) if meta.get("signer_title") is not None else None,
            implements=tuple(str(x) for x in implements) if isinstance(implements, list) else (),
        )

    def metadata(self) -> dict[str, object]:
        """Manifest fields as plain JSON-able values (no text)."""
        return {
            "id": self.id,
            "file": self.file,
            "district": self.district,
            "province": self.province,
            "issuing_body": self.issuing_body,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "title": self.title,
            "status": self.status,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "implements": list(self.implements),
            "chars": len(self.text),
        }


def read_text_file(path: Path) -> str:
    """Read a UTF-8 plan file; a non-UTF-8 file is a :class:`CorpusError` naming the byte offset."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{path.name}: không phải UTF-8 (byte {e.start}). Hãy lưu lại tệp ở mã UTF-8 rồi chạy lại."
        ) from None
    return nfc(text.removeprefix("\ufeff"))


def _parse_date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"{where}: ngày '{value}' không đúng dạng YYYY-MM-DD") from None


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Load every document listed in ``corpus_dir/manifest.toml``.

    Raises :class:`CorpusError` for a missing manifest, a manifest entry without a file, a text file
    the manifest does not list, duplicate ids, missing fields or non-UTF-8 text.
    """
    corpus_dir = Path(corpus_dir)
    manifest_path = corpus_dir / MANIFEST_NAME
    if not manifest_path.is_file():
        raise CorpusError(f"Không thấy {manifest_path}: thư mục kho văn bản cần một tệp {MANIFEST_NAME}.")
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise CorpusError(f"{manifest_path}: không đọc được ({e})") from None

    entries = manifest.get("documents")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise CorpusError(f"{manifest_path}: cần ít nhất một bảng [[documents]] (mỗi văn bản một bảng).")

    docs: list[Document] = []
    seen_ids: set[str] = set()
    listed_files: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        where = f"{MANIFEST_NAME} [[documents]] #{i}"
        missing = [k for k in _REQUIRED if not entry.get(k)]
        if missing:
            raise CorpusError(f"{where}: thiếu trường {', '.join(missing)}")
        bad = [k for k in _TEXT_FIELDS if k in entry and not isinstance(entry[k], str)]
        if bad:
            raise CorpusError(f"{where}: trường {', '.join(bad)} phải là chuỗi")
        doc_id = str(entry["id"])
        if not _ID.fullmatch(doc_id):
            # The id appears in URLs, file names and HTML: letters, digits, "-", "_", "." only.
            raise CorpusError(f"{where}: id '{doc_id}' chỉ được gồm chữ cái Latin không dấu, chữ số, '-', '_', '.'")
        implements = entry.get("implements", [])
        if not isinstance(implements, list) or not all(isinstance(x, str) for x in implements):
            raise CorpusError(f"{where} ('{doc_id}'): implements phải là danh sách chuỗi, ví dụ [\"Nghị quyết số 42-NQ/TW\"]")
        if doc_id in seen_ids:
            raise CorpusError(f"{where}: id '{doc_id}' bị trùng")
        if entry["status"] not in ("final", "draft"):
            raise CorpusError(f"{where}: status phải là 'final' hoặc 'draft', không phải '{entry['status']}'")
        seen_ids.add(doc_id)
        file_name = str(entry["file"])
        path = corpus_dir / file_name
        if Path(file_name).name != file_name or not path.is_file():
            raise CorpusError(f"{where} ('{doc_id}'): không có tệp '{file_name}' trong {corpus_dir}")
        if path.is_symlink() and corpus_dir.resolve() not in path.resolve().parents:
            # A link out of the corpus folder would make any readable file on the machine "evidence".
            raise CorpusError(f"{where} ('{doc_id}'): '{file_name}' là liên kết tới tệp ngoài thư mục kho văn bản")
        listed_files.add(file_name)
        docs.append(
            Document(
                id=doc_id,
                file=file_name,
                district=nfc(str(entry["district"])),
                province=nfc(str(entry["province"])),
                issuing_body=nfc(str(entry["issuing_body"])),
                title=nfc(str(entry["title"])),
                status=str(entry["status"]),
                text=read_text_file(path),
                number=entry.get("number"),
                date=_parse_date(entry.get("date"), where),
                year=entry.get("year"),
                signer=entry.get("signer"),
                signer_title=entry.get("signer_title"),
                implements=tuple(nfc(x) for x in implements),
            )
        )

    unlisted = sorted(
        p.name for p in corpus_dir.iterdir() if p.suffix in TEXT_SUFFIXES and p.name not in listed_files
        and p.name.lower() != "readme.md"
    )
    if unlisted:
        raise CorpusError(
            f"Tệp chưa có trong {MANIFEST_NAME}: {', '.join(unlisted)}. "
            "Thêm một mục [[documents]] cho mỗi tệp (xem README)."
        )
    return docs


def corpus_hash(docs: list[Document]) -> str:
    """Hash of all texts and metadata: changes whenever any plan or its manifest entry changes."""
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.id):
        h.update(d.id.encode())
        h.update(d.sha256.encode())
        h.update(repr(sorted(d.metadata().items())).encode())
    return h.hexdigest()


def districts(docs: list[Document]) -> list[str]:
    """Distinct districts, in manifest order."""
    return list(dict.fromkeys(d.district for d in docs))
