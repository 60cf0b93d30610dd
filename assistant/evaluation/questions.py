"""Eval question files (JSONL) and their validator.

Schema, one object per line: id, question, district, source_file, answer, must_contain, evidence, type,
and optionally ``multi_part`` (the question asks for several things; every must_contain string is one part).

Our own sets are checked strictly (``strict=True``: every evidence quote in the corpus, every must_contain
inside a quote, unanswerable items without evidence). A question file written elsewhere often breaks those
house rules while still being usable (a near-miss passage given as evidence of an unanswerable item, a
must_contain string taken from another line of the plan): without ``strict`` those are warnings, and only
malformed lines stop the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus import Document
from assistant.evaluation.metrics import norm_evidence
from assistant.text import has_diacritics, nfc

QUESTION_TYPES = (
    "assignment", "target", "document_meta", "section_lookup", "cross_document",
    "no_diacritics", "paraphrase", "unanswerable", "briefing",
    "fact",  # a statement of the plan that is neither a target nor an assignment
)
_KEYS = {"id", "question", "district", "source_file", "answer", "must_contain", "evidence", "type"}
_OPTIONAL = {"multi_part"}


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    district: str | list[str] | None
    source_file: str | list[str] | None
    answer: str
    must_contain: list[str]
    evidence: list[str]
    type: str
    multi_part: bool | None = None  # None: the file does not say

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def is_multi_part(self) -> bool:
        """Asks for several things: as the file marks it, else when it lists several must_contain strings."""
        if not self.answerable:
            return False
        return self.multi_part if self.multi_part is not None else len(self.must_contain) >= 2


class QuestionFileError(ValueError):
    """A question file is malformed; ``errors`` lists "line N: problem" strings."""

    def __init__(self, path: Path, errors: list[str]) -> None:
        self.errors = errors
        shown = "\n  ".join(errors[:50]) + (f"\n  … và {len(errors) - 50} lỗi khác" if len(errors) > 50 else "")
        super().__init__(f"{path}: {len(errors)} lỗi\n  {shown}")


def _check_obj(
    obj: object, lineno: int, districts: set[str] | None, files: set[str] | None, house: list[str]
) -> list[str]:
    """Errors that make a line unusable; breaches of our own set's rules go to ``house``."""
    where = f"dòng {lineno}"
    if not isinstance(obj, dict):
        return [f"{where}: không phải một đối tượng JSON"]
    errs = []
    missing, extra = _KEYS - obj.keys(), obj.keys() - _KEYS - _OPTIONAL
    if missing:
        errs.append(f"{where}: thiếu khóa {sorted(missing)}")
    if extra:
        house.append(f"{where}: khóa lạ {sorted(extra)}")
    if errs:
        return errs
    if "multi_part" in obj and not isinstance(obj["multi_part"], bool):
        errs.append(f"{where}: 'multi_part' phải là true/false")
    for key in ("id", "question", "answer", "type"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            errs.append(f"{where}: '{key}' phải là chuỗi không rỗng")
    for key in ("must_contain", "evidence"):
        if not isinstance(obj[key], list) or not all(isinstance(x, str) and x.strip() for x in obj[key]):
            errs.append(f"{where}: '{key}' phải là danh sách chuỗi không rỗng")
    if obj.get("type") not in QUESTION_TYPES:
        errs.append(f"{where}: type '{obj.get('type')}' không thuộc {list(QUESTION_TYPES)}")
    dist = obj["district"]
    if dist == "":
        house.append(f"{where}: district rỗng được đọc như null (không thuộc huyện nào)")
        dist = None
    # A cross-document question may name every district it asks about, as source_file may list every file.
    dist_list = [dist] if isinstance(dist, str) else dist if isinstance(dist, list) else [] if dist is None else None
    if dist_list is None or not all(isinstance(d, str) and d.strip() for d in dist_list):
        errs.append(f"{where}: district phải là chuỗi, danh sách chuỗi hoặc null")
    elif districts is not None and (foreign := [d for d in dist_list if d not in districts]):
        house.append(f"{where}: district {foreign} không có trong kho ({sorted(districts)})")
    sf = obj["source_file"]
    if sf == "":
        sf = None  # as null: several files or none
    sf_list = [sf] if isinstance(sf, str) else sf if isinstance(sf, list) else [] if sf is None else None
    if sf_list is None or not all(isinstance(f, str) for f in sf_list):
        errs.append(f"{where}: source_file phải là chuỗi, danh sách chuỗi hoặc null")
    else:
        house += [f"{where}: source_file '{f}' không có trong kho" for f in sf_list if files is not None and f not in files]
    if obj.get("type") == "unanswerable" and (obj["must_contain"] or obj["evidence"]):
        house.append(f"{where}: câu unanswerable phải có must_contain và evidence rỗng (được bỏ qua khi chấm)")
    if obj.get("type") != "unanswerable" and isinstance(obj["evidence"], list) and not obj["evidence"]:
        errs.append(f"{where}: câu có đáp án cần ít nhất một evidence")
    return errs


def load_questions(
    path: Path, docs: list[Document] | None = None, *, strict: bool = True, warnings: list[str] | None = None
) -> list[Question]:
    """Parse and validate a question file; with ``docs``, also check every evidence quote is in the corpus.

    Raises :class:`QuestionFileError` listing every problem with its line number. With ``strict=False``
    only malformed lines are errors; breaches of our own sets' rules are appended to ``warnings``.
    """
    path = Path(path)
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QuestionFileError(path, ["không tìm thấy tệp"]) from None
    except UnicodeDecodeError as e:
        raise QuestionFileError(path, [f"không phải UTF-8 (byte {e.start})"]) from None
    districts = {d.district for d in docs} if docs else None
    files = {d.file for d in docs} if docs else None
    corpus_norm = {d.file: norm_evidence(d.text) for d in docs} if docs else {}
    all_norm = "\n".join(corpus_norm.values())
    errors: list[str] = []
    house: list[str] = []
    seen: dict[str, int] = {}
    out: list[Question] = []
    for lineno, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"dòng {lineno}: JSON không hợp lệ ({e.msg}, cột {e.colno})")
            continue
        errs = _check_obj(obj, lineno, districts, files, house)
        if errs:
            errors += errs
            continue
        if obj["id"] in seen:
            errors.append(f"dòng {lineno}: id '{obj['id']}' trùng với dòng {seen[obj['id']]}")
        seen[obj["id"]] = lineno
        if docs:
            sf = obj["source_file"]
            targets = [corpus_norm[f] for f in ([sf] if isinstance(sf, str) else sf or []) if f in corpus_norm] or [all_norm]
            for quote in obj["evidence"]:
                if not any(norm_evidence(quote) in t for t in targets):
                    house.append(f"dòng {lineno}: evidence không có trong văn bản: «{quote[:80]}»")
            quotes = " \n ".join(norm_evidence(q) for q in obj["evidence"])
            for s in obj["must_contain"]:
                if norm_evidence(s) not in quotes:
                    house.append(f"dòng {lineno}: must_contain «{s}» không nằm trong evidence nào")
        if obj["type"] == "no_diacritics" and has_diacritics(obj["question"]):
            house.append(f"dòng {lineno}: câu no_diacritics còn dấu tiếng Việt")
        answerable = obj["type"] != "unanswerable"
        out.append(
            Question(
                id=obj["id"], question=nfc(obj["question"]), district=obj["district"] or None,
                source_file=obj["source_file"] or None, answer=nfc(obj["answer"]),
                must_contain=[nfc(s) for s in obj["must_contain"]] if answerable else [],
                evidence=[nfc(s) for s in obj["evidence"]] if answerable else [],
                type=obj["type"], multi_part=obj.get("multi_part"),
            )
        )
    if not out and not errors:
        errors.append("tệp không có câu hỏi nào")
    if strict:
        errors += house
    elif warnings is not None:
        warnings += house
    if errors:
        raise QuestionFileError(path, errors)
    return out
