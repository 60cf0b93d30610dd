"""How common a word is in everyday Vietnamese, for the words of a question that no plan uses.

Such a word is either the asker's talk ("Má tôi già rồi, … được hông?", "mấy đứa nhỏ") or a thing the
plans do not cover ("xe buýt"). Weighting both alike lets talk drown an everyday question whose topic the
plans do cover. General-language frequency (wordfreq's Vietnamese list, syllables as Vietnamese writes
them) tells them apart: talk is made of the language's commonest syllables.

Example::

    >>> is_common_talk("rồi"), is_common_talk("buýt")
    (True, False)
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import get_frequency_dict

from assistant.text import fold

# Zipf 5 (one in 100,000 words) and above: the ~1,250 commonest Vietnamese syllables ("rồi", "cũng", "vô",
# "thêm", "nhỏ"); "buýt", "tivi", "chập chờn" are below. Measured on every eval set (README, session 9).
COMMON_FREQUENCY = 1e-4


# Spoken particles and pronouns that written Vietnamese (wordfreq's sources) seldom spells out, Southern and
# Central speech mostly: as much talk as "rồi" or "cũng".
SPOKEN: frozenset[str] = frozenset(
    "hông hổng hổm vầy dầy dzậy zậy nè nhen nghen hen hén hả hở ha à ạ ơi nhé nha tui tụi tao mầy bả ổng ảnh chỉ "
    "má mạ ba tía nhiêu nhứt hổm bữa ghê lắm quá đó đấy "
    # Verbs of talk: what someone is told, not a thing ("có nói gì về chuyện khuyên người lao động …").
    "khuyên dặn nhắc"
    .split()
)


@lru_cache(maxsize=1)
def _frequencies() -> tuple[dict[str, float], dict[str, float]]:
    exact = get_frequency_dict("vi", wordlist="small")
    folded: dict[str, float] = {}
    for word, freq in exact.items():
        key = fold(word)
        folded[key] = max(folded.get(key, 0.0), freq)  # unmarked "roi" may be "rồi" or "rơi": the commoner
    return exact, folded


def is_common_talk(word: str, marked: bool = True) -> bool:
    """Whether ``word`` (a lower-case syllable; folded when ``marked`` is false) is among the commonest
    syllables of everyday Vietnamese."""
    return word_frequency(word, marked) >= COMMON_FREQUENCY


_SPOKEN_FOLDED = frozenset(fold(w) for w in SPOKEN)


def word_frequency(word: str, marked: bool = True) -> float:
    """How often ``word`` (lower-case; folded when ``marked`` is false) occurs in everyday Vietnamese (0 if never)."""
    if word in (SPOKEN if marked else _SPOKEN_FOLDED):
        return COMMON_FREQUENCY
    exact, folded = _frequencies()
    return (exact if marked else folded).get(word, 0.0)
