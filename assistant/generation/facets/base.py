"""What every facet answerer shares: the plan book, each plan's chunks, corpus statistics, the text helpers,
and the citation marks of one answer.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assistant.chunking import Chunk
from assistant.lexicon import expand_abbreviations, expand_body_names
from assistant.plan.extract import Assignment, Target
from assistant.plan.model import PlanBook, PlanModel
from assistant.plan.outline import Section
from assistant.plan.topics import groups_named
from assistant.query import (
    QueryAnalysis,
)
from assistant.retrieval import Passage, cite_chunk
from assistant.text import (
    collapse_ws,
    fold,
    goes_on_listing,
    syllables,
    title_line_breaks,
    words,
)
from assistant.textstats import TextStats


def same_verdict(same: bool) -> str:
    """The opening of an answer to "… có giống nhau không": the verdict, then the facts side by side."""
    return "Giống nhau." if same else "Khác nhau."


_CROSS = re.compile(r"(?<!\w)(cac|nhung|moi|tung|ca|bon|4) (huyen|ke hoach|van ban|dia phuong)|huyen nao|ke hoach nao|van ban nao")


LIST_CUE = re.compile(
    r"co (tat ca )?(may|bao nhieu) (y|noi dung|nhiem vu|diem|tieu muc|muc con|muc|phan|linh vuc|nhom)|gom (nhung|cac|may|bao nhieu)|bao gom"
    # ("nhất là cho những nhóm nào": groups of people served, not parts of the plan.)
    r"|(?<!cho )nhung (noi dung|y|nhiem vu|diem|linh vuc|mang|van de|tieu muc|muc con|muc nho|nhom)( chinh)? (nao|gi)|chia (thanh|lam)"
    r"|liet ke|noi (ve )?((cai|chuyen|van de|dieu) )?(gi|nhung gi)|(neu|viet|trinh bay)( ra)? (nhung )?gi(?!\w)|de cap (gi|nhung gi|den gi)|ten (la )?gi|noi dung (gi|chinh)|gom gi|ve van de gi"
    r"|y chinh|nhung viec (gi|nao)"
    r"|(viet|ghi) (gi|nhung gi)|co nhung (noi dung|y|gi)"
)


# "những ai, mỗi bên làm gì": who is given what in a section, item by item.
WHO_DOES_WHAT = re.compile(
    r"(phan cong|giao( viec| nhiem vu| trach nhiem)?)( cho)? nhung ai(?!\w)"
    r"|moi (ben|co quan|don vi|noi|nganh|cap|phong|nhom) (lam|phu trach|lo|chiu trach nhiem|duoc giao)"
    r"|(phan cong|giao) (cho )?(nhung|cac) (co quan|don vi|ben) nao"
    r"|(?<!\w)(co quan|don vi|ben) nao (phai |duoc giao |se )?(lam|phu trach|thuc hien) (gi|nhung gi|viec gi)(?!\w)"
    r"|(?<!\w)ai (lam|lo|phu trach) (gi|viec gi|nhung gi)(?!\w)"
    # "phần tổ chức thực hiện giao nhiệm vụ cho mấy đầu mối": the bodies it tasks, counted and listed
    r"|(giao|phan cong)( nhiem vu| viec)? cho (may|bao nhieu|nhung|cac) (dau moi|co quan|don vi|ben|noi)(?!\w)"
    # "… có mấy điểm, mỗi điểm giao cho ai (làm gì)": each item of the part and whom it names.
    r"|(?<!\w)(moi|tung) (diem|y|muc|noi dung) (giao|duoc giao|do|la) (cho )?(ai|co quan nao|don vi nao|ben nao)(?!\w)"
)


_DATED = re.compile(r"(?<!\w)(ngày|tháng|quý|năm) \d|(?<!\w)(hằng|hàng) (năm|quý|tháng)(?!\w)")


# "… là mục mấy", "đánh số mấy": a part's number asked.
NUMBER_ASKED = re.compile(r"(?<!\w)(muc|so|danh so) (so )?(may|bao nhieu|gi)(?!\w)|(?<!\w)la (muc|phan|tieu muc) (so )?nao(?!\w)")
SECTION_WORD = re.compile(r"(?<!\w)(muc|phan|tieu muc|noi dung|y|diem|nhom nhiem vu|nhom giai phap|(?<!giai )doan)(?!\w)")


TARGET_CUE = re.compile(r"chi tieu|ty le|ti le|bao nhieu|muc tieu|phan tram|%|dat (muc|bao)|so luong|con so")


# ("bn %": chat shorthand for "bao nhiêu".)
QUANTITY_CUE = re.compile(r"bao nhieu|(?<!\w)bn(?!\w)|muc (nao|bao)|may (phan tram|%)|con so|chi tieu (la )?(gi|nao)")


# "Kon Rẫy có đặt chỉ tiêu … không": whether the plan sets a target is asked.
TARGET_ASKED = re.compile(r"(?<!\w)(co|dat|de ra|neu)( ra)? (chi tieu|muc tieu|con so)(?!\w)[^?]*(?<!\w)(khong|ko|chua|a)\s*\??\s*$")


LEAD_CUE = re.compile(r"chu tri|phu trach|dau moi|(?<!\w)(?<!khong )(?<!khong de )ai(?!\w)|(co quan|don vi|phong|ban) nao")


THUC_HIEN = re.compile(r"^\W*Thực hiện\s*:\s*")


# "thị trấn với nông thôn": the town set against the countryside is the urban scope ("các xã, thị trấn" names
# the communes, not a scope).
_TOWN = (r"(?<!xa, )(?<!xa )(?<!cac )thi tran(?= (voi|va|so voi|hay|con|khac) (khu vuc |vung )?nong thon)"
         r"|(?<=nong thon voi )thi tran|(?<=nong thon hay )thi tran|(?<=nong thon va )thi tran")
SCOPES = {"thành thị": re.compile(r"thanh thi|do thi|" + _TOWN), "nông thôn": re.compile(r"nong thon"),
           "toàn huyện": re.compile(r"(?<!\w)chung(?!\w)|toan huyen|ca huyen")}


MAX_POINTS = 12


SENTENCE_TITLE_SYLLABLES = 12  # a numbered item this long is a sentence ("3. Các đồng chí … Kế hoạch này"), not a title


@dataclass

class Cites:
    """Passage numbers and highlighted spans of one answer."""

    passages: list[Passage]
    chunks_by_doc: dict[str, list[Chunk]]

    def __post_init__(self) -> None:
        self.spans: dict[int, list[tuple[int, int]]] = {}

    def mark(self, doc_id: str, start: int, end: int) -> str:
        chunk = self.chunk_at(doc_id, start)
        if chunk is None:
            return ""
        n = cite_chunk(self.passages, chunk)
        span = (max(start, chunk.start), min(end, chunk.end))
        if span not in self.spans.setdefault(n, []):
            self.spans[n].append(span)
        return f" [{n}]"

    def chunk_at(self, doc_id: str, pos: int) -> Chunk | None:
        own = self.chunks_by_doc.get(doc_id, [])
        return next((c for c in own if c.start <= pos < c.end), None) or next(
            (c for c in own if c.start >= pos), None
        )

    @property
    def cited(self) -> list[int]:
        return sorted(self.spans)


def longest_run(title: list[str], asked: list[str]) -> int:
    """Length of the longest run of the title's words said in the same order in the question."""
    # The longest common run of two word sequences, by dynamic programming (every question checks it against
    # every section title: building each slice of the title as a string cost a good part of an answer's time).
    best, prev = 0, [0] * (len(asked) + 1)
    for word in title:
        cur = [0] * (len(asked) + 1)
        for j, said in enumerate(asked, 1):
            if word == said:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def body_key(name: str) -> str:
    """A body's name folded with short names spelled out, without the trailing "huyện" or "Việt Nam" plans add
    or drop ("MTTQ huyện" is the plan's "Ủy ban Mặt trận Tổ quốc Việt Nam")."""
    # ("Văn phòng HĐND&UBND huyện (lĩnh vực Y tế)": the remark in brackets is not the name.)
    name = re.sub(r"\s*\([^)]*\)", "", name)
    return re.sub(r"\s+(huyen|viet nam)$", "", expand_body_names(expand_abbreviations(fold(name))).strip())


# Content words that fold like a stop or generic word ("dược sĩ" / "đạt được"): kept by their marks.
HOMOGRAPHS = frozenset({"dược"})


GENERIC_TARGET_WORDS = frozenset(
    "ty le ti chi tieu dat duoc nam tren duoi khoang toi thieu tro len so nguoi dan muc phan tram bao nhieu "
    "den 2030 huyen ke hoach kh cua dat ra la co va".split()
)


# What is said for a group of people asked as such ("có gì cho người cao tuổi", "có nhắc riêng tới vùng đồng bào").
GROUP_CUE = re.compile(r"lien quan (den|toi|voi)|co (gi|nhung gi) (rieng )?(cho|ve|danh)"
                       r"|nhung (noi dung|chinh sach|viec) (gi )?(rieng )?(cho|ve|danh)"
                       r"|(nhac|de cap)( rieng| cu the)? (toi|den)|danh rieng cho"
                       # "những gì kế hoạch … dành cho người cao tuổi", "những việc … nhắm tới người khuyết tật"
                       r"|nhung (gi|viec|noi dung)(?!\w).{0,80}(danh cho|nham (toi|vao|den)|huong (toi|den|vao))"
                       # "người khuyết tật … có được chính sách gì không": what the plan gives that group
                       r"|(duoc|co) (nhung )?(chinh sach|che do|uu dai|quyen loi) (gi|nao)(?!\w)")
# "có trợ cấp hay chăm sóc sức khỏe gì cho người cao tuổi": things listed, asked for a group (folded).
THINGS_LISTED_FOR = re.compile(r"(?<!\w)co (?!gi )[^?,.]{2,30}? (hay|va|voi) [^?,.]{2,30}? gi (rieng )?(cho|danh cho)(?!\w)")
# "có nói gì về đồng bào DTTS không", "hỗ trợ những gì cho người khuyết tật": the group right after is what is asked
# ("nói gì về quản lý bệnh mạn tính đối với người cao tuổi" asks one thing for that group).
_SAID_ABOUT = re.compile(r"(?<!\w)(noi|viet|ghi|de cap|nhac|ho tro|lam) (gi|nhung gi)( rieng)? (ve|den|toi|cho) (?P<rest>.*)")


def asks_for_group(folded: str) -> bool:
    """Whether a (folded) question asks what a plan has for a group of people as such."""
    # ("có hỗ trợ gì cho người như tôi" stays a question about one thing: a whole briefing of the group would bury it.)
    if GROUP_CUE.search(folded) or THINGS_LISTED_FOR.search(folded):
        return True
    m = _SAID_ABOUT.search(folded)
    return m is not None and bool(groups_named(" ".join(m.group("rest").split()[:4])))


def names_section(sec: Section, qa: QueryAnalysis) -> bool:
    """The question names this section itself: "phần/mục <title>" for a short title, most of a long title."""
    title = syllables(sec.full_title)
    if len(title) >= 5:
        q = set(syllables(qa.text))
        return sum(w in q for w in title) / len(title) >= 0.8
    head = " ".join(w for w in title if w != "ve")[:40]
    return bool(head) and re.search(r"(?<!\w)(phan|muc|tieu muc|y|noi dung|doan)\s+(ve\s+)?" + re.escape(head), qa.folded) is not None


def section_label(label: str) -> str:
    """A section label as plans write it: "3.4.", "III.", "đ)"."""
    if not label:
        return ""
    return f"{label})" if len(label) == 1 and label.islower() else f"{label}."


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n\s*\n|\n(?=\s*[-+•*]\s)")


# Words that ask about a section, not what is in it.
FOCUS_CUES = frozenset(
    "muc phan tieu noi dung y diem gi nao nhung co may bao nhieu gom viet neu de cap nhac toi den ve the ra sao "
    "ke hoach kh van ban huyen trong cua la duoc hay khong chinh cu the moi giao cho ai linh vuc mang chia thanh".split()
)


RUN_ON_ITEM = re.compile(r"\s+\d{1,2}\.\s")


# "nhóm nhiệm vụ về nguồn lực tài chính của …": the topic a group of tasks is named by.
# "nhóm nhiệm vụ về nguồn lực": a part named by its topic.
# The topic runs to the words that follow a name ("… của", "… gồm", "… là"; "có" but not in "người có công").
TOPIC_TAIL = r"(?P<topic>[^?.;:]+?)(?= (?:cua|o|trong|gom|co(?! cong)|thi|la)(?!\w)|[?.;:]|$)"


ABOUT_TOPIC = re.compile(r"(?<!\w)(?:nhom nhiem vu|nhom giai phap|nhom|phan|muc|noi dung|(?<!giai )doan) (?:noi )?ve " + TOPIC_TAIL)


def plain_name(text: str) -> str:
    """Folded syllables with short names spelled out: "Sở Lao động, TB&XH" and "Sở LĐ-TB&XH" read alike."""
    return f" {' '.join(syllables(expand_body_names(expand_abbreviations(fold(collapse_ws(text))))))} "




def sentences_in(chunks: list[Chunk], start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Sentences (and bullet lines) of the source between ``start`` and ``end``, with their spans."""
    for c in chunks:
        s, e = max(start, c.start), min(end, c.end)
        if s >= e:
            continue
        text = c.text[s - c.start : e - c.start]
        pos = 0
        # (A numbered heading alone on its line ends there: "1. Thực hiện tốt chính sách …" / "Thực hiện chi trả …".)
        # (Only a line that is one of the chunk's headings: a hard-wrapped line may end before a capital too.)
        titles = set(title_line_breaks(text, set(c.headings)))  # a section's title line is the outline's, not a sentence
        cuts = sorted([m.span() for m in _SENTENCE_END.finditer(text)] + [(b, b + 1) for b in titles])
        # ("…; trẻ em mồ côi, người cao tuổi cô đơn …": a list going on after a semicolon is its sentence's.)
        cuts = [(a, b) for k, (a, b) in enumerate(cuts) if not (
            text[a - 1] == ";" and goes_on_listing(text[cuts[k - 1][1] if k else 0 : a],
                                                   text[b : cuts[k + 1][0] if k + 1 < len(cuts) else len(text)]))]
        for cut in [*cuts, None]:
            stop = cut[0] if cut else len(text)
            piece = text[pos:stop]
            if len(piece.strip()) >= 20 and stop not in titles:
                lead = len(piece) - len(piece.lstrip())
                yield s + pos + lead, s + stop, piece.strip()
            pos = cut[1] if cut else len(text)


_FOOTNOTE_LINE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")


def source_text(chunks: list[Chunk], start: int, end: int, *, footnotes: bool = True) -> str:
    """Source text of [start, end) put together from the document's chunks (``footnotes=False``: without the
    footnote lines a page break put inside a sentence)."""
    out = []
    for c in chunks:
        s, e = max(start, c.start), min(end, c.end)
        if s < e:
            piece = c.text[s - c.start : e - c.start]
            if not footnotes:
                piece = "\n".join(line for line in piece.split("\n") if not _FOOTNOTE_LINE.match(line))
            out.append(piece)
    return " ".join(p for p in out if p.strip())


# "5. Ủy ban nhân dân huyện chỉ đạo triển khai thực hiện …": who directs the whole plan's tasks.
def heading_lead(plan: PlanModel, sec: Section) -> Assignment | None:
    """The body a heading above ``sec`` makes the subject of its tasks ("3. Chính quyền các cấp, Đảng ủy các xã, thị
    trấn chủ động chỉ đạo triển khai … các nhiệm vụ, giải pháp trọng tâm sau:"); None when no heading does."""
    for anc in reversed([*plan.ancestors(sec), sec]):
        for a in plan.assignments:
            if anc.start <= a.start < max(anc.heading_end, anc.start + 1):
                return a
    return None


class FacetBase:
    """The state every facet answerer reads: the plan book, each plan's chunks, corpus statistics."""

    name = "extractive"

    def __init__(self, book: PlanBook, chunks: list[Chunk], stats: TextStats | None = None) -> None:
        if book is None:
            raise ValueError("FacetAnswerer needs a plan book")
        self.book = book
        self.chunks_by_doc: dict[str, list[Chunk]] = {}
        for c in sorted(chunks, key=lambda c: c.start):
            self.chunks_by_doc.setdefault(c.doc_id, []).append(c)
        self._district_folds = {fold(d) for d in book.districts}
        # Per plan, the years a sentence names together with a figure (computed once, not per question).
        # Per plan, the years a sentence names together with a figure, and in how many of its targets each content
        # syllable pair occurs: worked out for a plan when a question first needs it, not for every plan at start.
        self._set_years_of: dict[str, set[str]] = {}
        self._plan_pairs_of: dict[str, Counter[str]] = {}
        self._body_text: dict[str, str] = {}  # per plan, its text as body-name syllables (see _body_in_question)
        self._forms: dict[str, list[dict[str, set[str]]]] = {}
        self._vocabularies: dict[str, frozenset[str]] = {}  # per plan, the words it writes with their marks
        self._corpus_words: frozenset[str] | None = None  # the same, of every plan together
        self._matches_memo: dict[tuple[Any, ...], list[tuple[Target, set[str], float]]] = {}
        # Per indicator name, what it holds whatever the question (see TargetFacets._name_words).
        self._name_words_memo: dict[str, tuple[set[str], list[tuple[str, set[str]]], dict[str, float]]] = {}
        self._memo_lock = threading.Lock()
        stats = stats if stats is not None else TextStats.from_chunks(chunks)
        self._stats = stats
        self._chunk_df = stats.syllable_df
        self._pair_df = stats.bigram_df
        self._n_chunks = max(1, len(chunks))
        self._target_df: dict[str, int] = {}
        self._n_targets = sum(len(p.targets) for p in book.plans)
        for plan in book.plans:
            for t in plan.targets:
                for w in set(syllables(t.phrase)) | set(syllables(t.indicator)):
                    self._target_df[w] = self._target_df.get(w, 0) + 1
                if any(x in HOMOGRAPHS for x in words(f"{t.phrase} {t.indicator}")):
                    # "dược" (pharmacist) counted apart from the "được" of every other clause.
                    self._target_df["duoc#"] = self._target_df.get("duoc#", 0) + 1
        self._provinces = {fold(p.province) for p in book.plans}

    def _plans_write(self, folded_name: str) -> bool:
        """Whether some passage writes these folded syllables one after another (each adjacent pair is used)."""
        syl = folded_name.split()
        return all(self._pair_df.get(f"{a}_{b}", 0) > 0 for a, b in zip(syl, syl[1:], strict=False))

    def _plans_for(self, qa: QueryAnalysis) -> list[PlanModel]:
        if qa.districts:
            return [p for d in qa.districts for p in self.book.of_district(d)]
        return list(self.book.plans)
