"""Sections of a plan: found by number, title, ordinal or topic, listed item by item, or searched for what
the question asks about.
"""

from __future__ import annotations

import math
import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import (
    ABOUT_TOPIC,
    FOCUS_CUES,
    LEAD_CUE,
    LIST_CUE,
    MAX_POINTS,
    NUMBER_ASKED,
    RUN_ON_ITEM,
    SECTION_WORD,
    SENTENCE_TITLE_SYLLABLES,
    THUC_HIEN,
    TOPIC_TAIL,
    WHO_DOES_WHAT,
    Cites,
    FacetBase,
    asks_for_group,
    heading_lead,
    longest_run,
    names_section,
    section_label,
    sentences_in,
    source_text,
)
from assistant.plan.extract import directing_line
from assistant.plan.facts import CITED_DOCUMENT, display
from assistant.plan.model import PlanModel
from assistant.plan.outline import ITEM_SUBJECT, Section
from assistant.plan.topics import (
    groups_named,
    mentions_group,
    topic_keys,
    topics_named,
    topics_of,
    topics_of_passage,
    without_groups,
)
from assistant.query import (
    ASKS_DOCUMENTS,
    LABEL_ASKED,
    QueryAnalysis,
    without_plan_name,
)
from assistant.text import (
    STOPWORDS,
    fold,
    shorten,
    shorten_sentences,
    syllables,
    words,
)

# What a question asks about the document itself, on folded text.
# Where a part's text moves to its next point: a new line after a sentence's end or opening a bullet, or a bullet
# after a sentence on the same line; a hard-wrapped line ("vùng sâu, vùng\nxa") goes on.
_POINT_BREAK = re.compile(r"(?<=[.:!?])[ \t]*\n|\n(?=\s*[-+•*]\s)|(?<=[.;:])\s+(?=[-+•]\s)")


# A time asked of a task: a deadline, a milestone.
_ASKS_WHEN = r"han chot|(?<!co )thoi han|ngay nao|khi nao|truoc ngay|moc thoi gian|thoi gian nao|moc nao|tien do"


_FOCUS_CUE = re.compile(
    r"(noi|de cap|nhac|neu|viet|co|chi dao|giao)( gi| nhung gi| toi| den)? (ve|toi|den)(?!\w)|" + _ASKS_WHEN +
    r"|chi so|muc phan dau|the nao"
)


# ("không để ai bị bỏ lại phía sau" is a title's words, asking no one.)
# "ý 4", "ý thứ hai", "gạch đầu dòng thứ 3" of a section: one of its points.
# "trừ y tế và giáo dục ra", "ngoài mảng nhà ở ra": fields left out of a listing (folded).
_EXCEPT = re.compile(r"(?<!\w)(?:tru|ngoai)(?: (?:mang|linh vuc|phan))? (?P<what>[^,?.;]{2,60}?) ra(?!\w)")
_POINT_ASKED = re.compile(r"(?<!\w)(?:y|gach dau dong|dau dong|doan) (?:thu )?(?P<n>\d{1,2}|nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)(?!\w)")


_ORDINAL_WORDS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}


# "… những gì", "… gồm những nội dung nào": everything a part says is asked.
# What the items say is asked ("có những ý gì"), not only what they are about ("bàn về vấn đề gì").
_CONTENT_CUE = re.compile(r"(?<!\w)((nhung|cac) (y|noi dung|viec|nhiem vu)( chinh)? (gi|nao)|(gom|co) nhung gi)(?!\w)")


_WHAT_CUE = re.compile(r"(?<!\w)nhung (gi|noi dung|yeu cau|nhiem vu|viec|giai phap)(?!\w)")


MAX_SECTION_LEADS = 3  # distinct leads named after a section's items


FEW_ITEMS = 3  # a part of this few items asked what it holds says what each holds


MAX_BRIEF_TARGETS = 4  # targets a briefing of one part adds for its field


LIST_BUDGET = 2400  # characters of section text a listing quotes in all
MAX_ITEM_SHARE = 1000  # at most this much of one item of a few (a part of two items says each nearly whole)


_TITLE_FILLER = frozenset({"va", "chu", "yeu", "trong", "tam"})


_COUNT_CUE = re.compile(r"(?<!\w)(co|gom|chia( thanh| lam)?|chia( \w+){1,3}? (cho|thanh|lam)) (tat ca |tong cong |tong |het )?"
                        r"(may|bao nhieu) (nhom|tieu muc|muc con|muc|phan|diem|noi dung|nhiem vu|y|linh vuc|gach dau dong|dau dong|doan)(?!\w)")


# The plan's groups of tasks asked as a whole ("có mấy nhóm nhiệm vụ", "gồm những nhóm giải pháp nào").
_TASK_GROUPS = re.compile(r"(?<!\w)(may|bao nhieu|nhung|cac) (nhom|muc|phan) (nhiem vu|giai phap)(?! (ve|cua|cho) )")


def _counted_after(sec: Section, folded: str) -> bool:
    """"Mục 3.4 … chia mấy tiểu mục": every count asked comes after the section named, so it counts that section's
    items (not "Phần III gồm mấy nhóm, nhóm 3 …", which counts the part's)."""
    ref = re.search(rf"(?<![\w.]){re.escape(sec.label.lower())}(?![\w]|\.\d)", folded)
    return ref is not None and all(m.start() > ref.start() for m in _COUNT_CUE.finditer(folded))


_EACH_PART = r"(?:tung|moi) (?:tieu muc|muc con|muc nho|linh vuc|mang|noi dung|muc|phan|nhom|nhiem vu)(?!\w)"
_EACH_LEAD = re.compile(rf"(?:chu tri|phu trach|ai lam|giao ai)[^?]*{_EACH_PART}|{_EACH_PART}[^?]*(?:chu tri|phu trach|giao ai)")


# "mục 3.4 điểm đ là về cái gì, ai làm": what the point says, then who does it.
_ABOUT_WHAT = re.compile(r"(?<!\w)(la|noi) (ve )?((cai|chuyen|van de|dieu) )?gi(?!\w)")
_WHO_CUE = re.compile(r"ai (thuc hien|chu tri|phu trach|lam|dam nhiem|chiu trach nhiem|chi dao)|(?<!\w)giao (cho )?ai(?!\w)"
                      r"|(don vi|co quan|phong|ban|ben) nao (thuc hien|chu tri|phu trach|chiu trach nhiem|chi dao)"
                      r"|(kem|ghi|neu)( ca| luon| ro)? (don vi|co quan|phong|ben) (chu tri|phu trach)")


def _part_named_by_title(part: Section, folded: str) -> bool:
    """"phần nhiệm vụ", "phần mục tiêu", "phần tổ chức thực hiện": a part named by the first two words of its title."""
    head = " ".join(syllables(part.full_title)[:2])
    return bool(head) and part.level == 1 and re.search(rf"(?<!\w)phan {re.escape(head)}(?!\w)", folded) is not None


_DOC_CODE = re.compile(r"[-/](?:KH|NQ|CTr|Ctr|CT|QĐ|TW|TU|HU|UBND)\b[^.;]{0,20}$")


def _task_date(text: str) -> bool:
    """A date set for a task ("trước ngày 15 tháng 8"), not the date of a document cited ("Kế hoạch 193-KH/HU ngày …")."""
    return any(
        not _DOC_CODE.search(text[max(0, m.start() - 40):m.start()])
        for m in re.finditer(r"(?:trước|ngày)\s+(?:ngày\s+)?\d", text)
    )


def _asks_items_of(sec: Section, qa: QueryAnalysis) -> bool:
    """"Phần yêu cầu … đặt ra những yêu cầu gì": the items of a section, asked by the word of its title."""
    title = {w for w in syllables(sec.full_title) if w not in STOPWORDS}
    return any(
        set(m.group(1).split()) <= title
        for m in re.finditer(r"(?<!\w)(?:nhung|cac) ((?:\w+ ){1,2}?)(?:gi|nao|chinh)(?!\w)", qa.folded)
    )


_HORIZON = re.compile(r"(?:đến|tới)?\s*năm\s+\d{4}", re.IGNORECASE)


ORDINAL = re.compile(r"(?<!\w)(muc|phan|nhiem vu|y|diem|noi dung|giai phap) (?P<which>cuoi cung|sau cung|dau tien)(?!\w)")


def _parts_named(plan: PlanModel, qa: QueryAnalysis) -> list[Section]:
    """Top parts of the plan (levels 1–2) whose titles the question names whole, in plan order
    ("mục đích, yêu cầu", "mục tiêu tổng quát", "nhiệm vụ giải pháp"): two content syllables at least."""
    q = set(syllables(qa.text))
    # "mục tiêu tổng quát" and "mục tiêu chung" are one part, each plan titling it its own way.
    if {"tong", "quat"} <= q:
        q.add("chung")
    elif "chung" in q:
        q |= {"tong", "quat"}
    fields = set(topics_of(qa.text))
    out: list[Section] = []
    titles: dict[int, set[str]] = {}
    for sec in plan.outline:
        if fields - set(topics_of(sec.full_title)):
            continue  # "mục tiêu và giải pháp về nước sạch": a field's targets and tasks, not the part "Mục tiêu"
        if any(fold(x.full_title).strip(" .").startswith("to chuc thuc hien") for x in (*plan.ancestors(sec), sec)):
            # (Phụng Hiệp's title runs on into its item 1.) Who does what there, or one body's part of it
            # ("phần tổ chức thực hiện: Phòng LĐ-TB&XH, … mỗi bên làm gì"), is the trainers' table, body by body.
            continue
        # The horizon is not part of the name: "Tầm nhìn 2045" names "Tầm nhìn đến năm 2045".
        title = [w for w in syllables(_HORIZON.sub(" ", sec.full_title)) if w not in STOPWORDS and not w.isdigit()]
        if _part_named_by_title(sec, qa.folded):
            # "tóm tắt phần mục tiêu" names the part "MỤC TIÊU, CHỈ TIÊU" by its first words
            out.append(sec)
            titles[id(sec)] = set(title)
        # (Lạc Dương puts "2.2. Tầm nhìn đến năm 2045" a level deeper than the others' "3. Tầm nhìn …".)
        elif (sec.level <= 2 or sec.level == 3 and _HORIZON.search(sec.full_title)) and len(title) >= 2 and all(w in q for w in title):
            if len(title) == 2 and not _names_short_title(qa.text, title):
                continue  # "các quỹ mà kế hoạch yêu cầu quản lý": the verb, not the part "Yêu cầu"
            out.append(sec)
            titles[id(sec)] = set(title)
    # A part and its own sub-part both named ("mục tiêu" / "mục tiêu tổng quát"): the more specific one, unless the
    # part's title names more than the sub-part's ("mục đích, yêu cầu" is part I, not only its "2. Yêu cầu").
    return [x for x in out if not any(y is not x and x.start <= y.start and y.end <= x.end
                                      and titles[id(x)] <= titles[id(y)] for y in out)][:3]


# What follows a two-word part title named in a question ("yêu cầu của kế hoạch", "phần mục đích nói gì"); another
# word after it makes it a verb or a phrase of its own ("yêu cầu quản lý", "mục tiêu phấn đấu").
_AFTER_TITLE = frozenset("cua trong la gom noi dat the ra gi nhu va ke kh thi o neu co de duoc nhung cac".split())


def _names_short_title(text: str, title: list[str]) -> bool:
    """A two-syllable part title written whole in the question and standing as a name, not a verb."""
    q = syllables(text)
    for i in range(len(q) - 1):
        if q[i : i + 2] == title:
            after = q[i + 2] if i + 2 < len(q) else ""
            # "tầm nhìn đến 2045": a horizon said after the title is part of its name.
            horizon = after in ("den", "toi") and any(w.isdigit() for w in q[i + 3 : i + 5])
            if not after or after in _AFTER_TITLE or after.isdigit() or horizon:
                return True
    return False


# A phrase quoted in a question: “…”, "…", «…», '…'.
_QUOTED = re.compile(r"[“\"«']([^”\"»']{6,120})[”\"»']")


# "mục chính sách người có công" without "về": only "mục"/"phần"/"nhóm" written with their marks ("mức", "phần trăm"
# fold alike), marked before folding.
_MARKED_PART = re.compile(r"(?<!\w)(?:mục|phần(?! trăm)|nhóm giải pháp|nhóm nhiệm vụ)(?= )(?! tiêu| \d)")


_NAMED_TOPIC = re.compile(r"(?<!\w)muc_ " + TOPIC_TAIL)


def _section_by_topic(plan: PlanModel, qa: QueryAnalysis) -> Section | None:
    """The one section whose title holds two or more words of the topic in a row ("nguồn lực" of "nguồn lực
    tài chính"), when the question names a group of tasks by its topic rather than its title."""
    # In the plans' words ("mục nói về chăm lo thương binh liệt sĩ" → "… người có công").
    said = qa.expanded_text
    m = ABOUT_TOPIC.search(fold(said)) or _NAMED_TOPIC.search(fold(_MARKED_PART.sub(" mục_ ", said.lower())))
    named = section_by_topic_words(plan, m.group("topic")) if m is not None else None
    if named is None and re.search(r"(?<!\w)(phan|muc|noi dung) (nay|do|ay)(?!\w)", fold(said)):
        # "… làm gì cho chuyện việc làm, học nghề? Tóm tắt giúp phần này": the one numbered part of that field.
        fields = set(topics_named(said))
        found = [x for x in plan.outline if x.label and (x.points or x.children) and fields & set(topics_of(x.full_title))]
        return found[0] if len(found) == 1 else None
    return named


_WHOLE_SECTION = 8  # sentences: a part this short, most of which says what is asked, is given whole
_PROSE_BODY = 80  # characters of text under a heading that make it a section of its own, points or not


def section_by_topic_words(plan: PlanModel, said: str) -> Section | None:
    """The one section whose title holds two or more of the topic's words in a row."""
    # Runs are counted in content words, on both sides ("người có công" is a run of two in "ưu đãi người có công").
    topic = [w for w in syllables(said) if w not in STOPWORDS]
    # Ranked by the run, then by how many of the topic's words the title holds ("chính sách … người có công").
    runs = []
    for x in plan.outline:
        # (A section of prose, no bullet points, counts too: Lạc Dương's "8. Đẩy mạnh hợp tác …".)
        # (Not an item whose heading is its own sentence, "1. Các cấp ủy … triển khai …": a task, not a part.)
        if x.points or x.children or x.end - x.heading_end > _PROSE_BODY and not ITEM_SUBJECT.match(x.full_title):
            title = [w for w in syllables(x.full_title) if w not in STOPWORDS]
            runs.append(((longest_run(title, topic), len(set(topic) & set(title))), x))
    best = max((r for r, _ in runs), default=(0, 0))
    found = [x for r, x in runs if r == best]
    return found[0] if best[0] >= 2 and len(found) == 1 else None


_ABOUT = re.compile(r"^Về\s+")


# Words around a thing asked that are not it ("mục 5 … có nói gì về …"); "tư" of "công - tư" stays.
_THING_STOP = frozenset("co gi ve cua trong la nhung cac noi ke hoach muc phan thi o".split())


class SectionFacets(FacetBase):
    """Section questions answered from the plan outline (part of :class:`FacetAnswerer`)."""

    def _section(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        # ("Mục giáo dục … yêu cầu thực hiện chương trình nào": documents cited in a section, not the plan's own header.)
        if qa.wants_comparison or qa.intent == "meta" and not (ASKS_DOCUMENTS.search(qa.folded) and SECTION_WORD.search(qa.folded)):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if ((qa.briefing or not qa.section_refs) and asks_for_group(qa.folded)
                and groups_named(fold(qa.expanded_text))):
            return None  # "tóm tắt nhiệm vụ trong mục 3.4 có nhắc riêng tới đồng bào …": the group's briefing
        sec = by_topic = by_title = by_groups = None
        if not qa.section_refs and qa.intent != "assignment":
            # "Tóm tắt mục đích, yêu cầu", "… mục tiêu tổng quát và tầm nhìn 2045 nói gì": parts of the plan named
            # by their titles are given part by part (one alone only when a summary is asked).
            named = _parts_named(plan, qa)
            if named and (qa.briefing or len(named) >= 2):
                texts = [self._list_section(plan, x, cites, qa).text for x in named]
                return Generation(" ".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        ordinal = ORDINAL.search(qa.folded)
        if ordinal and not qa.section_refs:
            g = self._ordinal_child(plan, qa, cites, last=ordinal.group("which") != "dau tien")
            if g is not None:
                return g
        quoted = self._section_quoted(plan, qa)
        if quoted is not None and not qa.section_refs:
            # "mục có tiêu đề kết thúc bằng “không ai bị bỏ lại phía sau” là mục số mấy": the title it quotes.
            return self._list_section(plan, quoted, cites, qa)
        if not qa.section_refs and re.search(r"(?<!\w)chi tieu(?!\w)", qa.folded) and topics_named(qa.expanded_text):
            return None  # "vài ý về chỉ tiêu nhà ở và nước sạch": the targets of those fields, not the part "Về nhà ở"
        if qa.section_refs:
            refs = [r.lower() for r in qa.section_refs]
            found = [x for r in refs for x in plan.sections_labelled(r)]

            asked = set(syllables(qa.text)) - STOPWORDS

            def fit(x: Section) -> tuple[int, int, int]:
                # "mục 5 của phần III": the section labelled 5 inside III, the deepest one named; "mục 3 (chính
                # sách người có công)": of the sections labelled 3, the one whose title the question also gives.
                ancestors = plan.ancestors(x)
                labels = {a.label.lower() for a in ancestors}
                # "mục 1 phần nhiệm vụ": the part may be named by its first words instead of its number.
                by_title = sum(_part_named_by_title(a, qa.folded) for a in ancestors)
                named = len(asked & set(syllables(x.full_title)))
                return sum(r in labels for r in refs) + by_title, named, x.level

            sec = max(found, key=fit) if found else None
        elif _TASK_GROUPS.search(qa.folded) and (tasks := next(
                (x for x in plan.outline if x.level == 1 and fold(x.full_title).startswith("nhiem vu")), None)):
            sec = by_groups = tasks  # "Phụng Hiệp có mấy nhóm nhiệm vụ": the tasks part, counted and listed
        elif SECTION_WORD.search(qa.folded):
            # "các ý chính về nhà ở và nước sạch, vệ sinh môi trường": two items of one level named whole, each
            # listed ("mục tiêu và giải pháp về nước sạch" names a field, not the part "Mục tiêu" too).
            whole = [x for x, score in self._titles_named(plan, qa) if score >= 1.0]
            whole = [x for x in whole if not any(y is not x and y.start <= x.start and x.end <= y.end for y in whole)]
            if len(whole) >= 2 and len({x.level for x in whole}) == 1 and not qa.section_refs and re.search(r"(?<!\w)(va|,)(?!\w)", qa.folded):
                texts = [self._list_section(plan, x, cites, qa).text for x in sorted(whole, key=lambda x: x.start)]
                return Generation("\n".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
            if ABOUT_TOPIC.search(fold(qa.expanded_text)):
                # "phần nói về chuyện lấy tiền ở đâu ra": the words after "nói về" name the part, in its own terms.
                sec = by_topic = _section_by_topic(plan, qa)
            if sec is None:
                sec = by_title = self._section_by_title(plan, qa)
            if sec is not None and sec is by_title and len(syllables(sec.full_title)) <= 3 and not names_section(sec, qa):
                # "Phần BHXH … yêu cầu thực hiện …": a short title's words used as a verb, not after "phần/mục".
                sec = by_title = None
            if sec is None:
                sec = by_topic = _section_by_topic(plan, qa)
        elif LIST_CUE.search(qa.folded) and not qa.briefing:
            # "Tầm nhìn đến 2045 … viết gì": a long title named whole is a section even without "mục/phần".
            sec = self._section_by_title(plan, qa, min_words=4)
        if sec is None:
            return None
        if (m := _POINT_ASKED.search(qa.folded)) and qa.section_refs and sec.children:
            # "ý 3 trong phần IV": of a part with numbered sections, the one numbered so.
            n = int(m.group("n")) if m.group("n").isdigit() else _ORDINAL_WORDS[m.group("n")]
            point = next((plan.outline[i] for i in sec.children if plan.outline[i].label == str(n)), None)
            sec = point or sec
        else:
            point = None
        if (m := _POINT_ASKED.search(qa.folded)) and qa.section_refs and not sec.children:
            # "Ý 4 trong mục 3.3 nói gì": that point of the section, not all of them.
            n = int(m.group("n")) if m.group("n").isdigit() else _ORDINAL_WORDS[m.group("n")]
            if 1 <= n <= len(sec.points):
                start, end = sec.points[n - 1]
                doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
                said = display(source_text(doc_chunks, start, end)).lstrip("-+•* ").strip()
                head = f"Ý thứ {n} (trong {len(sec.points)} ý) của mục {section_label(sec.label)} {sec.full_title}".strip().rstrip(" .:;")
                text = f"{head}: {shorten(said, LIST_BUDGET).rstrip(' .')}{cites.mark(plan.doc_id, start, end)}."
                return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        parent = next((x for x in plan.outline if plan.outline.index(sec) in x.children), None)
        if parent is not None and qa.section_refs and _COUNT_CUE.search(qa.folded) and not qa.briefing and not (
                sec.children and _counted_after(sec, qa.folded)):
            # "Phần nhiệm vụ có tất cả mấy nhóm? nhóm thứ 8 nói về gì": how many the part holds, then the one named.
            mark = cites.mark(plan.doc_id, parent.start, max(parent.heading_end, parent.start + 1))
            head = f"Phần {section_label(parent.label)} {parent.full_title}".strip()
            g = self._list_section(plan, sec, cites, qa)
            return Generation(f"{head}{mark} có {len(parent.children)} mục. {g.text}", cites.cited, False, self.name,
                              evidence_score=1.0, guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        # ("Tóm tắt phần chăm lo người có công …" names a part; "tóm tắt nhiệm vụ về y tế" a field, briefed by topic.)
        part_named = bool(re.search(r"(?<!\w)(phan|muc|tieu muc|nhom)(?!\w)", qa.folded))
        # A summary of a part named by its number ("tóm tắt phần III") lists what it holds.
        # One named by its title is left to the briefing, which gathers targets and tasks about that field.
        who_does_what = bool(WHO_DOES_WHAT.search(qa.folded))
        # ("Tóm tắt phần … và ai chủ trì từng phần": its parts, each with its lead.)
        each_lead = qa.briefing and bool(_EACH_LEAD.search(qa.folded))
        # "Đoạn về thị trường lao động … là mục mấy": the part named by its words, asked by its number.
        numbered = not qa.section_refs and sec.label != "" and bool(NUMBER_ASKED.search(qa.folded))
        # ("tóm tắt các nhóm nhiệm vụ, giải pháp chính": the groups are what is asked, listed.)
        listing = bool(LIST_CUE.search(qa.folded) or _COUNT_CUE.search(qa.folded)) or numbered or each_lead or sec is by_groups or who_does_what or _asks_items_of(sec, qa) or (
            # "gạch đầu dòng nội dung điểm a mục 3.3, kèm đơn vị chủ trì": a numbered point briefed, then its lead line
            (qa.briefing or bool(_ABOUT_WHAT.search(qa.folded))) and bool(qa.section_refs) and not sec.children
            and bool(_WHO_CUE.search(qa.folded))) or (
            # "yêu cầu những gì về y tế": a part with no parts of its own, named by its title, given whole.
            not sec.children and sec.level > 2 and bool(_WHAT_CUE.search(qa.folded))
            and f" {' '.join(syllables(sec.full_title))} " in f" {' '.join(syllables(qa.folded))} ") or (
            # ("vài ý về phần phối hợp với Mặt trận …": the part's title reads like a task given, no lead is asked.)
            qa.briefing and (qa.intent in ("general", "section") or qa.intent == "assignment" and part_named)
            and not LEAD_CUE.search(qa.folded)
            # "tóm tắt mục an sinh xã hội": a section named by its title and no field the briefing gathers by topic
            # (a whole part, "tóm tắt phần tổ chức thực hiện", is the trainers' summary of who does what)
            and (bool(qa.section_refs) or not topics_named(qa.expanded_text) and sec.level > 1
                 # "tóm tắt mục chính sách người có công": a numbered part named by its topic after "mục"
                 or bool(sec.label) and sec.level > 1 and (sec is by_topic or sec is by_title and part_named))
        )
        # "Mục 5 có nói gì về doanh nghiệp xã hội", "phần IV giao những hạn chót nào": something inside the
        # section is asked; "mục 3.4 chia thành những lĩnh vực nào": its structure is.
        focused = (bool(_FOCUS_CUE.search(qa.folded)) or not listing) and not who_does_what and not LABEL_ASKED.search(qa.folded)
        # "Ai chủ trì mục 5" asks for a lead (the assignment answerer's); "mục 3.3 a) nhắc thực hiện văn bản nào"
        # only sounds like one.
        asks_lead = qa.intent == "assignment" and bool(LEAD_CUE.search(qa.folded))
        if asks_lead and qa.section_refs and not qa.briefing and not listing and not sec.children:
            # "Mục 3.4 điểm đ) nói về lĩnh vực nào, đơn vị nào chủ trì": the point's title and its "Thực hiện:" lines.
            leads = sorted({(a.start, a.end): a for a in plan.assignments
                            if sec.start <= a.start < sec.end and a.kind == "thực hiện"}.items())
            if leads:
                head = f"Mục {section_label(sec.label)} {sec.full_title}".strip().rstrip(" .:;")
                # The title is not cited apart: each lead line lies inside the section, whose passage names it.
                text = head + ": " + "; ".join(
                    THUC_HIEN.sub("", display(a.text)).rstrip(" .;") + cites.mark(plan.doc_id, a.start, a.end)
                    for _, a in leads[:3]) + "."
                return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
        if point is not None and not point.children:
            # "ý 3 trong phần IV … giao cho ai": that numbered section says whom it tasks; given whole.
            return self._list_section(plan, point, cites, qa)
        # "yêu cầu những gì về y tế trong phần nâng cao phúc lợi xã hội": one of its parts ("Về y tế"), named
        # by its title, is what is asked; a part with no parts of its own is given whole.
        asked_line = f" {' '.join(syllables(qa.folded))} "
        named_children = [plan.outline[i] for i in sec.children
                          if f" {' '.join(syllables(plan.outline[i].full_title))} " in asked_line]
        if (len(named_children) == 1 and not named_children[0].children and _WHAT_CUE.search(qa.folded)
                and not asks_lead and not who_does_what and qa.intent != "target" and not qa.briefing):
            return self._list_section(plan, named_children[0], cites, qa)
        if qa.briefing and qa.section_refs and not asks_lead and not who_does_what and not _COUNT_CUE.search(qa.folded):
            # "gạch đầu dòng về lĩnh vực y tế trong mục 6": the one part of the section named by its field is briefed.
            fields = [plan.outline[i] for i in sec.children
                      if (words := syllables(_ABOUT.sub("", plan.outline[i].full_title)))
                      and f" {' '.join(words)} " in asked_line]
            if len(fields) == 1:
                return self._list_section(plan, fields[0], cites, qa)
            named = topics_named(without_groups(qa.folded))
            if not sec.children and len(sec.points) >= 3 and len(named) == 1 and named[0] not in topics_of(sec.full_title):
                # "ý chính về chính sách trợ giúp xã hội … trong mục 5": the section's points on that topic.
                return self._list_section(plan, sec, cites, qa, about=named[0])
        if focused and not asks_lead and qa.intent != "target" and not qa.briefing and (
            # ("Phần BHXH … yêu cầu thực hiện những văn bản nào": a part named by its field, the documents it cites.)
            qa.section_refs or names_section(sec, qa) or sec is by_topic and bool(ASKS_DOCUMENTS.search(qa.folded))
        ):
            focus = self._section_focus(plan, sec, qa, cites)
            if focus is not None:
                return focus
        # "trong phần phúc lợi xã hội, … viết gì về thông tin": one of its parts ("d) Về thông tin") is asked about.
        child_named = any(f" {' '.join(syllables(_ABOUT.sub('', plan.outline[i].full_title)))} " in asked_line
                          for i in sec.children)
        if listing and asks_lead and not qa.section_refs and not who_does_what and not child_named and not each_lead:
            # "Nhóm nhiệm vụ về nguồn lực … gồm những nội dung gì, phòng nào chủ trì": its items, then the leads
            # its "Thực hiện:" lines name.
            leads = list({a.lead: a for a in plan.assignments if sec.start <= a.start < sec.end and a.kind == "thực hiện"}.values())
            if leads:
                g = self._list_section(plan, sec, cites, qa)
                if _EACH_LEAD.search(qa.folded):
                    return g  # "… ai chủ trì từng nội dung": each item's lead is said with the item
                said = "; ".join(f"{THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}"
                                 for a in leads[:MAX_SECTION_LEADS])
                return Generation(f"{g.text.rstrip()} Thực hiện: {said}.", cites.cited, False, self.name,
                                  evidence_score=1.0, guard=g.guard, spans=cites.spans)
        # ("Phần nói về phối hợp với Mặt trận … gồm những nội dung nào": "phối hợp" names the part, asks no lead.)
        if not listing or (qa.intent == "assignment" and not qa.section_refs and not who_does_what
                           and LEAD_CUE.search(qa.folded) and not each_lead):
            return None
        g = self._list_section(plan, sec, cites, qa)
        groups = groups_named(fold(qa.expanded_text)) if asks_for_group(qa.folded) else []
        if groups and all(mentions_group(sec.full_title, x) for x in groups):
            # "có những gì cho người có công": the group's own part, and the targets the plan sets for that group.
            set_for = [t for t in plan.targets if any(mentions_group(t.text, x) for x in groups)
                       and not sec.start <= t.start < sec.end][:MAX_BRIEF_TARGETS]
            if set_for:
                said = "; ".join(f"{display(t.text).strip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in set_for)
                return Generation(f"{g.text.rstrip()} Chỉ tiêu đến năm 2030: {said}.", cites.cited, False, self.name,
                                  evidence_score=1.0, guard=g.guard, spans=cites.spans)
        if not (qa.briefing and (sec is by_topic or sec is by_title)):
            return g
        # "Tóm tắt phần chính sách người có công", "các ý chính về nước sạch, vệ sinh môi trường": a trainer briefs
        # the part with the targets set for its field (those the part itself does not state).
        fields = set(topics_of(sec.full_title)) & set(topics_named(qa.expanded_text))
        set_for = [t for t in plan.targets if t.topic in fields and not sec.start <= t.start < sec.end][:MAX_BRIEF_TARGETS]
        if not set_for:
            return g
        said = "; ".join(f"{display(t.text).strip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in set_for)
        return Generation(f"{g.text.rstrip()} Chỉ tiêu đến năm 2030: {said}.", cites.cited, False, self.name,
                          evidence_score=1.0, guard=g.guard, spans=cites.spans)

    def _ordinal_child(self, plan: PlanModel, qa: QueryAnalysis, cites: Cites, *, last: bool) -> Generation | None:
        """"Mục cuối cùng trong phần nhiệm vụ, giải pháp là gì": the last (or first) section of a named part."""
        q = set(syllables(qa.text))

        def overlap(sec: Section) -> float:
            if _part_named_by_title(sec, qa.folded):
                return 1.0  # "phần nhiệm vụ": the part named by its first words
            title = [w for w in syllables(sec.full_title) if w not in STOPWORDS and not w.isdigit()][:8]
            hits = sum(w in q for w in title)
            return hits / len(title) if hits >= 2 else 0.0

        parts = [x for x in plan.outline if x.level == 1 and x.children]
        scored = sorted(((overlap(x), i) for i, x in enumerate(parts)), reverse=True)
        if re.search(r"(?<!\w)phan (cuoi cung|sau cung|dau tien)(?!\w)", qa.folded) and (not scored or scored[0][0] < 0.6):
            # "Phần cuối cùng của KH Kon Rẫy là phần gì": the plan's own last (or first) part.
            tops = [x for x in plan.outline if x.level == 1]
            if not tops:
                return None
            part = tops[-1 if last else 0]
            mark = cites.mark(plan.doc_id, part.start, max(part.heading_end, part.start + 1))
            which = "cuối cùng" if last else "đầu tiên"
            text = (f"Phần {which} của kế hoạch của {plan.district} là {section_label(part.label)} "
                    f"{RUN_ON_ITEM.split(part.full_title)[0].strip(' .:')}{mark}; kế hoạch có {len(tops)} phần.")
            return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                              guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        if not scored or scored[0][0] < 0.6 or len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        part = parts[scored[0][1]]
        child = plan.outline[part.children[-1 if last else 0]]
        mark = cites.mark(plan.doc_id, child.start, child.heading_end)
        if not mark:
            return None
        which = "cuối cùng" if last else "đầu tiên"
        text = (f"Mục {which} của phần {section_label(part.label)} {part.full_title} (kế hoạch của {plan.district}) là "
                f"{section_label(child.label)} {child.full_title}{mark}. Phần này có {len(part.children)} mục.")
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _section_focus(self, plan: PlanModel, sec: Section, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Mục 5 có nói gì về doanh nghiệp xã hội": the sentences of that section about what is asked."""
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        title = set(syllables(sec.full_title)) | {w for p in sec.path for w in syllables(p)}
        place = {w for d in qa.districts for w in syllables(d)}
        sentences = list(sentences_in(doc_chunks, sec.heading_end, sec.end))
        if not sentences:
            return None
        in_section = {w for _, _, t in sentences for w in syllables(t)}
        asked = [w for w in dict.fromkeys(syllables(qa.expanded_text))
                 if w not in STOPWORDS and w not in FOCUS_CUES and w not in title and w not in place
                 and not w.isdigit() and w in in_section]
        # "… nhắc tiếp tục thực hiện những văn bản nào": each clause citing a document answers.
        wants_documents = bool(ASKS_DOCUMENTS.search(qa.folded))
        if not asked and not wants_documents:
            return None
        weight = {w: math.log(1 + self._n_chunks / (1 + self._chunk_df.get(w, 0))) for w in asked}
        total = sum(weight.values()) or 1.0
        wants_date = bool(re.search(_ASKS_WHEN, qa.folded))
        scored = []
        for start, end, text in sentences:
            # A bullet under "3. Ủy ban nhân dân các xã, thị trấn" is about that body: its heading counts.
            own = plan.section_at(start)
            words = set(syllables(text)) | (set(syllables(own.full_title)) if own is not None and own is not sec else set())
            score = sum(weight[w] for w in asked if w in words) / total
            if wants_date:
                score += 1.0 if _task_date(text) else 0.0
            if wants_documents:
                score += 1.0 if CITED_DOCUMENT.search(text) else 0.0
            scored.append((score, start, end, text))
        best = max(sc for sc, *_ in scored)
        if best < 0.5:
            return None
        if not wants_documents and not wants_date and len(scored) <= _WHOLE_SECTION and sum(sc >= 0.5 for sc, *_ in scored) * 2 >= len(scored):
            # "Phần yêu cầu … đòi hỏi việc triển khai phải thế nào": what is asked runs through the whole part.
            return self._list_section(plan, sec, cites, qa)
        citing = [x for x in scored if wants_documents and CITED_DOCUMENT.search(x[3])]
        # Documents asked: every clause of the section citing one (its own words may be only "Kế hoạch số …").
        chosen = citing[:4] or sorted((x for x in scored if x[0] >= 0.75 * best), key=lambda x: -x[0])[:3]
        # "… về doanh nghiệp xã hội và hợp tác công - tư": each thing asked gets the sentence saying most of it.
        for piece in re.split(r",|\s+(?:và|với|va|voi)\s+", qa.expanded_text):
            thing = {w for w in syllables(piece) if w in in_section and w not in FOCUS_CUES and w not in place
                     and not w.isdigit()} - _THING_STOP
            if len(thing) < 2 or any(len(thing & set(syllables(t))) * 2 >= len(thing) for _, _, _, t in chosen):
                continue
            fits = [(len(thing & set(syllables(x[3]))), x) for x in scored]
            n, x = max(fits, key=lambda f: (f[0], f[1][0]))
            if n * 2 >= len(thing) and len(chosen) < 4:
                chosen.append(x)
        parts = [f"{display(t).lstrip('-+• ').rstrip(' .;')}{cites.mark(plan.doc_id, s, e)}" for _, s, e, t in sorted(chosen, key=lambda x: x[1])]
        # (An unnumbered part, "Về giáo dục", is named by its title alone.)
        head = f"Mục {section_label(sec.label)} {sec.full_title}".replace("  ", " ") if sec.label else sec.full_title.rstrip(" :")
        return Generation(f"{head}: " + "; ".join(parts) + ".", cites.cited, False, self.name, evidence_score=best,
                          guard={"source": "nội dung mục trong mô hình kế hoạch"}, spans=cites.spans)

    @staticmethod
    def _section_quoted(plan: PlanModel, qa: QueryAnalysis) -> Section | None:
        """The one section whose title holds a phrase the question quotes (three words or more) after "mục/phần"."""
        if not SECTION_WORD.search(qa.folded):
            return None
        for m in _QUOTED.finditer(qa.text):
            phrase = " ".join(syllables(m.group(1)))
            if len(phrase.split()) < 3:
                continue
            hits = [x for x in plan.outline if f" {phrase} " in f" {' '.join(syllables(x.full_title))} "]
            if len(hits) == 1:
                return hits[0]
        return None

    @staticmethod
    def _section_by_title(plan: PlanModel, qa: QueryAnalysis, min_words: int = 2) -> Section | None:
        for part in (x for x in plan.outline if x.level == 1):
            # "phần nhiệm vụ", "phần mục tiêu", "phần tổ chức thực hiện": a part named by its first words.
            if _part_named_by_title(part, qa.folded):
                return part
        named = SectionFacets._titles_named(plan, qa, min_words)
        return max(named, key=lambda x: x[1])[0] if named else None

    @staticmethod
    def _titles_named(plan: PlanModel, qa: QueryAnalysis, min_words: int = 2) -> list[tuple[Section, float]]:
        """Sections whose titles the question names, with how well (the share of the title said)."""
        q = set(syllables(qa.text))
        # ("… của kế hoạch thực hiện Nghị quyết 42": the plan's own name runs along a title, naming no section.)
        asked = [s for s in syllables(without_plan_name(qa.text)) if s not in _TITLE_FILLER]
        fields = set(topics_named(qa.expanded_text))
        part_word = bool(SECTION_WORD.search(qa.folded))  # "phần giáo dục và văn hóa", not "… văn hoá con người"
        named: list[tuple[Section, float]] = []
        for sec in plan.outline:
            title = syllables(sec.full_title)
            if len(title) < min_words or all(s in STOPWORDS for s in title):
                continue
            # "Nhiệm vụ và giải pháp chủ yếu" is named "phần nhiệm vụ giải pháp": "và", "chủ yếu" need not be said.
            title = [s for s in title if s not in _TITLE_FILLER] or title
            # Short titles ("Về nhà ở") must be named whole; long ones mostly, or by a run of four words or more
            # ("phần nói về hợp tác, tranh thủ nguồn lực quốc tế").
            covered = sum(1 for s in title if s in q) / len(title)
            core = [s for s in title if s != "ve"]
            said = sum(1 for s in core if s in q)
            if (fields and part_word and fold(sec.full_title).startswith("ve ") and fields & set(topics_of(sec.full_title))
                    and (said == len(core) or len(core) > 2 and said * 2 >= len(core))):
                # "phần giáo dục và văn hóa": a field part ("Về phát triển văn hoá") named by its field.
                named.append((sec, 1.0 + 0.01 * len(title)))
                continue
            need = 1.0 if len(title) <= 3 else 0.7
            if len(title) <= 3 and qa.has_diacritics:
                # A short title is named as a phrase, with its marks: "dịch vụ" does not name "Mục đích".
                phrase = " ".join(words(sec.full_title.lower()))
                if phrase and f" {phrase} " not in f" {' '.join(words(qa.text.lower()))} ":
                    continue
            score = covered + 0.01 * len(title)
            run = longest_run(title, asked)
            if covered >= need or run >= 4 and len(title) > 8:
                named.append((sec, score))
        return named

    def _heading_text(self, plan: PlanModel, sec: Section) -> list[tuple[int, int]]:
        """The span of the heading line when it goes on past its title ("d) Về thông tin: Thực hiện …"), else []."""
        line = display(source_text(self.chunks_by_doc.get(plan.doc_id, []), sec.start, sec.heading_end))
        if ":" in line and len(line.split(":", 1)[1].strip()) > 40:
            return [(sec.start, sec.heading_end)]
        return []

    def _own_text(self, plan: PlanModel, sec: Section) -> tuple[str, tuple[int, int]]:
        """A section's text below its heading and its span; a part said on its heading line ("2. Yêu cầu: Việc cụ
        thể hóa phải bám sát …") gives that line's text after the colon."""
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        body = display(source_text(doc_chunks, sec.heading_end, sec.end))
        line = display(source_text(doc_chunks, sec.start, sec.heading_end))
        if body.strip(" .;:/"):
            if self._heading_text(plan, sec) and body.lstrip()[:1].islower():
                # "1. Mục tiêu tổng quát: Tiếp tục … tiếp cận các" then, past a page break, "dịch vụ …": one text.
                return f"{line.split(':', 1)[1].strip()} {body.strip()}", (sec.start, sec.end)
            return body, (sec.heading_end, sec.end)
        return (line.split(":", 1)[1].strip(), (sec.start, sec.heading_end)) if ":" in line else (line, (sec.heading_end, sec.end))

    def _list_section(self, plan: PlanModel, sec: Section, cites: Cites, qa: QueryAnalysis,
                      about: str | None = None) -> Generation:
        """Every item of a section (its sub-sections or its points), each cited; ``about``: only the points on
        that topic."""
        label = section_label(sec.label)
        # (A title the text runs on into its first item, "TỔ CHỨC THỰC HIỆN 1. Các cơ quan …", is cut there.)
        title = (RUN_ON_ITEM.split(sec.full_title)[0].strip(" .:") or sec.full_title) if sec.children else sec.full_title
        name = f"{label} {title}".strip()
        head = f"{'Mục ' if label else ''}{name}{cites.mark(plan.doc_id, sec.start, max(sec.heading_end, sec.start + 1))}"
        if sec.children:
            kids = [plan.outline[i] for i in sec.children]
            left_out = ""
            if (but := _EXCEPT.search(qa.folded)) and (excluded := set(topics_named(but.group("what")))):
                # "Trừ y tế và giáo dục ra, mục 6 còn đề cập những lĩnh vực nào": the parts on those fields are left out.
                rest = [k for k in kids if not set(topics_of(k.full_title)) & excluded or set(topics_of(k.full_title)) - excluded]
                if 0 < len(rest) < len(kids):
                    left_out = f" (ngoài {', '.join(k for k in topic_keys() if k in excluded)})"
                    kids = rest
            items = []
            doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
            # "… các lĩnh vực ở mục 3.4 và phòng chủ trì từng lĩnh vực": each part with the lead its "Thực hiện:" names.
            each_lead = bool(_EACH_LEAD.search(qa.folded))
            # A briefing of a part with a few items says what each holds: its points, or the titles of its sub-sections.
            # So does "phần I có những ý gì" of a part of two or three items: their titles alone say little.
            # "phần tổ chức thực hiện: ai làm gì": each body's item says what it does.
            briefed = (qa.briefing or bool(WHO_DOES_WHAT.search(qa.folded))
                       or len(kids) <= FEW_ITEMS and bool(_CONTENT_CUE.search(qa.folded)) and not each_lead) and len(kids) <= 8
            share = min(MAX_ITEM_SHARE, max(200, LIST_BUDGET // len(kids)))
            for k in kids[:MAX_POINTS]:
                # A sub-section in the heading's own passage is cited with it.
                same = cites.chunk_at(plan.doc_id, k.start) is cites.chunk_at(plan.doc_id, sec.start)
                # (Only there: one mark per listed part would make the citation list as long as the outline.)
                mark = cites.mark(plan.doc_id, k.start, max(k.heading_end, k.start + 1)) if same else ""
                item = f"{section_label(k.label)} {k.full_title}".strip() + mark
                raw = source_text(doc_chunks, k.heading_end, k.end).strip() if k.end > k.heading_end else ""
                closing = (k is kids[-1] and raw and "\n" not in raw and not raw.startswith(("-", "+", "•", "*"))
                           and not k.children and all(len(syllables(x.full_title)) >= SENTENCE_TITLE_SYLLABLES for x in kids))
                if closing:
                    # Numbered items that are whole sentences ("3. Các đồng chí … Kế hoạch này"), then one unnumbered
                    # paragraph closing the part ("Giao Ban Tuyên giáo Huyện ủy chủ trì …"): it is said too.
                    item += f". {shorten(display(raw).rstrip(' ./'), 400)}{cites.mark(plan.doc_id, k.heading_end, k.end)}"
                elif briefed and k.children:
                    # "3. Chính quyền các cấp … các nhiệm vụ trọng tâm sau": its sub-sections are what it holds.
                    item = item.rstrip(" :") + ": " + "; ".join(
                        f"{section_label(plan.outline[i].label)} {plan.outline[i].full_title}".strip() for i in k.children[:MAX_POINTS])
                elif briefed and (raw or self._heading_text(plan, k)):
                    # "Tóm tắt phần IV … vai trò của từng cơ quan, các mốc thời gian": each part's own points, each
                    # sentence by its opening words and its deadline.
                    if raw:
                        # (Passages joined at a chunk boundary may put two bullets on one line.)
                        # A line break inside a sentence (a hard-wrapped plan) is no break between points.
                        lines, span = _POINT_BREAK.split(raw), (k.heading_end, k.end)
                    else:  # "2. Các phòng, ban …: Căn cứ chức năng …" says it on the heading's line
                        lines, span = [display(source_text(doc_chunks, k.start, k.heading_end)).split(":", 1)[1]], (k.start, k.heading_end)
                    said = " ".join(display(x).strip().lstrip("-+•* ").rstrip(" .;") + "." for x in lines if x.strip())
                    item = (item.rstrip(" :") + ": " + shorten_sentences(said, share, keep=self._stats.worth_keeping).rstrip(" .")
                            + cites.mark(plan.doc_id, *span))
                lead = next((a for a in plan.assignments if k.start <= a.start < k.end and a.kind == "thực hiện"), None)
                if each_lead and lead is not None and "Thực hiện:" not in item:  # (a briefed part says its own)
                    item += f" — {THUC_HIEN.sub('', display(lead.text)).rstrip(' .;')}{cites.mark(plan.doc_id, lead.start, lead.end)}"
                items.append(item)
            if each_lead:  # one line per part, each with its lead: a list the page shows line by line
                text = f"{head}{left_out} gồm {len(kids)} nội dung:\n" + "\n".join(f"- {it};" for it in items).rstrip(";") + "."
            else:
                text = f"{head}{left_out} gồm {len(kids)} nội dung: " + "; ".join(items) + "."
        elif sec.points:
            doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
            # "d) Về thông tin: Thực hiện chính sách …" says its first point on the heading's own line.
            points = [*self._heading_text(plan, sec), *sec.points]
            of_topic = [p for p in points if about in topics_of_passage("", source_text(doc_chunks, *p))] if about else []
            if of_topic and len(of_topic) < len(points):
                # "ý chính về trợ giúp xã hội trong mục 5": the points on that topic, out of all the section's.
                head = f"{head}, các ý về {about} ({len(of_topic)} trong {len(points)} ý)"
                points = of_topic
            items = []
            # A list question wants every point whole; the budget is shared so a long section stays readable.
            limit = max(220, LIST_BUDGET // len(points))
            for s, e in points[:MAX_POINTS]:
                raw = display(source_text(doc_chunks, s, e)).lstrip("-+• ")
                if (s, e) not in sec.points:
                    raw = raw.split(":", 1)[1].strip()
                items.append(f"({len(items) + 1}) {shorten_sentences(raw, limit, keep=self._stats.worth_keeping)}"
                             f"{cites.mark(plan.doc_id, s, e)}")
            if len(items) == 1:  # one paragraph is not a list of one
                text = f"{head}. Nội dung: {items[0].removeprefix('(1) ')}."
            elif of_topic and points is of_topic:
                text = f"{head}: " + "; ".join(items) + "."
            else:
                text = f"{head} có {len(points)} ý: " + "; ".join(items) + "."
        else:
            body, span = self._own_text(plan, sec)
            text = f"{head}. Nội dung: {shorten(body, LIST_BUDGET)}{cites.mark(plan.doc_id, *span)}."
        said = text.removeprefix(f"{head}. Nội dung: ")
        if not label and said != text:
            # "- *Về y tế:* Bảo đảm …": an unnumbered part said on its own line reads as the plan writes it.
            text = said if fold(said).startswith(fold(sec.full_title)) else f"{sec.full_title}: {said}"
        # (A part whose items are the bodies, asked "ai làm gì", has said who in its items.)
        if _WHO_CUE.search(qa.folded) and not (sec.children and (_EACH_LEAD.search(qa.folded) or WHO_DOES_WHAT.search(qa.folded))):
            # "… gồm những việc gì, ai thực hiện?": the section's own "Thực hiện: …" line answers the second part.
            leads = {(a.start, a.end): a for a in plan.assignments if sec.start <= a.start < sec.end and a.kind == "thực hiện"}
            for a in [leads[k] for k in sorted(leads)][:3]:
                line = display(a.text).rstrip(" .;")
                if line not in text:  # the last point may already end with it
                    text += f" {line}{cites.mark(plan.doc_id, a.start, a.end)}."
            if not leads and (head_lead := heading_lead(plan, sec)) is not None:
                # "3. Chính quyền các cấp, Đảng ủy các xã … chủ động chỉ đạo … các nhiệm vụ sau:": the heading says who.
                text += (f" Kế hoạch không ghi cơ quan chủ trì riêng cho mục này; đề mục trên nó giao: "
                         f"{display(head_lead.text).rstrip(' .;:')}{cites.mark(plan.doc_id, head_lead.start, head_lead.end)}.")
            elif not leads and (direct := directing_line(plan.assignments)) is not None:
                # A plan that closes no section with a lead line: say so, and who it gives the direction of its tasks.
                text += (" Kế hoạch không ghi cơ quan chủ trì riêng cho mục này; phần tổ chức thực hiện giao: "
                         f"{display(direct.text).rstrip(' .;')}{cites.mark(plan.doc_id, direct.start, direct.end)}.")
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
