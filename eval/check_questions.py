#!/usr/bin/env python3
"""Validate eval/questions.jsonl against the corpus (standard library only).

Usage: python3 eval/check_questions.py [path/to/questions.jsonl]

Checks: schema and types, unique ids, allowed `type`/`district` values,
source files exist, evidence quotes are verbatim in the named source file(s)
after NFC + whitespace collapse, quote length 40-200 chars without markdown
markers, every must_contain string occurs (case-insensitively) inside one of
the question's evidence quotes, unanswerable rows are empty, no_diacritics
questions carry no Vietnamese diacritics. Prints counts per type and district.
Exit code 1 if any error.
"""
from __future__ import annotations

import collections
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEFAULT = ROOT / "eval" / "questions.jsonl"

KEYS = {"id", "question", "district", "source_file", "answer", "must_contain", "evidence", "type"}
TYPES = {"assignment", "target", "document_meta", "section_lookup", "cross_document",
         "no_diacritics", "paraphrase", "unanswerable", "briefing"}
DISTRICTS = {"Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"}
UNANSWERABLE = "Không tìm thấy thông tin này trong các kế hoạch hiện có."


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def has_diacritics(s: str) -> bool:
    if "đ" in s.lower():
        return True
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))


def main(path: Path) -> int:
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    file_district = {d["file"]: d["district"] for d in manifest["documents"]}
    texts = {f: norm((CORPUS / f).read_text(encoding="utf-8")) for f in file_district}
    texts_lower = {f: t.lower() for f, t in texts.items()}

    errors: list[str] = []
    warnings: list[str] = []
    ids: set[str] = set()
    by_type: collections.Counter = collections.Counter()
    by_district: collections.Counter = collections.Counter()
    by_type_district: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    raw = path.read_bytes().decode("utf-8")
    if raw != unicodedata.normalize("NFC", raw):
        errors.append("file is not NFC-normalized")
    lines = raw.splitlines()
    n = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            errors.append(f"line {lineno}: blank line")
            continue
        n += 1
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {lineno}: invalid JSON: {e}")
            continue
        if "\\u" in line:
            errors.append(f"line {lineno}: escaped unicode (use ensure_ascii=False)")
        qid = q.get("id", f"<line {lineno}>")

        def err(msg: str) -> None:
            errors.append(f"{qid}: {msg}")

        if not isinstance(q, dict) or set(q) != KEYS:
            err(f"keys {sorted(q) if isinstance(q, dict) else type(q)} != {sorted(KEYS)}")
            continue
        if not isinstance(qid, str) or not qid:
            err("id must be a non-empty string")
        elif qid in ids:
            err("duplicate id")
        ids.add(qid)
        for k in ("question", "answer"):
            if not isinstance(q[k], str) or not q[k].strip():
                err(f"{k} must be a non-empty string")
        t = q["type"]
        if t not in TYPES:
            err(f"bad type {t!r}")
        d = q["district"]
        if d is not None and d not in DISTRICTS:
            err(f"bad district {d!r}")
        for k in ("must_contain", "evidence"):
            if not isinstance(q[k], list) or not all(isinstance(x, str) and x.strip() for x in q[k]):
                err(f"{k} must be a list of non-empty strings")
                q[k] = []
        sf = q["source_file"]
        if sf is None:
            files: list[str] = []
        elif isinstance(sf, str):
            files = [sf]
        elif isinstance(sf, list) and all(isinstance(x, str) for x in sf) and len(sf) >= 2:
            files = sf
        else:
            err(f"bad source_file {sf!r}")
            files = []
        for f in files:
            if f not in texts:
                err(f"unknown source file {f!r}")
        files = [f for f in files if f in texts]

        by_type[t] += 1
        by_district[str(d)] += 1
        by_type_district[t][str(d)] += 1

        question = q["question"]
        if t == "no_diacritics":
            if has_diacritics(question):
                err("no_diacritics question contains diacritics")
            if question != question.lower():
                err("no_diacritics question must be lowercase")
        elif not has_diacritics(question):
            err("question has no Vietnamese diacritics")

        if t == "unanswerable":
            if q["answer"] != UNANSWERABLE:
                err("unanswerable answer must be the standard phrase")
            if q["must_contain"] or q["evidence"] or sf is not None:
                err("unanswerable must have empty must_contain/evidence and null source_file")
            continue

        if not files:
            err("answerable question needs source_file")
            continue
        if not q["evidence"]:
            err("answerable question needs evidence")
        if not q["must_contain"]:
            err("answerable question needs must_contain")
        if t == "cross_document":
            if not isinstance(sf, list):
                err("cross_document needs a list of source files")
            if d is not None:
                err("cross_document district should be null")
        elif isinstance(sf, list):
            err("only cross_document questions may list several files")
        if isinstance(sf, str) and d is not None and file_district[sf] != d:
            err(f"district {d!r} does not match {sf} ({file_district[sf]})")

        quotes_norm = []
        files_hit: set[str] = set()
        for ev in q["evidence"]:
            e = norm(ev)
            quotes_norm.append(e)
            if not (40 <= len(e) <= 200):
                err(f"evidence length {len(e)} outside 40-200: {e[:60]!r}")
            if "**" in ev or "#" in ev or ev.lstrip().startswith("- ") or "<sup>" in ev:
                err(f"evidence contains markup: {e[:60]!r}")
            hit = [f for f in files if e in texts[f]]
            if not hit:
                err(f"evidence not found verbatim in {files}: {e[:80]!r}")
            files_hit.update(hit)
        if t == "cross_document":
            for f in files:
                if f not in files_hit:
                    err(f"cross_document: no evidence quote from {f}")
        for mc in q["must_contain"]:
            m = norm(mc)
            if not (1 <= len(m.split()) <= 6):
                warnings.append(f"{qid}: must_contain {m!r} has {len(m.split())} words")
            if not any(m.lower() in e.lower() for e in quotes_norm):
                err(f"must_contain {m!r} not inside any evidence quote")
            if not any(m.lower() in texts_lower[f] for f in files):
                err(f"must_contain {m!r} not in source file(s)")

        # questions should be paraphrased, not copied from the plan
        words = norm(question).split()
        for i in range(len(words) - 9):
            chunk = " ".join(words[i:i + 10])
            if any(chunk.lower() in texts_lower[f] for f in texts):
                warnings.append(f"{qid}: question copies a 10-word span from the corpus: {chunk!r}")
                break

    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print(f"\n{n} questions, {len(errors)} errors, {len(warnings)} warnings")
    print("\nper type:")
    for k, v in sorted(by_type.items()):
        print(f"  {k:16s} {v:3d}   " + ", ".join(f"{dd}: {c}" for dd, c in sorted(by_type_district[k].items())))
    print("\nper district:")
    for k, v in sorted(by_district.items()):
        print(f"  {k:12s} {v:3d}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
