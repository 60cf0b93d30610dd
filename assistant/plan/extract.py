"""Rule-based extraction of 2030 targets (chỉ tiêu) and assignments (phân công) from the plans.

The plans copy the target list and task structure of Nghị quyết 42-NQ/TW, so their own wording is
regular enough to parse reliably:

* **Targets** live in the section whose heading names "chỉ tiêu" and "2030" (Kon Rẫy "2.1. Một số
  chỉ tiêu chủ yếu cần đạt được đến năm 2030", Kim Động "2. Các chỉ tiêu chủ yếu đến năm 2030", …)
  and end at the 2045 vision ("Tầm nhìn") or the next Roman section. Each number with a unit
  (``%``, ``m² sàn/người``, ``con/phụ nữ``, ``giường bệnh … trên 10.000 dân``, ``tuổi`` of life
  expectancy, ``năm`` of healthy life, ``mức độ``) is one row, so a sentence holding several targets
  gives several rows. Ranges ("22 - 25%", "14-16 giường bệnh"), leading zeros ("05%") and footnotes
  (Kon Rẫy's "¹ Trong đó … 32,0m² …") are handled, and text split by page breaks (a clause ending
  "… thu gom" continued after a footnote, or Kim Động's shuffled pages) is rejoined.
* **Assignments**: Kon Rẫy's ``* Thực hiện: <cơ quan> chủ trì, phối hợp …`` line after each task;
  any sentence "<cơ quan> chủ trì, phối hợp với …" (Kim Động's section text, "Giao Ban Tuyên giáo
  Huyện ủy chủ trì …"); and the numbered items of "IV. TỔ CHỨC THỰC HIỆN" ("2. Ban Tuyên giáo Huyện
  ủy chủ trì …", "3. Mặt trận Tổ quốc … tuyên truyền …").

Every row keeps its character span in :attr:`Document.text`, so it can be cited and checked.

Example::

    >>> from assistant.corpus import load_corpus
    >>> plans = extract_corpus(load_corpus(Path("corpus")))
    >>> [t.display for t in plans[1].targets if t.indicator == "tỷ lệ thất nghiệp"]
    ['dưới 5%', 'từ 1,5-2%']
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.chunking import Chunk, Heading, chunk_document, detect_heading
from assistant.corpus import Document
from assistant.plan.topics import topics_of, topics_of_passage
from assistant.text import fold

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_NOISE = re.compile(r"^\s*(?:\\?\*|-{3,}|\d{1,3}|Trang \d+(?:/\d+)?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-+•]\s|\*\s)")
_EMPH = re.compile(r"\*+|\\(?=[*_])|#{1,6}\s")
_SUP_HTML = re.compile(r"<sup>\s*2\s*</sup>")
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Display form of a source excerpt: no markdown emphasis, ``<sup>2</sup>`` as ², one space."""
    text = _SUP_HTML.sub("²", text)
    text = _EMPH.sub(" ", text)
    text = _WS.sub(" ", text).strip()
    return re.sub(r"\s+([,;.:])", r"\1", text)


# --------------------------------------------------------------------------------------------------
# Paragraphs: the unit everything else works on.


@dataclass
class Para:
    """A paragraph of a plan: blank-line separated, or one line in plans written a paragraph a line.

    ``flat`` is the source span with line breaks turned into spaces, so positions in ``flat`` are
    positions in the document (offset by ``start``).
    """

    start: int
    end: int
    flat: str
    heading: Heading | None
    role: str  # enclosing Roman section: preamble | purpose | goals | tasks | organisation | signature | other
    index: int = 0

    @property
    def text(self) -> str:
        return clean(self.flat)

    def to_dict(self) -> dict[str, object]:
        h = self.heading
        return {"start": self.start, "end": self.end, "flat": self.flat, "role": self.role, "index": self.index,
                "heading": [h.level, h.label, h.title] if h else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Para:
        h = d.get("heading")
        return cls(int(d["start"]), int(d["end"]), str(d["flat"]),
                   Heading(int(h[0]), str(h[1]), str(h[2])) if h else None, str(d["role"]), int(d["index"]))

    @property
    def is_footnote(self) -> bool:
        return self.flat.lstrip(" *-").startswith(tuple(SUPERSCRIPTS))

    @property
    def is_orphan(self) -> bool:
        """Starts in lower case: the rest of a sentence cut by a page break."""
        t = self.text.lstrip("-+• ")
        return bool(t) and t[0].isalpha() and t[0].islower()

    @property
    def is_dangling(self) -> bool:
        """Ends without sentence punctuation: its sentence continues in a later paragraph."""
        t = self.text.rstrip(SUPERSCRIPTS + " ")
        return bool(t) and t[-1] not in ".;:!?…/”\")" and self.heading is None


def _role(title: str) -> str:
    f = fold(title)
    if f.startswith("noi nhan"):
        return "signature"
    for key, role in (("muc dich", "purpose"), ("muc tieu", "goals"), ("chi tieu", "goals"),
                      ("nhiem vu", "tasks"), ("giai phap", "tasks"), ("to chuc thuc hien", "organisation")):
        if key in f:
            return role
    return "other"


def split_paragraphs(text: str) -> list[Para]:
    """Split a plan into paragraphs, recognising headings (with :func:`detect_heading`) and roles."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append((pos, pos + len(content), content))
        pos += len(raw)
    lengths = [len(c.strip()) for _, _, c in lines if c.strip()]
    # Hard-wrapped PDF text (Lạc Dương): paragraphs span lines until a blank line, bullet or heading.
    wrapped = bool(lengths) and statistics.median(lengths) < 100

    spans: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    cur_is_heading = False

    def close() -> None:
        nonlocal cur
        if cur:
            spans.append(cur)
        cur = []

    for line in lines:
        content = line[2]
        stripped = content.strip()
        if not stripped or _NOISE.match(stripped):
            close()
            continue
        is_heading = detect_heading(content) is not None
        starts_new = not wrapped or not cur or is_heading or bool(_BULLET.match(content))
        if wrapped and cur and cur_is_heading and not starts_new:
            # A wrapped heading continues only while its lines are long (the chunker's rule).
            starts_new = len(cur[-1][2].strip()) <= 55
        if starts_new:
            close()
            cur_is_heading = is_heading
        cur.append(line)
    close()

    paras: list[Para] = []
    role = "preamble"
    seen_numbered = False
    for group in spans:
        s = group[0][0] + len(group[0][2]) - len(group[0][2].lstrip())
        e = group[-1][1] - (len(group[-1][2]) - len(group[-1][2].rstrip()))
        flat = text[s:e].replace("\r", " ").replace("\n", " ")
        heading = detect_heading(flat)
        if heading is not None and heading.level == 0 and not seen_numbered:
            heading = None  # "KẾ HOẠCH" and other unnumbered titles before section I
        if heading is not None and heading.label:
            seen_numbered = True
        if heading is not None and (heading.level == 1 or heading.title.startswith("Nơi nhận")):
            role = _role(heading.title)
        paras.append(Para(s, e, flat, heading, role, len(paras)))
    return paras


# --------------------------------------------------------------------------------------------------
# Targets.


@dataclass(frozen=True)
class Target:
    """One 2030 target: one number (or range) with its unit, for one indicator and scope."""

    indicator: str  # normalised name, e.g. "tỷ lệ dân số tham gia bảo hiểm y tế"
    comparator: str  # dưới | trên | khoảng | tối thiểu | từ…đến | đạt
    value: float
    value_max: float | None  # upper end of a range ("22 - 25%"), else None
    unit: str  # normalised: "%", "m² sàn/người", "con/phụ nữ", "giường bệnh/10.000 dân", "tuổi", …
    scope: str  # toàn huyện | thành thị | nông thôn
    topic: str
    district: str
    doc_id: str
    text: str  # the clause as written (cleaned of markdown)
    start: int  # span of the clause in Document.text
    end: int
    value_text: str = ""  # the number and unit as written: "05%", "22 - 25%", "30m2 sàn/người"
    comparator_text: str = ""  # the words before the number as written: "dưới", "đạt khoảng", "ở mức"
    suffix: str = ""  # "trở lên" when the plan writes "50% trở lên"
    value_start: int = 0  # span of the number itself
    value_end: int = 0
    phrase: str = ""  # the indicator words of the clause, as the plan writes them
    breadcrumb: str = ""
    footnote: bool = False
    note: str = ""

    @property
    def display(self) -> str:
        """The target as the plan states it, e.g. "dưới 05%", "trên 40 giường bệnh viện/10.000 dân"."""
        parts = [self.comparator_text, self.value_text]
        if self.unit.endswith("/10.000 dân") and "10.000" not in self.value_text:
            parts[-1] += "/10.000 dân"
        if self.suffix:
            parts.append(self.suffix)
        if not self.unit:
            parts.append("(văn bản không ghi đơn vị)")
        return " ".join(p for p in parts if p)

    @property
    def label(self) -> str:
        """Indicator with its scope, capitalised: "Tỷ lệ thất nghiệp (khu vực thành thị)"."""
        name = self.indicator[:1].upper() + self.indicator[1:]
        return name if self.scope == "toàn huyện" else f"{name} (khu vực {self.scope})"

    @property
    def topics(self) -> list[str]:
        extra = [t for t in topics_of(f"{self.indicator} {self.phrase}") if t != self.topic]
        return [self.topic, *extra]

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["display"] = self.display
        d["topics"] = self.topics
        return d


_NUM = r"\d+(?:[.,]\d+)*"
_UNIT_PCT = r"%(?:\s*/\s*năm)?"
_UNIT_AREA = r"m(?:²|2|<sup>\s*2\s*</sup>)(?:\s*sàn\s*/\s*người)?"
_UNIT_TFR = r"con\s*/\s*(?:một\s+)?(?:người|phụ\s+nữ)"
_UNIT_HEALTH = r"giường\s+bệnh(?:\s+viện)?|bác\s+sĩ|dược\s+sĩ(?:\s+đại\s+học)?|điều\s+dưỡng(?:\s+viên)?"
_VALUE = re.compile(
    rf"(?<![\w.,/])(?P<n1>{_NUM})(?:\s*(?:-|–|đến)\s*(?P<n2>{_NUM}))?\s*"
    rf"(?P<unit>{_UNIT_PCT}|{_UNIT_AREA}|{_UNIT_TFR}|{_UNIT_HEALTH}|tuổi|năm)"
    rf"(?P<sup>[{SUPERSCRIPTS}]*)(?!\w)",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"mức\s+độ\s+(?P<n1>\d{1,2})(?!\w)", re.IGNORECASE)
# A target set as the ages it covers: "Hoàn thành phổ cập giáo dục mầm non cho trẻ mẫu giáo từ 3 đến 5 tuổi".
_AGES = re.compile(
    r"phổ\s+cập\s+giáo\s+dục\s+mầm\s+non\s+cho\s+trẻ(?:\s+mẫu\s+giáo)?\s+"
    r"(?P<span>từ\s+(?P<n1>\d{1,2})\s+(?:đến|-)\s+(?P<n2>\d{1,2})\s+tuổi)",
    re.IGNORECASE,
)
_BARE = re.compile(r"^(?P<n1>\d{1,3})\s+(?=[^\W\d_])(?!tuổi|tháng|năm|lớp|ngày)", re.IGNORECASE)
_DENOMINATOR = re.compile(r"(?:trên|/)\s*10\.000\s*dân", re.IGNORECASE)
_COMPARATOR = re.compile(
    r"(?P<comp>(?:giảm\s+)?còn\s+dưới|đạt\s+tối\s+thiểu|tối\s+thiểu\s+đạt|tối\s+thiểu|ít\s+nhất|không\s+dưới|"
    r"không\s+thấp\s+hơn|đạt\s+trên|đạt\s+khoảng|đạt\s+dưới|khoảng|trên|dưới|từ|đạt|chiếm|ở\s+mức|bằng)\s*$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"^\s*trở\s+lên", re.IGNORECASE)
# Clause separators inside a sentence: ", ", " và ", ", trong đó ".
_SEP = re.compile(r",\s*(?:trong\s+đó\s*,?\s*)?|\s+và\s+|\s+trong\s+đó\s*,?\s*", re.IGNORECASE)
# Words that may open a clause before its number without naming the indicator ("Bảo đảm 100% …").
_FILLER = re.compile(
    r"\b(?:bao dam|dam bao|phan dau|phan dau co|phan dau co|co|dat|trong do|duy tri|muc)\b|[-+*•,¹²³\s]"
)
_HEADWORD = re.compile(r"[,;]\s*(?=(?:tỷ\s+lệ|tỉ\s+lệ|tổng|số|diện\s+tích|tuổi\s+thọ|mức)\b)", re.IGNORECASE)
_ELLIPTIC = re.compile(r"^(?:cap|khu vuc|tai|o)\b")
_PREDICATE = re.compile(r"\b(?:duoc|tham gia|co|dat|vao|hoan thanh|su dung)\b")
_LEAD_FILLER = re.compile(
    r"^(?:[-+*•¹²³\s,]|bảo\s+đảm\b|đảm\s+bảo\b|phấn\s+đấu\b|phần\s+đầu\b|phân\s+đầu\b|có\b|trong\s+đó\b|"
    r"duy\s+trì\b|và\b)+",
    re.IGNORECASE,
)


def parse_number(s: str) -> float:
    """Vietnamese number: "," is the decimal mark, "." groups thousands ("10.000", "2,59", "05")."""
    s = s.strip()
    if "," in s:
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s)


def _unit_of(raw: str, denominator: bool) -> str:
    f = fold(raw)
    if f.startswith("%"):
        return "%/năm" if "nam" in f else "%"
    if f.startswith("m"):
        return "m² sàn/người"
    if f.startswith("con"):
        return "con/phụ nữ"
    for key, name in (("giuong", "giường bệnh"), ("bac si", "bác sĩ"), ("duoc si", "dược sĩ"),
                      ("dieu duong", "điều dưỡng viên")):
        if f.startswith(key):
            return name + ("/10.000 dân" if denominator else "")
    return {"tuoi": "tuổi", "nam": "năm"}.get(f, raw)


def _lower_first(s: str) -> str:
    """"Khoảng" at the start of a bullet reads "khoảng" inside a table cell."""
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def _comparator(comp_text: str, ranged: bool, suffix: str) -> str:
    f = fold(comp_text)
    if ranged:
        return "từ…đến"
    if "duoi" in f:
        return "dưới"
    if "tren" in f:
        return "trên"
    if "khoang" in f:
        return "khoảng"
    if suffix or any(k in f for k in ("toi thieu", "it nhat", "khong duoi", "khong thap")):
        return "tối thiểu"
    return "đạt"


def _scope(phrase_folded: str) -> str:
    if re.search(r"\b(?:khu vuc|o|tai)\s+(?:thanh thi|do thi)\b", phrase_folded):
        return "thành thị"
    if re.search(r"\b(?:khu vuc|o|tai)\s+nong thon\b", phrase_folded):
        return "nông thôn"
    return "toàn huyện"


# Normalised indicator names: (folded pattern, name, topic, related name). The entries follow the
# target list of Nghị quyết 42-NQ/TW that the plans copy; the first matching entry wins, so the more
# specific entries come first. "related" links an indicator a plan uses instead of the usual one
# (Phụng Hiệp's "lao động chưa có việc làm ổn định" for "thất nghiệp").
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    (r"nguoi co cong", "tỷ lệ người có công và gia đình được chăm lo, có mức sống từ trung bình khá trở lên",
     "người có công", ""),
    (r"chua co viec lam", "tỷ lệ lao động chưa có việc làm ổn định", "lao động – việc làm", "tỷ lệ thất nghiệp"),
    (r"bao hiem that nghiep", "tỷ lệ lực lượng lao động tham gia bảo hiểm thất nghiệp", "bảo hiểm", ""),
    (r"that nghiep", "tỷ lệ thất nghiệp", "lao động – việc làm", ""),
    (r"dao tao nghe", "tỷ lệ lao động qua đào tạo nghề", "lao động – việc làm",
     "tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ"),
    (r"qua dao tao", "tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "lao động – việc làm",
     "tỷ lệ lao động qua đào tạo nghề"),
    (r"luong huu|huu tri", "tỷ lệ người sau độ tuổi nghỉ hưu hưởng lương hưu, bảo hiểm xã hội hằng tháng "
     "và trợ cấp hưu trí xã hội", "bảo hiểm", ""),
    (r"bao hiem xa hoi", "tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội", "bảo hiểm", ""),
    (r"cham soc (?:suc khoe )?ban dau", "tỷ lệ người dân dùng dịch vụ chăm sóc sức khỏe ban đầu được bảo hiểm "
     "y tế chi trả", "y tế", ""),
    (r"bao hiem y te", "tỷ lệ dân số tham gia bảo hiểm y tế", "bảo hiểm", ""),
    (r"quan ly suc khoe", "tỷ lệ dân số được quản lý sức khỏe", "y tế", ""),
    (r"tiem chung", "tỷ lệ tiêm chủng mở rộng", "y tế", ""),
    (r"suy dinh duong", "tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "y tế", ""),
    (r"tuoi tho", "tuổi thọ trung bình", "y tế", ""),
    (r"song khoe", "số năm sống khỏe", "y tế", ""),
    (r"ty suat sinh|so con", "tổng tỷ suất sinh (số con bình quân của một phụ nữ)", "dân số", ""),
    (r"tang dan so", "tỷ lệ tăng dân số tự nhiên", "dân số", ""),
    (r"giuong benh", "số giường bệnh", "y tế", ""),
    (r"bac si", "số bác sĩ", "y tế", ""),
    (r"duoc si", "số dược sĩ", "y tế", ""),
    (r"dieu duong", "số điều dưỡng viên", "y tế", ""),
    (r"dien tich", "diện tích nhà ở bình quân đầu người", "nhà ở", ""),
    (r"nuoc sach", "tỷ lệ hộ gia đình sử dụng nước sạch", "nước sạch – vệ sinh môi trường", ""),
    (r"nha tieu", "tỷ lệ hộ gia đình có nhà tiêu hợp vệ sinh", "nước sạch – vệ sinh môi trường", ""),
    (r"ho gia dinh, truong hoc|truong hoc, tram y te", "tỷ lệ hộ gia đình, trường học, trạm y tế có công trình "
     "vệ sinh", "nước sạch – vệ sinh môi trường", ""),
    (r"tram y te .*ve sinh", "tỷ lệ trạm y tế có công trình vệ sinh", "nước sạch – vệ sinh môi trường", ""),
    (r"thu gom", "tỷ lệ điểm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt",
     "nước sạch – vệ sinh môi trường", ""),
    (r"nuoc thai", "tỷ lệ nước thải sinh hoạt được xử lý", "nước sạch – vệ sinh môi trường", ""),
    (r"phat thanh|truyen hinh", "tỷ lệ người dân, xã vùng đồng bào dân tộc thiểu số được nghe, xem phát thanh, "
     "truyền hình", "thông tin", ""),
    (r"vao lop 1\b", "tỷ lệ trẻ 6 tuổi vào lớp 1", "giáo dục", ""),
    (r"hoan thanh chuong trinh (?:giao duc )?tieu hoc", "tỷ lệ hoàn thành chương trình tiểu học", "giáo dục", ""),
    (r"dung do tuoi.*tieu hoc", "tỷ lệ đi học đúng độ tuổi cấp tiểu học", "giáo dục", ""),
    (r"dung do tuoi.*trung hoc co so", "tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở", "giáo dục", ""),
    (r"dung do tuoi.*trung hoc", "tỷ lệ đi học đúng độ tuổi cấp trung học phổ thông và tương đương", "giáo dục", ""),
    (r"thanh nien.*trung hoc pho thong", "tỷ lệ thanh niên đạt trình độ trung học phổ thông và tương đương",
     "giáo dục", ""),
    (r"vao hoc lop 10", "tỷ lệ học sinh tốt nghiệp trung học cơ sở vào lớp 10", "giáo dục", ""),
    (r"phan luong", "tỷ lệ học sinh tốt nghiệp trung học cơ sở được phân luồng học nghề", "giáo dục", ""),
    (r"dai hoc|cao dang", "tỷ lệ học sinh tốt nghiệp trung học phổ thông vào đại học, cao đẳng", "giáo dục", ""),
    (r"mu chu", "chuẩn xóa mù chữ", "giáo dục", ""),
    (r"pho cap giao duc mam non", "phổ cập giáo dục mầm non cho trẻ mẫu giáo", "giáo dục", ""),
    (r"36 thang", "tỷ lệ trẻ em dưới 36 tháng tuổi, phụ nữ mang thai, người cao tuổi thuộc hộ nghèo, cận nghèo "
     "được chăm sóc, hưởng trợ cấp", "trợ giúp xã hội", ""),
    (r"bao tro xa hoi", "tỷ lệ đối tượng bảo trợ xã hội được trợ cấp xã hội hằng tháng", "trợ giúp xã hội", ""),
    (r"dot xuat", "tỷ lệ đối tượng gặp khó khăn đột xuất được trợ giúp kịp thời", "trợ giúp xã hội", ""),
    (r"ho ngheo", "mức giảm tỷ lệ hộ nghèo đa chiều", "giảm nghèo", ""),
)
_INDICATOR_RES = [(re.compile(p), name, topic, rel) for p, name, topic, rel in INDICATORS]
RELATED: dict[str, str] = {name: rel for _, name, _, rel in INDICATORS if rel}


def normalise_indicator(phrase: str, unit: str = "") -> tuple[str, str] | None:
    """(normalised name, topic) for an indicator phrase as a plan writes it, or None if unknown."""
    f = fold(f"{phrase} {unit}")
    for pattern, name, topic, _ in _INDICATOR_RES:
        if pattern.search(f):
            if unit.endswith("/10.000 dân") and name.startswith("số ") and "10.000" not in name:
                name += " trên 10.000 dân"
            return name, topic
    return None


def indicators_named(text: str) -> list[str]:
    """Normalised indicators a text names, each phrase read once at its longest ("bảo hiểm thất nghiệp" is
    insurance, not also unemployment)."""
    f = fold(text)
    found = sorted(((m.start(), m.end(), name) for pattern, name, _, _ in _INDICATOR_RES for m in pattern.finditer(f)),
                   key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, name))
    return list(dict.fromkeys(name for _, _, name in sorted(taken)))


@dataclass
class _Logical:
    """Paragraph pieces read as one text (a sentence cut by a page break or a footnote)."""

    pieces: list[Para]
    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts, pos = [], 0
        for p in self.pieces:
            self.offsets.append(pos)
            parts.append(p.flat)
            pos += len(p.flat) + 1
        self.text = " ".join(parts)

    def doc_pos(self, i: int) -> int:
        """Document offset of position ``i`` of :attr:`text`."""
        k = max(0, bisect.bisect_right(self.offsets, i) - 1)
        return self.pieces[k].start + min(i - self.offsets[k], len(self.pieces[k].flat))


@dataclass
class _Value:
    start: int  # in the logical text
    end: int  # end of the unit
    n1: str
    n2: str | None
    unit_raw: str
    kind: str  # "unit" | "level" | "bare"
    comp_start: int = 0
    comp_text: str = ""
    suffix: str = ""
    suffix_end: int = 0
    denominator: bool = False
    value_first: bool = False


def _sentence_segments(text: str) -> list[tuple[int, int]]:
    """Spans of ";"-separated parts and sentences ("… trở lên. 40% lực lượng …" splits too)."""
    cuts = [0]
    for m in re.finditer(r";|[.!?](?=\s+[\"“*(]*([^\W_]))", text):
        nxt = m.group(1)
        if m.group(0) == ";" or (nxt and (nxt.isupper() or nxt.isdigit())):
            cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def _find_values(text: str, s: int, e: int) -> list[_Value]:
    seg = text[s:e]
    found: list[_Value] = []
    for m in _VALUE.finditer(seg):
        found.append(_Value(s + m.start(), s + m.end("unit") + len(m.group("sup")), m.group("n1"),
                            m.group("n2"), m.group("unit"), "unit"))
    for m in _LEVEL.finditer(seg):
        found.append(_Value(s + m.start("n1"), s + m.end(), m.group("n1"), None, "mức độ", "level"))
    for m in _AGES.finditer(seg):
        found.append(_Value(s + m.start("n1"), s + m.end("span"), m.group("n1"), m.group("n2"), "tuổi", "ages"))
    lead = _LEAD_FILLER.match(seg)
    off = lead.end() if lead else 0
    bare = _BARE.match(seg[off:])
    if bare and not any(v.start == s + off for v in found):
        found.append(_Value(s + off, s + off + len(bare.group("n1")), bare.group("n1"), None, "", "bare"))
    found.sort(key=lambda v: v.start)
    # Ages and years are targets only for life expectancy / healthy years; "trẻ 6 tuổi", "dưới 5 tuổi",
    # "từ 3 đến 5 tuổi" describe who a target is about.
    kept: list[_Value] = []
    prev_end = s
    for v in found:
        before = fold(text[prev_end:v.start])
        unit = fold(v.unit_raw)
        if v.kind != "ages" and (unit == "tuoi" and "tuoi tho" not in before or unit == "nam" and "song kho" not in before):
            continue
        kept.append(v)
        prev_end = v.end
    return kept


def _filler_only(text: str) -> bool:
    return not re.search(r"[^\W\d_]", _FILLER.sub(" ", fold(text)))


def _extract_targets(doc: Document, logical: _Logical, breadcrumb_at, footnote: bool) -> list[Target]:
    text = logical.text
    values: list[tuple[_Value, int, int]] = []  # value, segment start, segment end
    for s, e in _sentence_segments(text):
        for v in _find_values(text, s, e):
            values.append((v, s, e))
    if not values:
        return []
    # Comparators and "trở lên".
    for v, s, _ in values:
        m = _COMPARATOR.search(text[s:v.start])
        v.comp_start = s + m.start("comp") if m else v.start
        v.comp_text = m.group("comp") if m else ""
        if v.kind == "level":
            v.comp_start, v.comp_text = v.start - len("mức độ "), ""
        elif v.kind == "ages":
            frm = re.search(r"từ\s+$", text[s:v.start])  # "từ 3 đến 5 tuổi": "từ" is said like a comparator
            v.comp_start, v.comp_text = (s + frm.start(), "từ") if frm else (v.start, "")
        suf = _SUFFIX.match(text[v.end:])
        v.suffix = "trở lên" if suf else ""
        v.suffix_end = v.end + (suf.end() if suf else 0)
    # "… 20,8 giường bệnh viện; 5,2 bác sĩ; …; 11,6 điều dưỡng viên trên 10.000 dân": the denominator
    # at the end of a run of health-workforce numbers applies to the whole run.
    health = re.compile(_UNIT_HEALTH, re.IGNORECASE)
    for i, (v, _, _) in enumerate(values):
        if v.kind == "unit" and health.fullmatch(v.unit_raw):
            j = i
            while j + 1 < len(values) and health.fullmatch(values[j + 1][0].unit_raw or "-"):
                j += 1
            stop = values[j + 1][0].start if j + 1 < len(values) else len(text)
            v.denominator = bool(_DENOMINATOR.search(text[v.end:stop]))

    # Clause boundaries between consecutive values of one segment.
    bounds: list[tuple[int, int]] = []  # (clause start, clause end) per value
    seg_of = [(s, e) for _, s, e in values]
    starts = [seg_of[0][0]] + [0] * (len(values) - 1)
    ends = [0] * len(values)
    for i, (v, s, e) in enumerate(values):
        if i > 0 and seg_of[i - 1] != (s, e):
            starts[i] = s
        v.value_first = _filler_only(text[starts[i]:v.comp_start])
        nxt = values[i + 1][0] if i + 1 < len(values) and seg_of[i + 1] == (s, e) else None
        if nxt is None:
            ends[i] = e
            continue
        gap_s, gap_e = v.suffix_end, nxt.comp_start
        seps = list(_SEP.finditer(text, gap_s, gap_e)) if gap_e > gap_s else []
        if not seps:
            ends[i], starts[i + 1] = gap_e, gap_e
        else:
            sep = seps[-1] if v.value_first else seps[0]
            ends[i], starts[i + 1] = sep.start(), sep.end()
    for i, (v, _, _) in enumerate(values):
        cs = starts[i]
        while cs < v.comp_start and text[cs] in " -+*•\t":  # bullet marks are not part of the clause
            cs += 1
        if not v.value_first:
            # "…, tỷ lệ đi học đúng độ tuổi …": the clause opens at its indicator's head word.
            heads = list(_HEADWORD.finditer(text, cs, v.comp_start))
            if heads:
                cs = heads[-1].end()
        bounds.append((cs, ends[i]))

    out: list[Target] = []
    phrases: list[str] = []
    for i, (v, _, _) in enumerate(values):
        cs, ce = bounds[i]
        before = text[cs:v.comp_start]
        after = text[v.suffix_end:ce]
        if v.kind == "unit" and health.fullmatch(v.unit_raw):
            after = _DENOMINATOR.sub(" ", after)
        phrase = clean(_LEAD_FILLER.sub("", clean(before + " " + after)).strip(" ,;.:"))
        pf = fold(phrase)
        if phrases and _ELLIPTIC.match(pf):
            # "…, cấp trung học cơ sở tối thiểu đạt 95%": the indicator is the previous one's.
            prev = phrases[-1]
            m = re.search(r"\s(?:cấp|khu vực|tại|ở)\s", f" {prev} ", re.IGNORECASE)
            head = prev[: m.start()].strip() if m else prev
            phrase = f"{head} {phrase}"
        if (v.value_first and i + 1 < len(values) and not _PREDICATE.search(fold(after))
                and re.match(r"\s+và\s+", text[ce:ce + 6], re.IGNORECASE)):
            # "100% hộ gia đình ở thành thị và 95% hộ gia đình ở nông thôn được sử dụng nước sạch".
            nxt_after = fold(text[values[i + 1][0].suffix_end:bounds[i + 1][1]])
            m = _PREDICATE.search(nxt_after)
            if m:
                raw_next = clean(text[values[i + 1][0].suffix_end:bounds[i + 1][1]])
                words = raw_next.split()
                k = len(fold(" ".join(words)).split()) - len(nxt_after[m.start():].split())
                phrase = f"{phrase} {' '.join(words[max(k, 0):])}"
        phrases.append(phrase)
        denominator = v.denominator
        unit = _unit_of(v.unit_raw, denominator) if v.kind == "unit" else v.unit_raw
        known = normalise_indicator(phrase, unit if v.kind != "bare" else "")
        if v.kind == "bare" and known is None:
            continue  # a bare number is a target only when its clause names a known indicator
        name, topic = known if known else (phrase[:1].lower() + phrase[1:], (topics_of(phrase) or ["khác"])[0])
        raw_value = clean(text[v.start:v.end].rstrip(SUPERSCRIPTS))
        if v.kind == "level":
            raw_value = clean(text[v.start - len("mức độ "):v.end])
        d_start, d_end = logical.doc_pos(cs), logical.doc_pos(ce)
        out.append(
            Target(
                indicator=name,
                comparator=_comparator(v.comp_text, v.n2 is not None, v.suffix),
                value=parse_number(v.n1),
                value_max=parse_number(v.n2) if v.n2 else None,
                unit=unit,
                scope=_scope(fold(phrase)),
                topic=topic,
                district=doc.district,
                doc_id=doc.id,
                text=clean(text[cs:ce]),
                start=d_start,
                end=d_end,
                value_text=raw_value,
                comparator_text=_lower_first(clean(v.comp_text)),
                suffix=v.suffix,
                value_start=logical.doc_pos(v.start),
                value_end=logical.doc_pos(v.end),
                phrase=phrase,
                breadcrumb=breadcrumb_at(logical.doc_pos(v.start)),
                footnote=footnote,
                note="văn bản ghi số không kèm đơn vị" if v.kind == "bare" else "",
            )
        )
    return out


def target_region(paras: list[Para]) -> tuple[int, int] | None:
    """Indexes [first, last) of the paragraphs of the 2030 target section, or None."""
    start = None
    candidates = [p for p in paras if p.heading is not None and "chi tieu" in fold(p.heading.title)]
    with_year = [p for p in candidates if "2030" in p.flat]
    chosen = with_year[0] if with_year else (candidates[-1] if candidates else None)
    if chosen is None:
        return None
    start = chosen.index
    for p in paras[start + 1:]:
        if p.heading is None:
            continue
        f = fold(p.heading.title)
        # Intermediate headings do not end the section: Kim Động's pages are shuffled, so task
        # headings appear between target paragraphs. The vision, a Roman section or the tasks do.
        if p.heading.level == 1 or any(k in f for k in ("tam nhin", "2045", "nhiem vu", "to chuc thuc hien")):
            return start, p.index
    return start, len(paras)


def _region_logicals(paras: list[Para]) -> list[tuple[_Logical, bool]]:
    """Paragraphs of the target section as logical texts, page-break continuations joined."""
    body = [p for p in paras if p.heading is None]
    used: set[int] = set()
    out: list[tuple[_Logical, bool]] = []
    for k, p in enumerate(body):
        if p.index in used:
            continue
        pieces = [p]
        while pieces[-1].is_dangling and not pieces[-1].is_footnote:
            later = [q for q in body[k + 1:] if q.index not in used and not q.is_footnote]
            orphans = [q for q in later if q.is_orphan]
            if not orphans:
                break
            # A clause ending on a number ("… 30%") continues in the orphan that carries targets:
            # Kim Động's shuffled pages put an unrelated orphan ("tra, giám sát …") in between.
            tail = pieces[-1].text
            pick = orphans[0]
            if re.search(r"\d%?$", tail) and not _VALUE.search(orphans[0].flat):
                pick = next((q for q in orphans if _VALUE.search(q.flat)), orphans[0])
            elif later and later[0] is not orphans[0]:
                break  # the next paragraph is not a continuation
            used.add(pick.index)
            pieces.append(pick)
        out.append((_Logical(pieces), p.is_footnote))
    return out


# --------------------------------------------------------------------------------------------------
# Assignments.


@dataclass(frozen=True)
class Assignment:
    """Who leads a task: the lead agency (chủ trì), co-ordinating agencies (phối hợp), implementers."""

    task: str  # first sentence of the task
    breadcrumb: str  # section path of the task
    lead: str  # lead agency (or agencies) as written, e.g. "Phòng Lao động - TB&XH"
    leads: tuple[str, ...]
    partners: tuple[str, ...]  # phối hợp
    implementers: tuple[str, ...]  # "Ủy ban nhân dân các xã, thị trấn triển khai thực hiện"
    kind: str  # "thực hiện" (line after a task) | "chủ trì" (sentence) | "tổ chức thực hiện" (section IV item)
    topic: str
    district: str
    doc_id: str
    start: int  # span of the assignment statement
    end: int
    task_start: int = 0  # span of the task it assigns
    task_end: int = 0
    text: str = ""  # the assignment statement, cleaned
    note: str = ""  # e.g. "theo hướng dẫn của Ban Tuyên giáo Huyện ủy"
    topics: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        for k in ("leads", "partners", "implementers", "topics"):
            d[k] = list(d[k])
        return d


_ASSIGN_LINE = re.compile(r"^\W*Thực\s+hiện\s*:\s*", re.IGNORECASE)
_AGENCY_HEAD = (
    r"(?:Ban|Phòng|Ủy\s+ban|Uỷ\s+ban|UBND|Trung\s+tâm|Văn\s+phòng|Bảo\s+hiểm|Hội|Mặt\s+trận|MTTQ|Công\s+an|"
    r"Đảng\s+ủy|Huyện\s+đoàn|Liên\s+đoàn|Sở|BCH|Ngân\s+hàng|Thường\s+trực|Các|Cấp\s+ủy|Chi\s+cục|Đài|Kho\s+bạc|"
    r"Chính\s+quyền|Hội\s+đồng)"
)
_VERBS = (
    "chủ trì", "phối hợp", "chỉ đạo", "triển khai", "tăng cường", "thường xuyên", "có trách nhiệm",
    "chịu trách nhiệm", "phụ trách", "tuyên truyền", "hàng năm", "hằng năm", "định kỳ", "căn cứ", "chủ động",
    "tổ chức", "xây dựng", "theo dõi", "thực hiện", "tham mưu", "giúp", "hướng dẫn", "rà soát", "nghiêm túc",
    "đưa vào", "quán triệt", "lãnh đạo", "theo chức năng", "tập trung", "đẩy mạnh",
)
_VERB_RE = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in _VERBS) + r")(?!\w)",
                      re.IGNORECASE)
# "tổ chức", "tham mưu" are nouns after "các", "cơ quan" or before "đảng", "chính trị", "xã hội".
_NOUN_BEFORE = re.compile(r"(?:các|cơ\s+quan|,)\s*$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^\s+(?:đảng|chính\s+trị|xã\s+hội|cơ\s+sở)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“*(]*(?:\d|[^\W\d_]))")


def _first_verb(text: str, start: int = 0) -> re.Match[str] | None:
    for m in _VERB_RE.finditer(text, start):
        if _NOUN_BEFORE.search(text[:m.start()]) or _NOUN_AFTER.match(text[m.end():]):
            continue
        return m
    return None


def split_agencies(text: str) -> list[str]:
    """"Phòng A, Phòng B; các phòng, ban chuyên môn thuộc huyện" → one name per agency.

    Splits at ";", at ", " before an upper-case word or "các …", and at " và " before "các …" or an
    agency word, so "các phòng, ban chuyên môn" and "Phòng Giáo dục và Đào tạo" stay whole.
    """
    out: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        last = 0
        for m in re.finditer(r",\s*|\s+và\s+", part):
            nxt = part[m.end():]
            if m.group(0).strip() == "và":
                ok = bool(re.match(rf"các\s|{_AGENCY_HEAD}\b", nxt))
            else:
                ok = nxt.startswith("các ") or nxt[:1].isupper()
            if ok:
                out.append(part[last:m.start()])
                last = m.end()
        out.append(part[last:])
    return [p.strip(" ,.;:") for p in out if p.strip(" ,.;:")]


def first_sentence(text: str, limit: int = 400) -> str:
    """First sentence of a cleaned text, shortened at a word boundary past ``limit`` characters."""
    t = clean(text).lstrip("-+• ")
    m = next((m for m in _SENTENCE.finditer(t) if t[m.end():m.end() + 1].isupper()
              or t[m.end():m.end() + 1].isdigit()), None)
    s = t[: m.start()] if m else t
    if len(s) > limit:
        s = s[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return s


def _partners_and_rest(rest: str) -> tuple[list[str], list[str], str]:
    """After "chủ trì": (co-ordinating agencies, implementers, the task words that follow)."""
    partners: list[str] = []
    implementers: list[str] = []
    m = re.match(r"^[\s,]*(?:phối\s+hợp\s+)+(?:với\s+)?", rest, re.IGNORECASE)
    if m:
        body = rest[m.end():]
        stop = re.search(r"[;.:]", body)
        verb = _first_verb(body)
        cut = min(x for x in (stop.start() if stop else len(body), verb.start() if verb else len(body)))
        partners = split_agencies(body[:cut])
        rest = body[cut:]
    if rest.startswith(";"):
        # "…; Ủy ban nhân dân các xã, thị trấn triển khai thực hiện."
        body = rest[1:]
        verb = _first_verb(body)
        if verb is not None:
            implementers = split_agencies(body[: verb.start()])
            rest = body[verb.start():]
    return partners, implementers, rest.strip(" ,;.")


def _parse_statement(text: str) -> tuple[str, list[str], list[str], list[str], str, str] | None:
    """(lead, leads, partners, implementers, task words, note) of one assignment statement."""
    t = clean(text)
    t = re.sub(r"^[-+•\s]*(?:\d{1,2}\.\s*)?", "", t)
    t = re.sub(r"^Giao\s+(?:cho\s+)?", "", t, flags=re.IGNORECASE)
    m = re.search(r"(?<!\w)chủ\s+trì(?!\w)", t, re.IGNORECASE)
    note = ""
    if m and re.match(rf"^{_AGENCY_HEAD}\b", t[: m.start()].strip()):
        lead = t[: m.start()].strip(" ,;")
        partners, implementers, rest = _partners_and_rest(t[m.end():])
        return lead, split_agencies(lead), partners, implementers, rest, note
    if m:
        return None
    colon = t.find(":")
    verb = _first_verb(t)
    if colon > 0 and (verb is None or colon < verb.start()):
        lead, rest = t[:colon].strip(), t[colon + 1:].strip()
    elif verb is not None and verb.start() > 0:
        lead, rest = t[: verb.start()].strip(" ,;"), t[verb.start():].strip()
    else:
        return None
    if not re.match(rf"^{_AGENCY_HEAD}\b", lead) or len(lead) > 200:
        return None
    partners: list[str] = []
    pm = re.search(r"(?<!\w)phối\s+hợp\s+(?:với\s+)?", rest, re.IGNORECASE)
    if pm and pm.start() < 20:
        body = rest[pm.end():]
        verb2 = _first_verb(body)
        stop = re.search(r"[;.:]", body)
        cut = min(verb2.start() if verb2 else len(body), stop.start() if stop else len(body))
        partners = split_agencies(body[:cut])
    g = re.search(r"theo\s+hướng\s+dẫn\s+của\s+([^.;]+)", rest, re.IGNORECASE)
    if g:
        note = "theo hướng dẫn của " + g.group(1).strip(" .*")
    return lead, split_agencies(lead), partners, [], rest, note


@dataclass
class PlanExtraction:
    """Everything extracted from one plan."""

    doc: Document
    chunks: list[Chunk]
    paragraphs: list[Para]
    targets: list[Target]
    assignments: list[Assignment]
    target_section: tuple[int, int] | None  # character span of the 2030 target section

    def chunk_at(self, pos: int) -> Chunk | None:
        """The chunk whose span holds ``pos`` (the passage to cite for it)."""
        for c in self.chunks:
            if c.start <= pos < c.end:
                return c
        return None

    def breadcrumb_at(self, pos: int) -> str:
        c = self.chunk_at(pos)
        if c is not None:
            return c.breadcrumb
        before = [c for c in self.chunks if c.start <= pos]
        return before[-1].breadcrumb if before else self.doc.district

    def paragraphs_of(self, role: str) -> list[Para]:
        return [p for p in self.paragraphs if p.role == role]


def _task_block(paras: list[Para], k: int) -> list[Para]:
    """Paragraphs of the task that the assignment line ``paras[k]`` closes (back to the last line or
    the nearest heading)."""
    block: list[Para] = []
    j = k - 1
    while j >= 0:
        p = paras[j]
        if _ASSIGN_LINE.match(p.text):
            break
        block.insert(0, p)
        if p.heading is not None:
            break
        j -= 1
    return block


def _task_sentence(block: list[Para]) -> tuple[str, int, int]:
    body = [p for p in block if p.heading is None]
    if body:
        first = body[0]
        text = first.text
        # The sentence may continue on an orphan paragraph after a page break.
        if first.is_dangling and len(body) > 1 and body[1].is_orphan:
            text = f"{text} {body[1].text}"
        return first_sentence(text), first.start, block[-1].end
    if block:
        h = block[-1]
        text = h.text
        if ":" in text[:80] and len(text.split(":", 1)[1].strip()) > 30:
            text = text.split(":", 1)[1]
        return first_sentence(text), h.start, h.end
    return "", 0, 0


def _extract_assignments(doc: Document, paras: list[Para], breadcrumb_at,
                         target_span: tuple[int, int] | None = None) -> list[Assignment]:
    out: list[Assignment] = []

    def in_targets(p: Para) -> bool:
        # Target paragraphs (those stating numbers) of the target section; Kim Động's section also
        # holds a shuffled page of tasks, which do count.
        inside = target_span is not None and target_span[0] <= p.start < target_span[1]
        return inside and (p.heading is not None and "chi tieu" in fold(p.heading.title)
                           or bool(_VALUE.search(p.flat)) or p.is_orphan)

    covered: list[tuple[int, int]] = []

    def add(statement: Para | None, s: int, e: int, parsed, task: str, ts: int, te: int, kind: str,
            crumb_pos: int) -> None:
        lead, leads, partners, implementers, _, note = parsed
        crumb = breadcrumb_at(crumb_pos)
        topics = tuple(topics_of_passage(crumb.split(" › ")[-1], task))
        out.append(Assignment(
            task=task, breadcrumb=crumb, lead=lead, leads=tuple(leads), partners=tuple(partners),
            implementers=tuple(implementers), kind=kind, topic=topics[0] if topics else "chung",
            district=doc.district, doc_id=doc.id, start=s, end=e, task_start=ts, task_end=te,
            text=clean(doc.text[s:e]), note=note, topics=topics,
        ))
        covered.append((s, e))

    # 1. Kon Rẫy: "* Thực hiện: <cơ quan> chủ trì, phối hợp …" after each task.
    for k, p in enumerate(paras):
        m = _ASSIGN_LINE.match(p.text)
        if not m:
            continue
        parsed = _parse_statement(p.text[m.end():])
        if parsed is None:
            continue
        block = _task_block(paras, k)
        task, ts, te = _task_sentence(block)
        add(p, p.start, p.end, parsed, task, ts, te, "thực hiện", p.start)

    # 2. "<cơ quan> chủ trì, phối hợp với …" anywhere else, one row per sentence.
    parent: Para | None = None
    for p in paras:
        if p.heading is not None and p.heading.level == 2:
            parent = p
        if p.role in ("preamble", "signature") or _ASSIGN_LINE.match(p.text):
            continue
        for sm in re.finditer(r"[^.!?]*?(?<!\w)chủ\s+trì(?!\w)[^.!?]*[.!?]?", p.flat, re.IGNORECASE):
            s, e = p.start + sm.start(), p.start + sm.end()
            sentence = sm.group(0)
            parsed = _parse_statement(sentence)
            if parsed is None and re.match(r"^\W*chủ\s+trì", clean(sentence), re.IGNORECASE) and parent:
                # Kon Rẫy IV: "1. Phòng Lao động - TB&XH huyện:" then "- Chủ trì theo dõi, …".
                head = _parse_statement(parent.text)
                if head is not None:
                    rest = re.sub(r"^\W*chủ\s+trì\s*,?\s*", "", clean(sentence), flags=re.IGNORECASE)
                    partners, implementers, _ = _partners_and_rest(", " + rest) if rest.lower().startswith(
                        "phối hợp") else ([], [], rest)
                    parsed = (head[0], head[1], partners, implementers, rest, "")
            if parsed is None:
                continue
            s += len(sentence) - len(sentence.lstrip(" -+•*"))
            task = first_sentence(sentence)
            add(p, s, e, parsed, task, s, e, "chủ trì" if p.role != "organisation" else "tổ chức thực hiện", s)

    # 3. Numbered items of "IV. TỔ CHỨC THỰC HIỆN" that name an agency without "chủ trì", and
    #    agency-led headings and bullets of the tasks section ("3. Chính quyền các cấp, Đảng ủy các
    #    xã, thị trấn chủ động chỉ đạo …", "- Hội đồng nhân dân các cấp tăng cường giám sát …").
    for i, p in enumerate(paras):
        in_org = p.role == "organisation" and p.heading is not None and p.heading.level == 2
        # Kim Động's shuffled pages put task text under "II. MỤC TIÊU": goals count, targets do not.
        in_tasks = (p.role == "tasks" or p.role == "goals" and not in_targets(p)) and (
            p.heading is not None or bool(_BULLET.match(p.flat)) or p.flat[:1].isupper())
        if not (in_org or in_tasks) or _ASSIGN_LINE.match(p.text):
            continue
        if any(s < p.end and p.start < e for s, e in covered):
            continue
        parsed = _parse_statement(p.text)
        header_only = False
        if parsed is None and in_org and _first_verb(p.text) is None and re.match(
                rf"^(?:\d{{1,2}}\.\s*)?{_AGENCY_HEAD}\b", p.text) and len(p.text) < 150:
            # Kon Rẫy IV: "3. Ủy ban nhân dân các xã, thị trấn" over a list of bullets.
            lead = re.sub(r"^\d{1,2}\.\s*", "", p.text).strip(" :")
            parsed, header_only = (lead, split_agencies(lead), [], [], "", ""), True
        if parsed is None:
            continue
        items = [p]
        if in_org:
            for q in paras[i + 1:]:
                if q.heading is not None or q.role != "organisation":
                    break
                items.append(q)
        rest = parsed[4]
        if len(rest) <= 30 and any(p.start <= s < items[-1].end for s, _ in covered):
            continue  # an agency header whose bullets already gave "chủ trì" rows (Kon Rẫy IV.1)
        task_text = rest if len(rest) > 30 or header_only is False and len(items) == 1 else (
            items[1].text if len(items) > 1 else rest)
        kind = "tổ chức thực hiện" if in_org else "nêu trong nhiệm vụ"
        end = items[-1].end if in_org else p.end
        add(p, p.start, end, parsed, first_sentence(task_text), p.start, end, kind, p.start)
    out.sort(key=lambda a: a.start)
    return out


# --------------------------------------------------------------------------------------------------


def extract_document(doc: Document, chunks: list[Chunk] | None = None) -> PlanExtraction:
    """Targets and assignments of one plan (``chunks``: the indexed chunks, else chunked here)."""
    chunks = sorted(chunks if chunks is not None else chunk_document(doc), key=lambda c: c.start)
    paras = split_paragraphs(doc.text)
    plan = PlanExtraction(doc, chunks, paras, [], [], None)
    region = target_region(paras)
    if region is not None:
        first, last = region
        section = paras[first:last]
        plan.target_section = (section[0].start, section[-1].end)
        # Rows cite the target section's path: a shuffled page (Kim Động) puts some target lines
        # under a task heading in the chunker's breadcrumbs.
        body = next((p for p in section if p.heading is None), section[0])
        crumb = plan.breadcrumb_at(body.start)
        for logical, footnote in _region_logicals(section):
            plan.targets += _extract_targets(doc, logical, lambda _pos, c=crumb: c, footnote)
    plan.targets.sort(key=lambda t: t.value_start)
    plan.assignments = _extract_assignments(doc, paras, plan.breadcrumb_at, plan.target_section)
    return plan


def extract_corpus(docs: list[Document], chunks: list[Chunk] | None = None) -> list[PlanExtraction]:
    """Extract every plan, in corpus order (``chunks``: the index's chunks of all plans, optional)."""
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks or []:
        by_doc.setdefault(c.doc_id, []).append(c)
    return [extract_document(d, by_doc.get(d.id) if chunks is not None else None) for d in docs]


_DIRECTS = re.compile(r"(?<!\w)chi dao(?!\w)")
_PEOPLES_COMMITTEE = re.compile(r"(?<!\w)(uy ban nhan dan|ubnd) huyen(?!\w)")


def directing_line(assignments: Iterable[Assignment]) -> Assignment | None:
    """The "Tổ chức thực hiện" item giving the district People's Committee the direction of the plan's tasks (what a
    plan that names no lead for a field says of who carries it out); None when it has none."""
    for a in assignments:
        if a.kind == "tổ chức thực hiện" and _PEOPLES_COMMITTEE.search(fold(a.lead)) and _DIRECTS.search(fold(a.text)):
            return a
    return None
