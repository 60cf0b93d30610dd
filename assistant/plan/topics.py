"""Topic keyword map: which policy area (y tế, giáo dục, nhà ở, …) a target, task or question is about.

Keywords are folded (no diacritics, lower-case) and matched as whole syllable phrases, so "nha o",
"Nhà ở" and "NHÀ Ở" are the same topic. The list follows the areas of Nghị quyết 42-NQ/TW that all
four plans copy; it describes the domain, not particular questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import fold


@dataclass(frozen=True)
class Topic:
    key: str  # display name, also the identifier used in the API and CLI
    keywords: tuple[str, ...]  # folded phrases found in plan text
    aliases: tuple[str, ...] = ()  # extra folded forms a user may type for the topic itself


TOPICS: tuple[Topic, ...] = (
    Topic("người có công", ("nguoi co cong", "den on dap nghia", "liet si", "gia dinh thuong binh", "uu dai nguoi co cong"),
          ("co cong", "chinh sach uu dai")),
    Topic("lao động – việc làm", ("that nghiep", "viec lam", "thi truong lao dong", "dao tao nghe", "qua dao tao",
                                  "luc luong lao dong", "nguon nhan luc", "quan he lao dong", "giao duc nghe nghiep"),
          ("lao dong", "viec lam", "lao dong viec lam", "lao dong - viec lam", "nhan luc")),
    Topic("bảo hiểm", ("bao hiem xa hoi", "bao hiem y te", "bao hiem that nghiep", "luong huu", "huu tri"),
          ("bao hiem",)),
    Topic("giảm nghèo", ("giam ngheo", "ho ngheo", "thoat ngheo", "can ngheo", "tai ngheo", "vi nguoi ngheo"),
          ("ngheo", "xoa doi giam ngheo")),
    Topic("trợ giúp xã hội", ("tro giup xa hoi", "tro cap xa hoi", "bao tro xa hoi", "cuu tro", "36 thang tuoi",
                              "nguoi cao tuoi", "nguoi khuyet tat", "kho khan dot xuat", "dich vu xa hoi"),
          ("tro giup", "bao tro", "an sinh", "an sinh xa hoi", "tro cap")),
    Topic("giáo dục", ("giao duc", "pho cap", "mu chu", "hoc sinh", "truong hoc", "tieu hoc", "trung hoc",
                       "lop 1", "dai hoc", "giao vien"),
          ("giao duc dao tao", "giao duc va dao tao", "hoc tap", "truong lop")),
    Topic("y tế", ("y te", "suc khoe", "benh vien", "giuong benh", "bac si", "duoc si", "dieu duong", "tiem chung",
                   "suy dinh duong", "tuoi tho", "song khoe", "dich benh", "kham chua benh", "dinh duong"),
          ("suc khoe", "cham soc suc khoe")),
    Topic("dân số", ("dan so", "ty suat sinh", "muc sinh", "so con", "gia hoa dan so", "ti so gioi tinh",
                     "ty so gioi tinh"),
          ("sinh de", "ke hoach hoa gia dinh")),
    Topic("nhà ở", ("nha o", "nha tam", "dot nat", "dien tich nha", "dien tich binh quan", "cho o"),
          ("nha", "nha o xa hoi")),
    Topic("nước sạch – vệ sinh môi trường", ("nuoc sach", "nuoc thai", "nha tieu", "ve sinh moi truong",
                                            "cong trinh ve sinh", "thu gom", "o nhiem", "moi truong"),
          ("nuoc sach", "ve sinh", "moi truong", "nuoc sach va ve sinh moi truong")),
    Topic("thông tin", ("thong tin", "phat thanh", "truyen hinh", "vien thong", "cong nghe so", "moi truong mang"),
          ("tiep can thong tin", "truyen thong")),
    Topic("văn hoá", ("van hoa", "di san", "nep song"), ("van hoa",)),
)

_BY_KEY = {t.key: t for t in TOPICS}


def topic_keys() -> list[str]:
    """All topic names, in display order."""
    return [t.key for t in TOPICS]


def _phrase_re(phrase: str) -> re.Pattern[str]:
    # "tuyên truyền, giáo dục nâng cao nhận thức" raises awareness: no word of the education field;
    # "bảo mật thông tin", "dữ liệu và thông tin": data kept safe, no word of the information (media) field.
    not_the_field = {"giao duc": r"(?<!tuyen truyen, )(?<!tuyen truyen )",
                     "thong tin": r"(?<!bao mat )(?<!du lieu va )(?<!an toan )"}.get(phrase, "")
    return re.compile(r"(?<!\w)" + not_the_field + re.escape(phrase) + r"(?!\w)")


def _named_field_re(key: str) -> re.Pattern[str]:
    """The topic's own name after a field word ("lĩnh vực bảo hiểm", "mảng lao động - việc làm")."""
    return re.compile(r"(?:(?<=linh vuc )|(?<=mang ))" + re.escape(fold(key.replace("–", "-"))) + r"(?!\w)")


_PATTERNS = {t.key: [*(_phrase_re(k) for k in t.keywords), _named_field_re(t.key)] for t in TOPICS}


def topic_hits(text: str) -> dict[str, int]:
    """Number of keyword occurrences per topic in ``text`` (topics without hits are left out)."""
    return dict(_hits_in(fold(text)))


@lru_cache(maxsize=16384)
def _hits_in(folded: str) -> tuple[tuple[str, int], ...]:
    # The same passages are read for topics question after question: counted once each.
    out = []
    for key, patterns in _PATTERNS.items():
        n = sum(len(p.findall(folded)) for p in patterns)
        if n:
            out.append((key, n))
    return tuple(out)


def topics_of(text: str) -> list[str]:
    """Topics mentioned in ``text``, most mentioned first (ties in display order)."""
    hits = topic_hits(text)
    order = {k: i for i, k in enumerate(topic_keys())}
    return sorted(hits, key=lambda k: (-hits[k], order[k]))


# "nhà ở Lạc Dương", "nhà tôi ở xã …": where the asker lives, not housing (folded; a place follows).
# (Said of oneself: with whose home it is, or after a comma in a told sentence; "Nhà ở Kim Động …" opening a
# question is housing.)
_HOME_AT = re.compile(r"(?:(?<=, )nha|(?<!\w)nha (?:toi|minh|em|tui|chau|con|bac|co|chu)) o (?=\S)")


def _without_home_place(folded: str) -> str:
    """``folded`` with "nhà tôi ở", ", nhà ở" (where one lives) blanked."""
    return _HOME_AT.sub(lambda m: " " * len(m.group(0)), folded)


def topics_named(text: str) -> list[str]:
    """Topics a question names, in order, each phrase read once at its longest: "bảo hiểm y tế" names
    insurance, not also health ("y tế")."""
    folded = _without_home_place(fold(text))
    found = sorted(((m.start(), m.end(), key) for key, patterns in _PATTERNS.items() for p in patterns
                    for m in p.finditer(folded)), key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, key in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, key))
    return list(dict.fromkeys(key for _, _, key in sorted(taken)))


def fields_named(text: str) -> list[str]:
    """Topics a question names by a keyword or by a name of the field a user types ("trợ cấp", "bảo hiểm"):
    aliases of two syllables or more, as whole words."""
    found = topics_named(text)
    folded = _without_home_place(fold(text))
    for t in TOPICS:
        if t.key not in found and any(len(a.split()) >= 2 and _phrase_re(a).search(folded) for a in t.aliases):
            found.append(t.key)
    return found


def main_topic(text: str) -> str | None:
    """The topic a text names with its longest phrase ("dân số tham gia bảo hiểm y tế" is about insurance, not
    population); None when it names none."""
    folded = _without_home_place(fold(text))
    found = [(m.end() - m.start(), -m.start(), key) for key, patterns in _PATTERNS.items() for p in patterns
             for m in p.finditer(folded)]
    return max(found)[2] if found else None


def topics_of_passage(heading: str, text: str) -> list[str]:
    """Topics of a task: those its own heading names ("b) Về y tế"), else those its text mentions at
    least twice (a passing "giáo dục" in "tuyên truyền, giáo dục nâng cao nhận thức" is not enough)."""
    named = topics_of(heading)
    if named:
        return named
    hits = topic_hits(text)
    return [k for k in topics_of(text) if hits[k] >= 2]


class UnknownTopicError(ValueError):
    """The user named no known topic; the message lists the topics (Vietnamese)."""


def resolve_topic(name: str | None) -> str:
    """The topic key for a user-typed name ("y te", "Nhà ở", "nước sạch"…), or :class:`UnknownTopicError`."""
    if name is None or not name.strip():
        raise UnknownTopicError("Chưa chọn chủ đề. Các chủ đề: " + ", ".join(topic_keys()) + ".")
    q = " ".join(fold(name).replace("–", "-").split())
    for t in TOPICS:
        forms = {fold(t.key).replace("–", "-"), *t.aliases}
        if q in forms or q.replace(" - ", " ") in forms:
            return t.key
    # A longer phrase ("chăm sóc sức khoẻ ban đầu") names the topic whose keywords it contains most.
    hits = topic_hits(name)
    if hits:
        return topics_of(name)[0]
    raise UnknownTopicError(f"Không có chủ đề '{name.strip()}'. Các chủ đề: " + ", ".join(topic_keys()) + ".")


def topic(key: str) -> Topic:
    return _BY_KEY[key]


# -- groups of people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A group of people the plans' policies are for (not a field): "đồng bào dân tộc thiểu số", "phụ nữ"."""

    key: str  # display name
    asked: str  # folded pattern of the ways a question names the group
    terms: str  # pattern of the plans' own words for it, matched on lower-cased text with diacritics


GROUPS: tuple[Group, ...] = (
    Group("đồng bào dân tộc thiểu số", r"dan toc thieu so|dtts|dong bao dan toc|nguoi dan toc|vung dong bao",
          r"dân tộc thiểu số|đồng bào"),
    Group("phụ nữ", r"phu nu|chi em|ba me|me bau|mang thai|binh dang gioi", r"phụ nữ|mang thai|bình đẳng giới"),
    Group("trẻ em", r"tre em|tre nho|con nho|thieu nhi|tre so sinh", r"trẻ em|(?<!\w)trẻ (?:dưới|\d|mẫu|từ|sơ sinh)|thiếu nhi"),
    Group("người cao tuổi", r"nguoi cao tuoi|nguoi gia|ong ba|cu gia|nguoi lon tuoi",
          r"người cao tuổi|sau độ tuổi nghỉ hưu|già hóa|già hoá"),
    # (A condition named instead of the group: "con tôi bị tự kỷ", "cháu bị bại não", "khiếm thính".)
    Group("người khuyết tật", r"khuyet tat|tan tat|tu ky|tu ki|bai nao|cam diec|khiem thi|khiem thinh|mu loa|thieu nang"
          r"|hoi chung down", r"khuyết tật|tự kỷ"),
    # ("Thương binh" in "Phòng Lao động - Thương binh và Xã hội" is a body's name, not the group.)
    Group("người có công", r"nguoi co cong|(?<!lao dong - )(?<!lao dong )thuong binh(?! va xa hoi| xa hoi)|liet si"
          r"|gia dinh chinh sach|me viet nam anh hung",
          r"người có công|(?<!động - )(?<!động )thương binh(?! và xã hội| xã hội)|liệt sĩ|liệt sỹ"),
)
_GROUP_RES = [(g, re.compile(rf"(?<!\w)(?:{g.asked})(?!\w)"), re.compile(g.terms)) for g in GROUPS]


def groups_named(folded: str) -> list[Group]:
    """Groups of people a (folded) question names, in the order of GROUPS."""
    return [g for g, asked, _ in _GROUP_RES if asked.search(folded)]


def mentions_group(text: str, group: Group) -> bool:
    """``text`` (any case, with diacritics) speaks of ``group`` in the plans' own words."""
    return next(terms for g, _, terms in _GROUP_RES if g == group).search(text.lower()) is not None


def without_groups(folded: str) -> str:
    """A folded question with the groups of people it names blanked out."""
    for _, asked, _ in _GROUP_RES:
        folded = asked.sub(" ", folded)
    return folded
