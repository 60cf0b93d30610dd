"""Section-aware chunking of plan documents.

The plans are trees of numbered headings (``I.``, ``2.``, ``3.4.``, ``a)``, ``đ)``, topic bullets
``- Về y tế:``), written in four shapes: markdown-like headings, plain numbered lines, one long line
per paragraph, and hard-wrapped PDF lines. The chunker walks the lines once, keeps a heading stack,
and emits one chunk per section body (split under a size bound at paragraph, then sentence,
boundaries). Every chunk keeps the exact character span of its passage in the source text.

Example::

    >>> from assistant.corpus import load_corpus
    >>> docs = load_corpus(Path("corpus"))
    >>> chunks = chunk_document(docs[1])
    >>> chunks[0].breadcrumb
    'Kon Rẫy › Phần mở đầu'
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import asdict, dataclass, field

from assistant.corpus import Document

CHUNKER_VERSION = "5"

ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
LETTERS = "abcdđefghiklmnopqrstuvxy"
_MD_PREFIX = re.compile(r"^\s*#{1,6}\s*")
_EMPH = re.compile(r"[*_\\]+")
_UPPER_START = r"[\*\s]*[A-ZÀ-Ỹ\u0110Ð]"

# (level, compiled pattern): the pattern's group "label" is the section number, group "rest" the title.
_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?P<label>{ROMAN})\.\s+(?P<rest>{_UPPER_START}.*)$")),
    (4, re.compile(rf"^(?P<label>\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}})\.?\s+(?P<rest>{_UPPER_START}.*)$")),
    (3, re.compile(rf"^(?P<label>\d{{1,2}}\.\d{{1,2}})\.?\s+(?P<rest>{_UPPER_START}.*)$")),
    (2, re.compile(rf"^(?P<label>\d{{1,2}})\.\s+(?P<rest>{_UPPER_START}.*)$")),
    (5, re.compile(rf"^(?P<label>[{LETTERS}])\)\s+(?P<rest>.+)$")),
    # Topic bullets ("- Về y tế: ...") act as sub-sections in several plans.
    (6, re.compile(r"^[-+]\s*(?P<label>)(?P<rest>\*?Về [^:.;]{2,60}\*?:.*)$")),
]
_SIGNATURE = re.compile(r"^\W*Nơi nhận\b")
_ASSIGNMENT_LINE = re.compile(r"^\W*Thực hiện\s*:")
_BULLET = re.compile(r"^\s*(?:[-+•]\s|\*\s)")
_NOISE = re.compile(r"^\s*(?:\\?\*|-{3,}|\d{1,3}|Trang \d+(?:/\d+)?)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.;!?:])\s+(?=[\"“*(]*[A-ZÀ-Ỹ\u0110\d-])")


@dataclass(frozen=True)
class Heading:
    level: int
    label: str  # "III", "3.4", "đ", "" for unnumbered
    title: str  # display title, e.g. "đ) Về nhà ở"


@dataclass
class Chunk:
    """A passage of one plan with its place in the heading tree and its span in the source."""

    id: str
    doc_id: str
    district: str
    headings: list[str]
    labels: list[str]
    text: str
    start: int
    end: int
    kind: str = "section"  # "preamble" | "section" | "signature"
    piece: int = 0
    extra: str = ""  # indexed-only context (document metadata), never shown as evidence

    @property
    def breadcrumb(self) -> str:
        return " › ".join([self.district, *self.headings])

    @property
    def section_path(self) -> str:
        """Dotted labels of the heading path, e.g. "III/3.4/đ"."""
        return "/".join(label for label in self.labels if label)

    def index_text(self) -> str:
        """What gets embedded and lexically indexed: district, breadcrumb, text, metadata."""
        parts = [f"Huyện {self.district}.", " › ".join(self.headings) + ".", self.text]
        if self.extra:
            parts.append(self.extra)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["breadcrumb"] = self.breadcrumb
        return d

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Chunk:
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**d)  # type: ignore[arg-type]


@dataclass
class _Line:
    start: int
    end: int  # end of content, without the newline
    text: str


@dataclass
class _Section:
    heading_path: list[Heading]
    kind: str
    start: int
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(content), content))
        pos += len(raw)
    return out


def _clean(s: str) -> str:
    return " ".join(_EMPH.sub(" ", s).split())


def _short_title(rest: str, limit: int = 90) -> str:
    rest = _clean(rest)
    head = rest.split(":", 1)[0] if ":" in rest[: limit + 1] else rest
    head = head.rstrip(" .;,")
    if len(head) > limit:
        cut = head[:limit].rsplit(" ", 1)[0]
        head = cut.rstrip(" ,;") + "…"
    return head


def detect_heading(line: str) -> Heading | None:
    """Return the heading a line opens, or None for body text."""
    stripped = line.strip()
    if not stripped:
        return None
    is_md = bool(_MD_PREFIX.match(stripped))
    core = _MD_PREFIX.sub("", stripped)
    plain = _clean(core)
    if _SIGNATURE.match(plain):
        return Heading(1, "", "Nơi nhận, ký ban hành")
    for level, pattern in _HEADINGS:
        m = pattern.match(plain)
        if m:
            label, rest = m.group("label"), m.group("rest")
            if level == 6:
                return Heading(6, "", _short_title(rest, 60))
            sep = ")" if level == 5 else "."
            return Heading(level, label, f"{label}{sep} {_short_title(rest)}")
    if is_md and plain:
        return Heading(0, "", _short_title(plain))  # unnumbered markdown heading
    return None


def _is_wrapped(lines: list[_Line]) -> bool:
    """Hard-wrapped PDF text: most non-blank lines are short and paragraphs span several lines."""
    lengths = [len(line.text.strip()) for line in lines if line.text.strip()]
    return bool(lengths) and statistics.median(lengths) < 100


def _sentence_spans(text: str, base: int) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((base + pos, base + m.start()))
        pos = m.end()
    spans.append((base + pos, base + len(text)))
    return [(s, e) for s, e in spans if e > s]


def _pack(spans: list[tuple[int, int]], source: str, max_chars: int) -> list[tuple[int, int]]:
    """Group consecutive paragraph spans into pieces of at most ``max_chars`` (soft for single units).

    An assignment line ("* Thực hiện: ... chủ trì") is glued to the paragraph before it, so a task
    and the agency that leads it always share a chunk.
    """
    units: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if units and _ASSIGNMENT_LINE.match(_clean(source[s:e])):
            units[-1].append((s, e))
        else:
            units.append([(s, e)])

    # Split over-long single paragraphs at sentence boundaries.
    flat: list[tuple[int, int, bool]] = []  # (start, end, glued_to_previous)
    for unit in units:
        first = True
        for s, e in unit:
            pieces = [(s, e)] if e - s <= max_chars else _sentence_spans(source[s:e], s)
            for ps, pe in pieces:
                flat.append((ps, pe, not first))
                first = False

    out: list[tuple[int, int]] = []
    cur_s = cur_e = -1
    for s, e, glued in flat:
        if cur_s < 0:
            cur_s, cur_e = s, e
        elif glued and e - cur_s <= int(max_chars * 1.6) or e - cur_s <= max_chars:
            cur_e = e
        else:
            out.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    if cur_s >= 0:
        out.append((cur_s, cur_e))
    return out


def _chunk_id(doc_id: str, labels: list[str], start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}|{'/'.join(labels)}|{text}".encode()).hexdigest()[:10]
    return f"{doc_id}:{start}-{end}:{digest}"


def chunk_document(doc: Document, max_chars: int = 1100) -> list[Chunk]:
    """Split one plan into section chunks with breadcrumbs and source spans."""
    text = doc.text
    lines = _lines(text)
    wrapped = _is_wrapped(lines)

    sections: list[_Section] = []
    stack: list[Heading] = []
    preamble = _Section([Heading(0, "", "Phần mở đầu")], "preamble", 0)
    sections.append(preamble)
    current = preamble
    para: list[_Line] = []
    seen_numbered = False

    def flush() -> None:
        nonlocal para
        if para:
            current.paragraphs.append((para[0].start + _lead(para[0].text), para[-1].end - _trail(para[-1].text)))
        para = []

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.text.strip()
        if not stripped or _NOISE.match(stripped):
            flush()
            i += 1
            continue
        heading = detect_heading(line.text)
        if heading is not None and heading.level == 0 and not seen_numbered:
            heading = None  # unnumbered headings before section I belong to the preamble ("KẾ HOẠCH")
        if heading is not None:
            flush()
            if heading.level >= 1 and heading.label:
                seen_numbered = True
            level = max(heading.level, 1)
            while stack and stack[-1].level >= level:
                stack.pop()
            stack.append(Heading(level, heading.label, heading.title))
            kind = "signature" if heading.title.startswith("Nơi nhận") else "section"
            current = _Section(list(stack), kind, line.start)
            sections.append(current)
            para = [line]
            # A wrapped heading continues on the next line(s) until a blank line.
            while wrapped and i + 1 < len(lines) and lines[i + 1].text.strip() and len(stripped) > 55:
                nxt = lines[i + 1]
                if detect_heading(nxt.text) or _BULLET.match(nxt.text):
                    break
                para.append(nxt)
                i += 1
                if len(nxt.text.strip()) < 55:
                    break
            if len(para) > 1:
                joined = detect_heading(" ".join(ln.text.strip() for ln in para))
                if joined is not None:
                    stack[-1] = Heading(level, joined.label, joined.title)
                    current.heading_path = list(stack)
            if not wrapped or len(para) > 1:
                flush()
            i += 1
            continue
        if _BULLET.match(line.text) or not wrapped:
            flush()
        para.append(line)
        i += 1
    flush()
    _restore_order(sections)

    # Sections whose heading path is a prefix of the next section's: they have sub-sections.
    has_children = {
        id(a) for a, b in zip(sections, sections[1:], strict=False)
        if len(b.heading_path) > len(a.heading_path) and b.heading_path[: len(a.heading_path)] == a.heading_path
    }
    chunks: list[Chunk] = []
    carry: int | None = None
    for sec in sections:
        if not sec.paragraphs:
            continue
        body = [(s, e) for s, e in sec.paragraphs if e > s]
        headings = [h.title for h in sec.heading_path]
        labels = [h.label for h in sec.heading_path]
        # A section that is only its own heading line adds nothing the children's breadcrumbs lack.
        only = text[body[0][0] : body[0][1]] if len(body) == 1 else ""
        if only and id(sec) in has_children and len(only) < 160 and detect_heading(only):
            # A heading with nothing under it but sub-sections: its line opens the first sub-section's
            # chunk, so the heading text stays citable without a chunk of its own.
            carry = carry if carry is not None else body[0][0]
            continue
        if carry is not None:
            body[0] = (carry, body[0][1])
            carry = None
        for piece, (s, e) in enumerate(_pack(body, text, max_chars)):
            passage = text[s:e]
            chunks.append(
                Chunk(
                    id=_chunk_id(doc.id, labels, s, e, passage),
                    doc_id=doc.id,
                    district=doc.district,
                    headings=headings,
                    labels=labels,
                    text=passage,
                    start=s,
                    end=e,
                    kind=sec.kind,
                    piece=piece,
                )
            )
    _attach_metadata(doc, chunks)
    return chunks


def _int_label(h: Heading) -> int | None:
    return int(h.label) if h.label.isdigit() else None


def _restore_order(sections: list[_Section]) -> None:
    """Put sections a PDF extraction moved into the wrong part back under the part they belong to.

    Kim Động's text has pages out of order: "2. Nâng cao nhận thức …" and "3. Chính quyền các cấp …" of part III sit
    inside part II (after II's own "1." and "2."), and "3.2"–"3.6" follow III's "1.". The numbering says where each
    belongs: a numbered item repeating a number its part already used opens a run that continues the next part's
    numbering (while its numbers follow on), and "3.2" belongs under that part's "3.". Sections stay where they are
    in the text (their spans are exact); only their heading paths change. A plan numbered in order is untouched."""
    tops = [sec.heading_path[0] for sec in sections
            if len(sec.heading_path) == 1 and sec.heading_path[0].level == 1 and sec.heading_path[0].label]
    following = {id(a): b for a, b in zip(tops, tops[1:], strict=False)}
    prefix: dict[int, list[Heading]] = {}  # id(numbered item) -> its new path (part, item)
    seen: dict[int, set[int]] = {}
    decided: set[int] = set()
    run: list[object] = []  # [destination part, next number] while a displaced run goes on
    part: Heading | None = None
    for sec in sections:
        path = sec.heading_path
        if len(path) < 2 or path[0].level != 1 or id(path[1]) in decided:
            continue
        if path[0] is not part:
            part, run = path[0], []
        item = path[1]
        decided.add(id(item))
        n = _int_label(item)
        if n is None:
            continue
        used = seen.setdefault(id(part), set())
        if run and n == run[1]:
            prefix[id(item)] = [run[0], item]  # type: ignore[list-item]
            run[1] = n + 1
            continue
        if n in used and id(part) in following and n > 1:
            run = [following[id(part)], n + 1]
            prefix[id(item)] = [following[id(part)], item]
            continue
        used.add(n)
    if not prefix:
        return
    # Numbered items under each part once moved, to re-attach "3.2" to its part's "3.".
    items: dict[tuple[int, int], Heading] = {}
    for sec in sections:
        path = prefix.get(id(sec.heading_path[1]), sec.heading_path) if len(sec.heading_path) >= 2 else sec.heading_path
        if len(path) >= 2 and path[0].level == 1 and (n := _int_label(path[1])) is not None:
            items.setdefault((id(path[0]), n), path[1])
    for sec in sections:
        path = sec.heading_path
        if len(path) < 2:
            continue
        path = [*prefix.get(id(path[1]), path[:2]), *path[2:]]
        if len(path) >= 3 and re.fullmatch(r"\d{1,2}\.\d{1,2}", path[2].label):
            owner = int(path[2].label.split(".")[0])
            if _int_label(path[1]) != owner and (id(path[0]), owner) in items:
                path = [path[0], items[(id(path[0]), owner)], *path[2:]]
        sec.heading_path = path


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def _trail(s: str) -> int:
    return len(s) - len(s.rstrip())


def _attach_metadata(doc: Document, chunks: list[Chunk]) -> None:
    """Index document metadata with the preamble and signature chunks (questions about number, date,
    signer, issuing body and the documents a plan implements land there)."""
    meta = [
        f"Thông tin văn bản: {doc.title}.",
        f"Số hiệu: {doc.number or 'chưa ghi số'}; ngày ban hành: {doc.date_vi()}.",
        f"Cơ quan ban hành: {doc.issuing_body}; huyện {doc.district}, tỉnh {doc.province}.",
        "Tình trạng: dự thảo." if doc.is_draft else "Tình trạng: văn bản chính thức.",
    ]
    if doc.signer or doc.signer_title:
        meta.append(f"Người ký: {doc.signer or '(không ghi tên)'}, {doc.signer_title or ''}.")
    if doc.implements:
        meta.append("Căn cứ, thực hiện: " + "; ".join(doc.implements) + ".")
    extra = " ".join(meta)
    for c in chunks:
        if c.kind in ("preamble", "signature"):
            c.extra = extra


def chunk_corpus(docs: list[Document], max_chars: int = 1100) -> list[Chunk]:
    """Chunk every document, in corpus order."""
    return [c for d in docs for c in chunk_document(d, max_chars=max_chars)]
