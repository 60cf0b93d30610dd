"""Follow-up questions: turn "Còn ở Lạc Dương thì sao?" into a standalone question.

LLM backends may rewrite through the rewrite prompt (``prompts/``); this rule-based rewrite is the
offline default and the fallback. It handles the common elliptical forms: a new district, a new topic
or a short "còn … thì sao?" that reuses the previous question's frame.
"""

from __future__ import annotations

import re

from assistant.text import find_names, fold, nfc

_ELLIPTIC_START = re.compile(r"^(con|vay con|the con|va|con o|con tai|con voi|con ve)\b")
_ELLIPTIC_END = re.compile(r"(thi sao|the nao|ra sao|nhu the nao|thi the nao)\??$")
# Longer than this, a question ending "… thế nào?" carries its own subject ("Mục 3.4 … gồm những tiểu mục nào,
# đánh ký hiệu thế nào?"): only "còn …" opens a follow-up then.
_SHORT_FOLLOWUP = 10


def last_user_question(history: list[dict[str, str]] | None) -> str | None:
    """The most recent question in a chat history of ``{"role", "content"}`` or ``{"question"}`` items."""
    for turn in reversed(history or []):
        if turn.get("role") in (None, "user") and (turn.get("content") or turn.get("question")):
            return nfc(turn.get("content") or turn.get("question") or "")
    return None


def rewrite_followup(
    question: str, history: list[dict[str, str]] | None, districts: list[str], aliases: dict[str, list[str]] | None = None
) -> str:
    """A standalone version of ``question`` given the chat ``history`` (unchanged when already standalone)."""
    prev = last_user_question(history)
    q = nfc(question).strip()
    if not prev:
        return q
    folded = fold(q)
    n = len(folded.split())
    elliptic = bool(_ELLIPTIC_START.search(folded)) or bool(_ELLIPTIC_END.search(folded)) and n <= _SHORT_FOLLOWUP
    if not elliptic and n > 6:
        return q
    new_districts = find_names(q, districts, aliases)
    old_districts = find_names(prev, districts, aliases)
    if new_districts and old_districts:
        # Same question frame, other district: replace the district names in the previous question.
        out = prev
        for old in old_districts:
            out = re.sub(re.escape(old), new_districts[0], out, flags=re.IGNORECASE)
        if fold(new_districts[0]) not in fold(out):
            out = f"{out.rstrip(' ?')} ở {new_districts[0]}?"
        return out
    if new_districts:
        return f"{prev.rstrip(' ?')} ở {new_districts[0]}?"
    # A new topic in the same district ("Còn về y tế thì sao?"): keep the previous district.
    topic = re.sub(r"(?i)^(còn|vậy còn|thế còn|và)\s+|\s*(thì sao|thế nào|ra sao|như thế nào|thì thế nào)\s*\??$", "", q).strip(" ?")
    if old_districts and topic:
        return f"{topic} ở {old_districts[0]}?"
    return f"{prev.rstrip(' ?')} {topic}?" if topic else prev
