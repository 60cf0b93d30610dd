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
        m = _WHICH_HAS.search(qa.folded)
        if m is None:
            return None
        plans = self._plans_for(qa)
        if len(plans) < 2:
            return None
        topic = m.group("topic").strip(" ,.")
        shown = nfc(qa.text)[m.start("topic"):m.start("topic") + len(topic)]
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
