"""Extractive answering: pick the sentence(s) of the top passages that answer the question.

Deterministic and offline (the default backend). For "ai chủ trì / cơ quan nào" questions it prefers
the assignment line ("... chủ trì ..."), for "chỉ tiêu / tỷ lệ" questions the clause with the number,
for questions about the document itself (number, date, signer) the header and signature lines, and
for "mục 3.4 nói về gì" the section heading. When the best evidence scores below a threshold
(calibrated on the eval set), it refuses instead of guessing.

Example::

    >>> gen = ExtractiveGenerator.from_chunks(store.chunks, stats=TextStats.load(store.path, store.chunks))
    >>> g = gen.generate(question, passages, analysis)
    >>> g.text, g.cited
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from assistant.chunking import Chunk
from assistant.generation.base import Generation, refusal
from assistant.generation.verdict import with_verdict
from assistant.lexicon import MASS_GROUP, MASS_ORGANISATION, everyday_pairs, everyday_phrases, rewrite
from assistant.plain_words import is_common_talk
from assistant.plan.facts import CITED_DOCUMENT
from assistant.plan.outline import ITEM_SUBJECT
from assistant.plan.topics import topics_named, topics_of
from assistant.query import (
    ASKS_DOCUMENTS,
    FIGURE_WITH_UNIT,
    LOCATE,
    NAMES_PART,
    YEAR_ASKED,
    YEAR_IN,
    QueryAnalysis,
    asked_text,
    asks_cited_document_date,
    scene_clauses,
    without_giver,
    without_lead_frame,
    yes_no_predicate,
)
from assistant.retrieval import Passage, cite_chunk
from assistant.text import (
    STOPWORDS,
    STOPWORDS_ACCENTED,
    collapse_ws,
    fold,
    goes_on_listing,
    syllables,
    title_line_breaks,
    words,
)
from assistant.textstats import TextStats, bigrams, expand_abbrev

# Calibrated with `assistant eval` on eval/questions.jsonl (see README, "Ngưỡng từ chối").
DEFAULT_THRESHOLD = 0.255
# A figure asked: "bao nhiêu", "mấy", "tỷ lệ", "%".
# Words bounding a figure ("dưới 2%", "trên 95%", "đạt khoảng"), no name of what it counts (folded).
_BOUND_WORDS = frozenset("duoi tren khoang dat it nhat toi thieu da hon con phai muc".split())
# Words framing any figure ("tỷ lệ … dân số … người"), shared by targets of every kind (folded).
_FIGURE_FRAME = frozenset("ty ti le so nguoi dan nam muc tieu chi huyen ke hoach ho gia dinh".split())
_CHECK_TAIL = re.compile(r"(?<!\w)(?:dung|phai|that|vay)(?: la)? (?:khong|ko|k|ha|a|chu|nhi)(?: \w+){0,2}\s*\??\s*$")
_FIGURE_WORDS = re.compile(r"(?<!\w)(bao nhieu|may phan tram|phan tram|ty le|ti le)(?!\w)|%")
PHRASE_WEIGHT = 0.15  # measured 0.1–0.25 on every set: 0.25 starts answering unanswerables

_PARA_SPLIT = re.compile(r"\n\s*\n|\n\s*-{3,}\s*\n|\n(?=\s*(?:[-+•]|\*+\s*Thực hiện|[a-zđ]\)|\d+\.)\s)")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“*(]*[A-ZÀ-Ỹ\u0110])")
_CLAUSE_SPLIT = re.compile(r";\s+|\.\s+(?=\d)")
_MARKUP = re.compile(r"<[^>]{1,10}>|[*#\\]+")
_SQUARED = re.compile(r"<sup>\s*2\s*</sup>")  # "m<sup>2</sup> sàn/người" is shown "m² sàn/người"
_LEAD = re.compile(r"^[\s\-+•]*(?:\d{1,2}\.\s+(?=[A-ZÀ-Ỹ\u0110]))?(?:Thực hiện\s*:\s*)?")
# A number that is not a year: what a target clause states ("98%", "2,1 con", "14-16 giường").
_VALUE = re.compile(r"(?<![\d-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?")
_NUMBER = re.compile(r"\d")
_ASSIGN_LINE = re.compile(r"^[\s*_]*Thực hiện\s*:[^\n]*chủ trì", re.M)
_ASSIGN_PREFIX = re.compile(r"^[\s*_]*Thực hiện\s*:")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# A question asking for a quantity, and the words that only say so.
_QUANTITY = re.compile(r"bao nhieu|muc (nao|bao)|(?<!\w)may (phan tram|%)|bao nhieu %|con so")
_HOW_MANY = re.compile(r"(?<!\w)(bao nhieu|con so)(?!\w)")
_QUANTITY_WORDS = frozenset(
    "bao nhieu muc may phan tram con so la dat ra dat de ra toi thieu toi da moi nam tren duoi khoang tu den "
    "giam tang xuong len con nguoi dan binh quan".split()
)

# Words that say what kind of answer is wanted, not what it is about: not content for overlap.
_CUE_RAW = (
    "chủ trì nhiệm vụ đơn vị cơ quan phòng nào phụ trách giao trách nhiệm thực hiện chỉ tiêu tỷ tỉ lệ "
    "mục tiêu đặt ra đạt phấn đấu năm 2030 bao nhiêu số hiệu ngày ký ban hành mục phần điểm khoản "
    "nói gồm đề cập văn bản kế hoạch biết hãy tóm tắt liệt kê nêu giúp tôi soạn tóm lược cần "
    "quán triệt cán bộ cơ sở trình bày hội nghị đưa vào bài bản để dự thảo"
).split()
# How people talk, not what they ask about ("có dự tính … không", "hai nơi khác nhau", "bên huyện"). With
# diacritics only: folded, most of them are other words too ("nha" = "nhà", "tinh" = "tỉnh", "du" = "du học").
_TALK_ACCENTED = frozenset("mảng mốc ý tới khác nhau tính dự nhắm đỡ chuyện bên chỗ hết nhé nha vậy ạ giúp mình xin đi vì ko còn "
                           "đọc lướt thấy cụ thể".split())
_CUE_ACCENTED = frozenset(_CUE_RAW) | _TALK_ACCENTED
_CUE_WORDS = frozenset(fold(w) for w in _CUE_RAW)
_META_WORDS = frozenset(
    fold(w)
    for w in (
        "mấy gì ký tên người cương vị chức vụ khi nào thời gian ubnd ủy ban nhân dân huyện ủy thường vụ họ đồng chí "
        "phó bí thư chủ tịch chương trình nghị quyết căn cứ tỉnh cấp trên ngoài vào hay còn chính thức bản"
    ).split()
)


@dataclass
class _Unit:
    passage_idx: int
    text: str  # display text (markup removed, whitespace collapsed)
    folded: set[str]
    bigrams: set[str]
    order: int
    exact: set[str]  # syllables with diacritics
    assignment_line: bool = False  # a "* Thực hiện: … chủ trì" line following a task
    task_folded: set[str] = field(default_factory=set)  # for an assignment line: its task's syllables
    item_subject: str = ""  # the bodies a list item opens with, for its later sentences ("1. UBND huyện, … chỉ đạo …")
    task_exact: set[str] = field(default_factory=set)
    task_bigrams: set[str] = field(default_factory=set)  # for an assignment line: its task's syllable pairs
    para: int = 0  # which paragraph of its chunk it stands in
    sentence_head: str = ""  # a later clause's sentence opening, when only that names the body doing it

    def terms(self, exact: bool) -> set[str]:
        return self.exact if exact else self.folded

    def context(self, exact: bool) -> set[str]:
        """Its own syllables, plus its task's for an assignment line."""
        return self.terms(exact) | (self.task_exact if exact else self.task_folded)


def _with_clauses_between(chosen: list[_Unit], units_by_passage: dict[int, list[_Unit]]) -> list[_Unit]:
    """Two clauses of one sentence chosen ("Chú trọng …; khám sức khỏe định kỳ …; quản lý các bệnh mãn tính …"): the
    clause or two between them too, the run in the plan's order where the first of them stood."""
    out = list(chosen)
    for a in chosen:
        for b in chosen:
            if a.passage_idx != b.passage_idx or a.para != b.para or not 2 <= b.order - a.order <= 3:
                continue
            between = [u for u in units_by_passage.get(a.passage_idx, []) if a.order < u.order < b.order]
            # (clauses going on after a semicolon start in lower case; a new sentence does not)
            if (len(between) != b.order - a.order - 1 or not b.text[:1].islower()
                    or any(u.assignment_line or u.para != a.para or not u.text[:1].islower() for u in between)
                    or any(u is x for u in between for x in out)):
                continue
            at = min(i for i, x in enumerate(out) if x is a or x is b)
            out = [x for x in out if x is not a and x is not b]
            out[at:at] = [a, *between, b]
    return out


def _phrase_of(text: str, terms: Sequence[str]) -> str:
    """The words of ``text`` from the first of ``terms`` to the last ("tăng dân số tự nhiên" of "nhiên", "tăng")."""
    spans = [m.span() for t in terms for m in re.finditer(rf"(?<!\w){re.escape(t)}(?!\w)", text, re.IGNORECASE)]
    if not spans:
        return ", ".join(terms)
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    return text[start:end] if end - start <= PHRASE_CHARS else ", ".join(terms)


PHRASE_CHARS = 60


def _display(raw: str) -> str:
    text = collapse_ws(_MARKUP.sub("", _SQUARED.sub("²", raw)))
    # "… thực hiện Kế hoạch này./." closes a plan on paper; the "/." is not part of the sentence.
    return _LEAD.sub("", re.sub(r"\./\.?\s*$", ".", text)).strip(" ;,")


# Bodies named with their proper names ("Hội Liên hiệp Phụ nữ"): a plan that never names one has no
# task for it. Generic bodies ("UBND huyện") appear in every plan and only steer sentence choice.
_SPECIFIC_BODY = re.compile(
    r"(?:Ngân hàng|Hội|Phòng|Ban|Ủy ban|Trung tâm|Mặt trận|Đoàn|Công an|Bảo hiểm xã hội|Chi cục|Văn phòng|"
    r"Liên đoàn|Quỹ|Sở|Cục)(?:\s+[A-ZÀ-Ỹ\u0110][\w&-]*)+"
    # Bodies whose name needs no capitalised word after it: "Công an huyện", "Viện kiểm sát nhân dân huyện".
    r"|(?:Công an|Viện [Kk]iểm sát(?: nhân dân)?|Tòa án(?: nhân dân)?|Kho bạc(?: Nhà nước)?|Bảo hiểm xã hội) (?:huyện|tỉnh)"
    r"|(?:Huyện|Tỉnh) [Đđ]oàn"
)
_GENERIC_BODY = re.compile(
    r"(?:Thường trực\s+)?(?:Ủy ban nhân dân|Hội đồng nhân dân|UBND|HĐND)(?:\s+(?:huyện|các xã, thị trấn|các xã|các cấp))?"
    r"|Mặt trận Tổ quốc",
    re.IGNORECASE,
)


_BODY_STOP = frozenset(
    "huyện xã tỉnh của được chủ ở về có giao trong thì là làm cho với nào gì đã phải và hay phụ-trách".split()
)


def _body_phrase(question: str) -> str | None:
    """The name of the body a question asks about, as typed ("Hội Liên hiệp Phụ nữ", "Phòng Tư pháp")."""
    m = _SPECIFIC_BODY.search(question)
    if m is None:
        return None
    if _AGENCY_OF_PLACE.fullmatch(m.group(0)):
        return m.group(0)
    words = question[m.start():].split()
    out = [words[0]]
    for k, w in enumerate(words[1:12], start=1):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        prev = out[-1]
        # "Phòng Lao động - Thương binh và Xã hội", "Phòng Kinh tế - Hạ tầng": a joiner between capitalised words;
        # a capitalised word after a joiner; a lower-case syllable only as the second of a capitalised word.
        joiner = w in ("-", "–", "&", "và") and nxt[:1].isupper()
        after_joiner = prev in ("-", "–", "&", "và") and w[:1].isupper()
        second = w[:1].islower() and prev[:1].isupper() and prev not in ("-", "–", "&")
        if not (joiner or after_joiner) and (w.lower().strip("?,.;:") in _BODY_STOP or not w[:1].isalpha()
                                             or w[:1].islower() and not second):
            break
        out.append(w.strip("?,.;:"))
        if w != w.rstrip("?,.;:"):
            break
    return " ".join(out)


def _without_places(body: str, places: set[str]) -> str:
    """A folded body name without the district or province named after it."""
    for place in places:
        body = re.sub(rf"\s+(huyen |tinh )?{re.escape(place)}$", "", body)
    return body


def _plain(folded: str) -> str:
    """Folded text as its syllables only: "so lao dong, thuong binh va xa hoi" = "so lao dong - thuong binh …"."""
    return " ".join(syllables(folded))


def _named_bodies(question: str, specific: bool = True) -> list[str]:
    """Bodies named in a question, folded (abbreviations expanded), for presence checks."""
    pattern = _SPECIFIC_BODY if specific else _GENERIC_BODY
    # ("Bảo hiểm xã hội huyện" is the agency; "bảo hiểm xã hội" alone is also a policy every plan names.)
    return [expand_abbrev(fold(m.group(0) if _AGENCY_OF_PLACE.fullmatch(m.group(0)) else _name_only(m.group(0))))
            for m in pattern.finditer(question)]


_AGENCY_OF_PLACE = re.compile(r"Bảo hiểm xã hội (?:huyện|tỉnh)")


def _name_only(name: str) -> str:
    """A body's name up to the first word that cannot be part of it: "Mặt trận được giao" → "Mặt trận" (the
    name pattern's upper-case class also admits words like "được")."""
    out: list[str] = []
    for w in name.split():
        if out and w.lower() in _BODY_STOP:
            break
        out.append(w)
    return " ".join(out)


# A heading's label: "I.", "2.", "3.2.", "a)", and "3.2 " as Kim Động writes some of its sub-sections.
_HEADING_LABEL = re.compile(r"^\s*(?:(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)](?!\d)\s*|\d{1,2}(?:\.\d{1,2})+\s+)")


def _full_title(title: str, pool: list[Chunk]) -> str:
    """The whole heading for a breadcrumb title shortened with "…", read from its heading line(s)."""
    if not title.endswith("…"):
        return title
    label, _, core = title.partition(" ")
    prefix = fold(core.rstrip("…"))
    for c in pool:
        lines = [ln for ln in c.text.splitlines() if ln.strip()]
        for i, ln in enumerate(lines):
            # A hard-wrapped heading continues on the next line.
            for raw in (ln, " ".join(lines[i : i + 2])):
                full = _HEADING_LABEL.sub("", _display(raw))
                if fold(full).startswith(prefix) and len(full) > len(core) - 1:
                    if len(full) > 200:
                        full = full.split(": ", 1)[0]
                    return f"{label} {full}"
    return title


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with "…" when longer than ``limit`` characters."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _lists_things(qa: QueryAnalysis, place: set[str]) -> bool:
    """Two or more comma-separated pieces of the question name something ("hội chợ việc làm, tìm việc online");
    a district named before a comma ("Kon Rẫy, …") is not one."""
    pieces = [
        [w for w in syllables(p) if w not in STOPWORDS and w not in _CUE_WORDS and fold(w) not in {fold(x) for x in place}]
        for p in qa.expanded_text.split(",")
    ]
    return sum(len(p) >= 2 for p in pieces) >= 2


def _things_named(text: str, form: Callable[[str], list[str]], terms: set[str]) -> list[set[str]]:
    """The content terms of each thing a question lists ("…, trẻ tự kỷ và về doanh nghiệp …"), two or more each."""
    pieces = re.split(r",|;|\s+và\s+(?=về\s)|\s+va\s+(?=ve\s)", text)
    return [t for t in ({w for w in form(p) if w in terms} for p in pieces) if len(t) >= 2]


VALUE_REACH = 15  # syllables between a figure and the phrase it is the figure for


def _value_near(text: str, pair: str) -> bool:
    """Whether a figure stands within :data:`VALUE_REACH` syllables of the phrase ``pair`` ("nuoc_ngoai") in
    ``text``: "… đi làm việc ở nước ngoài …, phát triển 4 trụ cột" gives no figure for work abroad."""
    syl = syllables(text)
    at = [k for k, (a, b) in enumerate(zip(syl, syl[1:], strict=False)) if f"{a}_{b}" == pair]
    figures = [k for k, w in enumerate(syl) if _VALUE.match(w)]
    return any(abs(k - j) <= VALUE_REACH for k in at for j in figures)


def _find_words(seq: list[str], sub: list[str]) -> int | None:
    """Index where the word list ``sub`` starts inside ``seq``, if it does."""
    return next((k for k in range(len(seq) - len(sub) + 1) if seq[k : k + len(sub)] == sub), None)


def _is_assignment(u: _Unit) -> bool:
    return "chu_tri" in u.bigrams


_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")


def _paragraphs(text: str, headings: Sequence[str] = ()) -> list[str]:
    """The chunk's paragraphs; one the source breaks mid-sentence at a blank line ("… danh tính hài" / "cốt liệt sĩ
    …", a page break) is one paragraph."""
    out: list[str] = []
    last = -1  # the last paragraph of body text: a footnote printed mid-sentence ("¹ Trong đó, …") does not end it
    paras = []
    for para in _PARA_SPLIT.split(text):
        # "5. Xây dựng hệ thống an sinh xã hội …" on its own line, the text on the next: the heading is no part of
        # the first sentence ("… phía sau Thực hiện đa dạng hóa …").
        first = next(iter(title_line_breaks(para, headings)), None)
        paras += [para[:first], para[first + 1:]] if first is not None and "\n" not in para[:first].lstrip() else [para]
    for para in paras:
        head = para.strip()[:1]
        if last >= 0 and head.isalpha() and head.islower() and out[last].rstrip()[-1:] not in (".", ";", ":", "!", "?", ""):
            out[last] = f"{out[last].rstrip()} {para.strip()}"
            continue
        out.append(para)
        if not _FOOTNOTE.match(para.strip()):
            last = len(out) - 1
    return out


def _units(chunk: Chunk, idx: int, fine: bool, carried: Sequence[_Unit] = ()) -> list[_Unit]:
    """The sentences of a chunk (clauses when ``fine``); an assignment line knows the task block before it, from
    ``carried`` (the units of the piece the block starts in) too."""
    out: list[_Unit] = []
    for para_no, para in enumerate(_paragraphs(chunk.text, chunk.headings)):
        pieces = _SENT_SPLIT.split(collapse_ws(para))
        heads = [""] * len(pieces)
        if fine:
            # A "Thực hiện: …" line is one assignment whatever its semicolons: the lead, the partners, the communes.
            split = [[p] if _ASSIGN_PREFIX.match(p) else _CLAUSE_SPLIT.split(p) for p in pieces]
            pieces = [c for cs in split for c in cs]
            # "Phát huy vai trò của Mặt trận Tổ quốc … trong công tác tuyên truyền …; tuyên truyền, vận động người dân
            # hạn chế …": a later clause that names no body is done by the body its sentence's first clause names.
            # "… nuôi dưỡng người có công với cách mạng; trẻ em mồ côi, người cao tuổi cô đơn …": a later clause that
            # only goes on with a list of people is part of what its sentence says of them.
            heads = [cs[0] if k and c[:1].islower() and (
                        _AGENCY_NAMED.search(cs[0]) and not _AGENCY_NAMED.search(c)
                        or k == 1 and goes_on_listing(cs[0], c)) else ""
                     for cs in split for k, c in enumerate(cs)]
        opens = ITEM_SUBJECT.match(_display(pieces[0])) if pieces else None
        for k, piece in enumerate(pieces):
            text = _display(piece)
            if len(text) < 8:
                continue
            syl = syllables(text)
            out.append(
                _Unit(
                    idx, text, set(syl), {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)}, len(out),
                    set(words(text)),
                    # "Thực hiện: … chủ trì …", or "Thực hiện: Các phòng, ban …; UBND các xã … theo hướng dẫn của …"
                    bool(_ASSIGN_PREFIX.match(piece)) and ("chu tri" in fold(text) or bool(_AGENCY_START.match(text))),
                    item_subject=opens.group("subject") if opens and k and not _AGENCY_START.match(text) else "",
                    para=para_no, sentence_head=_display(heads[k]),
                )
            )
    # An assignment line says little by itself: its topic is the task it follows.
    task: set[str] = set()
    task_exact: set[str] = set()
    task_pairs: set[str] = set()
    for u in carried:
        task |= u.folded
        task_exact |= u.exact
        task_pairs |= u.bigrams
    for u in out:
        if u.assignment_line:
            u.task_folded, u.task_exact, u.task_bigrams = set(task), set(task_exact), set(task_pairs)
            task, task_exact, task_pairs = set(), set(), set()
        else:
            task |= u.folded
            task_exact |= u.exact
            task_pairs |= u.bigrams
    return out


# "phòng nào", "phòng chuyên môn nào": an office of the district is asked, which collectives do not name.
_ASKS_OFFICE = re.compile(r"(?<!\w)phong (chuyen mon )?nao(?!\w)")
_AGENCY_START = re.compile(
    r"^(Giao\s+)?(Ban|Phòng|Ủy ban|UBND|Mặt trận|MTTQ|Hội|Các cơ quan|Các phòng|Các cấp ủy|Thường trực|Văn phòng|"
    r"Trung tâm|Bảo hiểm xã hội|Công an|Đảng ủy|Đoàn|Liên đoàn|Chi cục|Huyện ủy|Hội đồng|Các đồng chí|Đồng chí)\b"
)
# A question asking who leads a task, and any body a sentence could name as its lead.
_ASKS_LEAD = re.compile(r"chu tri|phu trach|dau moi|(phong|co quan|don vi|ban|ai) nao|^ai |(?<!\w)ai (lo|lam|giu)"
                        r"|giao (cho )?ai(?!\w)")
# "… Phòng LĐTBXH hả?", "… có phải Phòng Y tế không?": the asker's guess of the body, ending the question.
_GUESSED_BODY = re.compile(r"(phong|ban|co quan|uy ban|ubnd|trung tam)[^?]{0,60}(?<!\w)(ha|a|phai khong|dung khong)\s*\??\s*$")
# A duty written without its subject, the body being the heading above it.
_DUTY_START = re.compile(r"^(Chủ trì|Phối hợp|Tham mưu|Theo dõi|Hướng dẫn|Tổ chức|Chỉ đạo|Triển khai)\b")
# A body named ("Phòng …", "Ban …"); with the collectives ("cấp ủy, chính quyền", "các ngành"), any body tasked.
_AGENCY_NAMED = re.compile(
    r"\b(Phòng|Ban|Ủy ban|Uỷ ban|UBND|Mặt trận|MTTQ|Hội|Trung tâm|Bảo hiểm xã hội|Công an|Đảng ủy|Đảng uỷ|Đoàn|Liên đoàn|"
    r"Chi cục|Huyện ủy|Huyện uỷ|Hội đồng|HĐND|Văn phòng|Thường trực|BCH|Ngân hàng|Tòa án|Viện kiểm sát|Sở)\b"
)
_AGENCY = re.compile(_AGENCY_NAMED.pattern + r"|cấp ủy|cấp uỷ|chính quyền|các cơ quan|các ngành|đoàn thể|tổ chức chính trị")
_NUMBER_LINE = re.compile(r"^Số\b")
_PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngày\b")
_ISSUER = re.compile(r"(ban hành|xây dựng|ban dựng)\s+Kế hoạch", re.IGNORECASE)
_BASIS = re.compile(r"(?:^|\s)((?:Thực hiện|Căn cứ)\s.*?\bsố\b.*)$")
_WHEN = re.compile(r"ngay nao|khi nao|bao gio|(?<!co )thoi han|han chot|truoc ngay|thoi diem nao|dinh ky")
# A clause opening on the asker's relative doing something ("bà đi khám …", "mẹ tôi bị …"). Folded.
_KIN_SUBJECT = re.compile(r"^((?:ba|ong|me|bo|ma|chau|vo|chong)(?: (?:toi|em|minh|tui|noi|ngoai))?)"
                          r" (?:di|bi|dang|muon|hay|phai|can)(?!\w)")
# A relative named again to ask about them ("…, vậy bà có được …", "thì ông có được …"): the story's person, no topic.
_KIN_AGAIN = re.compile(r"(?:^|[,.;?!]\s*)(?:(?:vay|the|thi|nhu vay|con|va) )?((?:ba|ong|me|bo|ma|chau|vo|chong)(?: (?:toi|em|minh|tui|ay|nay))?)"
                        r" (?:co|co duoc|duoc|se|can|phai)(?!\w)")
_TIME_ASKED = re.compile(r"(?<!\w)(?:moc )?(?:thoi gian|giai doan|thoi han|moc)(?: (?:thuc hien|hoan thanh|cua no))?"
                         r" (?:ra sao|the nao|nhu the nao|nao|bao lau|la gi|la khi nao)(?!\w)")
# "bao giờ thì …", "khi nào … đạt": when a thing is reached, no day, report or meeting asked (folded).
_WHEN_REACHED = re.compile(r"^(?!.*(?<!\w)(?:ngay nao|truoc ngay|bao cao|so ket|tong ket|hop|ban hanh|ky|dinh ky)(?!\w))"
                           r".*(?<!\w)(?:bao gio|khi nao|nam nao)(?!\w)")
# A heading naming the targets' horizon: "Các chỉ tiêu chủ yếu đến năm 2030".
_HORIZON = re.compile(r"(?i)chỉ tiêu[^›]{0,40}đến năm\s+\d{4}")
_YEAR_ONLY = re.compile(r"(?<!\w)nam nao|moc thoi gian")
_A_YEAR = re.compile(r"\bnăm\s+\d{4}\b")
_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}|hằng năm|hàng năm|định kỳ")
_ASKS_DOCUMENT = re.compile(r"(chuong trinh|ke hoach|nghi quyet|quyet dinh|chi thi|ket luan|van ban)( (?!ngay)[a-z]+){0,2} (nao|so may|so bao nhieu)")
_DOC_NUMBER_ASKED = re.compile(r"(?<!\w)(?:nghi quyet|nq|chi thi|chuong trinh|ctr|quyet dinh|ket luan|ke hoach|kh) (?:so )?(\d+)(?!\d)")
# Words that end a field's name in a question ("mảng văn hóa thì …"); not the stop-word list, which holds "văn".
_FIELD_END = frozenset("thi nao cho co la do duoc gi ma cua trong ke hoach va voi con o tai".split())


# A clause about the asker ("Nhà tôi ở Kim Động là gia đình liệt sĩ.", "nghe nói huyện sẽ …") sets the scene; the
# question is in the clauses that ask. Words only the scene uses count this much of their weight.
CONTEXT_WEIGHT = 0.35
# Past this many concepts in the question, one the plan lacks weighs proportionally less (3: no set lost a
# question, session 9).
CONCEPTS_ONE_MISSING = 3
# An everyday phrase's official term found whole in a sentence (0.1: train_wording false refusals 0.236 → 0.073,
# no other set lost a question, session 9).
OFFICIAL_WEIGHT = 0.1
# Lead lines within this score of the best, whose tasks share its topic, are answered together (at most three).
# (0.1: a passage ranked one place lower starts 0.06 behind on rank alone — session 14.)
SHARED_LEAD_MARGIN = 0.1
MAX_SHARED_LEADS = 3
# "… xanh sạch hơn", "… nhiều nữa": how much, said by the asker; the plans use the words in other senses.
_DEGREE = frozenset("hơn nữa lắm quá hon nua".split())  # folded "lam", "qua" are mostly "làm", "qua"
TOP_UNITS_FOR_DOCUMENT = 6
MAX_LISTED_CLAUSES = 4  # clauses an answer may reach by following a list of people past semicolons
# What is done asked first, the document it follows after: "định làm gì …, theo chương trình nào" (folded).
_WHAT_THEN_DOCUMENT = re.compile(r"(?<!\w)(lam gi|chinh sach gi|gi|the nao|ra sao)(?!\w)[^?]*,\s*(theo|dua (vao|tren)|can cu( vao)?)"
                                 r" (chuong trinh|van ban|nghi quyet|de an|ke hoach|quyet dinh) nao")
# The plan's opening part ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"): it states the documents the whole plan carries out.
_PLAN_PURPOSE = re.compile(r"\W*(?:[ivx]+|\d+)?\W*muc dich(?!\w)")
# Verbs of suffering a condition ("người già mắc bệnh lâu năm"): the condition is the topic, not the verb.
_SUFFERING = frozenset("mắc mac".split())
# The words of what a yes/no question asks ("… có được ‹xây thêm trường học› không?") weigh this much more than
# whom or where it asks about.
PREDICATE_WEIGHT = 1.5
_HOW_PUT = re.compile(r"(?<!\w)(?:duoc )?(?:xac dinh|quy dinh|mo ta|the hien)(?=(?: \w+){0,4} (?:the nao|ra sao|nhu the nao)(?!\w))")


def _without_how_put(text: str) -> str:
    """The question without a verb asking how the plan puts a thing ("vai trò được xác định thế nào", "quy định ra
    sao"): it is no topic, and a plan that never writes "xác định" still answers."""
    for m in reversed(list(_HOW_PUT.finditer(fold(text)))):
        text = text[: m.start()] + " " + text[m.end() :]
    return text


TALK_WEIGHT = 0.2  # 0.2 measured on every set (session 9): no set lost a question, false refusals fell
def _without_year_word(syl: list[str]) -> list[str]:
    return [w for i, w in enumerate(syl) if not (w == "nam" and i + 1 < len(syl) and _YEAR.fullmatch(syl[i + 1]))]


def _context_only(text: str, form: Callable[[str], list[str]]) -> set[str]:
    """Terms of the question said only in clauses about the asker that ask nothing."""
    clauses, scene = scene_clauses(text)
    asked = {t for c in clauses if c not in scene for t in form(c)}
    return {t for c in scene for t in form(c)} - asked


def _field_named(q_syl: list[str], place: set[str] = frozenset()) -> str:
    """The field a question names ("mảng giáo dục thì …" → "giao duc"), folded; "" when it names none.
    ``place``: syllables of the district named ("phung hiep, ve van hoa thi …")."""
    line = " ".join(s for s in q_syl if s not in place)
    # "mảng giáo dục", "lĩnh vực văn hóa"; "về văn hóa thì …" opening the question (or its part after "còn").
    m = re.search(r"(?:(?<!\w)(?:mang|linh vuc|nganh)|^(?:con )?ve|(?<=con )ve)((?: \w+){1,3})", line)
    if not m:
        return ""
    field = []
    for w in m.group(1).split():
        if w in _FIELD_END:
            break
        field.append(w)
    return " ".join(field)


_DOC_KIND_ASKED = re.compile(
    r"(?<!\w)(nghi quyet|chi thi|chuong trinh|quyet dinh|ket luan|de an|nghi dinh|luat|thong tu|cuoc van dong|phong trao)(?!\w)"
)
_DOC_DATE = re.compile(r"\bsố\s*\d+[^\s,;]*\s*,?\s*ngày\s+\d")
_REF_TAIL = re.compile(r"(?:\bsố\s*\d+[^\s,;]*|[-/](?:KH|NQ|CTr|CT|QĐ|TW|TU|HU|UBND)\b)[^.;]{0,12}$")


def _task_date(text: str, strict: bool = False) -> bool:
    """A date or period that says when something is done: not the date of a document it cites
    ("Kế hoạch số 193-KH/HU ngày 05 tháng 7 năm 2024"). ``strict``: a calendar date ("trước ngày nào"
    is not answered by "hằng năm")."""
    return any(
        not _REF_TAIL.search(text[max(0, m.start() - 40) : m.start()]) and (not strict or any(ch.isdigit() for ch in m.group()))
        for m in _DATE.finditer(text)
    )

MAX_BLOCK_SENTENCES = 4
# Words saying how something is done, not what: no concept a plan could lack.
_MANNER = frozenset({"day du", "kip thoi", "hieu qua", "nghiem tuc", "thuong xuyen", "dong bo", "toan dien", "cu the",
                     "ro rang", "chat che", "tich cuc", "sau rong", "nhanh chong", "dung han", "lien tuc"})
# A yes/no question about the plan: a sentence of another passage holding its key words this close answers too.
WHETHER_OTHER = 0.85
DOC_MARGIN = 0.1  # a document-citing sentence this close to the best answers "văn bản nào"
KIND_MARGIN = 0.2  # … and one citing the kind asked ("đề án nào": an "Đề án …"), this close
# "có nói gì tới chỗ ở cho công nhân không", "có tính chuyện chỗ ở cho công nhân không": the thing whose mentions
# are asked (folded; fold keeps offsets). A verb alone ("lo việc …") names no such thing.
_MENTIONED = re.compile(r"(?<!\w)(?:noi|nhac|de cap|viet|ghi|tinh|lo|quan tam|chu y)(?P<how> gi| chuyen| den gi| toi gi)?"
                        r"(?P<to> (?:toi|den|ve|cho))? (?P<thing>[^?.;,]{4,60}?)"
                        r"(?: (?:khong|ko|chua|hay khong|nhu the nao|ra sao))?\s*(?:[?.;,]|$)")


# The targets' part of a plan ("2. Các chỉ tiêu chủ yếu đến năm 2030", "Mục tiêu cụ thể"), folded headings.
_TARGETS_HEADING = re.compile(r"(?<!\w)(chi tieu|muc tieu cu the)(?!\w)")
# A goal said as one ("Phấn đấu xóa bỏ …", "Đến năm 2030, …"), wherever a shuffled text put it (folded).
_GOAL_OPENING = re.compile(r"^(?:phan dau|den nam 20\d\d)(?!\w)")
OWN_CASE_MEASURE = 0.5  # a measure this near the goal's score says what is done for the asker's case


def _thing_mentioned(text: str, form: Callable[[str], list[str]], known: list[str]) -> set[str]:
    """The plan's terms of the thing a "nói gì tới X" question names (two or more), or an empty set."""
    for m in _MENTIONED.finditer(fold(text)):
        if m.group("how") or m.group("to"):
            # (from the preposition on: folded "chỗ ở" reads "cho o"; a preposition itself is no term)
            terms = set(form(text[m.start("to") if m.group("to") else m.start("thing") : m.end("thing")])) & set(known)
            return terms if len(terms) >= 2 else set()
    return set()


# An open question about what the plan says ("như thế nào", "nói gì về"), not a figure, a lead or a list.
_OPEN_ASK = re.compile(r"(?<!\w)(nhu the nao|ra sao|the nao|noi gi|viet gi|ghi gi|de cap gi|nhac gi)(?!\w)")
SHORT_PARAGRAPH_SENTENCES = 3
SHORT_PARAGRAPH_CHARS = 600
_YES_NO = re.compile(r"(?<!\w)co(?!\w).*(?<!\w)(khong|ko|chua)(?!\w)")
_NAME_LINE = re.compile(r"^[A-ZÀ-Ỹ\u0110][a-zà-ỹđ]+(\s+[A-ZÀ-Ỹ\u0110][a-zà-ỹđ]+){1,4}$")


# How well (a share of the best sentence's score) a sentence of another field named in the question must score.
FIELD_SHARE = 0.05


class ExtractiveGenerator:
    """Answers by quoting the best sentences of the retrieved passages, with [n] markers."""

    name = "extractive"

    def __init__(
        self,
        chunks: list[Chunk] | None = None,
        threshold: float | None = None,
        max_units: int = 3,
        stats: TextStats | None = None,
    ) -> None:
        if max_units < 1:
            raise ValueError("max_units must be ≥ 1")
        self.chunks = list(chunks or [])
        # Derived at index time and loaded with the index; computed here only when not given.
        self.stats = stats if stats is not None else TextStats.from_chunks(self.chunks)
        self._folded = self.stats.folded
        # The same without punctuation, for names written "Sở Lao động, TB&XH" or "Sở LĐ-TB&XH".
        self._plain = {cid: _plain(t) for cid, t in self._folded.items()}
        self.doc_freq = self.stats.term_df
        self.doc_years = self.stats.doc_years
        self.doc_horizons = self.stats.doc_horizons
        self.bigram_df = self.stats.bigram_df
        self.n_docs = max(1, len(self.chunks))
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.max_units = max_units
        self.last_scores: list[tuple[float, int, str]] = []  # top unit scores of the last answer (debugging)
        self.last_candidates: list[tuple[float, str, int]] = []  # every scored sentence of the last answer

    @classmethod
    def from_chunks(
        cls, chunks: list[Chunk], threshold: float | None = None, stats: TextStats | None = None
    ) -> ExtractiveGenerator:
        """Build with IDF and per-document statistics of the indexed chunks (``stats`` as loaded with the index)."""
        return cls(chunks, threshold, stats=stats)

    def _idf(self, term: str) -> float:
        return math.log(1 + self.n_docs / (1 + self.doc_freq.get(term, 0)))

    def _query_terms(self, qa: QueryAnalysis, districts: set[str]) -> list[str]:
        """Content syllables of the question: exact forms when it was typed with diacritics."""
        # Everyday words bring the plans' own wording along ("xem tivi" → "phát thanh, truyền hình").
        text = qa.expanded_text
        if qa.locate:
            # "… thuộc mục lớn nào": the words asking where are not the topic.
            folded = fold(text)
            for m in reversed(list(LOCATE.finditer(folded))):
                text = text[: m.start()] + " " + text[m.end() :]
            text = re.sub(r"(?<!\w)(?:nằm |nam )?(?:ở|o) (?:đâu|dau|chỗ nào|cho nao)(?!\w)", " ", text)
        text = _without_how_put(text)
        if qa.has_diacritics:
            terms = [w for w in words(text) if w not in STOPWORDS_ACCENTED and w not in _CUE_ACCENTED and w not in districts]
        else:
            terms = [s for s in syllables(text) if s not in STOPWORDS and s not in _CUE_WORDS and s not in districts]
        if qa.asks_deadline:
            # "đặt hạn cụ thể", "hạn là ngày nào": the date asked, not a topic ("hạn chế" is another word).
            terms = [t for t in terms if t not in ("hạn", "han", "định", "dinh", "cụ", "cu", "thể", "the")]
        # Numbers in a question ("trên 10.000 dân") are units of the answer, not its topic.
        return list(dict.fromkeys(t for t in terms if not t.isdigit()))

    # -- entry point -------------------------------------------------------------------------------

    def generate(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Generation:
        if not passages:
            return refusal(self.name)
        qa = analysis
        if qa.intent == "section" and qa.section_refs:
            g = self._section_answer(qa, passages)
            if g is not None:
                return g
        # Only a question about the document itself is answered from its header and signature; one that
        # merely mentions a date or "ban hành" ("xã phải ban hành kế hoạch trước ngày nào") is about the body.
        if (qa.intent == "meta" and qa.meta_fields and self._is_pure_meta(qa) and not qa.asks_deadline
                and not qa.asks_document_in_body and not NAMES_PART.search(qa.folded)):  # "trong phần 'Về giáo dục', chương trình nào…": the body
            return self._meta_answer(qa, passages)
        if qa.checks_a_guess and (body := _body_phrase(qa.text)):
            # The guessed body's words ("Phòng Y tế") would pull sentences about its field: scored without them.
            rest = collapse_ws(qa.text.replace(body, " "))
            plain = replace(qa, text=rest, folded=fold(rest), rewritten=rewrite(rest) if qa.rewritten else "")
            return self._sentence_answer(plain, passages, guessed=body)
        return self._sentence_answer(qa, passages)

    # -- sentences ranked by overlap -----------------------------------------------------------------

    def _sentence_answer(self, qa: QueryAnalysis, passages: list[Passage], guessed: str | None = None) -> Generation:
        exact = qa.has_diacritics
        form = words if exact else syllables
        district_syl = {s for p in passages for s in form(p.chunk.district)}
        terms = self._query_terms(qa, district_syl)
        q_syl = syllables(qa.expanded_text)
        q_bigrams = {f"{a}_{b}" for a, b in zip(q_syl, q_syl[1:], strict=False)}
        weights = {t: self._idf(t) for t in terms}
        for t in weights:
            if t in _DEGREE or t in _SUFFERING or self.doc_freq.get(t, 0) == 0 and is_common_talk(t, marked=exact):
                weights[t] *= TALK_WEIGHT  # "Má tôi già rồi, … được hông?": the asker's talk, no plan's topic
        # "nhà ở cho công nhân" → "nhà ở xã hội, nhà lưu trú cho công nhân": the plan's terms for an everyday phrase
        # are alternatives; a sentence saying one of them says what was asked. Words only one alternative brings
        # ("lưu trú") are no key word a sentence must hold.
        typed = set(form(qa.text))
        alternative: set[str] = set()
        for _, official in everyday_pairs(qa.folded):
            alts = [a for a in official.split(",") if a.strip()]
            for a in alts if len(alts) >= 2 else []:
                alternative |= (set(form(a)) - typed) & set(weights)
        scene = _context_only(qa.expanded_text, words if exact else syllables)
        for t in scene:
            if t in weights:
                weights[t] *= CONTEXT_WEIGHT  # "Bản tôi ở vùng sâu, sóng chập chờn. …": the asker's situation
        if (pred := yes_no_predicate(qa.expanded_text)) is not None:
            asked_terms = set(form(qa.expanded_text[pred[0] : pred[1]]))
            for t in weights:
                if t in asked_terms:
                    weights[t] *= PREDICATE_WEIGHT
        if (kin := _KIN_SUBJECT.match(fold(qa.text))) is not None:
            # "bà đi khám ở trạm y tế xã thì …": the asker's relative doing something; who they are is no topic.
            for t in set(form(qa.text[: kin.end(1)])) & set(weights):
                weights[t] *= TALK_WEIGHT
        for again in _KIN_AGAIN.finditer(fold(qa.text)):
            for t in set(form(qa.text[again.start(1) : again.end(1)])) & set(weights):
                weights[t] *= TALK_WEIGHT
        for m in _TIME_ASKED.finditer(fold(qa.expanded_text)):
            # "… đề án nào, mốc thời gian ra sao": when is asked, not a topic (a plan writes "thời gian" of many things).
            for t in set(form(qa.expanded_text[m.start() : m.end()])) & set(weights):
                weights[t] *= TALK_WEIGHT
        if qa.intent == "assignment":
            # "… phòng nào chủ trì, phối hợp với đơn vị nào": every assignment line says so; the task tells them apart.
            frame = set(form(qa.expanded_text)) - set(form(without_lead_frame(qa.expanded_text)))
            for t in frame & set(weights):
                weights[t] *= TALK_WEIGHT
        folded_terms = {t: fold(t) for t in terms}
        total = sum(weights.values()) or 1.0
        # Phrases of the question that only a few passages use ("doanh nghiệp xã hội", "du học sinh"): a
        # sentence holding them is about the thing asked, however plainly the rest is worded ("có ủng hộ … không").
        plain = STOPWORDS | _CUE_WORDS | {fold(s) for s in district_syl}
        distinct = self.stats.rare_pairs(q_syl, plain)
        # Each everyday phrase with the plan's term for it: either found whole in a sentence is the thing asked
        # (plans use some everyday phrases too: "Quỹ Vì Người nghèo").
        officials = list(dict.fromkeys(
            (frozenset(bigrams(syllables(official))), frozenset(bigrams(syllables(said))))
            for said, official in everyday_pairs(qa.folded)
            if len(syllables(official)) >= 2 and said != fold(official)
        ))
        # The most specific words of the question: a sentence lacking them answers something else.
        # Words the corpus never uses are skipped (paraphrases), words it uses elsewhere are not.
        known = [t for t in weights if self.doc_freq.get(t, 0) > 0 and t not in scene]
        key_terms = sorted((t for t in known if t not in alternative), key=lambda t: -weights[t])[:2]
        # A key word said in everyday words is there when the plan's term for the phrase is ("con của thương binh"
        # is answered by "con của người có công").
        stand_ins = {
            t: [set(form(official)) - STOPWORDS for said, official in everyday_pairs(qa.folded) if fold(t) in said.split()]
            for t in key_terms
        }
        years = set(_YEAR.findall(qa.text))
        wants_date = bool(_WHEN.search(qa.folded)) or qa.asks_deadline
        # "Sơ kết vào năm nào": a year for a task. A target's year is its horizon, answered with the target.
        year_only = qa.intent != "target" and bool(_YEAR_ONLY.search(qa.folded)) and not wants_date
        # "… thực hiện chương trình nào, ngày nào": the date of a cited document is the answer then.
        cited_doc_date = wants_date and bool(_ASKS_DOCUMENT.search(qa.folded) or asks_cited_document_date(qa.folded))
        asks_documents = bool(ASKS_DOCUMENTS.search(qa.folded))
        asked_kinds = {m.group(1) for m in _DOC_KIND_ASKED.finditer(qa.folded)}
        field = _field_named(q_syl, {s for d in qa.districts for s in syllables(d)})
        # "Phòng LĐ-TB&XH Kon Rẫy": the district's name after a body is where, not part of its name.
        places = {fold(d) for d in qa.districts} | {fold(a) for a in qa.aliases}
        asked = without_giver(qa.text)  # "KH của UBND huyện X", "BTV giao …": who gives the task is not asked about
        named = [_plain(_without_places(b, places)) for b in _named_bodies(asked)]
        subjects = named + _named_bodies(asked, specific=False)
        if _GUESSED_BODY.search(qa.folded) and _ASKS_LEAD.search(qa.folded) or guessed:
            # "phòng nào chủ trì? Phòng LĐTBXH hả?", "Có phải … giao Phòng X … không?": a guess to check, not the
            # body asked about (nor one the plan must name).
            named, subjects = [], []
        plans = [self._plain[c.id] for c in self.chunks if not qa.districts or c.district in qa.districts] if named else []
        member_note = ""
        org = MASS_ORGANISATION.search(qa.folded)
        members = [b for b in named if org and (org.group(0).startswith(b) or b.startswith(org.group(0)))]
        if (members and "chu tri" not in qa.folded and not any(b in t for b in members for t in plans)
                and any(_plain(g) in t for g in MASS_GROUP for t in plans)):
            # "Hội Phụ nữ huyện phải làm gì" of a plan that tasks the mass organisations only as a group: their tasks.
            named = [b for b in named if b not in members]
            subjects = [*subjects, "mat tran to quoc", *MASS_GROUP]
            who = _body_phrase(qa.text) or "tổ chức này"
            member_note = (f"Kế hoạch không giao việc riêng cho «{who}»; {who} là một tổ chức chính trị - xã hội, "
                           "cùng thực hiện các việc kế hoạch giao cho Mặt trận Tổ quốc và các tổ chức chính trị - xã hội: ")
        if named and plans and not any(b in t for b in named for t in plans):
            # "Phòng Tư pháp chủ trì gì?" asked of a plan that never names that body.
            return self._body_not_named(qa, passages)
        absent, n_concepts = self._absent_concepts(qa)
        # One missing concept among many the plan has ("mở rộng BHXH tự nguyện, BHYT, chống gian lận trục lợi quỹ
        # bảo hiểm"): a detail of a list, not the thing asked.
        absent_weight = min(1.0, CONCEPTS_ONE_MISSING / n_concepts) if n_concepts else 1.0

        fine = qa.intent in ("target", "general") or qa.briefing
        scored: list[tuple[float, _Unit]] = []
        units_by_passage: dict[int, list[_Unit]] = {}
        in_body = qa.asks_document_in_body
        # "(về Nghị quyết 28)": a document the question names by kind and number.
        doc_numbers = set(_DOC_NUMBER_ASKED.findall(qa.folded))
        # A task block split over two chunks is one block: the piece with its "Thực hiện:" line is scored too, its
        # line knowing the whole block's task ("3.1 … chăm lo người có công" on one chunk, the line on the next).
        starts = self._closing_pieces(passages, 6) if qa.intent == "assignment" and _ASKS_LEAD.search(qa.folded) else {}
        for pi, p in [*enumerate(passages[:6]), *((k, passages[k]) for k in starts if k >= 6)]:
            if in_body and (not any(p.chunk.labels) or any(_PLAN_PURPOSE.match(fold(h)) for h in p.chunk.headings)):
                continue  # "Về BHXH, tiếp tục thực hiện văn bản nào": cited in the body, not the header's or opening's basis
            head = set(form(" ".join(p.chunk.headings)))
            chunk_terms = set(form(p.chunk.text)) | head
            passage_cov = sum(w for t, w in weights.items() if t in chunk_terms) / total
            rank_prior = 0.12 / (1 + pi)
            chunk_folded = self._plain.get(p.chunk.id) or _plain(expand_abbrev(fold(p.chunk.text)))
            absent_body = [b for b in named if b not in chunk_folded]
            units = _units(p.chunk, pi, fine, carried=_units(starts[pi], pi, fine) if pi in starts else ())
            units_by_passage[pi] = units
            # "Phần 'Về giáo dục' … yêu cầu gì": the passage under the part the question names by its title.
            own_title = _HEADING_LABEL.sub("", _display(p.chunk.headings[-1])).strip(" .:") if p.chunk.headings else ""
            # "Tầm nhìn đến 2045" names "Tầm nhìn đến năm 2045": "năm" before a year is left out on both sides.
            title_syl = _without_year_word(syllables(own_title))
            q_line = f" {' '.join(_without_year_word(q_syl))} "
            named_part = len(title_syl) >= 3 and f" {' '.join(title_syl)} " in q_line
            if not named_part and title_syl[:1] == ["ve"] and field:
                # "Về phát triển văn hoá" is the part "mảng văn hóa", "lĩnh vực văn hóa" names (not "phổ cập giáo dục").
                named_part = f" {field} " in f" {' '.join(title_syl)} "
            for u in units:
                ut = u.terms(exact)
                cov = sum(w for t, w in weights.items() if t in ut) / total
                if qa.intent == "assignment" and u.assignment_line:
                    # An assignment line says little itself; what it assigns is the task before it.
                    task = u.context(exact) - ut
                    cov += 0.6 * sum(w for t, w in weights.items() if t in task) / total
                if exact:
                    # Same letters, other marks ("hằng năm" / "hàng năm", typos): partial credit.
                    cov += 0.6 * sum(w for t, w in weights.items() if t not in ut and folded_terms[t] in u.folded) / total
                head_cov = sum(w for t, w in weights.items() if t in head and t not in ut) / total
                pairs = u.bigrams | u.task_bigrams if qa.intent == "assignment" else u.bigrams  # "dân số" in its task
                bigram = len(q_bigrams & pairs) / (len(q_bigrams) or 1)
                s = 0.45 * cov + 0.2 * passage_cov + 0.15 * head_cov + 0.2 * bigram + rank_prior + (0.25 if named_part else 0.0)
                if distinct:
                    s += PHRASE_WEIGHT * len(distinct & pairs) / len(distinct)
                if officials:
                    # The plan's own term for what the asker said in everyday words, found whole in the sentence.
                    s += OFFICIAL_WEIGHT * sum(any(x and x <= u.bigrams for x in o) for o in officials) / len(officials)
                if subjects and qa.intent == "assignment":
                    # "UBND huyện được giao việc gì": the sentence with that body as subject answers it.
                    # Short names spelled out before punctuation goes ("Phòng Lao động - TB&XH"), on both sides.
                    unit_folded = f" {' '.join(syllables(expand_abbrev(fold(u.text))))} "
                    s += 0.25 if any(f" {' '.join(syllables(b))} " in unit_folded for b in subjects) else 0.0
                else:
                    s += self._intent_bonus(qa, u)
                context = ut | (chunk_terms if qa.intent == "assignment" else head)
                missing = [t for t in key_terms if t not in context and not any(o and o <= ut for o in stand_ins[t])]
                s -= 0.3 * len(missing) / max(1, len(key_terms))
                if absent_body:
                    s -= 0.4  # the question names a body (agency) this passage never mentions
                if asks_documents:
                    # "văn bản nào": a sentence citing one answers; "chương trình nào": one citing a programme.
                    kinds = {fold(m.group(1)) for m in CITED_DOCUMENT.finditer(u.text)}
                    s += (0.15 if not asked_kinds or kinds & asked_kinds else 0.05) if kinds else -0.05
                    if doc_numbers and any(re.search(rf"(?<!\d){n}[-/]", u.text) for n in doc_numbers):
                        s += 0.15
                if wants_date:
                    dated = _task_date(u.text) or cited_doc_date and bool(_DOC_DATE.search(u.text))
                    s += 0.2 if dated else -0.05  # "trước ngày nào", "khi nào": a date answers
                elif year_only and _A_YEAR.search(u.text):
                    s += 0.1  # "… tính tới năm nào": a sentence naming a year answers
                # A phrase the corpus uses but this district's plan never does, and whose distinctive
                # syllable this sentence lacks: likely a near-miss ("nước thải" asked of a plan that sets
                # no wastewater target); a paraphrase keeps its distinctive syllable ("học nghề" ~ "đào tạo nghề").
                lacking = [rare for rare in absent if rare not in ut]
                s -= min(0.8, 0.55 * len(lacking)) * absent_weight
                if years:
                    if not years <= self.doc_years.get(p.chunk.doc_id, years):
                        s -= 1.0  # a year the plan never mentions (e.g. "chỉ tiêu năm 2040")
                    elif not years <= self.doc_horizons.get(p.chunk.doc_id, set()) | set(_YEAR.findall(u.text + p.chunk.text)):
                        # Another year than the plan's horizons (2030, 2045): its targets are not here.
                        s -= 0.3 if qa.intent == "target" else 0.05
                scored.append((s, u))
        if not scored:
            return refusal(self.name)
        scored.sort(key=lambda su: (-su[0], su[1].passage_idx, su[1].order))
        self.last_scores = [(round(sc, 3), u.passage_idx + 1, u.text[:120]) for sc, u in scored[:8]]
        self.last_candidates = [(sc, u.text, u.passage_idx) for sc, u in scored]  # bench/sentence_scorer.py
        best_score, best = scored[0]
        document_too: _Unit | None = None
        if asks_documents and not CITED_DOCUMENT.search(best.text):
            # "… tiếp tục các văn bản nào": a sentence citing one, nearly as good, answers; the one above it cites none.
            # One citing the very kind asked ("đề án nào" and "Đề án Hậu Giang xanh") may stand further below.
            def kind_said(u: _Unit) -> bool:
                return bool(asked_kinds & {fold(m.group(1)) for m in CITED_DOCUMENT.finditer(u.text)})

            citing = next(((sc, u) for sc, u in scored[1:] if CITED_DOCUMENT.search(u.text) and sc >= best_score - (
                KIND_MARGIN if kind_said(u) else DOC_MARGIN)), None)
            if _WHAT_THEN_DOCUMENT.search(qa.folded):
                # "định làm gì với nhà dột nát, theo chương trình nào": what is done, then the document it follows
                # (the best of the near sentences citing one: the document is asked on the side, in few words).
                near = [u for sc, u in scored[1:TOP_UNITS_FOR_DOCUMENT] if CITED_DOCUMENT.search(u.text) and sc > 0]
                same_field = set(topics_of(best.text))
                document_too = max(near, key=lambda u: len(same_field & set(topics_of(u.text))), default=None)
            elif citing is not None:
                best_score, best = citing
        if (exact and qa.intent == "target" and not qa.briefing and not qa.wants_comparison and not qa.checks_claim
                and _FIGURE_WORDS.search(qa.folded)):
            # "Tỷ lệ tăng dân số tự nhiên … dưới bao nhiêu" answered by "Tỷ lệ thất nghiệp chung dưới 2,1%": the best
            # sentence, its heading included, holds none of the words naming the thing asked: the plan sets no figure
            # for it.
            # (a word typed without marks, "tiem chung", is compared folded; one with marks as written: "tự" is not
            # "từ"; the asker's talk, which weighs less, names nothing)
            heads = " ".join(passages[best.passage_idx].chunk.headings)
            said_exact, said_folded = best.terms(True) | set(words(heads)), best.terms(False) | set(syllables(heads))
            tail = _CHECK_TAIL.search(qa.folded)  # ("…, đúng không anh?": a check asked, nothing named)
            tail_words = set(tail.group(0).split()) if tail else set()
            thing = [t for t in known if fold(t) not in _BOUND_WORDS and fold(t) not in _FIGURE_FRAME
                     and weights[t] >= self._idf(t) * 0.99 and fold(t) not in tail_words]
            if len(thing) >= 2 and not any((t in said_exact if t != fold(t) else t in said_folded)
                                           or any(o and o <= best.terms(exact) for o in stand_ins.get(t, []))
                                           for t in thing):
                g = refusal(self.name, -0.5)
                where = f"của {', '.join(qa.districts)}" if qa.districts else "nào"
                g.text += f" Kế hoạch {where} không đặt chỉ tiêu (con số) nào về «{_phrase_of(qa.text, thing)}»."
                g.guard = {"refusal": "indicator_not_set", "absent": thing}
                return g
        if best_score < self.threshold:
            return refusal(self.name, best_score)
        if in_body and asks_documents and not CITED_DOCUMENT.search(best.text):
            # "có nhắc chỉ thị nào về dân số": the nearest sentence on the subject cites no document.
            return self._refuse_quoting(best, passages, "document_not_named", "không nêu văn bản nào về việc này; câu gần nhất")
        missing_figure = self._figure_not_given(qa, best, passages)
        if missing_figure is not None:
            return missing_figure
        wants_date = wants_date or year_only
        # A year may stand in the heading ("Chỉ tiêu … đến năm 2030") rather than in the sentence.
        heads = " ".join(passages[best.passage_idx].chunk.headings)
        # ("hứa tới năm nào thì nhà nào cũng có nước sạch": a year asked, and a target under "… đến năm 2030" says it;
        # "bao giờ thì xóa hết nhà tạm": a goal under that heading is set for its year too)
        year_asked = year_only or bool(_YEAR_ONLY.search(qa.folded)) and bool(_VALUE.search(best.text))
        horizon_given = bool(_WHEN_REACHED.search(qa.folded)) and bool(_HORIZON.search(heads))
        when_given = (bool(_A_YEAR.search(f"{best.text} {heads}")) if year_asked
                      else horizon_given or _task_date(best.text, strict=qa.asks_deadline))
        if wants_date and not qa.briefing and not cited_doc_date and not when_given:
            return self._refuse_quoting(best, passages, "date_not_given", "không nêu thời hạn cho việc này; câu gần nhất")
        fields = set(topics_named(qa.text))
        if (wants_date and not qa.briefing and not qa.wants_comparison and fields
                and not fields & set(topics_of(f"{best.text} {heads}"))):
            # "nhiệm vụ nhà ở: hạn hoàn thành là khi nào": a dated sentence about another task is not its deadline;
            # the task's own sentence, which sets none, is quoted.
            own = next((u for _, u in scored if fields & set(topics_of(u.text)) and not u.assignment_line), None)
            if own is not None:
                return self._refuse_quoting(own, passages, "date_not_given", "không nêu thời hạn cho việc này; câu gần nhất")

        asked_whether = None
        task_elsewhere: _Unit | None = None
        if qa.intent == "assignment" and not subjects and not _is_assignment(best):
            # The best sentence names the task; its agency is on the assignment line that follows it.
            line = next(
                (u for u in units_by_passage[best.passage_idx] if u.order > best.order and u.assignment_line), None
            )
            if line is None:
                # A block closed in the section's next chunk: its line, unless a lead line scored about as well
                # (that line's block says what is asked in its own words).
                close = next((u for sc, u in scored if u.assignment_line and sc >= best_score - SHARED_LEAD_MARGIN), None)
                line = close or self._line_in_next_piece(passages, best.passage_idx, units_by_passage)
            if line is not None:
                # "Có làm X không? Phòng nào lo?": the task sentence answers the first part, the line the second.
                # ("… đề án nào về X, phòng nào chủ trì": the document the task sentence cites is asked too.)
                asked_whether = best if _YES_NO.search(qa.folded) or asks_documents and CITED_DOCUMENT.search(best.text) else None
                # A line from the section's next chunk closes the block the best sentence is in: that sentence is
                # what the block says of the thing asked, not the sentences of the chunk the line happens to be in.
                task_elsewhere = best if line.passage_idx != best.passage_idx else None
                best = line
        elif qa.intent == "assignment" and not subjects and _is_assignment(best) and _YES_NO.search(qa.folded):
            # The lead line scored first; "… có nói gì không, phòng nào lo" also asks what the plan says: the best
            # task sentence of the block that line closes answers that.
            tasks = [(sc, u) for sc, u in scored if u.passage_idx == best.passage_idx and u.order < best.order
                     and not _is_assignment(u)]
            if tasks:
                asked_whether = max(tasks, key=lambda su: su[0])[1]

        chosen = [best] if asked_whether is None else [asked_whether, best]
        if document_too is not None and document_too.text != best.text:
            chosen.append(document_too)
        if qa.intent == "assignment" and not subjects and best.assignment_line and qa.asks_content and not _YES_NO.search(qa.folded):
            # "… viết những gì về thông tin, cơ quan nào phụ trách": the task block the lead line closes, then the line.
            own = units_by_passage[best.passage_idx]
            before = [u for u in own if u.order < best.order]
            start = max((u.order for u in before if u.assignment_line), default=-1)
            block = [u for u in before if u.order > start and not _is_assignment(u)]
            if task_elsewhere is not None:
                block = [task_elsewhere]
            if block:
                chosen = [*block[:MAX_BLOCK_SENTENCES], best]
                asked_whether = block[0]
        if (qa.intent == "assignment" and asked_whether is None and _is_assignment(best) and not subjects
                and not qa.briefing and not qa.wants_comparison and _ASKS_LEAD.search(qa.folded)):
            # "Chuyển đổi số do phòng nào chủ trì": several tasks of the plan are about it, each with its own lead.
            shared = self._leads_sharing_topic(best, best_score, scored, weights, exact, units_by_passage)
            if shared:
                return self._shared_leads_answer(shared, passages, best_score)
        limit = self._units_for(qa)
        duties = qa.intent in ("assignment", "general") and bool(subjects) and bool(
            re.search(r"nhung (viec|gi|nhiem vu)|viec gi|lam gi|nhiem vu gi|trach nhiem gi|nhiem vu nao", qa.folded)
        )
        if duties:
            limit = 3
        if qa.intent == "target" and not qa.wants_comparison:
            # "giường bệnh và bác sĩ": each asked-for indicator may sit in its own clause of the sentence.
            uncovered = [t for t in key_terms if t not in best.terms(exact)]
            # "bà bầu, con nhỏ và ông bà già nhà nghèo được lo gì": each group listed may have its own goal, one
            # without a figure among them.
            several = _lists_things(qa, district_syl)
            if several:
                top = max((weights[t] for t in known), default=0.0)
                uncovered = [t for t in known if weights[t] >= 0.5 * top and t not in best.terms(exact)]
            for _, u in scored[1:]:
                if not uncovered or len(chosen) >= limit:
                    break
                covers = sum(t in u.terms(exact) for t in uncovered)
                # A figure clause covering an indicator asked; a goal without a figure only for a group listed,
                # named by two or more of its words ("người cao tuổi … hộ nghèo"), not by one shared syllable.
                if u.passage_idx == best.passage_idx and covers and (
                        _NUMBER.search(u.text) and (not several or covers >= 2) or several and covers >= 2):
                    chosen.append(u)
                    uncovered = [t for t in uncovered if t not in u.terms(exact)]
        elif qa.intent == "general" and not qa.briefing and not qa.wants_comparison and _lists_things(qa, district_syl):
            # "hội chợ việc làm, tìm việc online": each thing listed may have its own sentence in the passage.
            top = max((weights[t] for t in known), default=0.0)
            said = best.terms(exact) | set(form(" ".join(passages[best.passage_idx].chunk.headings)))
            uncovered = [t for t in known if weights[t] >= 0.7 * top and t not in said]
            for s, u in scored[1:]:
                if not uncovered or len(chosen) >= limit:
                    break
                if u.passage_idx == best.passage_idx and s >= 0.25 * best_score and any(t in u.terms(exact) for t in uncovered):
                    chosen.append(u)
                    uncovered = [t for t in uncovered if t not in u.terms(exact)]
            # "… trẻ tự kỷ và về doanh nghiệp nhận người khuyết tật vào làm": each thing named gets the sentence
            # of the passage that says most of its words, if none chosen says half of them.
            for thing in _things_named(qa.expanded_text, form, set(weights)):
                if len(chosen) >= limit or any(len(thing & u.terms(exact)) * 2 >= len(thing) for u in chosen):
                    continue
                fits = [(len(thing & u.terms(exact)), s, u) for s, u in scored
                        if u.passage_idx == best.passage_idx and len(thing & u.terms(exact)) * 2 >= len(thing)]
                if fits:
                    chosen.append(max(fits, key=lambda f: (f[0], f[1]))[2])
        if qa.intent == "general" and not qa.briefing and not qa.wants_comparison and len(fields) >= 2:
            # "có tính tới người như em không — về trợ giúp xã hội với nhà ở": each field named gets the best
            # sentence in it, when none chosen is in that field.
            for f in [k for k in topics_named(qa.text) if k in fields]:
                if len(chosen) >= limit or any(f in topics_of(c.text) for c in chosen):
                    continue
                own = next((u for sc, u in scored if sc > 0 and sc >= FIELD_SHARE * best_score and f in topics_of(u.text)
                            and not u.assignment_line and u not in chosen), None)
                if own is not None:
                    chosen.append(own)
        if qa.intent == "general" and not qa.briefing and not qa.wants_comparison and len(chosen) < limit:
            # "khi rà soát nâng mức trợ giúp xã hội thì ưu tiên hỗ trợ những nhóm nào": the clause right after the
            # best one says what the rest of the question asks, in its words (two or more of the weightier ones).
            nxt = next((u for u in units_by_passage[best.passage_idx] if u.order == best.order + 1), None)
            top = max((weights[t] for t in known), default=0.0)
            rest = [t for t in known if weights[t] >= 0.5 * top and not any(t in c.terms(exact) for c in chosen)]
            if nxt is not None and nxt.text not in {c.text for c in chosen} and sum(t in nxt.terms(exact) for t in rest) >= 2:
                chosen.insert(chosen.index(best) + 1, nxt)
        for c in list(chosen):
            # "… ưu tiên hộ không có khả năng thoát nghèo, …; hộ nghèo thuộc chính sách bảo trợ xã hội": the list of
            # people a chosen clause gives goes on after its semicolon.
            nxt = next((u for u in units_by_passage.get(c.passage_idx, []) if u.order == c.order + 1), None)
            if (nxt is not None and nxt.para == c.para and nxt not in chosen and not nxt.assignment_line
                    and goes_on_listing(c.text, nxt.text) and len(chosen) < MAX_LISTED_CLAUSES):
                chosen.insert(chosen.index(c) + 1, nxt)
        if asks_documents and CITED_DOCUMENT.search(best.text):
            # "tiếp tục thực hiện những văn bản nào": the clauses right after the best one that cite a document too.
            after, at = best, chosen.index(best) + 1
            for u in units_by_passage[best.passage_idx]:
                if u.order == after.order + 1 and CITED_DOCUMENT.search(u.text) and u.text not in {c.text for c in chosen}:
                    chosen.insert(at, u)
                    after, at = u, at + 1
        if (qa.intent == "general" and not qa.briefing and not qa.wants_comparison and chosen == [best]
                and not best.assignment_line):
            # "… kêu gọi tài trợ như thế nào", "có nói gì về …": a short paragraph answers whole (its next sentence
            # says the rest of that point), not its best sentence alone.
            para = [u for u in units_by_passage[best.passage_idx] if u.para == best.para and not u.assignment_line]
            # (words the plans write, said in the story too; the asker's own "tụi em" may be among them, so half the
            # thing's words in the best sentence is enough)
            thing = _thing_mentioned(qa.text, form, [t for t in weights if self.doc_freq.get(t, 0) > 0
                                                     and t not in alternative])
            if (_OPEN_ASK.search(qa.folded) and 2 <= len(para) <= SHORT_PARAGRAPH_SENTENCES
                    and sum(len(u.text) for u in para) <= SHORT_PARAGRAPH_CHARS):
                chosen = para
            elif len(said := thing & best.terms(exact)) >= 2 and len(said) * 2 >= len(thing):
                # "… có nói gì tới chỗ ở cho công nhân": in a long paragraph, every sentence naming the thing as the
                # best one does ("công nhân"; "chỗ ở" is what the asker calls their housing).
                chosen += [u for u in para if u is not best and said <= u.terms(exact)][: limit - 1]
                chosen.sort(key=lambda u: u.order)
        if (qa.own_case and qa.intent == "general" and not qa.briefing and not qa.wants_comparison and chosen == [best]
                and (_TARGETS_HEADING.search(fold(" ".join(passages[best.passage_idx].chunk.headings)))
                     or _GOAL_OPENING.match(fold(best.text)))):
            # "Nhà tôi thuộc hộ cận nghèo, mái dột … kế hoạch có hứa hẹn gì cho những nhà như tôi": the goal set for
            # them, and the measure of the tasks that says the same fields of them (another part of the plan).
            fields = set(topics_of(best.text))
            measure = next((u for sc, u in scored[1:] if u.passage_idx != best.passage_idx
                            and sc >= min(OWN_CASE_MEASURE * best_score, self.threshold)
                            and not u.assignment_line and fields and fields <= set(topics_of(u.text))), None)
            if measure is not None:
                chosen.append(measure)
        if qa.wants_comparison:
            seen = {passages[best.passage_idx].chunk.district}
            # "mức sinh 2,1 con thì kế hoạch nào ghi": a figure the asker quotes, with its decimals, is in each plan
            # that sets it, whatever words that plan puts around it.
            # (With its unit: "2,1 con" is not "2,1%".)
            quoted = set(FIGURE_WITH_UNIT.findall(qa.text))
            for s, u in scored[1:]:
                d = passages[u.passage_idx].chunk.district
                says_figure = bool(quoted & set(FIGURE_WITH_UNIT.findall(u.text))) and s >= self.threshold * 0.5
                if d not in seen and (s >= self.threshold * 0.9 or says_figure):
                    chosen.append(u)
                    seen.add(d)
            if qa.asks_deadline:
                # "Kế hoạch nào đặt hạn …": only the plans whose sentence sets a date for the task answer.
                dated = [u for _, u in scored if _task_date(u.text)]
                if dated:
                    firsts: dict[str, _Unit] = {}
                    for u in dated:
                        firsts.setdefault(passages[u.passage_idx].chunk.district, u)
                    chosen = list(firsts.values())
        else:
            floor = best_score * (0.5 if qa.briefing else 0.85)
            whether = qa.intent == "general" and bool(_YES_NO.search(qa.folded))
            for s, u in scored[1:]:
                if len(chosen) >= limit:
                    break
                if duties and u.passage_idx == best.passage_idx and s >= best_score * 0.5:
                    chosen.append(u)  # the other duties of the same body, in the same item
                    continue
                if qa.briefing and qa.intent == "assignment" and not _is_assignment(u):
                    continue
                if qa.briefing and qa.intent == "target" and not _VALUE.search(u.text):
                    continue
                # Another passage adds a sentence only when it scores nearly as well: a weaker one there is
                # usually another topic, and its citation would not support the answer.
                other = u.passage_idx != best.passage_idx and not qa.briefing
                bar = best_score * 0.95 if other else floor
                if other and whether and key_terms and all(t in u.terms(exact) for t in key_terms):
                    # "Kế hoạch có tính đến X không": the target and the measure about X both say yes.
                    bar = best_score * WHETHER_OTHER
                if s >= bar and u.text not in {c.text for c in chosen}:
                    chosen.append(u)
        if qa.briefing or duties:
            chosen.sort(key=lambda u: (u.passage_idx, u.order))
        named_body = any(_AGENCY.search(u.text) for u in chosen)
        if named_body and _ASKS_OFFICE.search(qa.folded):
            # "giao phòng nào chủ trì …" answered by "cấp ủy đảng, chính quyền và hệ thống chính trị": no office named.
            named_body = any(_AGENCY_NAMED.search(u.text) for u in chosen)
        if (qa.intent == "assignment" and (not subjects or _ASKS_OFFICE.search(qa.folded)) and not qa.briefing
                and _ASKS_LEAD.search(qa.folded) and not named_body):
            # "Phòng nào chủ trì X" where the plan states X without naming any body.
            return self._refuse_quoting(best, passages, "lead_not_named", "nêu việc này nhưng không giao cơ quan chủ trì")
        if (qa.intent == "assignment" or guessed) and not qa.briefing and (_ASKS_LEAD.search(qa.folded) or guessed):
            chosen = [self._with_body_heading(u, passages) for u in chosen]
        if guessed:
            # "…; thường xuyên theo dõi, đôn đốc …" says who only in the clause before it: the sentence from its start.
            chosen = [self._with_sentence_start(u, units_by_passage[u.passage_idx]) for u in chosen]
        chosen = _with_clauses_between(chosen, units_by_passage)
        text, cited = self._compose(chosen, passages, name_plans=qa.wants_comparison and not qa.districts)
        if (qa.intent == "target" and _YEAR_ONLY.search(qa.folded) or horizon_given) and not _YEAR.search(best.text):
            # "… chỉ tiêu đến năm nào?": the horizon is in the heading ("Các chỉ tiêu chủ yếu đến năm 2030").
            horizon = _A_YEAR.search(" ".join(passages[best.passage_idx].chunk.headings))
            if horizon:
                text = f"Chỉ tiêu đến {horizon.group(0)}: {text}"
        if member_note:
            text = member_note + text
        if guessed:
            # The guess checked against the sentence that answers: confirmed, or corrected by what the plan says.
            said = expand_abbrev(fold(text))
            guess = _without_places(expand_abbrev(fold(guessed)), {fold(d) for d in qa.districts})
            text = (f"Đúng, kế hoạch giao {guessed}: {text}" if guess in said
                    else f"Không phải {guessed}. Kế hoạch nêu: {text}")
        if not guessed:
            text = with_verdict(text, qa)  # "…, có chính xác không?": the figures said, checked against the answer
        if qa.locate:
            # "… nằm ở mục nào?": the section path answers, the sentence shows it is the right place.
            chunk = passages[best.passage_idx].chunk
            same_doc = [c for c in self.chunks if c.doc_id == chunk.doc_id]
            path = " › ".join(
                _full_title(h, [c for c in same_doc if c.labels[: i + 1] == chunk.labels[: i + 1]])
                for i, h in enumerate(chunk.headings)
            )
            text = f"Nội dung này nằm ở: {path} [{best.passage_idx + 1}]. {text}"
        return Generation(text, cited, False, self.name, grounded=True, evidence_score=round(best_score, 4))

    def _later_pieces(self, chunk: Chunk) -> list[Chunk]:
        """The chunks of ``chunk``'s section that follow it, in text order (a long section is cut into pieces)."""
        return sorted((c for c in self.chunks if c.doc_id == chunk.doc_id and c.headings == chunk.headings
                       and c.kind == chunk.kind and c.start > chunk.start), key=lambda c: c.start)

    def _closing_pieces(self, passages: list[Passage], n: int) -> dict[int, Chunk]:
        """For each of the first ``n`` passages holding a task block no "Thực hiện:" line closes, the section's
        next chunk closing it (added to ``passages`` unless there): {its index: the piece the block starts in}."""
        added: dict[int, Chunk] = {}
        for p in passages[:n]:
            chunk = p.chunk
            if _ASSIGN_LINE.search(chunk.text):
                continue
            nxt = next((c for c in self._later_pieces(chunk) if _ASSIGN_LINE.search(c.text)), None)
            if nxt is not None:
                added.setdefault(cite_chunk(passages, nxt) - 1, chunk)  # (one already retrieved keeps its place)
        return added

    def _line_in_next_piece(
        self, passages: list[Passage], idx: int, units_by_passage: dict[int, list[_Unit]]
    ) -> _Unit | None:
        """The "Thực hiện: … chủ trì" line closing a task block that runs on into the section's next chunk."""
        chunk = passages[idx].chunk
        if any(u.assignment_line for u in units_by_passage[idx]):
            return None  # the block closes in this chunk; a later line belongs to another block
        for c in self._later_pieces(chunk):
            k = cite_chunk(passages, c) - 1
            units = units_by_passage.setdefault(k, _units(c, k, False))
            line = next((u for u in units if u.assignment_line), None)
            if line is not None:
                return line
            if any(_is_assignment(u) for u in units):
                return None
        return None

    @staticmethod
    def _leads_sharing_topic(
        best: _Unit, best_score: float, scored: list[tuple[float, _Unit]], weights: dict[str, float], exact: bool,
        units_by_passage: dict[int, list[_Unit]],
    ) -> list[_Unit]:
        """Lead lines scoring nearly as well as ``best`` whose tasks hold every question word ``best``'s task
        holds, each after its task sentence ([task, line, task, line, …]); [] when ``best`` stands alone."""
        def task_words(u: _Unit) -> set[str]:
            return u.task_exact if exact else u.task_folded

        topic = {t for t in weights if t in task_words(best)}
        if len(topic) < 2:
            return []
        lines = [best]
        for s, u in scored[1:]:
            if s < best_score - SHARED_LEAD_MARGIN or len(lines) == MAX_SHARED_LEADS:
                break
            if not u.assignment_line:
                # A task sentence scoring as well stands for the line that closes its block.
                u = next((x for x in units_by_passage[u.passage_idx] if x.order > u.order and x.assignment_line), u)
            if u is best or u in lines:
                continue
            lead = _LEAD.sub("", u.text)[:40]
            if (_is_assignment(u) and u.assignment_line and topic <= task_words(u)
                    and all(_LEAD.sub("", x.text)[:40] != lead for x in lines)):
                lines.append(u)
        if len(lines) < 2:
            return []
        out: list[_Unit] = []
        for line in lines:
            units = units_by_passage[line.passage_idx]
            start = max((x.order for x in units if x.assignment_line and x.order < line.order), default=-1)
            tasks = [x for x in units if start < x.order < line.order and not x.assignment_line]
            if tasks:
                out.append(max(tasks, key=lambda x: (len(topic & x.terms(exact)), -x.order)))
            out.append(line)
        return out

    def _shared_leads_answer(self, units: list[_Unit], passages: list[Passage], score: float) -> Generation:
        """One line per task block: its task sentence, then who leads it."""
        lines, cited = [], []
        pending = ""
        for u in units:
            n = u.passage_idx + 1
            cited.append(n)
            if u.assignment_line:
                lead = _LEAD.sub("", u.text).rstrip(" .;")
                lines.append(f"- {pending}{lead} [{n}].")
                pending = ""
            else:
                pending = f"{u.text.rstrip(' .;:')} [{n}] — "
        head = f"Kế hoạch giao việc này ở {len(lines)} khối nhiệm vụ, mỗi khối một cơ quan chủ trì:"
        return Generation("\n".join([head, *lines]), sorted(set(cited)), False, self.name, grounded=True,
                          evidence_score=round(score, 4))

    @staticmethod
    def _with_sentence_start(u: _Unit, units: list[_Unit]) -> _Unit:
        """A clause opening in lower case joined to the clauses of its sentence before it."""
        text, order = u.text, u.order
        while text[:1].islower():
            before = next((x for x in units if x.order == order - 1), None)
            if before is None:
                break
            text, order = f"{before.text.rstrip(' .')}; {text}", before.order
        return replace(u, text=text) if text != u.text else u

    @staticmethod
    def _with_body_heading(u: _Unit, passages: list[Passage]) -> _Unit:
        """"- Chủ trì theo dõi…" under the heading "1. Phòng Lao động - TB&XH huyện:": the heading names who."""
        chunk = passages[u.passage_idx].chunk
        heading = chunk.headings[-1] if chunk.headings else ""
        body = _HEADING_LABEL.sub("", _display(heading)).rstrip(" :")
        if not _AGENCY_START.match(body):
            # The body's own heading may sit inside the passage ("IV. TỔ CHỨC THỰC HIỆN … 1. Phòng Lao động - TB&XH
            # huyện:" then its duties): the last such line before the sentence.
            last = ""
            for line in chunk.text.splitlines():
                shown = _display(line).strip()
                if u.text[:30] and u.text[:30] in shown:
                    break
                if _HEADING_LABEL.match(shown):
                    last = _HEADING_LABEL.sub("", shown).rstrip(" :")
            body = last
        if not _DUTY_START.match(u.text) or not _AGENCY_START.match(body) or len(body) > 120:
            return u
        return replace(u, text=f"{body}: {u.text}")

    def _body_not_named(self, qa: QueryAnalysis, passages: list[Passage]) -> Generation:
        """Refuse a question about a body the plan never names, saying so and who leads the nearest task."""
        where = f"kế hoạch của {', '.join(qa.districts)}" if qa.districts else "các kế hoạch"
        g = refusal(self.name, -1.0)
        body = _body_phrase(qa.text) or "cơ quan này"
        for d in qa.districts:
            body = body.replace(d, "").strip() or body  # "Phòng Tư pháp Kim Động" → "Phòng Tư pháp"
        g.text += f" {where[:1].upper()}{where[1:]} không nêu tên «{body}»."
        g.guard = {"refusal": "body_not_named"}
        for pi, p in enumerate(passages[:3]):
            line = next((u for u in _units(p.chunk, pi, False) if u.assignment_line), None)
            if line is not None:
                g.text += f" Nhiệm vụ gần nhất trong kế hoạch: {line.text.rstrip(' .')} [{pi + 1}]."
                g.cited = [pi + 1]
                break
        return g

    def _figure_not_given(self, qa: QueryAnalysis, best: _Unit, passages: list[Passage]) -> Generation | None:
        """A "bao nhiêu" question whose best sentence gives no figure for what was asked: refuse, saying so.

        What was asked is the question's most specific two-word phrase that the plan itself uses ("hộ
        nghèo", "kinh phí"); a sentence with a number but without that phrase answers another figure.
        """
        if qa.intent not in ("target", "general") or qa.briefing or qa.wants_comparison or qa.locate:
            return None
        # ("mục nào" reads as "mức nào" without marks: only "bao nhiêu" asks a count when no target is asked.)
        if not (_QUANTITY if qa.intent == "target" else _HOW_MANY).search(qa.folded):
            return None
        if YEAR_ASKED.search(qa.folded) and YEAR_IN.search(best.text):
            return None  # "tầm nhìn đến năm bao nhiêu": the year is the figure asked
        chunk = passages[best.passage_idx].chunk
        raw = words(qa.text)
        folded = [fold(w) for w in raw]
        district_syl = set(syllables(chunk.district)) | {s for d in qa.districts for s in syllables(d)}
        skip = STOPWORDS | _CUE_WORDS | district_syl | _QUANTITY_WORDS
        # Household words ("người đi làm") name what the plan calls otherwise: they are not the figure asked.
        said = everyday_phrases(" ".join(folded))
        everyday = " | ".join(said)
        def straddles(i: int) -> bool:
            # "xử lý | nước thải": "lý nước" joins the end of one word to the start of the next, both more common
            # as pairs of their own than the pair across them.
            df = self.bigram_df.get(f"{folded[i]}_{folded[i + 1]}", 0)
            before = self.bigram_df.get(f"{folded[i - 1]}_{folded[i]}", 0) if i > 0 else 0
            after = self.bigram_df.get(f"{folded[i + 1]}_{folded[i + 2]}", 0) if i + 2 < len(folded) else 0
            return before > df and after > df

        phrases = [
            (self.bigram_df.get(f"{a}_{b}", 0), i) for i, (a, b) in enumerate(zip(folded, folded[1:], strict=False))
            if a not in skip and b not in skip and not a.isdigit() and not b.isdigit() and self.stats.district_uses(f"{a}_{b}", chunk.district)
            and f"{a} {b}" not in everyday and not straddles(i)
        ]
        context = best.bigrams | bigrams(syllables(" ".join(chunk.headings)))
        has_value = bool(_VALUE.search(best.text))
        if has_value and any(
            len(syllables(official)) >= 2 and set(bigrams(syllables(official))) <= best.bigrams
            and any(_value_near(best.text, pair) for pair in bigrams(syllables(official)))
            for _, official in everyday_pairs(qa.folded)
        ):
            return None  # "nhà bị cháy … hỗ trợ tới mức nào": the figure for what the plan calls "khó khăn đột xuất"
        what = ""
        if said and (at := _find_words(folded, said[0].split())) is not None:
            # "bao nhiêu lao động đi làm việc ở nước ngoài": the thing asked as the asker put it.
            what = f"«{' '.join(raw[at : at + len(said[0].split())])}»"
        if phrases:
            _, i = min(phrases)
            pair = f"{folded[i]}_{folded[i + 1]}"
            if pair in context and has_value and (pair not in best.bigrams or _value_near(best.text, pair)):
                return None
            what = what or f"«{raw[i]} {raw[i + 1]}»"
        elif has_value and not (said_pairs := [
                pair for phrase in [*said, *(o for _, o in everyday_pairs(qa.folded))]
                for pair in bigrams(syllables(phrase)) if pair in best.bigrams]) or has_value and any(
                _value_near(best.text, pair) for pair in said_pairs):
            return None  # ("… đi làm việc ở nước ngoài …, 4 trụ cột": the figure is another thing's)
        else:
            what = what or "nội dung được hỏi"
        g = refusal(self.name, -0.5)
        g.text += f" Kế hoạch của {chunk.district} không nêu con số cho {what}."
        g.guard = {"refusal": "figure_not_given"}
        return g

    def _refuse_quoting(self, best: _Unit, passages: list[Passage], reason: str, what: str) -> Generation:
        """Refuse, saying what the plan leaves out ("không giao cơ quan chủ trì", "không nêu thời hạn") and
        quoting the sentence it does have, cited."""
        chunk = passages[best.passage_idx].chunk
        g = refusal(self.name, -0.5)
        g.text += f" Kế hoạch của {chunk.district} {what}: {best.text.rstrip(' .')} [{best.passage_idx + 1}]."
        g.cited = [best.passage_idx + 1]
        g.guard = {"refusal": reason}
        return g

    def _is_pure_meta(self, qa: QueryAnalysis) -> bool:
        """Only asks for number/date/signer…: nothing else in the question to answer from the body.

        Words every plan uses ("chính sách xã hội") name the plan, not a passage of it.
        """
        if qa.asks_cited_number:
            return False  # "về giáo dục thực hiện chương trình số mấy": a document cited in the body
        district_syl = {s for d in qa.districts for s in syllables(d)} | set(syllables(" ".join(qa.aliases)))
        common = 0.5 * self.n_docs
        rest = [
            s for s in syllables(qa.text)
            if s not in STOPWORDS and s not in _CUE_WORDS and s not in district_syl and s not in _META_WORDS
            and self.doc_freq.get(s, 0) <= common
        ]
        return len(rest) <= 2

    def _absent_concepts(self, qa: QueryAnalysis) -> tuple[list[str], int]:
        """For each content bigram of the question that other plans use but the asked district's plan
        does not, its rarer syllable; and how many content bigrams the corpus uses were checked."""
        if not qa.districts or qa.wants_comparison:
            return [], 0
        exact = qa.has_diacritics
        form = words if exact else syllables
        stop = (STOPWORDS_ACCENTED | _CUE_ACCENTED) if exact else (STOPWORDS | _CUE_WORDS)
        district_syl = {s for d in qa.districts for s in form(d)}
        # An everyday phrase the lexicon knows ("thương binh" for "người có công") whose official words the plan
        # uses is not a concept the plan lacks; one whose official words it lacks too ("vay tiền") still is.
        # (An official phrase may name alternatives the plans use, "vốn vay, tín dụng chính sách xã hội": one is enough.)
        everyday = [
            f" {p} " for p, official in everyday_pairs(fold(qa.text))
            if any(all(self.stats.district_uses(b, d) for b in bigrams(syllables(alt)))
                   for alt in (official, *official.split(", ")) for d in qa.districts)
        ]
        out, checked = [], 0
        for b in bigrams(form(_without_how_put(asked_text(qa.text)))):
            a, c = b.split("_")
            if {a, c} & (stop | district_syl) or a.isdigit() or c.isdigit():
                continue
            if any(f" {fold(a)} {fold(c)} " in p for p in everyday):
                continue
            if f"{fold(a)} {fold(c)}" in _MANNER or {fold(a), fold(c)} & _SUFFERING:
                continue  # "có được xem … đầy đủ không": how, not what (a plan not writing "đầy đủ" still answers)
            if max(self.doc_freq.get(a, 0), self.doc_freq.get(c, 0)) > 0.25 * self.n_docs and min(
                self.doc_freq.get(a, 0), self.doc_freq.get(c, 0)
            ) > 0.05 * self.n_docs:
                continue  # two common syllables side by side ("sinh trung"): not a concept of its own
            folded_b = fold(b)
            b = f"~{b}" if exact else b
            checked += self.bigram_df.get(b, 0) > 0
            # Present under another spelling ("hằng tháng" / "hàng tháng") counts as present.
            if self.bigram_df.get(b, 0) > 0 and not any(
                self.stats.district_uses(b, d) or self.stats.district_uses(folded_b, d)
                for d in qa.districts
            ):
                out.append(min((a, c), key=lambda x: self.doc_freq.get(x, 0)))
        return out, checked

    def _units_for(self, qa: QueryAnalysis) -> int:
        if qa.briefing:
            return 8 if qa.intent in ("assignment", "target") else 5
        return {"assignment": 1, "target": 3, "meta": 1, "section": 1}.get(qa.intent, self.max_units)

    @staticmethod
    def _intent_bonus(qa: QueryAnalysis, u: _Unit) -> float:
        if qa.intent == "assignment":
            if _is_assignment(u):
                # "Ai chủ trì …" wants the lead; "giao cho ai trách nhiệm …" any responsible body.
                return 0.3 if "chu tri" in qa.folded or "phoi hop" in qa.folded else 0.15
            return 0.15 if _AGENCY_START.match(u.text) else -0.05
        if qa.intent == "target":
            return 0.15 if _VALUE.search(u.text) else -0.1
        return 0.0

    # -- questions about a section ("mục 3.4 nói về gì") -----------------------------------------------

    def _section_answer(self, qa: QueryAnalysis, passages: list[Passage]) -> Generation | None:
        refs = [r.lower() for r in qa.section_refs]  # "đ)" and "d)" are two points
        district = qa.districts[0] if qa.districts else passages[0].chunk.district
        pool = [c for c in self.chunks if c.district == district] or [p.chunk for p in passages]

        def depth(c: Chunk) -> int | None:
            labels = [label.lower() for label in c.labels]
            if not all(r in labels for r in refs):
                return None
            return max(labels.index(r) for r in refs)

        matches = [(d, c) for c in pool if (d := depth(c)) is not None]
        if not matches:
            return None
        level = min(d for d, _ in matches)
        inside = [c for d, c in matches if d == level]
        own = next((c for c in inside if len(c.labels) == level + 1), inside[0])
        title = _full_title(own.headings[level], inside)
        children = list(dict.fromkeys(c.headings[level + 1] for c in inside if len(c.headings) > level + 1))
        n = cite_chunk(passages, own)
        text = f"{title.rstrip(' .:;')} [{n}]."
        if children:
            text += " Gồm các nội dung: " + "; ".join(h.rstrip(" .:;") for h in children) + "."
        else:
            # A section without sub-sections: what it says is its opening sentences.
            core = _HEADING_LABEL.sub("", title).rstrip(" .:;…")
            lead = " ".join(u.text for u in _units(own, 0, False)[:3])
            if fold(_HEADING_LABEL.sub("", lead)).startswith(fold(core)):
                lead = _HEADING_LABEL.sub("", lead)
            if fold(lead).startswith(fold(core)):
                lead = lead[len(core) :].lstrip(" .:;")  # the heading line opens the chunk
            if lead:
                text += f" Nội dung chính: {_shorten(lead, 600).rstrip(' .')} [{n}]."
        return Generation(text, [n], False, self.name, grounded=True, evidence_score=1.0)

    # -- questions about the document itself (number, date, signer, issuer, basis) --------------------

    def _meta_answer(self, qa: QueryAnalysis, passages: list[Passage]) -> Generation:
        district = qa.districts[0] if qa.districts else passages[0].chunk.district
        meta_chunks = [p.chunk for p in passages if p.chunk.district == district and p.chunk.kind != "section"]
        meta_chunks += [c for c in self.chunks if c.district == district and c.kind != "section" and c not in meta_chunks]
        found: list[tuple[str, Chunk]] = []
        blank: list[str] = []
        for field_name in qa.meta_fields:
            hit = self._meta_field(field_name, meta_chunks, qa)
            if hit is None:
                blank.append(field_name)
            else:
                found.append(hit)
        if not found:
            g = refusal(self.name, 0.0)
            if blank and any(f in ("number", "date", "signer") for f in blank):
                g.text += " (Văn bản để trống hoặc không ghi thông tin này.)"
            return g
        parts, cited = [], []
        for text, chunk in found:
            n = cite_chunk(passages, chunk)
            cited.append(n)
            parts.append(f"{text.rstrip(' .;:')} [{n}].")
        return Generation(" ".join(parts), sorted(set(cited)), False, self.name, grounded=True, evidence_score=1.0)

    @staticmethod
    def _meta_field(field_name: str, chunks: list[Chunk], qa: QueryAnalysis) -> tuple[str, Chunk] | None:
        basis: list[tuple[float, str, Chunk]] = []
        q_terms = set(syllables(qa.text)) - STOPWORDS - _CUE_WORDS
        for c in chunks:
            units = [_display(u) for u in _PARA_SPLIT.split(c.text)]
            if field_name == "signer" and c.kind == "signature":
                lines = [ln.strip() for ln in c.text.splitlines() if ln.strip()]
                last_bullet = max((i for i, ln in enumerate(lines) if ln.lstrip("*").startswith("-")), default=-1)
                block = [_display(ln) for ln in lines[last_bullet + 1 :]]
                names = [ln for ln in block if _NAME_LINE.match(ln)]
                if not block or (qa.signer_name_wanted and not names):
                    return None
                return " ".join(block), c
            if c.kind != "preamble":
                continue
            for u in units:
                sentences = [_display(x) for x in _SENT_SPLIT.split(u)] if field_name in ("issuer", "basis") else [u]
                for text in sentences:
                    if field_name == "number" and _NUMBER_LINE.match(text):
                        return (text, c) if _NUMBER.search(text) else None
                    if field_name == "date" and _PLACE_DATE.match(text):
                        return (text, c) if _NUMBER.search(text) else None
                    if field_name == "issuer" and _ISSUER.search(text):
                        return text, c
                    if field_name == "status" and "du thao" in fold(text):
                        return text, c
                    m = _BASIS.search(text) if field_name == "basis" else None
                    if m:
                        found = m.group(1)
                        # "Căn cứ …" states the basis; more cited documents and question words: a better match.
                        score = (
                            len(CITED_DOCUMENT.findall(found))
                            + 2 * len(q_terms & set(syllables(found)))
                            + (3 if found.startswith("Căn cứ") else 0)
                        )
                        basis.append((score, found, c))
        if basis:
            _, text, chunk = max(basis, key=lambda x: x[0])
            return text, chunk
        return None

    @staticmethod
    def _compose(units: list[_Unit], passages: list[Passage], name_plans: bool = False) -> tuple[str, list[int]]:
        """The answer text from its sentences; each sentence names its plan when there are several (or
        ``name_plans``: a question over every plan answered by one)."""
        parts: list[str] = []
        cited: list[int] = []
        several = name_plans or len({passages[u.passage_idx].chunk.district for u in units}) > 1
        for u in units:
            n = u.passage_idx + 1
            if n not in cited:
                cited.append(n)
            sentence = u.text.rstrip(" .;,:")
            head = u.sentence_head.rstrip(" .;,:")
            if head and head not in " ".join(parts):
                sentence = f"{head}; {sentence}"  # who does it is said only in its sentence's first clause
            elif u.item_subject and u.item_subject not in " ".join(parts):
                sentence = f"{u.item_subject}: {sentence}"  # "Định kỳ sơ kết, … báo cáo …" says whose duty only in its item
            district = passages[u.passage_idx].chunk.district
            if several and district not in sentence:
                sentence = f"{district}: {sentence}"
            parts.append(f"{sentence} [{n}].")
        return " ".join(parts), sorted(cited)

    def stream(
        self,
        question: str,
        passages: list[Passage],
        analysis: QueryAnalysis,
        history: list[dict[str, str]] | None = None,
    ) -> Iterator[str | Generation]:
        """The extractive answer is ready at once; it is streamed word by word for a uniform UI."""
        g = self.generate(question, passages, analysis, history)
        words = g.text.split(" ")
        for i, w in enumerate(words):
            yield w if i == len(words) - 1 else w + " "
        yield g
