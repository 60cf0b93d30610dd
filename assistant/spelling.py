"""Typos in a question mended against the plans' own words ("các chỉ tiu giáo dục" → "các chỉ tiêu giáo dục").

A syllable is mended only when all of these hold: no plan uses it, Vietnamese does not know it as a word
(wordfreq's list), it is one letter away from a syllable the plans use (folded: marks aside), and that
syllable stands beside the typed word's neighbour in the plans ("chỉ" + "tiêu" is a pair the plans write
often). Names (capitalised), shorthand ("KH", "ko") and the everyday words the lexicon reads are left as typed.

Example::

    >>> speller = Speller.from_stats(stats)
    >>> speller.correct("Tóm tắt các chỉ tiu giáo dục của Kon Rẫy")
    'Tóm tắt các chỉ tiêu giáo dục của Kon Rẫy'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.lexicon import ABBREVIATIONS, everyday_spans
from assistant.plain_words import word_frequency
from assistant.text import STOPWORDS, STOPWORDS_ACCENTED, fold, has_diacritics, nfc
from assistant.textstats import TextStats

# A pair of syllables the plans write in at least this many passages vouches for the mended word.
MIN_PAIR_PASSAGES = 2
# Vietnamese words at least this frequent (wordfreq) are words, not typos ("vụ" typed "vu" stays). Folded, many
# rare words share one spelling ("tiu" is "tíu", "tìu" …): a typed-without-marks syllable must be commoner.
KNOWN_WORD_FREQUENCY = 1e-7
KNOWN_FOLDED_FREQUENCY = 1e-5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TOKEN = re.compile(r"\w+")


def _one_letter_off(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or swap of adjacent letters away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    subs = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | subs | inserts) - {word}


@dataclass
class Speller:
    """Mends one-letter typos of a question against the syllables and syllable pairs of the indexed plans."""

    syllable_df: Counter[str]  # folded syllable → passages using it
    pair_df: Counter[str]  # folded "a_b" → passages using the pair
    marked_form: dict[str, str]  # folded syllable → its commonest written form in the plans
    term_df: Counter[str]  # written words (and folded syllables) → passages using them

    @classmethod
    def from_stats(cls, stats: TextStats) -> Speller:
        """Build from the index's :class:`~assistant.textstats.TextStats` (syllable, pair and word counts)."""
        term_df = stats.term_df
        forms: dict[str, tuple[int, str]] = {}
        for word, df in term_df.items():
            key = fold(word)
            if word != key and df > forms.get(key, (0, ""))[0]:
                forms[key] = (df, word)
        return cls(stats.syllable_df, stats.bigram_df, {k: w for k, (_, w) in forms.items()}, term_df)

    def correct(self, text: str) -> str:
        """``text`` with each one-letter typo mended (same text when there is none)."""
        text = nfc(text)
        folded = fold(text)
        lexicon_spans = everyday_spans(folded)
        tokens = list(_TOKEN.finditer(text))
        marked = has_diacritics(text)
        fixes: list[tuple[int, int, str]] = []
        for i, m in enumerate(tokens):
            word = m.group(0)
            key = fold(word)
            # Typed with marks, a word is known by its marks ("hiễm" is no word, though "hiem" folds like
            # "hiểm"); typed without, by its letters.
            known = word in self.term_df if marked else key in self.syllable_df
            common = (word_frequency(word, True) >= KNOWN_WORD_FREQUENCY if marked
                      else word_frequency(key, False) >= KNOWN_FOLDED_FREQUENCY)
            if (len(key) < 2 or not key.isalpha() or not word.islower() or known or common
                    or (word in STOPWORDS_ACCENTED if marked else key in STOPWORDS) or key in ABBREVIATIONS
                    or any(s <= m.start() < e for s, e in lexicon_spans)):
                continue
            prev = fold(tokens[i - 1].group(0)) if i > 0 else ""
            nxt = fold(tokens[i + 1].group(0)) if i + 1 < len(tokens) else ""
            best: tuple[tuple[int, int], str] | None = None
            # Marks alone may be wrong ("bảo hiễm"): the letters as typed are a candidate then.
            for cand in _one_letter_off(key) | ({key} if marked else set()):
                if cand not in self.syllable_df:
                    continue
                pair = max(self.pair_df.get(f"{prev}_{cand}", 0) if prev else 0,
                           self.pair_df.get(f"{cand}_{nxt}", 0) if nxt else 0)
                rank = (pair, self.syllable_df[cand])
                if pair >= MIN_PAIR_PASSAGES and (best is None or rank > best[0]):
                    best = (rank, cand)
            if best is not None:
                cand = best[1]
                fixes.append((m.start(), m.end(), self.marked_form.get(cand, cand) if marked else cand))
        for start, end, said in reversed(fixes):
            text = text[:start] + said + text[end:]
        return text
