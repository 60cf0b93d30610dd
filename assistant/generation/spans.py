"""Sentence-level citations: where in the source the words of an answer come from.

An answer quotes its passages in display form (markdown markers dropped, whitespace collapsed), so
a quote is found by comparing in that form while keeping a map back to source offsets.

Example::

    >>> locate(chunk, "Phòng Kinh tế - Hạ tầng chủ trì")
    (22410, 22441)
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.chunking import Chunk

_SKIP = set("*#\\_")
_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_PIECE = re.compile(r"[;:]\s+|,\s+(?=\S{4})|\s+[-–]\s+")


@lru_cache(maxsize=4096)
def _normalised(text: str) -> tuple[str, tuple[int, ...]]:
    """Lower-case text without markup and with single spaces, and each kept character's offset."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for i, ch in enumerate(text):
        if ch in _SKIP:
            continue
        if ch.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        out.append(ch.lower())
        where.append(i)
        space = False
    return "".join(out), tuple(where)


def locate(chunk: Chunk, quote: str) -> tuple[int, int] | None:
    """Source span of ``quote`` inside ``chunk`` (in document offsets), or None."""
    norm, where = _normalised(chunk.text)
    q, _ = _normalised(quote)
    q = q.strip(" .;,:…")
    if len(q) < 6:
        return None
    i = norm.find(q)
    if i < 0:
        return None
    return chunk.start + where[i], chunk.start + where[i + len(q) - 1] + 1


def locate_broken(chunk: Chunk, quote: str) -> list[tuple[int, int]]:
    """Spans of a quote the source prints in pieces (a footnote or page header inside the sentence): each
    longest leading run of its words found in order; [] unless every piece is found."""
    norm, where = _normalised(chunk.text)
    rest = _normalised(quote)[0].strip(" .;,:…").split(" ")
    out: list[tuple[int, int]] = []
    pos = 0
    while rest:
        best = None
        for k in range(len(rest), 0, -1):
            piece = " ".join(rest[:k])
            i = norm.find(piece, pos)
            if i >= 0:
                best = (i, k, piece)
                break
        if best is None or len(best[2]) < 12 and best[1] < len(rest):
            return []
        i, k, piece = best
        out.append((chunk.start + where[i], chunk.start + where[i + len(piece) - 1] + 1))
        pos, rest = i + len(piece), rest[k:]
    return out if len(out) > 1 else []


def answer_spans(answer: str, chunks: dict[int, Chunk]) -> dict[int, list[tuple[int, int]]]:
    """For each cited passage number, the spans of the answer's words quoted from it.

    The text before a marker [n] (back to the previous marker) is what passage n supports; where a
    composed answer adds words of its own ("Kon Rẫy: …"), its quoted pieces are found one by one.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    pos = 0
    for m in _MARKER.finditer(answer):
        n = int(m.group(1))
        segment = answer[pos : m.start()]
        pos = m.end()
        chunk = chunks.get(n)
        if chunk is None:
            continue
        segment = re.sub(r"^[\s.;,\-]*(?:[^\s:]{2,20}(?:\s[^\s:]{2,20}){0,2}:\s+)?", "", segment)
        found = locate(chunk, segment)
        pieces = [found] if found else locate_broken(chunk, segment) or [
            locate(chunk, p) for p in _PIECE.split(segment) if len(p) >= 12
        ]
        for span in pieces:
            if span and span not in spans.setdefault(n, []):
                spans[n].append(span)
    return {n: sorted(v) for n, v in spans.items() if v}
