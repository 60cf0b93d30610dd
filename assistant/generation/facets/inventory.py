"""Everything of one kind a plan names, listed whole: the documents it cites, the funds it names, the bodies it
gives a task to lead ("Kể hết các quỹ được nhắc tên trong KH Kim Động")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.generation.base import REFUSAL, Generation
from assistant.generation.facets.base import Cites, FacetBase
from assistant.plan.facts import CITED_DOCUMENT, display
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.plan.topics import topics_named
from assistant.query import NAMES_PART, QueryAnalysis
from assistant.text import collapse_ws, fold, syllables

# "kể hết", "liệt kê", "tất cả", "những … nào được nhắc/dẫn": the whole list is asked, not the best sentence.
_EVERY = re.compile(r"(?<!\w)(ke het|ke ra|ke ten|liet ke|tat ca|toan bo|day du|het cac|het nhung|danh sach)(?!\w)")
# "trong phần nhiệm vụ, giải pháp": the part where a plan's tasks and their leads are.
_TASKS_PART = re.compile(r"(?<!\w)(phan|muc) (cac )?nhiem vu(?!\w)")
# ("dẫn" alone folds like "dân": only "dẫn chiếu", "viện dẫn", "trích dẫn".)
_NAMED_CUE = re.compile(r"(?<!\w)(dan chieu|vien dan|trich dan|nhac( den| toi)?( ten)?|de cap|neu ten|co ten|goi ten)(?!\w)")
_WHICH = re.compile(r"(?<!\w)(nhung|cac)(?!\w)[^?]{0,60}(?<!\w)nao(?!\w)")

# Kinds of document as the question names them (folded) and as the plan writes them.
_DOC_KINDS = {
    "nghi quyet": "Nghị quyết", "chuong trinh": "Chương trình", "de an": "Đề án", "chi thi": "Chỉ thị",
    "quyet dinh": "Quyết định", "ket luan": "Kết luận", "nghi dinh": "Nghị định", "thong tu": "Thông tư",
    "luat": "Luật", "cuoc van dong": "Cuộc vận động", "phong trao": "Phong trào",
}
_ANY_DOCUMENT = re.compile(r"(?<!\w)(van ban|tai lieu)(?!\w)")
# "quỹ" is only a fund with its mark ("quy" folds from "quy định", "quý" too); unmarked, only "các quỹ nào".
_FUND_MARKED = re.compile(r"(?<!\w)quỹ(?!\w)", re.IGNORECASE)
_FUND_FOLDED = re.compile(r"(?<!\w)(cac|nhung) quy(?! (dinh|hoach|che|trinh|mo|tac|luat|uoc))(?!\w)")
# "những cơ quan nào", "các phòng, ban nào": the bodies are what is asked (not "Phòng X chủ trì những việc nào").
_WHICH_BODIES = re.compile(r"(?<!\w)(nhung|cac) (co quan|don vi|phong|ban|ben)(?: [^?]{0,20})? nao(?!\w)[^?]{0,20}(?<!\w)chu tri(?!\w)")
_LEADS_ASKED = re.compile(r"(?<!\w)(co quan|don vi|phong|ban|ben|noi)(?!\w)[^?]{0,50}(?<!\w)(chu tri|dau moi)(?!\w)")

# A fund by its name: "Quỹ Bảo trợ trẻ em", "Quỹ “Đền ơn đáp nghĩa”".
_FUND = re.compile(r"\b[Qq]uỹ\s+[“\"']?[A-ZĐÀ-Ỹ][^,;.:()\n”\"]{2,40}[”\"']?")
# A cited document's reference: its kind, number and date ("Nghị quyết số 05-NQ/TU ngày 01/6/2022"), or its name.
_DOC_REF = re.compile(
    r"(?P<kind>Nghị quyết|Chỉ thị|Chương trình|Kế hoạch|Quyết định|Kết luận|Đề án|Nghị định|Luật|Thông tư"
    r"|[Cc]uộc vận động|[Pp]hong trào)( hành động)?"
    r"(?:(?:\s+số)?\s*(?P<num>\d+[^\s,;.()]*)(?:,?\s+ngày\s+\d{1,2}(?:[/-]\d{1,2}[/-]\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"|\s+(?P<name>[“\"][^”\"\n]{3,200}[”\"]|[*_]*[A-ZĐÀ-Ỹ][^,;.:()\n”\"]{2,60}))"
)
_NUMBER_SAID = re.compile(r"(?<!\w)(?:nghi quyet|nq|chuong trinh|ctr|ke hoach|kh|chi thi|de an|quyet dinh)\s*(?:so\s*)?(\d+)")
_NAME_END = re.compile(r"\s+(?:của|về|do|ngày|nhằm|trong|theo|và|đến|tại|cho|để|với|gắn|được)\s.*$")
_QUOTES = re.compile(r"[“”\"']")
MAX_LISTED = 15
_FUNDS = "nhắc đến {n} quỹ"


@dataclass
class _Item:
    key: str
    shown: str
    start: int
    end: int
    count: int = 1


def _lead_key(name: str) -> str:
    """One body however the plan ends its name ("Phòng Lao động - TB&XH huyện" = "Phòng Lao động - TB&XH")."""
    return re.sub(r"\s+huyen$", "", fold(name).strip(" .,;"))


class InventoryFacets(FacetBase):
    """Whole lists of one kind of thing a plan names (part of :class:`FacetAnswerer`)."""

    def _inventory(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        folded = qa.folded
        # "giao những cơ quan nào làm chủ trì": every lead body (in the tasks part, where they all are).
        leads = bool(_LEADS_ASKED.search(folded) and (_EVERY.search(folded) or _WHICH_BODIES.search(folded))
                     and not topics_named(qa.expanded_text) and not qa.section_refs)
        if not (_EVERY.search(folded) or _WHICH.search(folded) and _NAMED_CUE.search(folded) or leads):
            return None
        part = NAMES_PART.search(folded) and not (leads and _TASKS_PART.search(folded))
        kinds = [k for k in _DOC_KINDS if re.search(rf"(?<!\w){k}(?!\w)", folded)]
        plans = self._plans_for(qa)
        # "danh sách các nghị quyết, chương trình … trong phần nhiệm vụ": the documents one top part of the plan cites.
        top = (self._top_part_named(plans[0], folded) if part and len(plans) == 1 and _EVERY.search(folded) and kinds
               and not topics_named(qa.expanded_text) else None)
        if qa.wants_comparison or qa.section_refs or qa.asks_document_in_body or part and top is None:
            return None  # ("Ở mục phối hợp với Mặt trận …, cuộc vận động nào được nêu tên": that part's text answers)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if top is not None:
            items = self._documents(plan, [_DOC_KINDS[k] for k in kinds], within=(top.start, top.end))
            return self._listed(plan, cites, f"dẫn {{n}} văn bản trong phần {top.label}. {top.full_title.capitalize()}", items)
        if _FUND_MARKED.search(qa.text) or not qa.has_diacritics and _FUND_FOLDED.search(folded):
            return self._listed(plan, cites, _FUNDS, self._funds(plan))
        if (kinds or _ANY_DOCUMENT.search(folded)) and _NAMED_CUE.search(folded) and not topics_named(qa.expanded_text):
            # "Ngoài Nghị quyết 42 và Chương trình 225, … còn dẫn những văn bản nào": those named are left out.
            said = set(_NUMBER_SAID.findall(folded)) if re.search(r"(?<!\w)ngoai(?!\w)", folded) else set()
            items = [x for x in self._documents(plan, [_DOC_KINDS[k] for k in kinds])
                     if not any(re.match(rf"{n}(?!\d)", x.key) for n in said)]
            movements = bool(kinds) and set(kinds) <= {"phong trao", "cuoc van dong"}
            what = "nhắc đến {n} phong trào, cuộc vận động" if movements else "dẫn {n} văn bản" + (" khác" if said else "")
            return self._listed(plan, cites, what, items)
        if leads:
            return self._listed(plan, cites, "giao chủ trì cho {n} cơ quan, đơn vị", self._leads(plan))
        return None

    @staticmethod
    def _top_part_named(plan: PlanModel, folded: str) -> Section | None:
        """The top part of the plan a question names by the first words of its title ("phần nhiệm vụ")."""
        for m in re.finditer(r"(?<!\w)(?:phan|muc) ((?:\w+ ?){2})", folded):
            words = syllables(m.group(1))
            for sec in plan.outline:
                if sec.level == 1 and syllables(sec.full_title)[:2] == words:
                    return sec
        return None

    def _listed(self, plan: PlanModel, cites: Cites, what: str, items: list[_Item]) -> Generation | None:
        if not items and what != _FUNDS:
            return None  # none found as written: the passage answerer (or a refusal) takes it
        if not items:
            # "Kể hết các quỹ …" of a plan that names none: said so (the passage answerer would quote "quy định").
            return Generation(f"{REFUSAL} Kế hoạch của {plan.district} không {what.format(n='').replace('  ', ' ')} nào.",
                              [], True, self.name, evidence_score=1.0, guard={"refusal": "none_named"})
        shown = [f"{x.shown}{cites.mark(plan.doc_id, x.start, x.end)}" + (f" ({x.count} nhiệm vụ)" if x.count > 1 else "")
                 for x in items[:MAX_LISTED]]
        more = f" (và {len(items) - MAX_LISTED} mục khác)" if len(items) > MAX_LISTED else ""
        text = f"Kế hoạch của {plan.district} {what.format(n=len(items))}:\n" + "\n".join(f"- {s};" for s in shown).rstrip(";") + more + "."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "danh sách trong kế hoạch"}, spans=cites.spans)

    def _found(self, plan: PlanModel, pattern: re.Pattern[str]) -> list[tuple[re.Match[str], int]]:
        """Every match of ``pattern`` in the plan's text, with the offset of the chunk it is in."""
        seen: set[int] = set()
        out = []
        for c in self.chunks_by_doc.get(plan.doc_id, []):
            for m in pattern.finditer(c.text):
                at = c.start + m.start()
                if at not in seen:
                    seen.add(at)
                    out.append((m, c.start))
        return sorted(out, key=lambda mc: mc[1] + mc[0].start())

    def _funds(self, plan: PlanModel) -> list[_Item]:
        items: dict[str, _Item] = {}
        for m, base in self._found(plan, _FUND):
            name = _QUOTES.sub("", _NAME_END.sub("", collapse_ws(display(m.group(0))))).strip()
            # (A fund named twice is one fund, cited where it is first named.)
            items.setdefault(fold(name), _Item(fold(name), name, base + m.start(), base + m.end()))
        return list(items.values())

    def _documents(self, plan: PlanModel, kinds: list[str], within: tuple[int, int] | None = None) -> list[_Item]:
        """Each document cited (``within`` a span of the plan, if given), once, where it is first cited."""
        items: dict[str, _Item] = {}
        for m, base in self._found(plan, _DOC_REF):
            if within is not None and not within[0] <= base + m.start() < within[1]:
                continue
            if kinds and m.group("kind").capitalize() not in kinds:
                continue
            if m.group("kind") == "Kế hoạch" and not m.group("num"):
                continue  # "Kế hoạch này", "Kế hoạch thực hiện …": the plan itself
            if not CITED_DOCUMENT.match(m.group(0)):
                continue
            name = m.group("name") or ""
            # (A quoted name is whole: "Làm thay đổi nếp nghĩ, cách làm của đồng bào …".)
            shown = collapse_ws(display(m.group(0)))
            if name and not name.startswith(("“", '"')):
                shown = _NAME_END.sub("", shown)
            key = fold(m.group("num") or shown)
            if key in items:
                continue
            items[key] = _Item(key, _QUOTES.sub("", shown).strip(), base + m.start(), base + m.end())
        return list(items.values())

    def _leads(self, plan: PlanModel) -> list[_Item]:
        chosen = [a for a in plan.assignments if a.kind in ("thực hiện", "chủ trì")] or list(plan.assignments)
        items: dict[str, _Item] = {}
        for a in sorted(chosen, key=lambda a: a.start):
            for lead in a.leads:
                key = _lead_key(lead)
                if key in items:
                    items[key].count += 1
                else:
                    items[key] = _Item(key, display(lead), a.start, a.end)
        return list(items.values())
