"""Where a part of a plan sits among its neighbours: the section right after or before one the question names, the
first and last item of a section, and the plan's closing paragraph ("mục ngay sau mục 3.2 là mục gì", "ý cuối cùng
của mục 6", "phần nhiệm vụ mở đầu bằng mục nào và kết thúc bằng mục nào", "đoạn cuối cùng của kế hoạch").

Example::

    >>> facets.answer(analyse("Mục đứng trước mục 3.4 trong kế hoạch Kon Rẫy là mục nào?", districts), passages).text
    'Mục đứng trước mục 3.4 … là mục 3.3. Thực hiện có hiệu quả các chính sách an sinh xã hội … [1].'
"""

from __future__ import annotations

import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import Cites, FacetBase, section_label, source_text
from assistant.generation.facets.parts_across import part_about
from assistant.generation.facets.sections import ORDINAL, SectionFacets
from assistant.plan.facts import display
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.query import QueryAnalysis
from assistant.text import fold, shorten

_PART = r"(?:muc|tieu muc|phan|y|diem|doan|noi dung|nhom)"
# "mục ngay sau mục 3.2", "ý ngay sau ý 'Về nhà ở'", "mục đứng trước mục 3.4", "ngay sau phần … là phần gì".
_BESIDE = re.compile(
    rf"(?<!\w)(?:ngay |dung |lien |nam )?(?P<side>sau|tiep theo|ke tiep|tiep sau|truoc)(?: do)? (?P<anchor>{_PART}(?!\w)[^?]*)"
)
# "ý cuối cùng của mục 6", "mục 4 … kết thúc bằng ý gì", "mở đầu bằng mục nào".
# (Not a title's own words: "mục có tiêu đề kết thúc bằng «…»" names a section by how its title ends.)
_TITLE_WORDS = r"(?<!tieu de )(?<!ten )(?<!chu )(?<!cau )"
_LAST = re.compile(rf"(?<!\w)(?:{_PART} (?:cuoi cung|sau cung|cuoi)|{_TITLE_WORDS}ket thuc (?:bang|voi|o)|khep lai bang)(?!\w)")
_FIRST = re.compile(rf"(?<!\w)(?:{_PART} (?:dau tien|mo dau)|{_TITLE_WORDS}(?:mo dau|bat dau) (?:bang|voi|la))(?!\w)")
# "đoạn cuối cùng của kế hoạch", "kế hoạch kết thúc bằng đoạn nào": the plan's own closing paragraph.
_PLAN_CLOSING = re.compile(r"(?<!\w)(?:doan|cau|y) (?:cuoi cung|sau cung|cuoi) (?:cua |trong )?(?:ca |toan )?(?:ke hoach|kh|van ban|du thao)(?!\w)"
                           r"|(?:ke hoach|kh|van ban|du thao)[^?]{0,25}ket thuc bang (?:doan|cau|y)")
# A further ask about the neighbour ("…, và nó nhắc tới đề án nào", "ai chủ trì phần đó").
_MORE_ASKED = re.compile(r"(?<!\w)(?:ai|co quan nao|phong nao|don vi nao|(?:de an|chuong trinh|van ban) nao|noi (?:gi|ve gi)"
                         r"|gom (?:nhung )?gi|chu tri)(?!\w)")
_QUOTED = re.compile(r"[“\"«'‘]([^”\"»'’]{3,120})[”\"»'’]")


def asks_neighbour(folded: str) -> bool:
    """Whether a (folded) question asks where a part sits among its neighbours: one question, however many asks."""
    return bool(_BESIDE.search(folded) or _LAST.search(folded) or _FIRST.search(folded) or _PLAN_CLOSING.search(folded))


def _title(plan: PlanModel, sec: Section) -> str:
    return f"{section_label(sec.label)} {sec.full_title}".strip().rstrip(" .:;")


class NeighbourFacets(SectionFacets, FacetBase):
    """Neighbouring parts of a plan (part of :class:`FacetAnswerer`)."""

    def _neighbour(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        if qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if _PLAN_CLOSING.search(qa.folded):
            return self._closing_paragraph(plan, cites)
        beside = _BESIDE.search(qa.folded)
        if beside is not None:
            return self._beside(plan, qa, cites, beside)
        last, first = bool(_LAST.search(qa.folded)), bool(_FIRST.search(qa.folded))
        if (last or first) and not qa.section_refs and ORDINAL.search(qa.folded) and not (last and first):
            return None  # "mục cuối cùng của phần nhiệm vụ": the part's own last section (the outline answers)
        if last or first:
            return self._ends(plan, qa, cites, first=first, last=last)
        return None

    def _anchor(self, plan: PlanModel, qa: QueryAnalysis, said: str) -> Section | None:
        """The section the question places the other against: by its number, its quoted title or its topic."""
        start = len(qa.folded) - len(said)
        quoted = [m for m in _QUOTED.finditer(qa.text) if m.start() >= start - 2]
        scope = self._named_section(plan, qa)
        for m in quoted:
            phrase = fold(m.group(1)).strip()
            pool = [plan.outline[i] for i in scope.children] if scope is not None and scope.children else plan.outline
            hits = [x for x in pool if fold(x.full_title).strip(" .:*").startswith(phrase)]
            if len(hits) == 1:
                return hits[0]
        refs = re.findall(r"(?<!\w)(?:muc|phan|diem|tieu muc) (\d+(?:\.\d+)*|[ivx]+|[a-z])(?!\w)", said)
        if refs:
            found = plan.sections_labelled(refs[0])
            if scope is not None and scope.label.lower() != refs[0]:
                inside = [x for x in found if scope.start <= x.start < scope.end]
                found = inside or found
            return max(found, key=lambda x: x.level) if found else None
        topic = re.sub(rf"^\s*{_PART}?\s*(?:ve |noi ve )?", "", said)
        topic = re.split(r"(?<!\w)(?:la|thi|trong|cua|co|noi|nam)(?!\w)", topic)[0].strip(" ,.")
        # "mục về nhà ở": the section whose title holds that phrase ("Về nhà ở", "đ) Về nhà ở").
        return part_about(plan, topic) if topic else None

    def _named_section(self, plan: PlanModel, qa: QueryAnalysis) -> Section | None:
        """The section the question sets its scene in ("Trong mục 6 …", "mục 3.4 của Kon Rẫy"), if numbered."""
        if not qa.section_refs:
            return None
        found = plan.sections_labelled(qa.section_refs[0].lower())
        return min(found, key=lambda x: x.level) if found else None

    @staticmethod
    def _siblings(plan: PlanModel, sec: Section) -> list[Section]:
        parent = next((x for x in plan.outline if plan.outline.index(sec) in x.children), None)
        if parent is not None:
            return [plan.outline[i] for i in parent.children]
        return [x for x in plan.outline if x.level == sec.level]

    def _beside(self, plan: PlanModel, qa: QueryAnalysis, cites: Cites, m: re.Match[str]) -> Generation | None:
        anchor = self._anchor(plan, qa, m.group("anchor"))
        if anchor is None:
            return None
        row = self._siblings(plan, anchor)
        at = next((i for i, x in enumerate(row) if x is anchor), None)
        if at is None:
            return None
        before = m.group("side") == "truoc"
        k = at - 1 if before else at + 1
        where = "đứng trước" if before else "ngay sau"
        head = f"Trong kế hoạch của {plan.district}, mục {where} «{_title(plan, anchor)}»"
        if not 0 <= k < len(row):
            edge = "đầu tiên" if before else "cuối cùng"
            mark = cites.mark(plan.doc_id, anchor.start, max(anchor.heading_end, anchor.start + 1))
            return Generation(f"«{_title(plan, anchor)}»{mark} là mục {edge} ở cấp của nó; không có mục {where} nó.",
                              cites.cited, False, self.name, evidence_score=1.0,
                              guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        other = row[k]
        mark = cites.mark(plan.doc_id, other.start, max(other.heading_end, other.start + 1))
        text = f"{head} là {_title(plan, other)}{mark}."
        if _MORE_ASKED.search(fold(qa.text[m.end("side"):])):
            # "…, và nó nhắc tới đề án nào", "ai chủ trì phần đó": what that part says, its lead line with it.
            text += " " + self._list_section(plan, other, cites, qa).text
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _ends(self, plan: PlanModel, qa: QueryAnalysis, cites: Cites, *, first: bool, last: bool) -> Generation | None:
        """The first and/or last item of the section the question names: a sub-section, or a point of a leaf."""
        sec = self._named_section(plan, qa) or self._section_quoted(plan, qa)
        if sec is None:
            if qa.section_refs:
                return None
            named = self._section_by_title(plan, qa)
            sec = named if named is not None and named.level == 1 else None
        if sec is None:
            return None
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        items: list[tuple[str, int, int]] = []
        if sec.children:
            kids = [plan.outline[i] for i in sec.children]
            items = [(_title(plan, x), x.start, max(x.heading_end, x.start + 1)) for x in kids]
            unit = "mục"
        elif sec.points:
            items = [(shorten(display(source_text(doc_chunks, s, e)).lstrip("-+•* "), 600), s, e) for s, e in sec.points]
            unit = "ý"
        else:
            return None
        said = []
        for want, idx, word in ((first, 0, "mở đầu"), (last, -1, "cuối cùng")):
            if want:
                text, s, e = items[idx]
                said.append(f"{unit} {word} là: {text.rstrip(' .;')}{cites.mark(plan.doc_id, s, e)}")
        head = f"«{_title(plan, sec)}» (kế hoạch của {plan.district}) có {len(items)} {unit}"
        return Generation(f"{head}; " + "; ".join(said) + ".", cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _closing_paragraph(self, plan: PlanModel, cites: Cites) -> Generation | None:
        """The plan's last paragraph of text before its recipients and signature."""
        end = min((r.start for r in plan.facts.recipients), default=None)
        body = [p for p in plan.paragraphs if p.role not in ("signature",) and (end is None or p.end <= end)
                and len(p.flat.strip()) > 40 and not fold(p.flat).lstrip(" -*").startswith("noi nhan")]
        if not body:
            return None
        p = body[-1]
        text = (f"Đoạn cuối cùng của kế hoạch của {plan.district} (trước phần Nơi nhận): "
                f"{shorten(display(p.flat).lstrip('-+•* '), 900).rstrip(' ./')}{cites.mark(plan.doc_id, p.start, p.end)}.")
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
