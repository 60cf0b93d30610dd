"""Single-district summaries for the chat, from the extracted tables: targets and assignments.

A trainer asks "Tóm tắt các chỉ tiêu y tế đến 2030 của Kim Động" or "Tóm tắt phân công chủ trì
mục 3.4 trong kế hoạch Kon Rẫy"; :func:`summarize` picks the plan's rows that match the topics,
section numbers or named part of the question and renders one short line per row, quoting the
plan's own wording, numbers and agency names. Each row is cited through a callback that returns the
``[n]`` of the passage holding it. Anything the tables cannot answer gives ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.lexicon import expand_abbreviations
from assistant.plan.extract import (
    SUPERSCRIPTS,
    Assignment,
    PlanExtraction,
    Target,
    clean,
    directing_line,
    first_sentence,
)
from assistant.plan.topics import TOPICS, topic_hits
from assistant.query import QueryAnalysis
from assistant.text import fold, shorten_sentences
from assistant.trainers.data import TrainerData, UnknownDistrictError

MAX_TARGETS = 12
MAX_ALL_TARGETS = 40  # every target of one plan (the four plans set 25–35)
TARGETS_PER_TOPIC = 7  # with two or more topics asked, each may list this many
MAX_ASSIGNMENTS = 12
CLAUSE_CHARS = 150
TITLE_CHARS = 80
ORG_CHARS = 320
DEADLINE_CHARS = 160  # a later duty of a long item kept for its deadline or its reporting
MAX_PARTNERS = 3

SOURCE_TARGETS = "bảng chỉ tiêu"
SOURCE_ASSIGNMENTS = "bảng phân công"

# Folded cues. Tasks/solutions are answered by the generator; these words make a question about them.
_TASK_CUES = re.compile(r"(?<!\w)(?:nhiem vu|giai phap|cac viec|nhung viec|viec gi|viec (?:can|phai) lam|(?:phai |can )?lam (?:gi|nhung gi)"
                        r"|viec chinh|may viec)(?!\w)")
# "tóm tắt về văn hóa, thông tin, kể cả chỉ tiêu": the targets besides the rest, not instead of it.
_TARGETS_TOO = re.compile(r"(?<!\w)(?:ke ca|ca|kem|kem theo|them|luon) (?:cac |nhung )?(?:chi tieu|muc tieu)(?!\w)")
# "những điểm chính", "mấy ý chính", "nội dung chính về …": what a plan says on a topic, of every kind.
_MAIN_POINTS = re.compile(r"(?<!\w)(?:(?:diem|y|noi dung|van de) chinh|nhung diem|dinh huong)(?!\w)")
# "tóm tắt nhiệm vụ về y tế (ai chủ trì luôn)": the lead asked on the side of the tasks, not instead of them.
_LEAD_ASIDE = re.compile(r"(?<!\w)(?:(?:kem|ca|luon|va|them)\s+(?:ai|don vi|co quan|phong|ben)[^?,.]{0,20}chu tri|chu tri (?:luon|nua|kem theo))(?!\w)")
# ("đến 2030 đạt những gì", "các con số": the targets asked in plain words)
_TARGET_CUES = re.compile(r"(?<!\w)(?:chi tieu|muc tieu|con so|dat (?:duoc )?(?:nhung )?gi)(?!\w)")
# The plan's targets as a list, no field named: "tóm tắt các chỉ tiêu chính", "đặt những chỉ tiêu gì".
_WHOLE_TARGET_LIST = re.compile(
    r"(?<!\w)(?:(?:liet ke|tom tat|tong hop|neu)(?: giup| gium)?(?: (?:toi|minh|em|e))?(?: (?:cac|nhung|may))? chi tieu"
    r"|(?:dat|de ra|co|gom) (?:ra )?(?:nhung|cac|may|bao nhieu) chi tieu(?! (?:ve|cho|cua) )"
    r"|(?:nhung|cac) chi tieu (?:gi|nao))(?!\w)")
# Who leads asked in so many words ("ai phụ trách", "cơ quan chỉ đạo", "đơn vị nào làm"), folded.
_LEAD_ASKED = re.compile(r"(?<!\w)(?:chu tri|phu trach|dau moi|chi dao|ai (?:lam|lo)|(?:co quan|don vi|phong|ben) nao)(?!\w)")
_ASSIGN_CUES = re.compile(r"(?<!\w)(?:phan cong|chu tri|trach nhiem|phu trach|dau moi)(?!\w)")
# "phần tổ chức thực hiện", "mục IV. Tổ chức thực hiện", "trong tổ chức thực hiện kế hoạch": section IV
# (not "tổ chức thực hiện chính sách …", a task).
_ORG_PART = re.compile(
    r"(?:(?<!\w)(?:phan|muc|noi dung|khau|trong|cong tac)\s+(?:iv\W*\s*)?to chuc thuc hien(?!\w)"
    r"|(?<!\w)to chuc thuc hien(?:\s+(?:ke hoach|van ban)(?!\w)|\s*(?:[.,;:?!]|$)))"
)
# Agency names ("Phòng Lao động - TB&XH", "Trung tâm Y tế huyện") hold topic words but name no topic.
_AGENCY = re.compile(
    r"(?<!\w)(?:phong|trung tam|chi cuc|van phong)(?:\s*[-–&]?\s*(?!(?:ve|trong|cua|tai|cho|o|la|chu|phoi|"
    r"trach|nhiem|thuc|ke|huyen|xa|cac)(?!\w))[\w&]+){1,5}"
)
_LEAD_FILLER = re.compile(
    r"^(?:[-+*•¹²³\s,]|bảo\s+đảm\b|đảm\s+bảo\b|phấn\s+đấu\b|phần\s+đầu\b|phân\s+đầu\b|trong\s+đó\b|"
    r"(?:duy\s+trì|có)\b(?=\s+(?:trên|dưới|khoảng|\d))|và\b)+",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2}){0,2}|[a-zđ])[.)]\s*", re.IGNORECASE)


@dataclass
class Summary:
    """Rendered answer text, the passage numbers it cites, and the table it came from."""

    text: str
    cited: list[int]
    source: str


# --------------------------------------------------------------------------------------------------
# Question reading.


def _phrase_patterns() -> list[tuple[re.Pattern[str], int, str]]:
    out = []
    for t in TOPICS:
        # Single-syllable aliases ("nha") are too loose for free text; keywords are always phrases.
        forms = {*t.keywords, *(a for a in t.aliases if len(a) >= 4)}
        for f in forms:
            out.append((re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)"), len(f), t.key))
    return out


_TOPIC_PHRASES = _phrase_patterns()


# "Hệ thống an sinh xã hội", "mảng an sinh xã hội": the field Nghị quyết 42 (and each plan's part so titled)
# makes of social insurance, social assistance and poverty reduction, not social assistance alone.
_SOCIAL_SECURITY = re.compile(r"(?<!\w)(he thong|mang|linh vuc|cac chinh sach|chinh sach|phan|ve) an sinh xa hoi(?!\w)")
_SOCIAL_SECURITY_TOPICS = ("bảo hiểm", "trợ giúp xã hội", "giảm nghèo")


def question_topics(folded: str) -> list[str]:
    """Topics a (folded) question names, longest phrases first so "bảo hiểm y tế" is not also "y tế";
    words inside agency names ("phòng lao động - tb&xh") do not count."""
    folded = _AGENCY.sub(lambda m: " " * len(m.group(0)), folded)
    if (field := _SOCIAL_SECURITY.search(folded)) is not None:
        rest = question_topics(folded[: field.start()] + " " * (field.end() - field.start()) + folded[field.end() :])
        return list(dict.fromkeys([*_SOCIAL_SECURITY_TOPICS, *rest]))
    hits = [(m.start(), m.end(), n, key) for pat, n, key in _TOPIC_PHRASES for m in pat.finditer(folded)]
    hits.sort(key=lambda h: (-h[2], h[0]))
    taken: list[tuple[int, int, str]] = []
    for s, e, _, key in hits:
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, key))
    return list(dict.fromkeys(key for _, _, key in sorted(taken)))


def summary_kind(analysis: QueryAnalysis) -> str | None:
    """"targets", "assignments" or None: which table a single-district summary request is about."""
    if (len(analysis.districts) == 1 and _WHOLE_TARGET_LIST.search(analysis.folded) and not analysis.wants_comparison
            and not question_topics(expand_abbreviations(analysis.folded)) and not _TASK_CUES.search(analysis.folded)):
        return "targets"  # "Phụng Hiệp đặt những chỉ tiêu gì đến 2030": every target of the plan
    if not analysis.briefing or len(analysis.districts) != 1:
        return None
    if analysis.wants_comparison:
        return None
    folded = analysis.folded
    intent = analysis.intent
    about_targets = bool(_TARGET_CUES.search(folded)) or intent == "target" and not _TASK_CUES.search(folded)
    about_assignments = intent == "assignment" or bool(_ASSIGN_CUES.search(folded) or _ORG_PART.search(folded))
    tasks_and_lead = bool(_TASK_CUES.search(folded) and _LEAD_ASIDE.search(folded)) and "phan cong" not in folded
    if about_assignments and not _TARGET_CUES.search(folded) and not tasks_and_lead:
        return "assignments"
    if about_targets and (about_assignments or _TASK_CUES.search(folded) or _TARGETS_TOO.search(folded)):
        return "briefing"  # targets and tasks (and who leads them): the trainer's whole topic
    if about_targets and not about_assignments:
        return "targets"
    if _TASK_CUES.search(folded):
        return "tasks"  # "tóm tắt các việc … đối với người có công": the topic's task paragraphs
    if _MAIN_POINTS.search(folded):
        return "briefing"  # "những điểm chính về người có công": the whole topic, targets and tasks
    return None


def briefs_topic(analysis: QueryAnalysis) -> bool:
    """Whether the question asks a field's whole briefing (its targets, tasks and leads) of one plan: answered
    whole, not split into its parts ("…: chỉ tiêu 2030 là gì? nhiệm vụ chính? ai chủ trì?")."""
    return summary_kind(analysis) == "briefing" and bool(question_topics(expand_abbreviations(analysis.folded)))


# --------------------------------------------------------------------------------------------------
# Targets.


def _lower_first(s: str) -> str:
    """"Tỷ lệ …" reads "tỷ lệ …" inside a list; acronyms ("THCS") stay."""
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def _shorten(text: str, limit: int, keep: tuple[int, int] | None = None) -> str:
    """``text`` cut at a word boundary past ``limit``; the span ``keep`` (a number) always stays in."""
    if len(text) <= limit:
        return text
    if keep is None or keep[0] < limit:
        space = text.find(" ", max(limit, keep[1] if keep else 0))
        if space < 0:
            return text
        return text[:space].rstrip(" ,;:") + "…"
    # The number sits late in a long clause: the opening words, "…", then the words before the number.
    head = text[: limit // 3].rsplit(" ", 1)[0].rstrip(" ,;:")
    start = text.rfind(" ", 0, max(0, keep[0] - limit // 3)) + 1
    return f"{head} … {_shorten(text[start:], limit, (keep[0] - start, keep[1] - start))}"


def target_clause(t: Target) -> str:
    """One short clause for a target in the plan's own words, with its number exactly as written."""
    clause = _LEAD_FILLER.sub("", t.text).strip(" ;,.:" + SUPERSCRIPTS)
    phrase = t.phrase.strip(" ;,.:")
    at = clause.find(t.value_text)
    if at < 0:
        return f"{t.label}: {t.display}"
    if not phrase:
        # "20,8 giường bệnh viện; 5,2 bác sĩ; … trên 10.000 dân": the indicator is named once for all.
        label = t.label.replace(" trên 10.000 dân", "") if "10.000" in clause else t.label
        return f"{label}: {_lower_first(clause)}"
    if fold(phrase) not in fold(clause):
        # An elliptic clause ("khu vực đô thị đạt 34,0m² sàn/người", "100% hộ gia đình ở thành thị"):
        # the indicator words of the sentence, then the number as written, in the plan's order.
        number_first = fold(clause[:at].strip()) in ("", fold(t.comparator_text))
        stated = " ".join(p for p in (t.comparator_text, t.value_text, t.suffix) if p)
        clause = f"{stated} {phrase}" if number_first else f"{phrase} {stated}"
        at = clause.find(t.value_text)
    clause = _shorten(_lower_first(clause), CLAUSE_CHARS, (at, at + len(t.value_text)))
    if t.footnote:
        clause += " (theo chú thích của kế hoạch)"
    return clause if t.unit else f"{clause} (văn bản không ghi đơn vị)"


def select_targets(plan: PlanExtraction, topics: list[str]) -> list[Target]:
    """The plan's targets on ``topics``: those whose own topic is named, then related ones (another
    topic first, e.g. health insurance for "y tế"); each group in the plan's order."""
    primary = [t for t in plan.targets if t.topic in topics]
    # (a field named only by a place the target counts, "hộ gia đình, trường học, trạm y tế có công trình vệ sinh",
    # is not that field's target: the sanitation target is no health or education target)
    related = [t for t in plan.targets if t.topic not in topics and any(
        k in topics for k in (topic_hits(_FACILITIES.sub(" ", fold(t.text))) if _FACILITIES.search(fold(t.text)) else t.topics))]
    return primary + related


# Places named by their field's word: a school, a health station (folded).
_FACILITIES = re.compile(r"(?<!\w)(truong hoc|tram y te|co so y te|co so giao duc|benh vien)(?!\w)")


class Marks:
    """Cites rows through ``cite`` and remembers the passage numbers, in order of first use."""

    def __init__(self, cite: Callable[[Any], int]) -> None:
        self._cite = cite
        self.cited: list[int] = []

    def __call__(self, row: Any) -> str:
        n = self._cite(row)
        if n not in self.cited:
            self.cited.append(n)
        return f"[{n}]"


def _pairs(folded: str) -> set[str]:
    syl = re.findall(r"\d+(?:[.,]\d+)*|\w+", folded)
    return {f"{a} {b}" for a, b in zip(syl, syl[1:], strict=False)}


# Word pairs that name a whole topic or any rate, not one indicator ("y tế", "tỷ lệ", "bảo hiểm").
_GENERIC_PAIRS = frozenset(
    {p for t in TOPICS for name in (fold(t.key), *t.aliases) for p in _pairs(name)}
    | {"ty le", "ti le", "chi tieu", "den nam", "nam 2030", "nguoi dan", "dan so", "tren 10.000", "10.000 dan"}
)


# A unit asked for ("tính trên 10.000 dân", "theo đầu 10.000 dân"), folded.
_PER_10000 = re.compile(r"(?<!\w)(tren|moi|theo|dau|tinh theo|/)\s*(dau )?10\.?000 dan(?!\w)")


def named_targets(rows: list[Target], asked: str) -> list[Target]:
    """Targets whose indicator the (folded) question names by a word pair of its own ("tiêm chủng", "suy
    dinh dưỡng"), beyond the topic's words."""
    said = _pairs(asked) - _GENERIC_PAIRS
    return [t for t in rows if _pairs(fold(t.phrase or t.indicator)) & said] if said else []


def _fair_share(rows: list[Target], topics: list[str], named: list[Target] | None = None) -> list[Target]:
    """At most :data:`MAX_TARGETS` rows (:data:`TARGETS_PER_TOPIC` per topic when several are asked): the indicators the question names first, then each asked topic its
    share before any fills the rest ("lao động, y tế, nhà ở": the housing target is not crowded out by twelve
    health ones); row order kept."""
    # Several topics asked by name ("lao động, y tế, nhà ở") get room for each: a slide lists them all.
    limit = max(MAX_TARGETS, TARGETS_PER_TOPIC * len(topics))
    if len(rows) <= limit:
        return rows
    chosen = list(named or [])[:limit]
    if len(topics) >= 2:
        quota = limit // len(topics)
        chosen += [t for k in topics for t in [r for r in rows if r.topic == k and r not in chosen][:quota]]
    chosen += [t for t in rows if t not in chosen][: max(0, limit - len(chosen))]
    return [t for t in rows if t in chosen[:limit]]


def summarize_targets(plan: PlanExtraction, topics: list[str], cite: Callable[[Target], int],
                      asked: str = "") -> Summary | None:
    """One cited line per target on ``topics`` (at most :data:`MAX_TARGETS`; those the folded question
    ``asked`` names always among them), or None when there are none."""
    # No topic: every target of the plan, each with its field ("tóm tắt các chỉ tiêu chính của Phụng Hiệp").
    rows = select_targets(plan, topics) if topics else list(plan.targets)
    if _PER_10000.search(asked):
        # "mấy chỉ tiêu tính theo đầu 10.000 dân": those counted per 10,000 people, not every target.
        rows = [t for t in rows if "10.000" in t.unit] or rows
    if not rows:
        return None
    shown = _fair_share(rows, topics, named_targets(rows, asked)) if topics else rows[:MAX_ALL_TARGETS]
    mark = Marks(cite)

    def line(t: Target) -> str:
        group = "" if t.topic in topics else f" (nhóm {t.topic})"
        return f"- {target_clause(t)}{group} {mark(t)};"

    lines = [line(t) for t in shown]
    lines[-1] = lines[-1][:-1] + "."
    rest = [t for t in rows if t not in shown]
    if rest:
        lines.append(f"- Kế hoạch còn nêu {len(rest)} chỉ tiêu liên quan khác, như: "
                     f"{target_clause(rest[0])} {mark(rest[0])}.")
    about = f" về {', '.join(topics)}" if topics else ""
    head = f"Chỉ tiêu đến năm 2030{about} trong kế hoạch của {plan.doc.district} ({len(rows)} chỉ tiêu) [{mark.cited[0]}]:"
    return Summary("\n".join([head, *lines]), mark.cited, SOURCE_TARGETS)


# --------------------------------------------------------------------------------------------------
# Assignments.


def _title(heading: str) -> str:
    """"a) Về giáo dục" → "Giáo dục"; long titles shortened."""
    t = _LABEL.sub("", heading).strip()
    t = re.sub(r"^Về\s+", "", t)
    if t.isupper():
        t = t.capitalize()  # "TỔ CHỨC THỰC HIỆN" → "Tổ chức thực hiện"
    head, sep, rest = t.partition(":")
    if sep and len(head) < 80 and rest.strip():
        t = head
    t = t[:1].upper() + t[1:]
    return _shorten(t.rstrip("…").rstrip(" ,;:."), TITLE_CHARS) if len(t) > TITLE_CHARS else t


def _labels(plan: PlanExtraction, a: Assignment) -> list[str]:
    """Folded section labels ("iii", "3", "3.4", "a") of the passage holding the assignment."""
    chunk = plan.chunk_at(a.start)
    return [fold(label) for label in chunk.labels] if chunk is not None else []


def select_assignments(plan: PlanExtraction, refs: list[str], topics: list[str],
                       org_part: bool) -> tuple[list[Assignment], str] | None:
    """The assignments a question restricts to, and the part of the plan they cover ("mục 3.4 (…)")."""
    rows = plan.assignments
    if refs:
        wanted = {fold(r).strip(". ") for r in refs}
        picked = [a for a in rows if wanted & set(_labels(plan, a))]
        if not picked:
            return None
        narrowed = [a for a in picked if set(topics) & set(a.topics)]
        picked = narrowed or picked
        chunk = plan.chunk_at(picked[0].start)
        where = ", ".join(f"mục {r.upper() if re.fullmatch(r'[ivx]+', r) else r}" for r in refs)
        if chunk is not None and len(refs) == 1:
            labels = [fold(label) for label in chunk.labels]
            ref = fold(refs[0]).strip(". ")
            if ref in labels:
                where += f" ({_title(chunk.headings[labels.index(ref)])})"
        return picked, where
    if org_part:
        picked = [a for a in rows if a.kind == "tổ chức thực hiện"]
        return (picked, "phần Tổ chức thực hiện") if picked else None
    if topics:
        picked = [a for a in rows if set(topics) & set(a.topics)]
        return (picked, "các nhiệm vụ về " + ", ".join(topics)) if picked else None
    return None


def _partners(a: Assignment) -> str:
    """The co-ordinating bodies, at most :data:`MAX_PARTNERS` of them, as the plan names them."""
    names = list(a.partners[:MAX_PARTNERS])
    if len(a.partners) > MAX_PARTNERS:
        names.append("…")
    return ", ".join(names)


def assignment_line(plan: PlanExtraction, a: Assignment, with_task: bool) -> str:
    """"Giáo dục: Phòng Giáo dục và Đào tạo chủ trì, phối hợp …" for a task's lead; section IV items
    (and bodies named in a task without "chủ trì") read as the plan states them."""
    if a.kind in ("thực hiện", "chủ trì"):
        title = _title(a.breadcrumb.split(" › ")[-1])
        if with_task and a.task:  # several rows under one heading: each named by its own task
            title = first_sentence(a.task, TITLE_CHARS).rstrip(" .;")
        # "* Thực hiện: Các phòng, ban …; Ủy ban nhân dân các xã …" names no lead: no "chủ trì" then.
        led = re.search(r"(?<!\w)chủ\s+trì(?!\w)", a.text, re.IGNORECASE)
        text = f"{title}: {a.lead} {'chủ trì' if led else 'thực hiện'}"
        if a.partners:
            text += f", phối hợp {_partners(a)}"
        return text
    return org_statement(plan, a)


def org_statement(plan: PlanExtraction, a: Assignment) -> str:
    """A section IV item as the plan states it, led by its body ("Phòng Lao động - TB&XH huyện: Chủ trì
    theo dõi …"), its duties kept whole up to :data:`ORG_CHARS` (reporting duties often come second);
    bullets become "; " and a later row inside the item (a "Giao …" paragraph) is left to that row."""
    end = min([b.start for b in plan.assignments if a.start < b.start < a.end] + [a.end])
    parts: list[str] = []
    for raw in plan.doc.text[a.start:end].splitlines():
        line = clean(raw)
        if not line:
            continue
        bullet = bool(re.match(r"^[-+•]\s", line))
        line = re.sub(r"^[-+•]\s*|^\d{1,2}\.\s*", "", line) if not parts or bullet else line
        if parts and bullet:
            header_only = len(parts) == 1 and fold(parts[0].rstrip(" .;:")) == fold(a.lead)
            parts[-1] = parts[-1].rstrip(" .;:") + (":" if header_only else ";")
        parts.append(line)
    text = _tidy_parens(" ".join(parts))
    if not fold(text).startswith(fold(a.lead)) and not fold(text).startswith("giao"):
        text = f"{a.lead}: {text[:1].upper()}{text[1:]}"
    short = _shorten(text, ORG_CHARS).rstrip(" .;:")
    # A long item cut short keeps its deadlines and reporting duties ("… hoàn thành trước ngày 15 tháng 8 năm
    # 2024", "đồng thời, phối hợp báo cáo và tổ chức sơ kết, tổng kết"): what a trainer passing the plan on must
    # not lose.
    kept = []
    for clause in re.split(r"(?<=[.;])\s+|;?\s*(?=đồng thời,)", text):
        clause = clause.strip(" .;/")  # ("… cho phù hợp./": the plan's closing mark)
        found = list(_DEADLINE.finditer(clause)) or list(_DUTY.finditer(clause))
        if not found or clause[: found[-1].end()] in short:
            continue  # said in full already
        if (opening := clause[:40]) in short:
            short = short[: short.find(opening)].rstrip(" ;,…")  # cut inside it: said whole below instead
        kept.append(_shorten(clause, DEADLINE_CHARS, (found[-1].start(), found[-1].end())).rstrip(" .;:"))
    return "; ".join([short, *kept]) if kept else short


def _tidy_parens(text: str) -> str:
    """"( qua Phòng … )" as "(qua Phòng …)": emphasis markers taken out leave spaces inside brackets."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))


# Reporting on the plan and reviewing it ("báo cáo", "sơ kết, tổng kết").
_DUTY = re.compile(r"(?<!\w)(?:báo cáo|sơ kết|tổng kết)(?!\w)")
# "trước ngày 05 tháng 12", "chậm nhất ngày 15/8/2024": a date a body must meet.
_DEADLINE = re.compile(r"(?:trước|chậm nhất(?: là)?|hạn)\s+ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}|/\d{1,2})(?:(?:\s+năm\s+|/)\d{4})?")


def summarize_assignments(plan: PlanExtraction, refs: list[str], topics: list[str], org_part: bool,
                          cite: Callable[[Assignment], int]) -> Summary | None:
    """One cited line per assignment the question restricts to (at most :data:`MAX_ASSIGNMENTS`), or None."""
    found = select_assignments(plan, refs, topics, org_part)
    if found is None:
        return None
    rows, where = found
    shown = rows[:MAX_ASSIGNMENTS]
    titles = [_title(a.breadcrumb.split(" › ")[-1]) for a in shown]
    mark = Marks(cite)
    lines = [f"- {clean(assignment_line(plan, a, titles.count(title) > 1))} {mark(a)};"
             for a, title in zip(shown, titles, strict=True)]
    lines[-1] = lines[-1][:-1] + "."
    if len(rows) > len(shown):
        a = rows[len(shown)]
        lines.append(f"- Kế hoạch còn nêu {len(rows) - len(shown)} phân công khác, như: "
                     f"{clean(assignment_line(plan, a, False))} {mark(a)}.")
    what = ("Trách nhiệm các cơ quan, tổ chức theo" if all(a.kind == "tổ chức thực hiện" for a in rows)
            else "Phân công thực hiện")
    head = f"{what} {where} trong kế hoạch của {plan.doc.district} [{mark.cited[0]}]:"
    return Summary("\n".join([head, *lines]), mark.cited, SOURCE_ASSIGNMENTS)


# --------------------------------------------------------------------------------------------------


MAX_TASKS = 6
FEW_TARGETS = 2  # a topic's targets said even when only its tasks are asked
TASKS_CHARS = 1800  # a topic's tasks in a briefing, shared among its paragraphs
TASK_FLOOR = 260
SOURCE_BRIEFING = "bảng chỉ tiêu, nhiệm vụ và phân công"


MAX_GOALS = 3


def goal_clauses(plan: PlanExtraction, topics: list[str]) -> list[tuple[int, str]]:
    """Clauses of the target section on ``topics`` that set a goal without a figure, with their starts (at
    most :data:`MAX_GOALS`)."""
    if plan.target_section is None:
        return []
    start, end = plan.target_section
    text = plan.doc.text
    out: list[tuple[int, str]] = []
    # (Clauses end at ";" or a sentence's "."; a hard-wrapped line break is not an end, "10.000" holds no end.)
    for m in re.finditer(r"(?:[^;.]|\.(?=\d))+", text[start:end]):
        clause = clean(m.group(0)).strip(" -+•*,:")
        if len(clause) < 30 or re.search(r"\d", clause) or not set(topics) & set(topic_hits(clause)):
            continue
        raw = m.group(0)
        at = start + m.start() + len(raw) - len(raw.lstrip(" -+•*,:\n\t\xa0"))  # inside a passage, for its citation
        out.append((at, clause[:1].lower() + clause[1:] if not clause[1:2].isupper() else clause))
    return out[:MAX_GOALS]


def summarize_topic(plan: PlanExtraction, topics: list[str], leads: bool, cite_target: Callable[[Target], int],
                    cite_assignment: Callable[[Assignment], int], cite_at: Callable[[int], int],
                    with_targets: bool = True, asked: str = "", keep: Callable[[str], float] | None = None) -> Summary | None:
    """A trainer's topic in three parts: its 2030 targets (unless only tasks are asked), its main tasks, and
    (when asked) who leads them."""
    from assistant.trainers.briefing import _content, _relevant, _task_paragraphs, sentences

    parts: list[str] = []
    cited: list[int] = []
    targets = summarize_targets(plan, topics, cite_target, asked) if with_targets else None
    if targets is not None:
        parts.append(targets.text)
        cited += targets.cited
    goals = goal_clauses(plan, topics) if with_targets else []
    try:
        goal_marks = list(dict.fromkeys(cite_at(start) for start, _ in goals))
    except LookupError:
        goal_marks = []  # a clause outside every indexed passage: left out rather than said uncited
    if goal_marks:
        # "xoá bỏ hoàn toàn tình trạng nhà tạm, nhà dột nát …": what the target section sets without a figure.
        marks = "".join(f"[{n}]" for n in goal_marks)
        parts.append("Mục tiêu không định lượng: " + "; ".join(text for _, text in goals) + f" {marks}.")
        cited += goal_marks
    # Kept on the plan object, which serves every request of a process.
    cache: dict[tuple[str, ...], list[Any]] = plan.__dict__.setdefault("_topic_tasks", {})
    if tuple(topics) not in cache:
        cache[tuple(topics)] = [p for p in _task_paragraphs(plan) if any(_relevant(plan, p, t) for t in topics)]
    tasks = cache[tuple(topics)]
    lines = []
    # One line per task paragraph saying the opening of each of its sentences ("… Phát triển mô hình bác sĩ
    # gia đình …" is the second sentence of a paragraph on the health system), within a shared budget.
    share = max(TASK_FLOOR, TASKS_CHARS // max(1, min(len(tasks), MAX_TASKS)))
    # A paragraph the text breaks mid-sentence ("… xây dựng trường học đạt" / "chuẩn quốc gia các cấp học. …", a page
    # break in the source) is one task: said as one line, citing both passages.
    joined: list[tuple[str, list[int]]] = []
    for p in tasks[:MAX_TASKS]:
        text = _content(p)
        if joined and text[:1].islower() and not joined[-1][0].rstrip().endswith((".", ";", ":", "!", "?")):
            joined[-1] = (f"{joined[-1][0].rstrip()} {text}", [*joined[-1][1], p.start])
        else:
            joined.append((text, [p.start]))
    for text, starts in joined:
        marks = list(dict.fromkeys(cite_at(start) for start in starts))
        cited += marks
        said = shorten_sentences(" ".join(sentences(text, 10**6)), share, keep=keep)
        lines.append(f"- {said.rstrip(' .;')} {''.join(f'[{n}]' for n in marks)};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
        parts.append(f"Nhiệm vụ chủ yếu về {', '.join(topics)}:\n" + "\n".join(lines))
    if leads:
        rows = [a for a in plan.assignments if a.kind == "thực hiện" and set(topics) & set(a.topics)]
        lead_lines = []
        for a in rows[:4]:
            n = cite_assignment(a)
            cited.append(n)
            lead_lines.append(f"- {clean(assignment_line(plan, a, False))} [{n}];")
        if lead_lines:
            lead_lines[-1] = lead_lines[-1][:-1] + "."
            parts.append("Đơn vị chủ trì:\n" + "\n".join(lead_lines))
        elif parts and _LEAD_ASKED.search(asked) and (direct := directing_line(plan.assignments)) is not None:
            # A plan with no lead line per field (Huyện ủy plans), asked who leads: who it gives the direction of its
            # tasks to.
            n = cite_assignment(direct)
            cited.append(n)
            parts.append(f"Đơn vị chủ trì: kế hoạch không giao cơ quan chủ trì riêng cho lĩnh vực này; phần tổ chức "
                         f"thực hiện giao: {clean(direct.text).rstrip(' .;')} [{n}].")
    if not parts:
        return None
    return Summary("\n".join(parts), list(dict.fromkeys(cited)), SOURCE_BRIEFING)


def summarize(data: TrainerData, analysis: QueryAnalysis, cite_target: Callable[[Target], int],
              cite_assignment: Callable[[Assignment], int], cite_at: Callable[[int], int] | None = None,
              keep: Callable[[str], float] | None = None) -> Summary | None:
    """The table summary for a single-district summary request, or None when the tables do not answer it.
    ``keep``: how much a clause a briefing's cut would drop is worth saying anyway (see ``TextStats.worth_keeping``)."""
    kind = summary_kind(analysis)
    if kind is None:
        return None
    try:
        plan = data.plan(analysis.districts[0])
    except UnknownDistrictError:
        return None
    folded = expand_abbreviations(analysis.folded)  # "BHXH" names the insurance topic
    topics = question_topics(folded)
    if kind == "targets":
        if not topics and _WHOLE_TARGET_LIST.search(folded):
            return summarize_targets(plan, [], cite_target, folded)
        return summarize_targets(plan, topics, cite_target, folded) if topics else None
    if kind in ("briefing", "tasks"):
        if not topics or cite_at is None:
            return None
        # A trainer's whole topic says who leads it (targets, tasks, lead agencies); tasks alone only when asked.
        leads = kind == "briefing" or bool(_ASSIGN_CUES.search(folded) or re.search(r"don vi|co quan|ai (lam|phu trach)", folded))
        # Tasks asked alone still open with the topic's goal when it has only a few ("100% người có công … được
        # chăm lo toàn diện"): what the tasks are for; a long list of figures is left to a targets request.
        few = len([t for t in plan.targets if t.topic in topics]) <= FEW_TARGETS
        return summarize_topic(plan, topics, leads, cite_target, cite_assignment, cite_at, asked=folded,
                               with_targets=kind == "briefing" or few, keep=keep)
    refs = list(analysis.section_refs)
    return summarize_assignments(plan, refs, topics, bool(_ORG_PART.search(folded)), cite_assignment)
