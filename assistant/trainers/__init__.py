"""Tools for trainers preparing quán triệt sessions: structured targets and assignments extracted from
every plan (:mod:`.extract`), cross-district comparison (:mod:`.compare`), cited briefing outlines
(:mod:`.briefing`), the chat answerer for comparison questions (:mod:`.chat`) and the extraction
score against the hand-checked gold lists (:mod:`.score`).

Everything here is rule-based on the plans' own wording: no LLM is needed, every row keeps the exact
character span of its source so it can be cited and checked.
"""
