"""Passages across a plan: which plans mention something, dated deadlines, and a briefing on one group of
people.
"""

from __future__ import annotations

import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import (
    GENERIC_TARGET_WORDS,
    LEAD_CUE,
    MAX_POINTS,
    QUANTITY_CUE,
    THINGS_LISTED_FOR,
    THUC_HIEN,
    Cites,
    FacetBase,
    asks_for_group,
    plain_name,
    section_label,
    sentences_in,
    source_text,
)
from assistant.lexicon import rewrite
from assistant.plan.extract import Target, directing_line
from assistant.plan.facts import display
from assistant.plan.topics import (
    fields_named,
    groups_named,
    mentions_group,
    topic_keys,
    topics_named,
    topics_of,
    without_groups,
)
from assistant.query import (
    QueryAnalysis,
)
from assistant.text import (
    STOPWORDS,
    collapse_ws,
    fold,
    shorten,
    syllables,
)

# Those who take a group in ("doanh nghiệp nhận người khuyết tật vào làm"): what they get is asked, not the group's.
# A condition named instead of its group ("trẻ tự kỷ"), and the group's own words; "có nhắc tới …" asks of the
# condition as named.
_CONDITION = re.compile(r"(?<!\w)(tu ky|tu ki|bai nao|cam diec|khiem thi|khiem thinh|mu loa|thieu nang|hoi chung down)(?!\w)")
_GROUP_WORD = re.compile(r"(?<!\w)(khuyet tat|tan tat)(?!\w)")
_MENTION_ASKED = re.compile(r"(?<!\w)(nhac|de cap|noi gi|noi den|noi toi|neu)(?!\w)")
_EMPLOYS_GROUP = re.compile(r"(?<!\w)(doanh nghiep|dn|cong ty|co so|don vi|chu)( nao)? (nhan|tuyen|su dung|thue|dung)(?!\w)")


def _listed_after_colon(text: str) -> list[str]:
    """The items a question lists after a colon ("…: tuổi thọ, bảo hiểm y tế, tiêm chủng"), else []."""
    if ":" not in text:
        return []
    tail = text.split(":", 1)[1].strip(" .?!")
    items = [x.strip() for x in re.split(r",|\s+và\s+|;", tail) if x.strip()]
    return items if len(items) >= 2 and all(len(x.split()) <= 6 for x in items) else []


# "… liên quan đến …", "dành cho …", "có gì cho …": what a plan holds for a group of people.
# "… cuộc vận động nào dành cho …": one thing of a kind is asked, not everything for the group.
_ONE_OF_A_KIND = re.compile(r"(?<!\w)(cuoc van dong|chuong trinh|de an|phong trao|mo hinh|chinh sach|du an|quy) nao(?!\w)")


_HEADING_OPENING = re.compile(r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.)\s*(?:Về [^:]{1,80}:)?\s*")
# Any group's own words (for keeping them when a long sentence is shortened).
_GROUP_TERMS = re.compile(r"dân tộc thiểu số|đồng bào|phụ nữ|mang thai|trẻ em|người cao tuổi|khuyết tật|người có công|liệt sĩ",
                          re.IGNORECASE)
_AS_A_CASE = re.compile(r",?\s+(?:nhất là|đặc biệt là|trong đó|ưu tiên|chú trọng)\s", re.IGNORECASE)
GROUP_SENTENCE_CHARS = 360  # a task sentence of a group briefing is shown up to this long (a movement's name whole)
# Words of policy talk that name no thing asked ("chính sách", "thực hiện").
_COMMON_PAIR_WORDS = frozenset("chinh sach thuc hien quan tam giai quyet".split())


# A deadline given as a date: "trước ngày 05 tháng 12", "hoàn thành trước ngày 15/8/2024", "chậm nhất ngày 30/6".
_DATED_DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn)\s+(?:ngày\s+)?\d{1,2}(?:\s+tháng\s+\d{1,2}|/\d{1,2})[^,;.]*",
                             re.IGNORECASE)


def _clip_keeping(text: str, pattern: re.Pattern[str], limit: int = 260) -> str:
    """``text`` shortened to ``limit`` characters without losing the part ``pattern`` finds (a date at the end)."""
    m = pattern.search(text)
    if len(text) <= limit or m is None or m.end() <= limit:
        return shorten(text, limit) if m is None or m.end() <= limit else text
    tail = text[max(0, text.rfind(",", 0, m.start()) + 1 or m.start()):].strip()
    return f"{shorten(text, max(80, limit - len(tail) - 3)).rstrip('…')} … {tail}"


# Where a body's name starts in a question ("… báo cáo Sở Lao động - Thương binh và Xã hội").
_BODY_START = re.compile(r"\b(?:Sở|Phòng|Ban|Hội|Ủy ban|UBND|Trung tâm|Ngân hàng|Bảo hiểm xã hội|Mặt trận|Công an|Văn phòng)\s+[A-ZÀ-Ỹ\u0110]")


# "kế hoạch nào / bản nào / những huyện nào … nhắc tới X": which plans name something.
_WHICH_PLAN = re.compile(r"(?<!\w)((ke hoach|kh|ban|huyen|van ban) nao|nhung (ke hoach|huyen|ban)|ca bon (ke hoach|ban|huyen))(?!\w)")


_MENTION = re.compile(
    r"(?<!\w)(?:nhac|de cap|nhac den|noi)(?: (?:den|toi|ve))? (?P<term>[^,?.;:]+?)"
    r"(?= (?:va|hay|khong|ko|hong|o|trong|nhu the nao|the nao|ra sao|nhac|chua)(?!\w)|[,?.;:]|$)"
)


# A phrase quoted in the question ("…", “…”, «…»), two words at least.
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{4,80}?)[\"”»]")

_MENTIONS_PER_PLAN = 3
_MENTION_SLACK = 2  # words a plan may add inside a long name ("Chương trình … về [phát triển] văn hoá")


def _in_order(name: list[str], said: list[str]) -> bool:
    """A name of five words or more said in order, with at most :data:`_MENTION_SLACK` words added inside it."""
    if len(name) < 5:
        return False
    for start, w in enumerate(said):
        if w != name[0]:
            continue
        k, pos = 1, start + 1
        while k < len(name) and pos < len(said) and pos - start - k <= _MENTION_SLACK:
            if said[pos] == name[k]:
                k += 1
            pos += 1
        if k == len(name):
            return True
    return False


def _clip_folded(text: str, pattern: re.Pattern[str], limit: int = 240) -> str:
    """A long sentence cut to ``limit`` characters around the first place its folded form matches ``pattern``."""
    if len(text) <= limit:
        return text
    m = pattern.search(fold(text))
    start = max(0, (m.start() if m else 0) - limit // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # from a word's start
    piece = text[start : start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(text) else "")


# "… và kế hoạch giao ai chỉ đạo thực hiện": who carries the tasks out, asked after a group's content.
_WHO_DIRECTS = re.compile(r"giao (cho )?ai(?!\w)|(?<!\w)ai (chi dao|chiu trach nhiem|chu tri|phu trach|thuc hien)"
                          r"|(co quan|don vi|phong|ban|ben) nao (chi dao|chu tri|phu trach|thuc hien|chiu trach nhiem)")


class MentionFacets(FacetBase):
    """Answers gathered from sentences across a plan's sections (part of :class:`FacetAnswerer`)."""

    def _dated_deadlines(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Kế hoạch nào đặt hạn chót bằng ngày cụ thể (cho cấp xã)": each plan's dated deadlines, and the plans
        that set none — from every plan's text, not from the passages one question happened to retrieve."""
        listing = bool(re.search(r"(?<!\w)(cac|nhung|tat ca|liet ke)( cac)? (moc|han|thoi han)", qa.folded))
        if not (qa.asks_deadline or listing):
            return None
        plans = self._plans_for(qa)
        across = len(plans) >= 2 and (qa.wants_comparison or re.search(r"(?<!\w)(huyen|ke hoach|kh|noi|van ban) nao", qa.folded))
        if not (across and not qa.briefing or len(plans) == 1 and listing):
            return None  # (one plan: only "liệt kê các mốc thời hạn …"; one deadline asked is the passages' job)
        lines, none = [], []
        for plan in plans:
            found = []
            for s, e, text in sentences_in(self.chunks_by_doc.get(plan.doc_id, []), 0, 10**9):
                m = _DATED_DEADLINE.search(text)
                if m and (s, e) not in [(a, b) for a, b, _ in found]:
                    said = _clip_keeping(display(text).lstrip("-+• ").rstrip(" .;"), _DATED_DEADLINE)
                    # Whose deadline: the section it sits in ("3. Ủy ban nhân dân các xã, thị trấn").
                    sec = plan.section_at(s)
                    title = sec.full_title.split(":")[0].strip(" .") if sec is not None else ""
                    found.append((s, e, f"{title}: {said[:1].lower()}{said[1:]}" if 0 < len(title) <= 60 else said))
            if not found:
                none.append(plan.district)
                continue
            lines.append(f"- {plan.district}: " + "; ".join(f"{t}{cites.mark(plan.doc_id, s, e)}" for s, e, t in found[:4]) + ".")
        if not lines:
            return None
        text = "Kế hoạch đặt hạn bằng ngày cụ thể:\n" + "\n".join(lines)
        if len(plans) == 1:
            text = f"Các hạn ghi rõ ngày trong kế hoạch của {plans[0].district}:\n" + lines[0].split(": ", 1)[1]
        if none:
            text += f"\nKế hoạch của {', '.join(none)} không đặt hạn bằng ngày cụ thể."
        if "bao cao" in qa.folded:
            # "… các mốc thời hạn và đầu mối báo cáo": who reports what to whom, each plan's duties.
            for plan in plans:
                for d in plan.duties[:4]:
                    to = f" (gửi {d.to}{', qua ' + d.via if d.via else ''})" if d.to else ""
                    whose = f" ({plan.district})" if len(plans) > 1 else ""
                    text += f"\n- Báo cáo{whose}{to}: {display(d.text).rstrip(' .;')}{cites.mark(plan.doc_id, d.start, d.end)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "hạn trong văn bản các kế hoạch"}, spans=cites.spans)

    def _group_briefing(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Tóm lược các nội dung liên quan đến đồng bào DTTS", "có gì cho phụ nữ và trẻ em": every target and
        every task sentence of the plan that speaks of that group of people, cited one by one."""
        groups = groups_named(fold(qa.expanded_text))
        if qa.briefing and groups and all(g.key in topic_keys() for g in groups):
            return None  # "tóm lược các việc … cho người có công": a field of its own, the trainers' topic summary
        if not groups or qa.wants_comparison or QUANTITY_CUE.search(qa.folded) or LEAD_CUE.search(qa.folded) and not qa.briefing:
            return None
        if not (qa.briefing or asks_for_group(qa.folded)) or _ONE_OF_A_KIND.search(qa.folded):
            return None
        if _EMPLOYS_GROUP.search(qa.folded):
            return None  # "DN nào nhận người khuyết tật vào làm có được ưu đãi gì": the employers' incentive, one sentence
        if not _GROUP_WORD.search(qa.folded) and (
                _CONDITION.search(qa.folded) and _MENTION_ASKED.search(qa.folded)
                or _CONDITION.search(fold(qa.expanded_text)) and not _CONDITION.search(qa.folded)):
            # "có nhắc tới trẻ tự kỷ không", "các bé chậm nói, thu mình" (the plans' "trẻ tự kỷ"): the condition
            # itself, where the plan names it, not everything for the whole group.
            return None
        listed = _listed_after_colon(qa.text)
        if len(listed) >= 2 and not any(groups_named(fold(item)) and len(item.split()) <= 3 for item in listed):
            return None  # "chỉ tiêu y tế: tuổi thọ, …, suy dinh dưỡng trẻ em": indicators listed, not a group's content
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        # "những nhiệm vụ trong mục 3.4 có nhắc riêng tới vùng đồng bào …": only that section's.
        within = [x for r in qa.section_refs[:1] for x in plan.sections_labelled(r)]
        lo, hi = (within[0].start, within[0].end) if len(within) == 1 else (0, 10**9)
        if qa.section_refs and len(within) != 1:
            return None

        # "… về văn hóa, thông tin cho đồng bào dân tộc": the group's content in those fields only.
        # (The group's own words may be a field's keywords: "người khuyết tật" names no field by itself.)
        # ("có trợ cấp hay chăm sóc sức khỏe gì cho người cao tuổi": "trợ cấp" names a field as users type it, when
        # things are listed; "Quỹ Bảo trợ trẻ em" names a fund, not the field.)
        named = fields_named if THINGS_LISTED_FOR.search(qa.folded) else topics_named
        # (The fields are those the question asks in, not those of a story told before it: "được bác sĩ chẩn đoán
        # tự kỷ … Huyện có tính gì cho những trẻ như vậy" asks no health field.)
        # (A district kept after the question from the asker's introduction, "… không? (Phụng Hiệp)", is no sentence.)
        asked = re.split(r"(?<=[.!?])\s+(?=\S)", re.sub(r"\s*\([^()]{2,80}\)$", "", qa.expanded_text.strip()))[-1]
        fields = set(named(without_groups(fold(asked))))

        def about(text: str, where: int | None = None) -> bool:
            own = plan.section_at(where) if where is not None else None
            # (a part of the plan headed by the group, "Thực hiện tốt chính sách ưu đãi người có công": all of it;
            # not one naming it as a case in point, "… giảm nghèo bền vững, nhất là … vùng đồng bào DTTS")
            head = _AS_A_CASE.split(own.full_title)[0] if own is not None else ""
            if not any(mentions_group(text, g) or head and mentions_group(head, g) for g in groups):
                return False
            if not fields:
                return True
            sec = plan.section_at(where) if where is not None else None
            return bool(fields & set(topics_of(text))) or sec is not None and bool(fields & set(topics_of(sec.full_title)))

        targets = [t for t in plan.targets if lo <= t.start < hi
                   and (about(t.text) or fields and t.topic in fields and about(t.text.split(";")[0]))]
        tasks: list[tuple[int, int, str]] = []
        # What the question asks besides the group ("lúc ra trường": "sau khi tốt nghiệp"), in the plans' words.
        # (Pairs of words, neither a common one: "tốt nghiệp", not "kế hoạch" or "chính sách".)
        place = {w for d in qa.districts for w in syllables(d)}
        common = STOPWORDS | GENERIC_TARGET_WORDS | place | _COMMON_PAIR_WORDS
        also = {p for p in _pairs(without_groups(fold(qa.expanded_text))) if not set(p.split()) & common}
        previous = False  # whether the clause before was the group's
        for s, e, text in sentences_in(self.chunks_by_doc.get(plan.doc_id, []), lo, hi):
            # "… con của người có công … ưu đãi trong giáo dục; ưu tiên giải quyết việc làm sau khi tốt nghiệp": a
            # clause after a semicolon goes on about the one before when it says what else is asked, in another field.
            goes_on = previous and text[:1].islower() and bool(also & _pairs(text))
            previous = about(text, s)
            if not (previous or goes_on) or THUC_HIEN.match(display(text)):
                continue
            if any(s <= t.value_start < e for t in plan.targets):
                continue  # a target sentence: listed with the targets (Kim Động's shuffled pages mix the two)
            if plan.facts and any(s <= x.start < e for x in [plan.facts.number, plan.facts.date] if x is not None):
                continue
            # (A point said on its heading's line, "c) Về phát triển văn hóa: Xây dựng …", without the heading.)
            said = _HEADING_OPENING.sub("", display(text).lstrip("-+•* ")).rstrip(" .;")
            tasks.append((s, e, _clip_keeping(said, _GROUP_TERMS, GROUP_SENTENCE_CHARS)))
        if not targets and not tasks:
            return None
        if not qa.briefing and qa.own_case:
            # (what the asking sentence names, not the story's words; "hỗ trợ hay chăm sóc gì" asks all the help)
            targets, tasks = _focused(targets, tasks, (also & _pairs(asked)) - _HELP_PAIRS)
        names = ", ".join(g.key for g in groups)
        scope = f" về {', '.join(k for k in topic_keys() if k in fields)}" if fields else ""
        lines = [f"Nội dung{scope} liên quan đến {names} trong kế hoạch của {plan.district}:"]
        if targets:
            lines.append(f"Chỉ tiêu đến năm 2030 ({len(targets)}):")
            lines += [f"- {display(t.text).rstrip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)};" for t in targets[:MAX_POINTS]]
        if tasks:
            lines.append(f"Nhiệm vụ, giải pháp ({len(tasks)}):")
            said_leads: set[int] = set()
            for s, e, t in tasks[:MAX_POINTS]:
                lines.append(f"- {t[:1].upper()}{t[1:]}{cites.mark(plan.doc_id, s, e)};")
                # "… mỗi lĩnh vực ghi luôn phòng chủ trì": the lead line closing the block the sentence is in.
                block = next((a for a in plan.assignments if a.kind == "thực hiện" and a.task_start <= s < a.end), None)
                if LEAD_CUE.search(qa.folded) and block is not None and block.start not in said_leads:
                    said_leads.add(block.start)
                    lines[-1] = lines[-1].rstrip(";") + (f" ({THUC_HIEN.sub('', display(block.text)).rstrip(' .;')}"
                                                         f"{cites.mark(plan.doc_id, block.start, block.end)});")
            if _WHO_DIRECTS.search(qa.folded) and not said_leads and (direct := directing_line(plan.assignments)) is not None:
                # "… và kế hoạch giao ai chỉ đạo thực hiện": a plan with no lead lines says who directs its tasks.
                lines[-1] = lines[-1].rstrip(";") + "."
                lines.append(f"Kế hoạch không ghi cơ quan chủ trì riêng cho các việc này; phần tổ chức thực hiện giao: "
                             f"{display(direct.text).rstrip(' .;')}{cites.mark(plan.doc_id, direct.start, direct.end)};")
        lines[-1] = lines[-1].rstrip(";") + "."
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "nội dung về nhóm đối tượng", "groups": [g.key for g in groups]},
                          spans=cites.spans)

    def _mentions(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Kế hoạch nào có nhắc tới người di cư, nhắc ở phần nào?": per plan, the sentences that name it and the
        section they stand in, or that the plan does not name it."""
        if not _WHICH_PLAN.search(qa.folded):
            return None
        quoted = _QUOTED.search(qa.text)
        m = _MENTION.search(qa.folded)
        if quoted is not None:
            # "huyện nào ghi rõ nguồn lực nhà nước “giữ vai trò chủ đạo”": the words quoted are what is looked for.
            term = collapse_ws(quoted.group(1))
        elif m is None:
            return None
        else:
            term = collapse_ws(qa.text[m.start("term") : m.end("term")]).strip(" «»\"“”'")
        body = _BODY_START.search(qa.text, m.start("term")) if m is not None and quoted is None else None
        if body is not None and m is not None and body.start() < m.end("term"):
            # "nhắc đến việc gửi báo cáo Sở Lao động - Thương binh và Xã hội": the body's whole name ("và" inside).
            term = collapse_ws(re.split(r"[,?.;:]", qa.text[body.start():])[0]).strip(" «»\"“”'")
        if len([w for w in syllables(term) if w not in STOPWORDS]) < 2:
            return None
        # ("nhắc đến việc xây dựng …": "việc" says a deed follows, the plans write the deed alone)
        term = re.sub(r"(?i)^(?:việc|vấn đề|chuyện|nội dung)\s+", "", term)
        forms = {plain_name(term), plain_name(rewrite(term))}
        plans = list(self.book.plans)
        found: dict[str, list[tuple[int, int, str]]] = {}
        for plan in plans:
            chunks = self.chunks_by_doc.get(plan.doc_id, [])
            pieces = list(sentences_in(chunks, 0, 10**9))
            for i, (_s, e, text) in enumerate(pieces):
                if any(f in plain_name(text) or _in_order(f.split(), plain_name(text).split()) for f in forms):
                    j = i
                    while j > 0 and j > i - 3 and display(pieces[j][2]).lstrip("-+•* ")[:1].islower():
                        j -= 1  # a clause after ";": shown from its sentence's start
                    found.setdefault(plan.doc_id, []).append((pieces[j][0], e, source_text(chunks, pieces[j][0], e)))
        if not found:
            return None  # not named anywhere as typed: the passage answerer (or a refusal) takes it
        pattern = re.compile("|".join(re.escape(fold(f)) for f in (term, rewrite(term))))
        lines = [f"Các kế hoạch nhắc đến «{term}»:"]
        for plan in plans:
            hits = found.get(plan.doc_id, [])
            if not hits:
                lines.append(f"- {plan.district}: không nhắc đến.")
                continue
            said = []
            for s, e, text in hits[:_MENTIONS_PER_PLAN]:
                sec = plan.section_at(s)
                where = f" (mục {section_label(sec.label)} {shorten(display(sec.full_title).rstrip(' .:;'), 80)})".replace("  ", " ") if sec else ""
                shown = _clip_folded(display(collapse_ws(text)).lstrip("-+•* ").rstrip(" .;"), pattern)
                said.append(f"{shown}{cites.mark(plan.doc_id, s, e)}{where}")
            more = f" (và {len(hits) - _MENTIONS_PER_PLAN} chỗ khác)" if len(hits) > _MENTIONS_PER_PLAN else ""
            lines.append(f"- {plan.district}: " + "; ".join(said) + more + ".")
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "các chỗ nhắc đến trong từng kế hoạch"}, spans=cites.spans)


# Words of any help asked for ("có hỗ trợ, chăm sóc, ưu đãi gì"): they ask for all of a group's content.
_HELP_PAIRS = frozenset({"ho tro", "cham soc", "cham lo", "uu dai", "quan tam", "giup do", "tao dieu", "dieu kien", "chinh sach"})


def _focused(targets: list[Target], tasks: list[tuple[int, int, str]],
             also: set[str]) -> tuple[list[Target], list[tuple[int, int, str]]]:
    """Of a group's targets and task sentences, those saying what else the question asks ("con thương binh … lúc học
    và lúc ra trường": "… ưu đãi trong giáo dục …; … việc làm sau khi tốt nghiệp"), when only some of them do: a
    person asking one thing for their group wants that, not the group's whole content. Word pairs most of the
    group's sentences share ("ưu đãi người có công") say nothing of what is asked."""
    said = [(x, _pairs(x.text)) for x in targets] + [(x, _pairs(x[2])) for x in tasks]
    if len(said) < 2 or not also:
        return targets, tasks
    share = {p: sum(p in ps for _, ps in said) for p in also}
    specific = {p for p, n in share.items() if 0 < n <= len(said) // 2}
    kept = [x for x, ps in said if ps & specific]
    if not kept or len(kept) == len(said):
        return targets, tasks
    # Clauses of one sentence ("… ưu đãi trong giáo dục; ưu tiên giải quyết việc làm sau khi tốt nghiệp") go together.
    kept += [tasks[i - 1] for i, t in enumerate(tasks) if i and t in kept and t[2][:1].islower()]
    kept += [t for i, t in enumerate(tasks) if i and tasks[i - 1] in kept and t[2][:1].islower()]
    return [t for t in targets if t in kept], [t for t in tasks if t in kept]


def _pairs(text: str) -> set[str]:
    syl = syllables(fold(text))
    return {f"{a} {b}" for a, b in zip(syl, syl[1:], strict=False)}
