"""What a named body is given to do: its own section, the tasks it leads, and the sentences where it acts.
"""

from __future__ import annotations

import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import (
    LEAD_CUE,
    LIST_CUE,
    MAX_POINTS,
    NUMBER_ASKED,
    SECTION_WORD,
    SENTENCE_TITLE_SYLLABLES,
    THUC_HIEN,
    WHO_DOES_WHAT,
    Cites,
    body_key,
    longest_run,
    names_section,
    section_label,
    sentences_in,
    source_text,
)
from assistant.generation.facets.leads import LeadFacets
from assistant.generation.facets.sections import SectionFacets
from assistant.lexicon import MASS_ORGANISATION, expand_body_names
from assistant.plan.facts import display
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.query import (
    QueryAnalysis,
    without_giver,
)
from assistant.text import (
    fold,
    shorten,
    syllables,
)

MAX_SUBJECT_SENTENCES = 3  # tasks a body is the subject of, said after those it leads


MAX_SENTENCE_CHARS = 600  # how far a sentence naming a body is read on to its end


# Words before a body's name that make it the one acting ("phối hợp với MTTQ …", "phát huy vai trò của Mặt trận …").
_ACTING_BEFORE = ("phoi hop voi", "phoi hop", "vai tro cua", "chi dao", "giao", "de nghi", "huy dong")


def _acts_in(own: list[str], text: str) -> bool:
    """The body ``own`` (name syllables) acts in ``text``: a clause opens with it or a word of acting comes right
    before it; not a body merely listed among those a sentence speaks of ("nhận thức của cấp ủy, chính quyền, Mặt
    trận Tổ quốc, …")."""
    for clause in re.split(r"[;.]\s+", text):
        said = syllables(body_key(clause.lstrip("-+• ")))
        if longest_run(own, said[: len(own) + 2]) == len(own):
            return True
        line = f" {' '.join(said)} "
        name = " ".join(own)
        if any(f" {verb} {name} " in line or f" {verb} cac {name} " in line for verb in _ACTING_BEFORE):
            return True
    return False


def _as_written(text: str, name: str) -> str:
    """The words of ``text`` that spell the folded body name ``name`` ("HĐND" for "hoi dong nhan dan"), or ""."""
    want = name.split()
    tokens = text.split()
    for i in range(len(tokens)):
        got: list[str] = []
        for j in range(i, len(tokens)):
            got += syllables(body_key(tokens[j]))
            if got[: len(want)] != want[: len(got)]:
                break
            if len(got) >= len(want):
                return " ".join(tokens[i : j + 1]).strip(" ,;.:")
    return ""


def _bodies_asked(plan: PlanModel, asked: str) -> list[str]:
    """The bodies of the plan's "Thực hiện:" lines a question names, each once and none inside another's name."""
    names = {body_key(b): b for a in plan.assignments for b in [*a.leads, *a.partners]
             if len(b.split()) >= 2 and _body_named(b, asked)}
    keys = [k for k in names if not any(k != o and k in o for o in names)]
    return [names[k] for k in sorted(keys, key=lambda k: asked.find(k) if k in asked else len(asked))]


# What a body does, asked: "làm những gì", "được giao gì", "những nhiệm vụ nào", "chủ trì những việc …" (folded).
_TASKS_ASKED = re.compile(r"(viec|nhiem vu|trach nhiem|lam) (nhung )?gi|nhung (viec|nhiem vu|mang)|duoc giao (nhung )?gi"
                          r"|mang nao|chu tri (nhung|cac) ")
# "Ban này", "cơ quan đó được giao gì": the body named in the sentence before.
_POINTS_AT_BODY = re.compile(r"(?<!\w)(ban|co quan|don vi|phong|to chuc|hoi|ho|ben) (nay|do|ay|kia)(?!\w)")
# "… các chỗ trong kế hoạch nhắc đến vai trò của Mặt trận": every sentence naming the body, not only its tasks.
# One duty of a body asked ("tham mưu UBND huyện việc gì", "báo cáo những gì"): a verb, then what it is about.
_ONE_DUTY_ASKED = re.compile(r"(?<!\w)(tham muu|bao cao|don doc|giam sat|theo doi|tong hop|de xuat)(?!\w)[^?,;]{0,40}"
                             r"(viec|nhiem vu|noi dung|van de|nhung) gi(?!\w)")
_MENTIONED = re.compile(r"(?<!\w)(cho|noi|doan)( trong)?( ke hoach| kh)? (nhac|de cap|noi)( den| toi)?(?!\w)")


def full_office_names(plan: PlanModel, asked: str) -> str:
    """The folded question with an office named by the start of its name ("phong giao duc", "phong van hoa")
    spelled out as the plan writes it ("phong giao duc va dao tao"), where no other body of the plan starts so."""
    names = {body_key(b) for a in plan.assignments for b in [*a.leads, *a.partners]}
    for key in sorted(names, key=len, reverse=True):
        tokens = key.split()
        if tokens[0] not in ("phong", "trung") or re.search(rf"(?<!\w){re.escape(key)}(?!\w)", asked):
            continue
        kind = 2 if tokens[0] == "trung" else 1
        for k in range(len(tokens) - 1, kind + 1, -1):
            prefix = " ".join(tokens[:k])
            if not tokens[k - 1].isalpha():
                continue
            m = re.search(rf"(?<!\w){re.escape(prefix)}(?!\w)", asked)
            if m is None:
                continue
            if sum(1 for o in names if o == prefix or o.startswith(prefix + " ")) == 1:
                asked = f"{asked[: m.start()]}{key}{asked[m.end():]}"
            break
    return asked


def _body_named(body: str, asked: str) -> bool:
    """``body`` is named in the folded question ``asked``, however its joiners are typed ("Phòng Tài nguyên
    Môi trường", "phòng tài nguyên và môi trường", "Phòng TN-MT")."""
    key = body_key(body)
    if key in asked:
        return True
    # (Its standing body, "Thường trực Hội đồng nhân dân huyện", acts for the council asked about.)
    core = _LEVEL_TAIL.sub("", key.removeprefix("thuong truc "))
    if core != key and len(core.split()) >= 3 and re.search(rf"(?<!\w){re.escape(core)}(?! (huyen|xa|tinh|cac|thi|cap|thuong)(?!\w))(?!\w)", asked):
        # "hội đồng nhân dân ở Lạc Dương" names "Hội đồng nhân dân các cấp" (not "… xã" asked of "… huyện").
        return True
    name = [w for w in syllables(key) if w not in _BODY_JOINERS]
    return len(name) >= 3 and longest_run(name, [w for w in syllables(asked) if w not in _BODY_JOINERS]) == len(name)


_BODY_JOINERS = frozenset({"va"})
# The level a body's name ends with ("… các cấp", "… huyện"): a question may leave it out.
_LEVEL_TAIL = re.compile(r"\s+(cac cap|huyen|cac xa, thi tran|cac xa|trong huyen)$")


# "… là đơn vị chủ trì hay phối hợp", "vai trò của …": where a body leads and where it works with the lead.
_ROLE_CUE = re.compile(r"chu tri (hay|hoac) (la )?phoi hop|phoi hop (hay|hoac) (la )?chu tri|vai tro|tham gia (nhung )?(viec|mang) nao"
                       # "… chủ trì việc gì, và được giao phối hợp ở những nhiệm vụ nào": both asked.
                       r"|phoi hop (o |trong |voi |thuc hien )?(nhung |cac )?(nhiem vu|viec|mang|noi dung|linh vuc) (nao|gi)"
                       # "Chỗ nào chủ trì, chỗ nào chỉ phối hợp?", "xuất hiện ở những nhiệm vụ nào"
                       r"|(cho|viec|nhiem vu) nao (chi )?chu tri.{0,20}(cho|viec|nhiem vu) nao (chi )?phoi hop"
                       r"|xuat hien (o |trong )?(nhung |cac )?(nhiem vu|viec|cho|muc) (nao|gi)")


# "Nhiệm vụ của …", "… phải làm gì", "được giao việc gì": the duties of a body.
_DUTY_CUE = re.compile(r"(?<!\w)(nhiem vu|trach nhiem|viec gi|lam gi|phai lam|duoc giao|cong viec|nhung viec)(?!\w)")


# The first word of a body's name; words a body's name may carry or drop ("các", "huyện", "thuộc").
_BODY_HEADS = frozenset("phong uy ban hoi mat trung van cong ngan bao doan lien chi".split())


_BODY_FILLER = frozenset("cac huyen".split())


def _org_part_asked(plan: PlanModel, qa: QueryAnalysis) -> bool:
    """"Tóm tắt phần tổ chức thực hiện: Phòng …, … và UBND xã mỗi bên làm gì": the whole part, body by body, is
    asked, not the duties of the first body it names."""
    return bool(WHO_DOES_WHAT.search(qa.folded)) and any(
        x.level == 1 and fold(x.full_title).strip(" .").startswith("to chuc thuc hien") and names_section(x, qa)
        for x in plan.outline)


def _first_sentence(text: str, limit: int = 220) -> str:
    m = re.search(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ])", text)
    return shorten(text[: m.start()] if m else text, limit)


_COUNT_OF_TASKS = re.compile(r"(?<!\w)(chu tri|duoc giao|phu trach)(?: \w+){0,3} (bao nhieu|may) (dau viec|viec|nhiem vu|linh vuc|mang|noi dung)(?!\w)")


class BodyFacets(SectionFacets, LeadFacets):
    """What a named body is given to do (part of :class:`FacetAnswerer`)."""

    def _body_section(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Nhiệm vụ của UBND các xã, thị trấn": the plan's own section headed by that body (in "Tổ chức thực
        hiện"), every point of it: its deadlines and reporting duties are there, not in the tasks it shares."""
        if not _DUTY_CUE.search(qa.folded) or "chu tri" in qa.folded:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if _org_part_asked(plan, qa):
            return None
        asked = [w for w in syllables(body_key(qa.expanded_text)) if w not in _BODY_FILLER]
        found: list[Section] = []
        for sec in plan.outline:
            title = sec.full_title.split(":")[0]
            name = [w for w in syllables(body_key(title)) if w not in _BODY_FILLER]
            # "UBND xã" names "Ủy ban nhân dân các xã, thị trấn": the name before its comma is enough.
            head = [w for w in syllables(body_key(title.split(",")[0])) if w not in _BODY_FILLER]
            run = longest_run(name, asked)
            if (len(name) >= 3 and name[0] in _BODY_HEADS and len(title) <= 80
                    and (run == len(name) or len(head) >= 3 and run >= len(head) and name[:len(head)] == head)
                    and (sec.points or sec.children)):
                leads = any([w for w in syllables(body_key(b)) if w not in _BODY_FILLER] == name
                            for a in plan.assignments if a.kind != "tổ chức thực hiện" and "chu tri" in fold(a.text)
                            for b in a.leads)
                part = any(names_section(x, qa) or fold(x.full_title) in qa.folded for x in plan.outline if x.level == 1)
                if leads and not part:
                    # A body that leads tasks: those are its duties, unless the part its own section is in is named
                    # ("… trách nhiệm gì ở phần tổ chức thực hiện").
                    return None
                found.append(sec)
        if len(found) <= 1:
            return self._list_section(plan, found[0], cites, qa) if found else None
        # "Phòng LĐ-TB&XH, các phòng ban và UBND xã mỗi bên làm gì": each body's own section, in plan order.
        texts = [self._list_section(plan, x, cites, qa).text for x in found]
        return Generation("\n".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _subject_sentences(
        self, plan: PlanModel, body: str, taken: list[tuple[int, int]], *, anywhere: bool = False
    ) -> list[tuple[int, int, str]]:
        """Up to :data:`MAX_SUBJECT_SENTENCES` sentences of the plan opening with ``body``'s whole name ("Hội đồng
        nhân dân các cấp" is not "Thường trực HĐND"), outside the spans already ``taken``. ``anywhere``: then the
        sentences naming it further in ("Chỉ đạo Hội đồng nhân dân; Mặt trận … tăng cường giám sát …", "Phát huy vai
        trò của Mặt trận … trong vận động người dân tham gia bảo hiểm xã hội tự nguyện")."""
        own = [w for w in syllables(body_key(body)) if w not in _BODY_FILLER]
        if len(own) < 3:
            return []
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        opening_ones: list[tuple[int, int, str]] = []
        inside: list[tuple[int, int, str]] = []
        for start, end, text in sentences_in(doc_chunks, 0, 10**9):
            sec = plan.section_at(start)  # (in the plan's body: not a Nơi nhận line, nor a heading)
            # (A numbered item written as a whole sentence, "4. Thường trực HĐND huyện hàng năm đưa vào …", is one.)
            heading = sec is not None and start < sec.heading_end and len(syllables(sec.full_title)) < SENTENCE_TITLE_SYLLABLES
            if (sec is None or heading or display(text).rstrip().endswith(":") or "chủ trì" in text
                    or any(a <= start < b or start <= a < end for a, b in [*taken, *((x, y) for x, y, _ in opening_ones + inside)])):
                continue
            # The body opens the sentence ("Ủy ban Mặt trận …", "Hội đồng nhân dân các cấp …"), not a topic of it.
            said = syllables(body_key(display(text).lstrip("-+• ")))
            if longest_run(own, said[:len(own) + 2]) == len(own):
                # The whole bullet it opens: its later clauses are the body's tasks too.
                start, end = next(((a, b) for a, b in sec.points if a <= start < b), (start, end))
                opening_ones.append((start, end, source_text(doc_chunks, start, end)))
            elif anywhere and _acts_in(own, display(text)):
                # To the sentence's end: "Phát huy vai trò của Mặt trận … tự nguyện; tuyên truyền, vận động người
                # dân hạn chế … một lần" is one role.
                rest = source_text(doc_chunks, end, min(sec.end, end + MAX_SENTENCE_CHARS))
                stop = re.search(r"\.(?=\s|$)|\n\s*\n|\n(?=\s*[-+•])", rest)
                end += stop.start() if stop else 0
                inside.append((start, end, source_text(doc_chunks, start, end)))
        return [*opening_ones, *inside][:MAX_SUBJECT_SENTENCES]

    def _body_in_question(self, plan: PlanModel, asked: str) -> str:
        """The longest body name of the folded question ``asked`` that the plan writes too ("hội đồng nhân dân
        huyện" → "hoi dong nhan dan" where the plan says "Hội đồng nhân dân các cấp"), or ""."""
        if plan.doc_id not in self._body_text:
            text = " ".join(c.text for c in self.chunks_by_doc.get(plan.doc_id, []))
            self._body_text[plan.doc_id] = f" {' '.join(syllables(body_key(text)))} "
        written = self._body_text[plan.doc_id]
        q = syllables(asked)
        best: list[str] = []
        for i, w in enumerate(q):
            if w not in _BODY_HEADS:
                continue
            j = i + 1
            while j < len(q) and f" {' '.join(q[i:j + 1])} " in written:
                j += 1
            run = q[i:j]
            while run and run[-1] in _BODY_FILLER:
                run = run[:-1]
            if len([x for x in run if x not in _BODY_FILLER]) >= 3 and len(run) > len(best) and f" {' '.join(run)} " in written:
                best = run
        return " ".join(best)

    def _body_tasks(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Thường trực HĐND huyện được giao làm gì": every statement of the plan led by that body."""
        # "Phòng LĐ-TB&XH được giao chủ trì bao nhiêu đầu việc (trong phần III)? Liệt kê": the body's tasks, counted.
        counted = bool(_COUNT_OF_TASKS.search(qa.folded))
        if qa.section_refs and LIST_CUE.search(qa.folded) and not counted:
            return None  # "Mục 9 (vai trò của … Mặt trận) gồm những ý gì": the section's items, bodies only in its title
        if not qa.section_refs and SECTION_WORD.search(qa.folded) and NUMBER_ASKED.search(qa.folded):
            return None  # "Phần … vai trò của … Mặt trận … đánh số mấy, HĐND và MTTQ được giao gì": that part first
        if qa.locate and not qa.section_refs:
            return None  # "phần nào nói về phối hợp với Mặt trận …, có những việc gì": that part and its points
        if re.match(r"(co phai|phai chang|nghe noi|co dung la)(?!\w)", qa.folded):
            return None  # "có phải … giao phòng X chủ trì việc Y ko": a guess about Y, not X's own tasks
        role = bool(_ROLE_CUE.search(qa.folded))
        if not role and not counted and _ONE_DUTY_ASKED.search(qa.folded):
            return None  # "Phòng X tham mưu UBND huyện việc gì": the sentence giving that one duty, not all its tasks
        cues = (_ROLE_CUE, _COUNT_OF_TASKS, _TASKS_ASKED)
        if not any(c.search(qa.folded) for c in cues):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if _org_part_asked(plan, qa):
            return None
        asked = full_office_names(plan, expand_body_names(fold(without_giver(qa.expanded_text))))
        bodies = _bodies_asked(plan, asked)
        # "… chủ không chịu đóng bảo hiểm xã hội cho anh em. Kế hoạch có nói sẽ làm gì …": a body is asked about in
        # the sentence that asks what it does (or points back to it), not named in a story told before it.
        spelled = fold(without_giver(qa.expanded_text))
        asking = [m.group(0) for m in re.finditer(r"[^.?!]+[.?!]*", spelled) if any(c.search(m.group(0)) for c in cues)]
        if len(asking) < len(re.findall(r"[^.?!]+[.?!]*", spelled)) and not any(
                _POINTS_AT_BODY.search(x) or _bodies_asked(plan, full_office_names(plan, expand_body_names(x))) for x in asking):
            return None
        if len(bodies) >= 2 and re.search(r"(?<!\w)(va|voi|,)(?!\w)", qa.folded):
            # "Ban Chỉ huy Quân sự huyện và Phòng Nội vụ có vai trò gì": each body's own answer, one after the other.
            answers = [self._tasks_of(plan, qa, body_key(b), body_key(b), role, cites) for b in bodies]
            texts = [g.text for g in answers if g is not None]
            if len(texts) == len(bodies):
                return Generation("\n".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
        return self._tasks_of(plan, qa, asked, qa.folded, role, cites)

    def _tasks_of(self, plan: PlanModel, qa: QueryAnalysis, asked: str, typed: str, role: bool,
                  cites: Cites) -> Generation | None:
        """What the body named in ``asked`` (folded, body names spelled out; ``typed`` as the question has it) leads,
        works on, acts in and receives."""
        org = MASS_ORGANISATION.search(typed)
        if org and "chu tri" in qa.folded and not any(org.group(0) in fold(p.flat) for p in plan.paragraphs):
            return None  # "Hội … chủ trì việc gì": no lead of its own (the passage answerer says so)
        led = [a for a in plan.assignments
               if any(len(body_key(b).split()) >= 2 and _body_named(b, asked) for b in a.leads)]  # ("MTTQ" spelled out)
        if not led and not role and any(_body_named(p, asked) for a in plan.assignments for p in a.partners):
            role = True  # "Phòng Nội vụ được giao làm gì": a body that leads nothing, only works with the leads
        helps = [a for a in plan.assignments if a not in led and any(_body_named(p, asked) for p in a.partners)] if role else []
        named = ""
        if not led and not helps:
            # "HĐND huyện được giao làm gì" of a plan that names it only in sentences without a "chủ trì" line.
            named = "" if role or "chu tri" in qa.folded else self._body_in_question(plan, asked)
            if not named:
                return None
        # "… trách nhiệm gì trong phần tổ chức thực hiện": only what that part assigns.
        scope = [x for x in plan.outline if x.level == 1 and (
            names_section(x, qa) or qa.section_refs and x.label.lower() in [r.lower() for r in qa.section_refs])]
        if scope and not re.search(r"(?<!\w)(va|,)\s*(phan|muc)(?!\w)", qa.folded):
            # ("… chủ trì những mảng nào, và phần tổ chức thực hiện giao gì" asks for both.)
            led = [a for a in led if any(x.start <= a.start < x.end for x in scope)] or led
        items = []
        # A body given a few blocks of tasks: what each block says and its "Thực hiện:" line as written.
        # (Not when a lead is what is asked: "đơn vị nào chủ trì các nhiệm vụ về bảo hiểm xã hội".)
        said_each = len(led) <= 3 and (not role or len(led) + len(helps) <= 3) and not re.search(
            r"((don vi|co quan|phong|ban) nao|(?<!\w)ai) (chu tri|phu trach|lo|dam nhiem)|chu tri la ai", qa.folded)
        for a in led[:MAX_POINTS]:
            own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
            if own is not None and said_each and (said := self._task_said(plan, a, cites, qa)):
                line = THUC_HIEN.sub("", display(a.text)).rstrip(" .;")
                items.append(f"- {section_label(own.label)} {own.full_title.rstrip(' .:;')}: {said}{line}"
                             f"{cites.mark(plan.doc_id, a.start, a.end)}".replace("-  ", "- "))
                continue
            mark = cites.mark(plan.doc_id, a.start, a.end)
            if own is not None:
                # "Thực hiện: Phòng … chủ trì" ends a block of tasks: the block's title says what is led.
                with_whom = f" (phối hợp: {', '.join(a.partners)})" if a.partners else ""
                co_leads = [b for b in a.leads if not _body_named(b, asked)]
                with_whom = (f" (cùng chủ trì: {', '.join(co_leads)})" if co_leads else "") + with_whom
                items.append(f"- {section_label(own.label)} {own.full_title.rstrip(' .:;')}{with_whom}{mark}".replace("-  ", "- "))
            else:
                items.append(f"- {display(a.text).lstrip('-+• ').rstrip(' .;')}{mark}")
        who = next((b for a in [*led, *helps] for b in [*a.leads, *a.partners] if _body_named(b, asked)), "") or named
        if who and (not role and not LEAD_CUE.search(qa.folded) or _MENTIONED.search(qa.folded)):
            # Tasks written with the body as subject, no "chủ trì" line ("Hội đồng nhân dân các cấp tăng cường giám
            # sát …", "Ủy ban MTTQ Việt Nam, các tổ chức chính trị - xã hội thường xuyên lắng nghe …"), then sentences
            # naming it further in.
            said_in = [f"- {display(text).lstrip('-+• ').rstrip(' .;')}{cites.mark(plan.doc_id, start, end)}"
                       for start, end, text in self._subject_sentences(plan, who, [(a.start, a.end) for a in led], anywhere=True)]
            if role and said_in:
                said_in.insert(0, f"Các chỗ khác kế hoạch nhắc đến {who}:")
            items += said_in
        n_tasks = len(items)  # (the reports it receives are said after, not counted as tasks)
        if not role:
            # "qua Ban Tuyên giáo Huyện ủy": the reports a body receives, or passes on, are its duty too.
            for d in plan.duties:
                via, to = bool(d.via) and _body_named(d.via, asked), bool(d.to) and _body_named(d.to, asked)
                if (via or to) and not any(a.start <= d.start < a.end for a in led):
                    items.append(f"- {'Đầu mối nhận báo cáo' if via else 'Nhận báo cáo'}: {display(d.text).rstrip(' .;')}"
                                 f"{cites.mark(plan.doc_id, d.start, d.end)}")
        if named:
            if not n_tasks:
                return None  # (a body found only as the receiver of reports is not what is asked about)
            who = _as_written(display(items[0]).lstrip("-+• "), named) or who
        head = f"{who} được giao {n_tasks if not role else len(led)} việc trong kế hoạch của {plan.district}:"
        if role:
            # "… là đơn vị chủ trì hay phối hợp, ở từng mảng": where it leads, then where it works with the lead.
            head = (f"{who} chủ trì {len(led)} việc trong kế hoạch của {plan.district}:" if led else
                    f"{who} không chủ trì việc nào trong kế hoạch của {plan.district}.")
            if helps:
                items.append(f"Phối hợp ({len(helps)} việc):")
                for a in helps[:MAX_POINTS]:
                    own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
                    mark = cites.mark(plan.doc_id, a.start, a.end)
                    if own is None:
                        items.append(f"- {_first_sentence(display(a.text)).strip()} (chủ trì: {', '.join(a.leads)}){mark}")
                        continue
                    # The "Thực hiện:" line as written names the lead and this body the way the plan spells it there.
                    line = THUC_HIEN.sub("", display(a.text)).rstrip(" .;")
                    # A body that only works with others in a task or two: what those tasks are, then who leads them.
                    said = self._task_said(plan, a, cites, qa) if len(helps) <= 2 and not led else ""
                    items.append(f"- {section_label(own.label)} {own.full_title.rstrip(' .:;')}: {said}{line}{mark}".replace("-  ", "- "))
        if org and not any(org.group(0) in fold(p.flat) for p in plan.paragraphs):
            # "Hội Nông dân … phải làm gì" of a plan that tasks the mass organisations only as a group.
            head = (f"Kế hoạch của {plan.district} không giao việc riêng cho tổ chức này; là một tổ chức chính trị - xã hội, "
                    f"nó cùng thực hiện các việc giao cho {who} và các tổ chức chính trị - xã hội "
                    f"({len(led)} việc):")
        return Generation("\n".join([head, *items]), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
