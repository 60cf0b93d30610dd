"""Answers composed from the plan model: every facet a question asks for, each cited to its line.

Handles what the sentence ranker cannot do from one passage:

* questions about the documents themselves, several facets at once (number, date, issuer, signer and
  title, recipients, implemented documents, draft or final), for one plan or one line per plan, and
  "which plan was issued first";
* section questions ("mục 3.4 gồm những nội dung nào", "phần về nhà ở có mấy ý"), answered with every
  sub-section or point, by number or by the section's title;
* refusals that say why: a district that is not in the corpus (naming the plans that are), a target
  year the plan does not set (naming the year it does set, with a cited figure), fields the document
  leaves blank.

Returns ``None`` for everything else, and the pipeline goes on to the passage answerer.

Example::

    >>> facets = FacetAnswerer(book, chunks)
    >>> g = facets.answer(analysis, passages)
    >>> g.text, g.spans
"""

from __future__ import annotations

from assistant.generation.base import Generation
from assistant.generation.facets.base import Cites
from assistant.generation.facets.bodies import BodyFacets
from assistant.generation.facets.document import DocumentFacets
from assistant.generation.facets.inventory import InventoryFacets
from assistant.generation.facets.leads import LeadFacets
from assistant.generation.facets.mentions import MentionFacets
from assistant.generation.facets.neighbours import NeighbourFacets
from assistant.generation.facets.parts_across import PartsAcrossFacets
from assistant.generation.facets.purpose import PurposeFacets
from assistant.generation.facets.refusals import RefusalFacets
from assistant.generation.facets.sections import SectionFacets
from assistant.generation.facets.targets import TargetFacets
from assistant.query import QueryAnalysis
from assistant.retrieval import Passage


class FacetAnswerer(RefusalFacets, BodyFacets, DocumentFacets, InventoryFacets, MentionFacets, PurposeFacets, PartsAcrossFacets, NeighbourFacets, SectionFacets, TargetFacets, LeadFacets):
    """Structured answers from a :class:`PlanBook`; ``answer()`` returns a Generation or None."""

    def answer(self, qa: QueryAnalysis, passages: list[Passage]) -> Generation | None:
        cites = Cites(passages, self.chunks_by_doc)
        if qa.checks_a_guess:
            # "Có phải … giao Phòng X … không?": the passage answerer checks the guess against the text, unless the
            # plan guessed about is not in the corpus or is filtered out.
            return self._filtered_out(qa, cites) or self._unknown_district(qa, cites)
        steps = (self._filtered_out, self._unknown_district, self._section_not_in_plan, self._money_not_given, self._document_named, self._concept_not_mentioned, self._task_not_mentioned, self._thing_only_elsewhere, self._target_thing_unknown, self._current_not_given, self._contact_not_given, self._plan_summary, self._inventory, self._neighbour, self._parts_across, self._person_in_post, self._meta, self._purpose, self._parts_of_plan, self._mentions, self._body_section, self._body_tasks, self._unled_groups, self._each_task_lead, self._section, self._year_vision, self._year_not_set, self._scope_not_set,
                 self._target_year, self._dated_deadlines, self._duties, self._duty_holders, self._group_briefing, self._other_thing_not_set, self._related_indicator, self._targets, self._targets_across, self._leads_across, self._indicator_in_other_words, self._indicator_not_set, self._target_set_nowhere,
                 self._block_lead,
                 self._topic_leads)
        for step in steps:
            g = step(qa, cites)
            if g is not None:
                return g
        return None
