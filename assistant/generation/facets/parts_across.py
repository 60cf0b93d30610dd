"""Which plans give a subject a part of its own ("kế hoạch nào (không) có mục riêng về hợp tác quốc tế"): the plans'
outlines compared, one line per plan.

Example::

    >>> facets.answer(analyse("Kế hoạch nào không có mục riêng về hợp tác quốc tế?", districts), passages).text
    'Không có mục riêng về «hợp tác quốc tế»: Kim Động, Kon Rẫy. …'
"""

from __future__ import annotations

import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import Cites, FacetBase, section_label
from assistant.generation.facets.sections import section_by_topic_words
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.query import QueryAnalysis
from assistant.text import STOPWORDS, fold, nfc, syllables

_WHICH_HAS = re.compile(
    r"(?<!\w)(?:ke hoach|kh|huyen|ban|van ban) nao (?P<neg>khong |chua )?(?:co|danh|danh rieng|lap) (?:han |hoan toan |that su )?(?:mot )?"
    r"(?:muc|phan|noi dung|nhom nhiem vu|nhom giai phap|de muc)(?: rieng| doc lap)?(?: (?:ve|noi ve|cho|danh cho))? "
    r"(?P<topic>[^?]{3,120}?)\s*(?:khong|ko|chua)?\s*\??\s*$"
)


# Parts of a document's header and footer rather than of its outline ("kế hoạch nào không có phần nơi nhận").
_HEADER_BLOCK = re.compile(r"(?<!\w)(?:(?P<recipients>noi nhan)|(?P<signer>(?:khoi )?chu ky|nguoi ky)|(?P<number>so hieu|so van ban)"
                           r"|(?P<date>ngay (?:ban hanh|ky|thang)))(?!\w)")


_WHICH_HEADER = re.compile(r"(?<!\w)(?:ke hoach|kh|huyen|ban|van ban) nao (?P<neg>khong |chua )?(?:co |ghi |de )?(?:phan |muc )?"
                           r"(?P<topic>noi nhan|(?:khoi )?chu ky|nguoi ky|so hieu|so van ban|ngay ban hanh)(?!\w)")


_MOST = 0.75  # share of a subject's words a section title must hold to be its part


def part_about(plan: PlanModel, topic: str) -> Section | None:
    """The plan's section about ``topic`` (folded): the shallowest one whose title holds the phrase, else the one
    whose title holds most of its words in a row."""
    hits = [x for x in plan.outline if re.search(rf"(?<!\w){re.escape(topic)}(?!\w)", fold(x.full_title))]
    if hits:
        return min(hits, key=lambda x: (x.level, x.start))
    sec = section_by_topic_words(plan, topic)
    words = {w for w in syllables(topic) if w not in STOPWORDS}
    # Most of the subject's words, not two of them ("hội nhập quốc tế" is not "hợp tác quốc tế").
    if sec is None or len(words & set(syllables(sec.full_title))) < _MOST * len(words):
        return None
    return sec


class PartsAcrossFacets(FacetBase):
    """Which plans have a part on a subject (part of :class:`FacetAnswerer`)."""

    def _parts_across(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        if (h := _WHICH_HEADER.search(qa.folded)) is not None and len(plans := self._plans_for(qa)) >= 2:
            # "Văn bản nào chưa có chữ ký?": no "mục/phần" said, the header or footer asked all the same.
            block = _HEADER_BLOCK.search(h.group("topic"))
            shown = nfc(qa.text)[h.start("topic"):h.end("topic")]
            return self._header_block_across(plans, block.lastgroup or "" if block else "", shown, bool(h.group("neg")), cites)
        m = _WHICH_HAS.search(qa.folded)
        if m is None:
            return None
        plans = self._plans_for(qa)
        if len(plans) < 2:
            return None
        topic = m.group("topic").strip(" ,.")
        shown = nfc(qa.text)[m.start("topic"):m.start("topic") + len(topic)]
        if (block := _HEADER_BLOCK.search(topic)) is not None:
            return self._header_block_across(plans, block.lastgroup or "", shown, bool(m.group("neg")), cites)
        found = [(plan, part_about(plan, topic)) for plan in plans]
        having = [(p, s) for p, s in found if s is not None]
        lacking = [p for p, s in found if s is None]
        lines = []
        for plan, sec in having:
            mark = cites.mark(plan.doc_id, sec.start, max(sec.heading_end, sec.start + 1))
            lines.append(f"- {plan.district}: có, mục {section_label(sec.label)} {sec.full_title.rstrip(' .:;')}{mark}.".replace("mục  ", "mục "))
        lines += [f"- {plan.district}: không có mục riêng." for plan in lacking]
        if m.group("neg"):
            head = (f"Không có mục riêng về «{shown}»: {', '.join(p.district for p in lacking)}." if lacking
                    else f"Kế hoạch nào cũng có mục riêng về «{shown}».")
        else:
            head = (f"Có mục riêng về «{shown}»: {', '.join(p.district for p, _ in having)}." if having
                    else f"Không kế hoạch nào có mục riêng về «{shown}».")
        return Generation(head + "\n" + "\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục các kế hoạch"}, spans=cites.spans)

    def _header_block_across(self, plans: list[PlanModel], block: str, shown: str, negated: bool,
                             cites: Cites) -> Generation:
        """"Kế hoạch nào không có phần nơi nhận / chữ ký / số": each plan's header or footer, from its facts."""
        lines, having, lacking = [], [], []
        for plan in plans:
            f = plan.facts
            fact = {"recipients": f.recipients[0] if f.recipients else None, "signer": f.signer or f.signer_title,
                    "number": f.number if f.number and not f.number.blank else None,
                    "date": f.date if f.date and not f.date.blank else None}[block]
            draft = " (bản dự thảo)" if plan.is_draft else ""
            blank = {"number": f.number, "date": f.date}.get(block)
            if fact is None and blank is not None and blank.blank:
                # "Số: /KH-UBND": the field is there, left blank.
                lacking.append(plan.district)
                lines.append(f"- {plan.district}: để trống{draft} («{blank.line.strip()}»){cites.mark(plan.doc_id, blank.start, blank.end)}.")
            elif fact is None:
                lacking.append(plan.district)
                lines.append(f"- {plan.district}: không có{draft}.")
            else:
                having.append(plan.district)
                lines.append(f"- {plan.district}: có{cites.mark(plan.doc_id, fact.start, fact.end)}.")
        if negated:
            head = f"Không có «{shown}»: {', '.join(lacking)}." if lacking else f"Kế hoạch nào cũng có «{shown}»."
        else:
            head = f"Có «{shown}»: {', '.join(having)}." if having else f"Không kế hoạch nào có «{shown}»."
        return Generation(head + "\n" + "\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mô hình kế hoạch", "facets": [block]}, spans=cites.spans)
