"""A plan's manifest fields read from its own text, each with the line it was read from.

The header, preamble and signature block are read by the plan model's :func:`read_facts` (the same
reader the answers use); district and province come from the place-and-date line and the issuing
body's header ("HUYỆN ỦY LẠC DƯƠNG", "ĐẢNG BỘ TỈNH LÂM ĐỒNG"). A field the text does not give stays empty:
nothing is guessed, the official fills it in.

Example::

    >>> found = detect_metadata(text, "ke-hoach.docx")
    >>> found["number"].value, found["number"].line
    ('149-KH/HU', 'Số 149-KH/HU')
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from assistant.corpus import Document
from assistant.plan.facts import display, read_facts
from assistant.text import fold

FIELDS = ("district", "province", "issuing_body", "number", "date", "year", "title", "status", "signer",
          "signer_title", "implements")


@dataclass(frozen=True)
class Detected:
    """One detected field: its value ("" when the text does not give it) and the source line."""

    value: str
    line: str = ""
    blank_in_text: bool = False  # the document prints the field but leaves it empty ("Số: /KH-UBND")


_PROVINCE = re.compile(r"(?:TỈNH|[Tt]ỉnh(?: ủy| uỷ)?)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)?)")
_DISTRICT_HEAD = re.compile(r"HUYỆN(?:\s+ỦY)?\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{1,30}?)\s*(?:$|Độc lập|ĐẢNG)", re.MULTILINE)
_PLACE_DATE = re.compile(r"^\s*([^\W\d][^,\n]{1,40}),\s*ngày\b", re.MULTILINE)


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def detect_metadata(text: str, file_name: str = "") -> dict[str, Detected]:
    """Every manifest field :data:`FIELDS` names, detected in ``text``."""
    probe = Document(id="probe", file=file_name or "probe.txt", district="", province="", issuing_body="", title="",
                     status="draft" if "dự thảo" in fold(text[:2000]) else "final", text=text)
    facts = read_facts(probe)
    out: dict[str, Detected] = {k: Detected("") for k in FIELDS}
    head = text[:3000]

    place = _PLACE_DATE.search(head)
    district_head = _DISTRICT_HEAD.search(head)
    if place:
        out["district"] = Detected(display(place.group(1)), display(place.group(0)) + " …")
    elif district_head:
        out["district"] = Detected(_title_case(district_head.group(1).strip()), district_head.group(0).strip())
    provinces = Counter(_title_case(m.group(1)) for m in _PROVINCE.finditer(text))
    if provinces:
        name, _ = provinces.most_common(1)[0]
        line = next(ln for ln in text.splitlines() if fold(name) in fold(ln))
        out["province"] = Detected(name, display(line)[:160])

    district = out["district"].value
    if district_head and district:
        # The letterhead names the issuing organ: "HUYỆN ỦY LẠC DƯƠNG", "ỦY BAN NHÂN DÂN / HUYỆN KON RẪY".
        body = "Huyện ủy" if "ỦY" in district_head.group(0).split()[1:2] else "Ủy ban nhân dân huyện"
        out["issuing_body"] = Detected(f"{body} {district}", district_head.group(0).strip())
    elif facts.issuer is not None:
        # "… Ban Thường vụ Huyện ủy ban hành Kế hoạch": the district is the plan's own.
        body = facts.issuer.value
        if district and fold(district) not in fold(body) and re.search(r"(?i)huyện(?: ủy| uỷ)?$", body):
            body = f"{body} {district}"
        out["issuing_body"] = Detected(body, facts.issuer.line[:160])
    if facts.number is not None:
        # The number as registers write it ("149 -KH/HU" → "149-KH/HU"); the line keeps the printed form.
        value = re.sub(r"\s*([-/])\s*", r"\1", facts.number.value).strip()
        out["number"] = Detected(value, facts.number.line, facts.number.blank)
    if facts.date is not None:
        if facts.date.blank:
            out["date"] = Detected("", facts.date.line, True)
        else:
            d, m, y = facts.date.value.split("/")
            out["date"] = Detected(f"{y}-{m}-{d}", facts.date.line)
    year = re.search(r"năm\s+(\d{4})", facts.date.line) if facts.date is not None else None
    if year:
        out["year"] = Detected(year.group(1), facts.date.line if facts.date else "")
    if facts.title is not None:
        out["title"] = Detected(facts.title.value, facts.title.line[:200])
    if facts.status is not None:
        out["status"] = Detected("draft", facts.status.line or "Dự thảo")
    else:
        out["status"] = Detected("final", "(không có chữ «Dự thảo» ở đầu văn bản)")
    if facts.signer is not None:
        out["signer"] = Detected(facts.signer.value, facts.signer.line)
    if facts.signer_title is not None:
        out["signer_title"] = Detected(signer_title(facts.signer_title.value), facts.signer_title.line)
    if facts.implements:
        out["implements"] = Detected(json.dumps([f.value for f in facts.implements], ensure_ascii=False),
                                     facts.implements[0].line[:200])
    return out


# Words of signature titles in their usual written case.
_TITLE_WORDS = (("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"), ("BAN THƯỜNG VỤ", "Ban Thường vụ"), ("HUYỆN ỦY", "Huyện ủy"),
                ("BÍ THƯ", "Bí thư"), ("CHỦ TỊCH", "Chủ tịch"), ("THƯỜNG TRỰC", "Thường trực"), ("PHÓ", "Phó"))
_ROLE = re.compile(r"\b(T/M|TM\.|KT\.|Q\.|TL\.|TUQ\.)\s+")


def signer_title(block: str) -> str:
    """"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → "Phó Chủ tịch (KT. Chủ tịch, TM. Ủy ban nhân dân)":
    the signer's own title, then on whose behalf, nearest first."""
    text = " ".join(block.split())
    for upper, written in _TITLE_WORDS:
        text = text.replace(upper, written)
    parts = _ROLE.split(text)
    if len(parts) < 3:
        return text
    roles = [f"{parts[i]} {parts[i + 1].strip()}" for i in range(1, len(parts) - 1, 2)]
    # The last role's text ends with the signer's own title: the words after the organ it names.
    last_role, own = roles[-1], ""
    for _, written in _TITLE_WORDS:
        head, sep, tail = roles[-1].partition(f" {written} ")
        if sep and tail:
            last_role, own = f"{head} {written}", tail
            break
    if not own:
        words = roles[-1].split()
        last_role, own = " ".join(words[:2]), " ".join(words[2:])
    roles[-1] = last_role
    return f"{own} ({', '.join(reversed(roles))})" if own else text


def manifest_entry(doc_id: str, file_name: str, fields: dict[str, str]) -> str:
    """A ``[[documents]]`` table for ``corpus/manifest.toml`` (empty fields left out, as the manifest asks)."""
    lines = ["", "[[documents]]", f"id = {json.dumps(doc_id)}", f"file = {json.dumps(file_name, ensure_ascii=False)}"]
    for key in FIELDS:
        value = fields.get(key, "")
        if not value:
            continue
        if key == "year":
            lines.append(f"year = {int(value)}")
        elif key == "implements":
            items = json.loads(value) if value.startswith("[") else [value]
            lines.append("implements = [" + ", ".join(json.dumps(x, ensure_ascii=False) for x in items) + "]")
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
