"""Who leads: reporting duties, the lead of each area or task block, one line per plan.
"""

from __future__ import annotations

import math
import re
from typing import Any

from assistant.generation.base import REFUSAL, Generation
from assistant.generation.facets.base import (
    ABOUT_TOPIC,
    FOCUS_CUES,
    GENERIC_TARGET_WORDS,
    LEAD_CUE,
    SECTION_WORD,
    THUC_HIEN,
    Cites,
    FacetBase,
    body_key,
    longest_run,
    section_label,
    sentences_in,
    source_text,
)
from assistant.lexicon import expand_abbreviations, expand_body_names
from assistant.plan.extract import Assignment, directing_line
from assistant.plan.facts import CITED_DOCUMENT, display
from assistant.plan.model import PlanModel
from assistant.plan.outline import ITEM_SUBJECT, Duty, Section
from assistant.plan.topics import (
    topic,
    topics_named,
)
from assistant.query import (
    ASKS_DOCUMENTS,
    QueryAnalysis,
    without_lead_frame,
)
from assistant.text import (
    STOPWORDS,
    fold,
    shorten,
    shorten_sentences,
    syllables,
)

_BULLETS = ("-", "+", "•", "*")
_OPENING = 3  # syllables a block's title may open with before what it is about ("Tổ chức …", "Đẩy mạnh …")
_SHORT_TITLE = 12  # syllables: a title this short is named whole or by half of it
_ACROSS_CUES = frozenset("moi tung cac huyen ke hoach kh lo chu tri phu trach dau moi ai viec nhiem vu giao khac co "
                         "thi sao nhau nhu the nao".split())


_SPECIFIC_LEAD = re.compile(r"^(?:Giao\s+)?(?:Ban|Phòng|Trung tâm|Văn phòng|Bảo hiểm xã hội|Công an|Hội|Ngân hàng)\b")


TASK_SAID_CHARS = 600  # what a task block says, quoted before its lead


# "mỗi dòng giao ai", "từng việc", "hai nhiệm vụ về …": several tasks, each with its lead.
_EACH_TASK = re.compile(r"(?<!\w)(moi|tung|hai|ba|2|3|cac|nhung) (dong|viec|nhiem vu|noi dung|cho|doan)(?!\w)"
                        r"(?=.*(chu tri|phoi hop|giao (ai|cho|phong)|ai lam))")


# A heading that names a body ("3. Ủy ban nhân dân các xã, thị trấn", "1. Phòng Lao động - TB&XH huyện").
_BODY_TITLE = re.compile(r"^(Phòng|Ủy ban|Uỷ ban|UBND|Ban|Hội|Mặt trận|Trung tâm|Bảo hiểm xã hội|Văn phòng|Các phòng|Đảng ủy|Công an)\b")


# A body named in the question ("Phòng Tư pháp", "Hội Nông dân"), by its capitalised name.
_BODY_NAMED = re.compile(r"(?<!\w)(?:Phòng|Ban|Trung tâm|Văn phòng|Hội|Công an|Ngân hàng|Mặt trận|Ủy ban|UBND|Đoàn)\s+"
                         r"(?P<first>[^\W\d_])")


def _names_a_body(text: str) -> bool:
    return any(m.group("first").isupper() for m in _BODY_NAMED.finditer(text))


_ASKING_WORDS = frozenset("dong viec nhiem vu noi dung giao chu tri phoi hop moi tung thuc hien phong ban nao ke hoach".split())


_FIELD_WORD = r"(?<!\w)(?:mang|linh vuc|(?<!nhiem )vu|chuyen|nganh|cong tac|ve)\s+"


# "nhóm nhiệm vụ nào không có đơn vị chủ trì cụ thể", "việc nào chưa giao ai chủ trì" (folded).
_NO_LEAD_ASKED = re.compile(r"(?<!\w)(nhiem vu|nhom|muc|noi dung|linh vuc|viec)(?: \w+){0,3} nao(?!\w)[^?]{0,40}"
                            r"(?<!\w)(khong|chua)(?: co| ghi| giao| neu)?(?: ro)?(?: (?:don vi|co quan|phong|ai))?(?: cu the| rieng)? chu tri")
# Lead lines that name no office of their own: every office, or the communes.
_GENERIC_LEAD = re.compile(r"(cac )?(phong, ban|co quan, don vi|phong ban)|(uy ban nhan dan|ubnd) cac xa")
# "có tính chuyện X không, phòng nào lo": whether the plan does it is asked before who leads it.
# A briefing of the part that says who does what ("tóm tắt phần tổ chức thực hiện …").
_WHO_DOES_WHAT_PART = re.compile(r"(?<!\w)(phan|muc|khau) to chuc thuc hien(?!\w)")
_WHETHER_THEN = re.compile(r"(?<!\w)(?:co|duoc) \S.*?(?<!\w)(?:khong|ko|chua)\s*[,;?]\s*\S")


def _named_as_field(folded: str, key: str) -> bool:
    """The question names the area as a field ("mảng y tế", "chuyện khám chữa bệnh", "lĩnh vực nhà ở"): by its
    own name's first word or by any of the words the plans use for it."""
    words = [fold(key).split()[0], *topic(key).keywords]
    return re.search(_FIELD_WORD + "(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", folded) is not None


# Oversight duties a plan's organising part gives ("theo dõi, đôn đốc, kiểm tra, giám sát"). Folded.
_OVERSIGHT = ("don doc", "kiem tra", "giam sat", "theo doi", "huong dan", "tham muu", "so ket", "tong ket")


class LeadFacets(FacetBase):
    """Who leads what, from the plan model's assignments (part of :class:`FacetAnswerer`)."""

    def _duties(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Báo cáo gửi đâu, qua ai, trước ngày nào": the plan's reporting duties that match."""
        spelled = expand_abbreviations(qa.folded)  # "bc hằng năm gửi ai"
        if "bao cao" not in spelled or not re.search(
            r"gui (ve |den |cho )?(dau|ai|nhung noi nao|noi nao|co quan nao)|ve dau|qua (ai|dau|co quan nao|phong nao)"
            # "UBND huyện báo cáo kết quả cho ai": a body's duty ("gửi báo cáo cho những nơi nào" is the Nơi nhận's)
            r"|(?<!gui )bao cao( \w+){0,3}? (cho |len |ve |voi )?(ai|dau|cap nao|co quan nao)(?!\w)"
            r"|khi nao|truoc ngay|(?<!co )thoi han|han chot|bao lau|dinh ky|may lan", spelled
        ):
            return None
        if qa.briefing and _WHO_DOES_WHAT_PART.search(qa.folded):
            return None  # "Tóm tắt phần tổ chức thực hiện: ai làm gì, báo cáo về đâu": the part's summary says both
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].duties:
            return None
        plan = plans[0]
        q = set(syllables(expand_body_names(fold(qa.expanded_text)))) - STOPWORDS

        def said(d: Duty) -> set[str]:
            # Who reports is often the heading above the duty ("3. Ủy ban nhân dân các xã, thị trấn").
            own = plan.section_at(d.start)
            return set(syllables(d.text)) | (set(syllables(own.full_title)) if own is not None else set())

        ranked = sorted(plan.duties, key=lambda d: -len(q & said(d)))
        best = len(q & said(ranked[0]))
        chosen = [d for d in ranked if len(q & said(d)) >= 0.8 * best][:3]
        asked = expand_body_names(fold(qa.expanded_text))

        def reporter(d: Duty) -> str:
            own = plan.section_at(d.start)
            return body_key(own.full_title) if own is not None and _BODY_TITLE.match(own.full_title) else ""

        def communes(d: Duty) -> str:
            # "các xã gửi báo cáo khi nào": "Ủy ban nhân dân các xã, thị trấn" named by the communes alone.
            head = reporter(d).split(",")[0]
            return head.removeprefix("uy ban nhan dan ").strip() if head.startswith("uy ban nhan dan ") else ""

        named = [d for d in chosen if reporter(d) and (reporter(d) in asked or body_key(reporter(d)).replace(
            "uy ban nhan dan", "ubnd") in expand_abbreviations(asked) or communes(d) and f" {communes(d)} " in f" {asked} ")]
        chosen = named or chosen  # "Phòng LĐ-TB&XH … gửi đâu": that body's duties, not every body's
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])

        def closing(own: Section, d: Duty) -> bool:
            # A paragraph after a body's bullets, not a bullet itself ("Căn cứ nội dung Kế hoạch, các cơ quan …"),
            # closes the whole part: the body above is not the one who reports.
            if not own.points or d.start < own.points[-1][0]:
                return False
            bullets = source_text(doc_chunks, *own.points[0]).lstrip().startswith(_BULLETS)
            before = source_text(doc_chunks, own.points[-1][0], d.start)
            breaks = list(re.finditer(r"\n[ \t]*\n", before))  # (a hard-wrapped line is no new paragraph)
            return bullets and bool(breaks) and not before[breaks[-1].end():].lstrip().startswith(_BULLETS)

        def who(d: Duty) -> str:
            own = plan.section_at(d.start)
            title = display(own.full_title).rstrip(" .:;") if own is not None else ""
            if own is not None and closing(own, d):
                return ""
            if _BODY_TITLE.match(title) and len(title) <= 80:
                return f"{title}: "
            # "1. UBND huyện, Đảng ủy các xã, thị trấn chỉ đạo …. Định kỳ … báo cáo …": the item's opening bodies.
            para = next((p for p in plan.paragraphs if p.start <= d.start < p.end), None)
            opens = ITEM_SUBJECT.match(display(para.flat)) if para is not None and d.start > para.start + 10 else None
            return f"{opens.group('subject')}: " if opens else ""

        parts = [f"{who(d)}{d.text[:1].upper()}{d.text[1:].rstrip(' .;')}{cites.mark(plan.doc_id, d.start, d.end)}" for d in chosen]
        if qa.asks_deadline and not any(re.search(r"\d", d.deadline) or re.search(r"ngày\s+\d", d.text) for d in chosen):
            # "Trước ngày nào?" of a duty with no date ("định kỳ"): say the plan sets none, and what it does say.
            text = f"{REFUSAL} Kế hoạch của {plan.district} không nêu hạn nộp báo cáo này; kế hoạch ghi: " + ". ".join(parts) + "."
            return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                              guard={"refusal": "date_not_given"}, spans=cites.spans)
        return Generation(". ".join(parts) + ".", cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "nghĩa vụ báo cáo trong mô hình kế hoạch"}, spans=cites.spans)

    def _duty_holders(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Ai có trách nhiệm đôn đốc, kiểm tra, giám sát việc triển khai": every sentence of the organising part that
        gives those duties, each with the bodies it names (one sentence alone is the passage answerer's)."""
        if not LEAD_CUE.search(qa.folded) or qa.wants_comparison or qa.briefing:
            return None
        asked = [v for v in _OVERSIGHT if re.search(rf"(?<!\w){v}(?!\w)", qa.folded)]
        if len(asked) < 2 or topics_named(qa.text):
            return None  # ("ai kiểm tra, giám sát việc chi trả trợ cấp người có công": that task's own lead)
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        need = max(1, len(asked) - 1)
        found = []
        for p in plan.paragraphs:
            if p.role != "organisation":
                continue
            # Whole sentences, not clauses: "Giao Ban Tuyên giáo … chủ trì …; thường xuyên theo dõi, đôn đốc …" names
            # its body only before the semicolon.
            pos = 0
            for m in [*re.finditer(r"[.!?](?=\s|$)", p.flat), None]:
                stop = m.end() if m else len(p.flat)
                said = p.flat[pos:stop]
                spaced = re.sub(r"\s+", " ", fold(said))  # (a hard-wrapped "giám \nsát")
                if said.strip() and sum(bool(re.search(rf"(?<!\w){v}(?!\w)", spaced)) for v in asked) >= need:
                    lead = len(said) - len(said.lstrip(" \t\n-–•+"))
                    found.append((p.start + pos + lead, p.start + stop, said.strip().lstrip("-–•+ ")))
                pos = stop
        if not found:
            return None

        def whose(start: int, said: str) -> str:
            # "1. Phòng Lao động - TB&XH huyện:" over "- Chủ trì theo dõi, hướng dẫn, đôn đốc …": the item's body.
            own = plan.section_at(start)
            title = display(own.full_title).rstrip(" .:;") if own is not None else ""
            return f"{title}: " if _BODY_TITLE.match(title) and len(title) <= 80 and not said.startswith(title) else ""

        lines = [f"{whose(s, said)}{display(said).rstrip(' .;/')}{cites.mark(plan.doc_id, s, e)}." for s, e, said in found]
        text = (f"Kế hoạch của {plan.district}: {lines[0]}" if len(lines) == 1 else
                f"Kế hoạch của {plan.district} giao việc này ở {len(found)} chỗ:\n" + "\n".join(f"- {ln}" for ln in lines))
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phần tổ chức thực hiện"}, spans=cites.spans)

    def _leads_across(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Ở mỗi huyện ai lo việc tuyên truyền, quán triệt": per plan, the assignment whose task is the one
        asked, one line per plan."""
        if not qa.wants_comparison or qa.intent not in ("assignment", "general") or not LEAD_CUE.search(qa.folded):
            return None
        # "Ở mỗi huyện …? Kon Rẫy có khác không?": every plan, the named one among them.
        every = re.search(r"(?<!\w)(moi|tung|cac|ca|4|bon) (huyen|ke hoach|kh)(?!\w)", qa.folded)
        plans = list(self.book.plans) if every else self._plans_for(qa)
        if len(plans) < 2:
            return None
        place = {w for p in self.book.plans for w in syllables(p.district)}
        asked = [w for w in dict.fromkeys(syllables(qa.expanded_text))
                 if w not in STOPWORDS and w not in FOCUS_CUES and w not in _ACROSS_CUES and w not in place
                 and not w.isdigit() and self._chunk_df.get(w, 0) > 0]
        if len(asked) < 2:
            return None
        weight = {w: math.log(1 + self._n_chunks / (1 + self._chunk_df.get(w, 0))) for w in asked}
        total = sum(weight.values())
        lines = []
        for plan in plans:
            best: tuple[float, int, Any] | None = None
            for a in plan.assignments:
                own = plan.section_at(a.task_start)
                words = set(syllables(a.task)) | (set(syllables(own.full_title)) if own is not None else set())
                score = sum(weight[w] for w in asked if w in words) / total
                specific = 1 if _SPECIFIC_LEAD.search(a.lead) else 0  # "Ban Tuyên giáo" over "các cấp ủy"
                if score >= 0.5 and (best is None or (score, specific) > best[:2]):
                    best = (score, specific, a)
            if best is None:
                lines.append(f"- {plan.district}: kế hoạch không giao riêng việc này cho cơ quan nào.")
                continue
            a = best[2]
            lead = THUC_HIEN.sub("", display(a.text)).rstrip(" .;")
            if a.kind == "thực hiện":  # the line names the lead only; the task it closes says what
                lead = f"{shorten(display(a.task), 160)} — {lead}"
            elif a.leads and body_key(a.leads[0]) not in body_key(lead):
                lead = f"{a.leads[0]}: {lead}"  # a duty under its body's heading ("1. Phòng …: - Chủ trì theo dõi …")
            lines.append(f"- {plan.district}: {lead}{cites.mark(plan.doc_id, a.start, a.end)}.")
        if sum(1 for ln in lines if "[" in ln) < 2:
            return None
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _unled_groups(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Nhóm nhiệm vụ nào không có đơn vị chủ trì cụ thể": the task groups whose lead line names no office of
        its own (only "các phòng, ban chuyên môn", "UBND các xã") or that have none, each with what it says."""
        if not _NO_LEAD_ASKED.search(qa.folded) or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        tasks = next((x for x in plan.outline if x.level == 1 and fold(x.full_title).startswith("nhiem vu")), None)
        if tasks is None or not tasks.children:
            return None
        lines, led = [], 0
        for k in (plan.outline[i] for i in tasks.children):
            own = [a for a in plan.assignments if a.kind == "thực hiện" and k.start <= a.start < k.end]
            specific = [a for a in own if any(not _GENERIC_LEAD.match(fold(x)) for x in a.leads)]
            if specific:
                led += 1
                continue
            title = f"{section_label(k.label)} {display(k.full_title).rstrip(' .:;')}".strip()
            mark = cites.mark(plan.doc_id, k.start, max(k.heading_end, k.start + 1))
            said = (f" — {THUC_HIEN.sub('', display(own[0].text)).rstrip(' .;')}{cites.mark(plan.doc_id, own[0].start, own[0].end)}"
                    if own else " — không ghi cơ quan chủ trì")
            lines.append(f"- {title}{mark}{said}")
        if not led:
            # A plan that names no lead for any task group: said so, with whom its organising part gives them.
            direct = directing_line(plan.assignments)
            if direct is None:
                return None
            return Generation(f"Kế hoạch của {plan.district} không ghi cơ quan chủ trì riêng cho nhóm nhiệm vụ nào; phần tổ chức "
                              f"thực hiện giao: {display(direct.text).rstrip(' .;')}{cites.mark(plan.doc_id, direct.start, direct.end)}.",
                              cites.cited, False, self.name, evidence_score=1.0, spans=cites.spans)
        if not lines:
            return Generation(f"Trong kế hoạch của {plan.district}, mọi nhóm nhiệm vụ đều có cơ quan chủ trì cụ thể.",
                              cites.cited, False, self.name, evidence_score=1.0, spans=cites.spans)
        head = (f"Trong kế hoạch của {plan.district}, {len(lines)} nhóm nhiệm vụ không giao riêng cho một cơ quan chủ trì "
                f"(các nhóm còn lại đều có):")
        return Generation("\n".join([head, *lines]), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _each_task_lead(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Có hai dòng giao việc về chuyển đổi số; mỗi dòng giao ai chủ trì": every task of the plan (inside the
        section named, if one is) that speaks of the subject asked, each with its "Thực hiện: … chủ trì" line."""
        if qa.intent != "assignment" or qa.briefing or not _EACH_TASK.search(qa.folded):
            return None
        if ABOUT_TOPIC.search(qa.folded) and SECTION_WORD.search(qa.folded):
            return None  # "nhóm nhiệm vụ về nguồn lực … gồm những nội dung gì, phòng nào chủ trì": that section's items
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        named = [s for r in qa.section_refs for s in plan.sections_labelled(r)]
        spans = [(s.start, s.end) for s in named]
        q = f" {' '.join(syllables(qa.expanded_text))} "
        # Words of the asking ("mỗi dòng giao ai chủ trì"), the district's name and the title of the section
        # named ("mục 2 (nâng cao năng lực …)") are not the subject.
        asking = _ASKING_WORDS | set(syllables(plan.district)) | {w for s in named for w in syllables(s.full_title)}
        scored = []
        for a in plan.assignments:
            if a.kind != "thực hiện" or spans and not any(lo <= a.task_start < hi for lo, hi in spans):
                continue
            # The subject as a phrase: the run of a paragraph's syllables found in the question with most content
            # words; the paragraph with the best run is the line shown for that task.
            best_run, where = 0, None
            for para in plan.paragraphs:
                if not a.task_start <= para.start < max(a.task_end, a.task_start + 1):
                    continue
                said = syllables(para.flat)
                run = max((sum(w not in STOPWORDS and w not in asking for w in said[i:j])
                           for i in range(len(said)) for j in range(i + 2, min(len(said), i + 8) + 1)
                           if f" {' '.join(said[i:j])} " in q), default=0)
                if run > best_run:
                    best_run, where = run, para
            if where is not None:
                scored.append((best_run, a, where))
        best = max((r for r, _, _ in scored), default=0)
        chosen = [(a, para) for r, a, para in scored if r == best]
        if len(chosen) < 2:
            return None  # one task: the block and passage answerers give it with its own wording
        lines = []
        for a, para in chosen:
            first = re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])", display(para.flat).lstrip("-+• "), maxsplit=1)[0]
            lines.append(f"- {shorten(first, 160).rstrip(' .;')}{cites.mark(plan.doc_id, para.start, para.end)}: "
                         f"{THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}.")
        head = f"Kế hoạch của {plan.district} có {len(chosen)} nhiệm vụ như vậy:"
        return Generation("\n".join([head, *lines]), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _block_lead(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Nhiệm vụ chính sách ưu đãi người có công thì phòng nào chủ trì": a block of tasks named by its
        title is led by the "Thực hiện: … chủ trì" line that closes it."""
        if qa.intent != "assignment" or qa.wants_comparison or qa.briefing or not LEAD_CUE.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        q = " ".join(syllables(qa.expanded_text))
        scored = []
        for a in plan.assignments:
            own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
            if own is None:
                continue
            title = syllables(own.full_title)
            # The title named as a phrase: its longest run of syllables found in the question.
            run = longest_run(title, q.split())
            # A long title named by its opening words ("Tổ chức tuyên truyền, quán triệt các chủ trương …" as
            # "công tác tuyên truyền, quán triệt"): what the block is about comes first.
            opening = max(longest_run(title[i:i + run], q.split()) == run for i in range(min(_OPENING, len(title))))
            # (Only when the question names no field the title does not: "phát triển hệ thống y tế" is not the
            # block "Phát triển hệ thống bảo hiểm xã hội …".)
            opening = opening and not set(topics_named(qa.text)) - set(topics_named(own.full_title))
            if run >= 4 and (run >= 0.5 * len(title) or opening and len(title) > _SHORT_TITLE):
                scored.append((run / len(title), a, own, opening and run < 0.5 * len(title)))
        scored.sort(key=lambda x: -x[0])
        if (scored and len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][2] is scored[0][2]
                and scored[0][3] and not qa.asks_content):
            # One block closed by several lead lines: each said, in the plan's order.
            own = scored[0][2]
            lines = sorted({(a.start, a.end): a for score, a, x, _ in scored if score == scored[0][0] and x is own}.values(),
                           key=lambda a: a.start)
            title = f"{section_label(own.label)} {own.full_title.rstrip(' .:;')}".strip()
            text = f"{title}: " + "; ".join(
                THUC_HIEN.sub("", display(a.text)).rstrip(" .;") + cites.mark(plan.doc_id, a.start, a.end) for a in lines) + "."
            return Generation(text, cites.cited, False, self.name, evidence_score=scored[0][0],
                              guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
        if not scored or len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1].lead != scored[0][1].lead:
            return None
        _, a, own, _ = scored[0]
        if len(asked := topics_named(qa.text)) > 1 and set(asked) - set(topics_named(own.full_title)):
            return None  # "nhà ở do phòng nào chủ trì? Còn nước sạch, vệ sinh môi trường": two areas, each with its lead
        title = f"{section_label(own.label)} {own.full_title.rstrip(' .:;')}".strip()
        # One citation: the lead line closes the block, whose passage carries the title in its path.
        said = self._task_said(plan, a, cites, qa) if qa.asks_content else ""
        text = f"{title}: {said}{THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=scored[0][0],
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _task_said(self, plan: PlanModel, a: Assignment, cites: Cites, qa: QueryAnalysis | None = None) -> str:
        """What the block a lead line closes says ("Thực hiện chính sách … thông tin rác"), cited, before its lead;
        its heading ("d) Về thông tin:") left out, shortened past a few sentences, keeping the clauses that say
        what the question names ("nhà tạm … hộ nghèo")."""
        if a.task_end <= a.task_start:
            return ""
        raw = source_text(self.chunks_by_doc.get(plan.doc_id, []), a.task_start, a.task_end, footnotes=False)
        text = display(re.sub(r"(?m)^\s*[-+•]\s+", "", raw))  # bullets read as sentences in a line of prose
        text = re.sub(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*(?:Về [^:]{1,80}:)?\s*", "", text).rstrip(" .;")
        if not text:
            return ""
        keep = None
        if qa is not None:
            asked = {w for w in syllables(qa.expanded_text) if w not in STOPWORDS and w not in GENERIC_TARGET_WORDS}
            asked -= {w for d in qa.districts for w in syllables(d)}

            def keep(clause: str) -> float:
                hits = len(asked & set(syllables(clause)))
                return float(hits) if hits >= 2 else 0.0

        said = shorten_sentences(text, TASK_SAID_CHARS, keep=keep)
        return f"{said}{cites.mark(plan.doc_id, a.task_start, a.task_end)}. Thực hiện: "

    def _topic_leads(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Mảng giáo dục và mảng văn hóa do phòng nào chủ trì": the lead line of each area's item."""
        if qa.intent != "assignment" or qa.wants_comparison or qa.briefing:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        keys = topics_named(qa.text)
        field = bool(keys) and _named_as_field(qa.folded, keys[0])
        if keys and not field:
            # "Kon Rẫy giao ai lo nhà ở": the field's own name and nothing else besides who leads is the field too.
            rest = set(syllables(fold(without_lead_frame(qa.text)))) - STOPWORDS - set(syllables(fold(keys[0])))
            field = not rest - {s for d in qa.districts for s in syllables(fold(d))}
        loose = ""
        if len(keys) < 2 and not qa.section_refs and not (field and LEAD_CUE.search(qa.folded)):
            # One area named loosely ("ai chủ trì việc tiêm chủng"): the passage answerer finds that task's own lead;
            # named as a field ("mảng y tế", "vụ y tế") it is the field's item and its lead line.
            loose = self._untasked_thing(plan, qa, keys[0]) if len(keys) == 1 and LEAD_CUE.search(qa.folded) else ""
            if not loose:
                return None
        lines, unled = [], []
        for key in keys:
            words = [fold(key), *(fold(w) for w in topic(key).aliases if " " in w)]
            pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
            # The plan's item for that area ("b) Về y tế") and the "Thực hiện: … chủ trì" line closing it.
            own = [a for a in plan.assignments if a.kind == "thực hiện"
                   and pattern.search(fold(a.breadcrumb.split(" › ")[-1]))]
            if own:
                a = own[0]
                area = display(a.breadcrumb.split(" › ")[-1])
                # ("… có tính chuyện nhà ở xã hội cho công nhân không, phòng nào lo": whether, then who.)
                said = self._task_said(plan, a, cites, qa) if qa.asks_content or _WHETHER_THEN.search(qa.folded) else ""
                if not said and ASKS_DOCUMENTS.search(qa.folded):
                    # "Về BHXH, tiếp tục thực hiện những văn bản nào, và đơn vị nào chủ trì nhóm này": the item's
                    # sentences citing a document, then its lead.
                    citing = [(b, e, t) for b, e, t in sentences_in(self.chunks_by_doc.get(plan.doc_id, []), a.task_start, a.task_end)
                              if CITED_DOCUMENT.search(t)]
                    said = "".join(f"{display(t).lstrip('-+•* ').rstrip(' .;')}{cites.mark(plan.doc_id, b, e)}. " for b, e, t in citing)
                    said = f"{said}Thực hiện: " if said else ""
                lines.append(f"{area}: {said}{THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}")
            elif (len(keys) > 1 or field) and not loose and not _names_a_body(qa.text):
                # (A body named, "Phòng Tư pháp chủ trì gì về nhà ở": whether the plan names it is what is asked.)
                item = self._field_item(plan, pattern)
                if item is not None:
                    unled.append(item)
        if not lines and not unled and field and len(keys) == 1 and not loose and not _names_a_body(qa.text):
            if not any(a.kind == "thực hiện" for a in plan.assignments):
                return self._no_field_leads(plan, keys[0], cites)
            lines = self._lead_by_block_words(plan, keys[0], cites)
        if not lines and not unled:
            return None
        if unled:
            # A field item the plan writes without a "Thực hiện: … chủ trì" line: say so of that field, cited, rather
            # than drop it (or, when no field asked has a lead, refuse the whole question in silence).
            said = []
            for sec in unled:
                first = next(sentences_in(self.chunks_by_doc.get(plan.doc_id, []), sec.start, sec.end), None)
                span = (first[0], first[1]) if first else (sec.start, sec.heading_end)
                said.append(f"«{display(sec.title).rstrip(' .:;')}»{cites.mark(plan.doc_id, *span)}")
            note = (f"Kế hoạch của {plan.district} nêu nhiệm vụ {', '.join(said)} nhưng không giao cơ quan chủ trì "
                    f"cho {'lĩnh vực này' if len(said) == 1 else 'các lĩnh vực này'}.")
            if (direct := directing_line(plan.assignments)) is not None:
                note += (f" Phần tổ chức thực hiện giao: {display(direct.text).rstrip(' .;')}"
                         f"{cites.mark(plan.doc_id, direct.start, direct.end)}.")
            if not lines:
                return Generation(f"{REFUSAL} {note}", cites.cited, True, self.name, evidence_score=1.0,
                                  guard={"refusal": "lead_not_named"}, spans=cites.spans)
            return Generation(" ".join(f"{ln}." for ln in lines) + f" {note}", cites.cited, False, self.name,
                              evidence_score=1.0, guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
        # ("tiêm chủng" is only a target of the plan: no task of its own, so the field's lead is who answers for it.)
        lead_in = f"Kế hoạch không giao riêng việc «{loose}»; việc này thuộc lĩnh vực {keys[0]}: " if loose else ""
        return Generation(lead_in + " ".join(f"{ln}." for ln in lines), cites.cited, False, self.name,
                          evidence_score=1.0, guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _no_field_leads(self, plan: PlanModel, key: str, cites: Cites) -> Generation:
        """A plan that gives no field a lead line of its own: said so of the field asked, with whom its organising
        part gives the direction of the tasks (refused, the reason and that line cited)."""
        note = f"Kế hoạch của {plan.district} không giao cơ quan chủ trì riêng cho lĩnh vực {key}."
        if (direct := directing_line(plan.assignments)) is not None:
            note += (f" Phần tổ chức thực hiện giao: {display(direct.text).rstrip(' .;')}"
                     f"{cites.mark(plan.doc_id, direct.start, direct.end)}.")
        return Generation(f"{REFUSAL} {note}", cites.cited, True, self.name, evidence_score=1.0,
                          guard={"refusal": "lead_not_named"}, spans=cites.spans)

    def _lead_by_block_words(self, plan: PlanModel, key: str, cites: Cites) -> list[str]:
        """A field asked that has no item of its own: the lead line of the task block that talks of it most ("dân
        số" in "a) Nâng cao chất lượng nguồn nhân lực"); [] when no block talks of it."""
        led = [a for a in plan.assignments if a.kind == "thực hiện" and a.task_end > a.task_start]
        chunks = self.chunks_by_doc.get(plan.doc_id, [])
        words = topic(key).keywords

        def hits(a: Assignment) -> int:
            block = fold(source_text(chunks, a.task_start, a.task_end, footnotes=False))
            return sum(len(re.findall(rf"(?<!\w){re.escape(k)}(?!\w)", block)) for k in words)

        scored = sorted(((hits(a), a) for a in led), key=lambda x: -x[0])
        if not scored or scored[0][0] < 2:
            return []
        a = scored[0][1]
        area = display(a.breadcrumb.split(" › ")[-1])
        return [f"{area}: {THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}"]

    @staticmethod
    def _field_item(plan: PlanModel, pattern: re.Pattern[str]) -> Section | None:
        """The plan's item for a field ("Về y tế") when no lead line closes it; None when there is none."""
        for sec in plan.outline:
            title = fold(display(sec.title))
            if re.sub(r"^\S{1,4}\)\s*", "", title).startswith("ve ") and pattern.search(title):
                inside = any(a.kind == "thực hiện" and sec.start <= a.start < sec.end for a in plan.assignments)
                return None if inside else sec
        return None

    def _untasked_thing(self, plan: PlanModel, qa: QueryAnalysis, key: str) -> str:
        """The thing of a field a lead question names ("tiêm chủng" of "y tế") when the plan sets it only as a target
        (or names it nowhere in a task with a lead line), as the plan writes it; "" otherwise."""
        said = [k for k in topic(key).keywords if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", qa.folded)]
        if not said or any(k in fold(key) for k in said):
            return ""  # the field's own name ("y tế"): not a thing inside it
        chunks = self.chunks_by_doc.get(plan.doc_id, [])
        for a in plan.assignments:
            if a.kind == "thực hiện" and a.task_end > a.task_start:
                block = fold(source_text(chunks, a.task_start, a.task_end, footnotes=False))
                if any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", block) for k in said):
                    return ""  # a task block names it: its own lead line is the answer (the passage answerer's)
        if not any(any(k in fold(t.text) for k in said) for t in plan.targets):
            return ""
        m = re.search(rf"(?<!\w){re.escape(said[0])}(?!\w)", qa.folded)
        return qa.text[m.start():m.end()] if m else said[0]
