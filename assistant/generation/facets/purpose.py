"""What a plan is for, what it requires of those who carry it out, and its general goal: the plan's own opening
parts ("Mục đích", "Yêu cầu", "Mục tiêu tổng quát"), asked in everyday words and given whole.

People ask "kế hoạch này nhằm làm gì", "Ủy ban làm ra kế hoạch để làm gì", "đòi hỏi gì ở các cấp ủy", "mục tiêu
chung là gì"; the answer is every point of that part, not the one sentence that shares most words with the question.

Example::

    >>> facets.answer(analyse("Huyện ủy Lạc Dương làm kế hoạch này nhằm làm gì?", districts), passages).text
    'I. MỤC ĐÍCH, YÊU CẦU có 4 ý: (1) Nhằm cụ thể hóa …'
"""

from __future__ import annotations

import re

from assistant.generation.base import Generation
from assistant.generation.facets.base import Cites, FacetBase, source_text
from assistant.lexicon import expand_abbreviations
from assistant.plan.model import PlanModel
from assistant.plan.outline import Section
from assistant.plan.topics import topics_named
from assistant.query import QueryAnalysis
from assistant.text import STOPWORDS, fold, syllables

# The plan itself is what is asked about ("kế hoạch này", "KH", "văn bản").
_THE_PLAN = re.compile(r"(?<!\w)(ke hoach|kh|van ban)(?!\w)")
# "nhằm (mục đích) gì", "để làm gì", "mục đích", "ra kế hoạch này nhằm …".
_PURPOSE = re.compile(
    r"(?<!\w)(muc dich|nham (muc dich |lam |toi |den |vao )?(gi|dieu gi|viec gi|nhung gi)|(de|nham) lam (gi|chi)"
    r"|(de|nham) (dat|huong toi) (dieu |nhung )?gi)(?!\w)"
)
# "những yêu cầu gì", "yêu cầu ra sao", "đòi hỏi gì ở …" (not "yêu cầu các xã báo cáo": a task).
_REQUIREMENTS = re.compile(
    r"(?<!\w)((nhung|cac) yeu cau|yeu cau (gi|nao|ra sao|the nao|dat ra|chung)|(dat|de) ra (nhung )?yeu cau"
    r"|yeu cau cua (ke hoach|kh)|doi hoi (gi|nhung gi|nhu the nao|ra sao|the nao))(?!\w)"
)
_GENERAL_GOAL = re.compile(r"(?<!\w)muc tieu (chung|tong quat|tong the|bao quat)(?!\w)")
# "tầm nhìn 2045" asked beside the general goal: the plan's vision part, given whole as well.
_VISION = re.compile(r"(?<!\w)tam nhin(?!\w)")
# A figure asked is a target, not the general goal ("mục tiêu chung … bao nhiêu %").
_FIGURE = re.compile(r"(?<!\w)(bao nhieu|may|ty le|ti le|chi tieu)(?!\w)|%")

# Words of the question that say what is asked or of which plan, not what the part should hold.
_ASKING = frozenset(
    "ke hoach kh van ban nay muc dich nham yeu cau doi hoi de lam gi chi dat ra toi den vao noi nom na ngan gon tom "
    "chung tong quat the muc tieu huyen uy ban dang ban hanh xay dung khi trien khai thuc hien nhung cac ve cua la "
    "o voi doi dieu viec gom nao sao nhu vay a ha tam nhin nam".split()
)


def _title(sec: Section) -> str:
    return fold(sec.full_title).strip(" .:*")


def _part(plan: PlanModel, kind: str) -> Section | None:
    """The plan's section for ``kind`` (purpose, requirements, general goal, vision); the whole "Mục đích, yêu cầu" part
    when the plan does not split it (Lạc Dương)."""
    if kind == "goal":
        return next((x for x in plan.outline if re.match(r"muc tieu (chung|tong quat)", _title(x))), None)
    if kind == "vision":
        return next((x for x in plan.outline if _title(x).startswith("tam nhin")), None)
    word = "muc dich" if kind == "purpose" else "yeu cau"
    own = next((x for x in plan.outline if x.level > 1 and re.match(rf"{word}(?!\w)", _title(x))), None)
    if own is not None:
        return own
    return next((x for x in plan.outline if x.level == 1 and _title(x).startswith("muc dich")), None)


class PurposeFacets(FacetBase):
    """The plan's purpose, requirements and general goal (part of :class:`FacetAnswerer`)."""

    def _purpose(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        if qa.wants_comparison or qa.section_refs or qa.briefing or qa.meta_fields:
            return None
        kinds = [k for k, cue in (("purpose", _PURPOSE), ("requirements", _REQUIREMENTS), ("goal", _GENERAL_GOAL))
                 if cue.search(qa.folded)]
        if not kinds or "goal" in kinds and _FIGURE.search(qa.folded):
            return None
        if "goal" in kinds and _VISION.search(qa.folded):
            kinds.append("vision")
        if kinds != ["goal"] and not _THE_PLAN.search(qa.folded):
            return None  # "Quỹ … lập ra để làm gì": a thing of the plan, not the plan itself
        if topics_named(qa.expanded_text):
            return None  # "mục tiêu chung về y tế", "yêu cầu gì về nhà ở": a field's part, not the plan's opening
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        parts: list[Section] = []
        for k in kinds:
            p = _part(plan, k)
            if p is not None and all(p is not x for x in parts):
                parts.append(p)
        if not parts:
            return None
        if not self._asked_within(plan, parts, qa):
            return None  # "yêu cầu gì đối với UBND các xã": that body's tasks, which the part does not name
        texts = [self._list_section(plan, sec, cites, qa).text for sec in sorted(parts, key=lambda x: x.start)]
        return Generation(" ".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục đích, yêu cầu, mục tiêu của kế hoạch"}, spans=cites.spans)

    def _asked_within(self, plan: PlanModel, parts: list[Section], qa: QueryAnalysis) -> bool:
        """Whether what the question says beyond asking (the bodies, the acts it names) is in those parts."""
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        # Compared with their marks when the question has them ("đồng" of "đồng bộ" is not "Động").
        key = (lambda w: w) if qa.has_diacritics else fold
        said = {key(w) for sec in parts for w in _WORDS.findall(source_text(doc_chunks, sec.start, sec.end).lower())}
        district = {w for d in qa.districts for w in syllables(d)}
        asked = _WORDS.findall(expand_abbreviations(qa.folded) if not qa.has_diacritics else qa.expanded_text.lower())
        rest = [w for w in asked if fold(w) not in STOPWORDS and fold(w) not in _ASKING and fold(w) not in district]
        if len(rest) <= 2:
            return True
        return sum(key(w) in said for w in rest) >= 0.6 * len(rest)


_WORDS = re.compile(r"[^\W\d_]+")
