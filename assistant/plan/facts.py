"""Facts about a plan as a document, read from its own text: number, place and date, issuing body,
title, status, the documents it implements, recipients (Nơi nhận) and the signature block.

Every fact keeps the span of the line it was read from, so an answer can cite and highlight it. A
field the document leaves blank ("Số: /KH-UBND", "ngày tháng năm") is recorded as blank, never
guessed; a field the text does not have at all stays ``None``.

Example::

    >>> facts = read_facts(doc)
    >>> facts.number.value, facts.number.blank
    ('149-KH/HU', False)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.corpus import Document
from assistant.text import collapse_ws, fold

BLANK = "(chưa ghi)"
_MARKUP = re.compile(r"<[^>]{1,10}>|[*#\\_]+")

# A document cited in the text, by its number or its name ("Đề án Hậu Giang xanh", "Cuộc vận động “…”").
CITED_DOCUMENT = re.compile(
    r"\b(Nghị quyết|Chỉ thị|Chương trình|Kế hoạch|Quyết định|Kết luận|Đề án|Nghị định|Luật|Thông tư|Cuộc vận động|[Pp]hong trào"
    r"|Chiến lược)"
    # By its number, or by its name ("Đề án Hậu Giang xanh", "Cuộc vận động “…”", "Chương trình mục tiêu quốc gia …",
    # "Chiến lược phát triển nhà ở quốc gia").
    # ("phong trào chung tay “Vì người nghèo …”": a word or two before its quoted name.)
    r"( hành động)?(( số)? ?\d+| [*_]*[A-ZĐ“\"]| (?:mục tiêu quốc gia|phát triển)\b|(?: [a-zà-ỹđ]+){1,2} [“\"])"
)



_SQUARED = re.compile(r"<sup>\s*2\s*</sup>")


def display(text: str) -> str:
    """Text as shown to a user: markdown markers dropped ("m<sup>2</sup>" shown as "m²"), whitespace collapsed."""
    return collapse_ws(_MARKUP.sub("", _SQUARED.sub("²", text))).strip(" ;,")


@dataclass
class Fact:
    """One field of a document: the value (normalised), the line as written, its span, blank or not."""

    value: str
    line: str
    start: int
    end: int
    blank: bool = False

    @property
    def shown(self) -> str:
        return BLANK if self.blank else self.value

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(**d)


@dataclass
class Recipient:
    """A line of "Nơi nhận": who receives the plan and why ("báo cáo", "phối hợp", "để biết", …)."""

    name: str
    purpose: str
    start: int
    end: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Recipient:
        return cls(**d)


@dataclass
class DocumentFacts:
    number: Fact | None = None
    date: Fact | None = None
    issuer: Fact | None = None
    title: Fact | None = None
    status: Fact | None = None
    signer: Fact | None = None
    signer_title: Fact | None = None
    implements: list[Fact] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentFacts:
        one = {k: Fact.from_dict(v) if v else None for k, v in d.items() if k not in ("implements", "recipients")}
        return cls(
            **one,
            implements=[Fact.from_dict(x) for x in d.get("implements", [])],
            recipients=[Recipient.from_dict(x) for x in d.get("recipients", [])],
        )


# Recipients' purposes, as plans abbreviate them.
PURPOSES = {
    "b/c": "báo cáo", "bc": "báo cáo", "báo cáo": "báo cáo", "p/h": "phối hợp", "phối hợp": "phối hợp",
    "d/b": "để biết", "để biết": "để biết", "t/h": "thực hiện", "thực hiện": "thực hiện", "đăng tin": "đăng tin",
    "chỉ đạo": "chỉ đạo", "theo dõi": "theo dõi",
}
_NUMBER = re.compile(r"^\W*Số\s*:?\s*(?P<rest>.*)$")
_PLACE_DATE = re.compile(r"^\s*(?P<place>[^\W\d][^,\n]{1,40}),\s*ngày\b(?P<rest>.*)$")
_DATE_PARTS = re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_ISSUER = re.compile(r"\s(?:ban hành|xây dựng|ban dựng)\s+Kế hoạch")
_DOC_REF = re.compile(
    r"(?P<kind>Nghị quyết|Kế hoạch|Chương trình hành động|Chương trình|Chỉ thị|Kết luận|Quyết định|Hướng dẫn)"
    r"\s+số\s+(?P<num>\d+[\w/-]*-[\w/-]+)(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}(?:[/-]\d{1,2}[/-]\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})))?"
    r"(?:\s+của\s+(?P<by>[^,;.“”\"(]{3,90}?))?(?:\s+(?P<term>kh[óo]a|khoá)\s+(?P<roman>[IVXLC]+)\b)?"
    r"(?=\s+(?:về|khóa|khoá|của)\b|[,;.“”\"(]|$)"
)
_BASIS = re.compile(r"^\W*(?:Thực hiện|Căn cứ)\s")
_TITLE_BLOCK_END = re.compile(r"^\s*(?:-{3,}|Thực hiện|Căn cứ|I\.)")
_SIGN_ROLE = re.compile(r"^(?:T/?M|TM|KT|Q|TL|TUQ)\.?\s|^(?:PHÓ\s+)?(?:BÍ THƯ|CHỦ TỊCH)|THƯỜNG TRỰC$|CHỦ TỊCH$|BÍ THƯ$")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content), content))
        pos += len(raw)
    return out


def _span(line: tuple[int, int, str]) -> tuple[int, int]:
    s, e, c = line
    return s + len(c) - len(c.lstrip()), e - (len(c) - len(c.rstrip()))


def _first_section(lines: list[tuple[int, int, str]]) -> int:
    for i, (_, _, c) in enumerate(lines):
        if re.match(r"^\W*I\.\s+[A-ZĐÀ-Ỹ]", c.strip()):
            return i
    return len(lines)


def read_facts(doc: Document) -> DocumentFacts:
    """Read the document facts from the plan's header, preamble and signature block."""
    text = doc.text
    lines = _lines(text)
    head = lines[: _first_section(lines)]
    facts = DocumentFacts()
    for i, line in enumerate(head):
        clean = display(line[2])
        s, e = _span(line)
        if facts.number is None and (m := _NUMBER.match(clean)):
            rest = m.group("rest").split("(")[0].strip()
            blank = not re.match(r"^\d", rest)
            # As written ("149 -KH/HU" keeps its space): the number is quoted, not retyped.
            facts.number = Fact(re.sub(r"\s+", " ", rest), clean, s, e, blank)
            if "dự thảo" in fold(clean) or any("(Dự thảo)" in ln[2] for ln in head[i : i + 2]):
                nxt = next(ln for ln in head[i : i + 2] if "thảo" in ln[2])
                ns, ne = _span(nxt)
                facts.status = Fact("dự thảo", display(nxt[2]), ns, ne)
        elif facts.date is None and (m := _PLACE_DATE.match(clean)):
            d = _DATE_PARTS.search(m.group("rest"))
            value = f"{int(d.group('d')):02d}/{int(d.group('m')):02d}/{d.group('y')}" if d else ""
            facts.date = Fact(value, clean, s, e, blank=d is None)
        elif facts.title is None and fold(clean) == "ke hoach":
            block = []
            for nxt in head[i + 1 :]:
                if _TITLE_BLOCK_END.match(display(nxt[2])) and block:
                    break
                if nxt[2].strip():
                    block.append(nxt)
                elif block and len(block) > 4:
                    break
            if block:
                rest = display(" ".join(b[2] for b in block))
                title = "Kế hoạch " + rest[:1].lower() + rest[1:]
                facts.title = Fact(title, title, _span(block[0])[0], _span(block[-1])[1])
    # Basis and issuer: the preamble paragraph(s) "Thực hiện …/Căn cứ …, <cơ quan> ban hành Kế hoạch …".
    paras = _paragraphs(text, head)
    for s, e, para in paras:
        flat = display(para).lstrip("- ")
        if _BASIS.match(flat) or facts.implements and len(flat) > 80 and not facts.issuer:
            seen = {fold(f.value) for f in facts.implements}
            for m in _DOC_REF.finditer(flat):
                # As the plan writes it ("Chương trình số 81-CTr/TU, ngày 15-4-2024 của …", "… khóa XIX"): an
                # answer quoting it quotes the text.
                ref = collapse_ws(m.group(0)).rstrip(" ,;.")
                key = fold(f"{m.group('kind')} số {m.group('num')}")
                if not any(key in x for x in seen):
                    seen.add(fold(ref))
                    facts.implements.append(Fact(ref, flat, s, e))
        if facts.issuer is None and (m := _ISSUER.search(flat)):
            # The subject of "… ban hành Kế hoạch": the words after the last clause break before it.
            body = re.split(r"[.,;:)]\s+", flat[: m.start()])[-1].strip()
            if 3 <= len(body) <= 80:
                facts.issuer = Fact(body[:1].upper() + body[1:], flat, s, e)
    if facts.status is None and doc.is_draft:
        facts.status = Fact("dự thảo", "", 0, 0)
    _read_signature(text, lines, facts)
    return facts


def _paragraphs(text: str, lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Blank-line separated paragraphs of ``lines`` (hard-wrapped lines joined)."""
    out, cur = [], []
    for line in [*lines, (0, 0, "")]:
        # A rule line ("-----") or a "Căn cứ …/Thực hiện …" line opens a paragraph even without a blank line.
        if cur and (re.match(r"^\s*-{3,}", line[2]) or _BASIS.match(line[2])):
            s, e = _span(cur[0])[0], _span(cur[-1])[1]
            out.append((s, e, text[s:e]))
            cur = []
        if line[2].strip() and not re.match(r"^\s*-{3,}\s*$", line[2]):
            cur.append(line)
        elif cur and not line[2].strip():
            s, e = _span(cur[0])[0], _span(cur[-1])[1]
            out.append((s, e, text[s:e]))
            cur = []
    return out


def _read_signature(text: str, lines: list[tuple[int, int, str]], facts: DocumentFacts) -> None:
    start = next((i for i, ln in enumerate(lines) if re.match(r"^\W*Nơi nhận\b", display(ln[2]))), None)
    if start is None:
        return
    block = [ln for ln in lines[start + 1 :] if ln[2].strip() and display(ln[2])]
    # Recipients: "- X (b/c);" lines, a wrapped one continuing on the next line without a dash.
    items: list[list[tuple[int, int, str]]] = []
    rest_from = len(block)
    for k, ln in enumerate(block):
        clean = display(ln[2])
        if clean.startswith("-") or ln[2].lstrip().startswith("-"):
            items.append([ln])
        elif items and not _SIGN_ROLE.match(clean) and not clean.isupper() and not _NAME.match(clean):
            items[-1].append(ln)
        else:
            rest_from = k
            break
    for item in items:
        s, e = _span(item[0])[0], _span(item[-1])[1]
        raw = display(" ".join(x[2] for x in item)).lstrip("- ").rstrip(" ,;.")
        purpose = ""
        m = re.search(r"\(([^)]{1,20})\)\s*$", raw)
        if m:
            purpose = PURPOSES.get(m.group(1).strip().lower(), m.group(1).strip())
            raw = raw[: m.start()].rstrip(" ,;")
        if fold(raw).startswith("luu"):
            purpose = "lưu"  # "Lưu VT": the office's file copy
        facts.recipients.append(Recipient(raw, purpose, s, e))
    tail = block[rest_from:]
    roles = [ln for ln in tail if not _NAME.match(display(ln[2]))]
    names = [ln for ln in tail if _NAME.match(display(ln[2]))]
    if roles:
        title = " ".join(display(ln[2]) for ln in roles)
        facts.signer_title = Fact(title, title, _span(roles[0])[0], _span(roles[-1])[1])
    if names:
        name = display(names[-1][2])
        s, e = _span(names[-1])
        facts.signer = Fact(name, name, s, e)
