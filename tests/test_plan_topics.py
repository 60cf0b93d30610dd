"""Topic keywords of the plan model (assistant/plan/topics.py)."""

from __future__ import annotations

from assistant.plan.topics import topics_named


def test_topics_named_reads_each_phrase_once_at_its_longest():
    assert topics_named("gian lận bảo hiểm xã hội, bảo hiểm y tế") == ["bảo hiểm"]
    assert topics_named("mảng giáo dục và mảng y tế") == ["giáo dục", "y tế"]
