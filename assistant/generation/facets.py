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

import math
import re
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.chunking import Chunk
from assistant.generation.base import REFUSAL, Generation
from assistant.lexicon import MASS_ORGANISATION, expand_abbreviations, expand_body_names, rewrite
from assistant.places import district_named
from assistant.plan.extract import Assignment, Target
from assistant.plan.facts import BLANK, CITED_DOCUMENT, Fact, display
from assistant.plan.model import PlanBook, PlanModel
from assistant.plan.outline import ITEM_SUBJECT, Duty, Section
from assistant.plan.overview import plan_overview
from assistant.plan.topics import (
    groups_named,
    mentions_group,
    topic,
    topic_keys,
    topics_named,
    topics_of,
    without_groups,
)
from assistant.query import (
    ASKS_DOCUMENTS,
    LABEL_ASKED,
    NAMES_PART,
    SECTION_NUMBER,
    QueryAnalysis,
    without_giver,
    without_lead_frame,
)
from assistant.retrieval import Passage, cite_chunk
from assistant.text import (
    STOPWORDS,
    collapse_ws,
    dates_in,
    fold,
    shorten,
    shorten_sentences,
    syllables,
    words,
)
from assistant.textstats import TextStats

# What a question asks about the document itself, on folded text.
# Where a part's text moves to its next point: a new line after a sentence's end or opening a bullet, or a bullet
# after a sentence on the same line; a hard-wrapped line ("vùng sâu, vùng\nxa") goes on.
_POINT_BREAK = re.compile(r"(?<=[.:!?])[ \t]*\n|\n(?=\s*[-+•*]\s)|(?<=[.;:])\s+(?=[-+•]\s)")
_SENT_FOR = re.compile(r"(?<!\w)gui (de )?(bao cao|b/c|phoi hop|p/h|biet) (cho|den|toi|len|ve) (nhung |cac )?(ai|dau|noi|co quan|don vi|cap)(?!\w)")
# Two plans' documents told apart ("phân biệt hai văn bản", "hai KH số 149 khác nhau ở điểm nào").
_TELL_APART = re.compile(
    r"phan biet|(?=.*(van ban|(?<!\w)so \d|ky hieu|hai (ke hoach|kh)(?!\w)))"
    r".*khac nhau( o)? (diem|cho|gi|the nao|ra sao|sao)(?!\w)"
)
META_FACETS: dict[str, str] = {
    "number": r"so hieu|ky hieu|so (van ban|ke hoach)|ke hoach so (may|bao nhieu|gi)|mang so|(?<!\w)(?<!con )(?<!ma )(?<!chi )so (may|gi|bao nhieu|la gi)(?!\w)"
              r"|(?<!\w)so (va|,) ?(ngay|ai|nguoi)|(?<!\w)so, ngay"
              # "đã có số chưa?", "số còn để trống": whether the number is filled in.
              r"|(?<!\w)(da |chua )?co so( hieu| van ban| ke hoach)? (chua|khong|ko)(?!\w)|(?<!\w)so( hieu| van ban)? (con |bi )?(de|bo) trong",
    "date": r"ngay (ban hanh|ky)|ban hanh (vao )?(ngay|khi nao|luc nao|bao gio|thang)|ky (vao )?(ngay|khi nao)|ngay thang"
            r"|thoi gian ban hanh|ban hanh (truoc|som|sau|muon)|(som|muon|truoc|sau) nhat|(ky|ban hanh) sau cung"
            r"|(ban hanh|ky) (vao )?hom nao|(?<!\w)so,? (va )?ngay(?!\w)|(?<!\w)ngay,? (va )?so(?! \d)(?!\w)",
    "signer": r"(?<!\w)(ky )?thay mat (co quan|ai|cap|don vi)|(?<!\w)t/m(?!\w)|(?<!\w)(ai|nguoi) (da )?ki(?!\w)|dat but (ky|ki)|ki ten|ai ky|nguoi ky|ky ten|ky ke hoach|ky van ban|da ky|ky boi|ky (la )?ai|(chuc vu|cuong vi|chuc danh)|dung ten",
    "issuer": r"co quan (nao )?ban hanh|ai ban hanh|cap nao ban hanh|(do|boi) (co quan|ai|cap|don vi) nao|don vi ban hanh"
              r"|ban hanh boi|co quan nao (xay dung|ra)|cai nao do|(?<!\w)do (co quan )?(ubnd|uy ban|cap uy|huyen uy|ban thuong vu|chinh quyen|dang)",
    "recipients": r"noi nhan|(ke hoach|kh|van ban)(?!\w)[^?]{0,60}?(?<!\w)gui (dich danh )?(den |cho |toi )?(nhung |cac )?"
                  r"(ai|dau|co quan|noi|don vi|ca nhan|dong chi|lanh dao)"
                  r"|nhan (duoc )?ke hoach|phat hanh (den|toi|cho|ve) (nhung |cac )?(noi|dau|ai|co quan|don vi)|ban luu"
                  r"|(?<!\w)gui (?!bao cao)[^?,]{3,50}? (de|nham) (lam gi|gi|lam chi)(?!\w)"
                  r"|gui (ke hoach|kh|van ban)( nay)? (den|cho|toi|len|ve) (nhung |cac )?(ai|dau|noi|co quan|don vi)"
                  # "Lạc Dương có gửi kế hoạch cho Sở Lao động không?": one recipient checked.
                  r"|(?<!\w)(co|da) gui (ke hoach |kh |van ban )?(nay )?(den |cho |toi |len |ve )?[^?]{2,60}? (khong|ko|chua)(?!\w)"
                  r"|gui (ke hoach|kh|van ban)( nay)? (den|cho|toi|len|ve) (cap )?(so|tinh|huyen uy|thuong truc|mat tran)(?!\w)"
                  r"|(ke hoach|kh|van ban)(?!\w)[^?]{0,40}?(?<!\w)gui (len |ve |den |cho |toi )?(cap )?(so|tinh|tren|huyen uy|mat tran)(?!\w)"
                  r"|dang (len |tren )?(trang|cong) (thong tin|ttdt)"
                  r"|(?<!\w)nhan (de|nham) (bao cao|biet|phoi hop)(?!\w)"
                  r"|(?<!\w)gui (de|nham) (lam gi|gi|lam chi)(?!\w)"
                  # "KH của Lạc Dương gửi báo cáo cho những ai": the lines marked "(báo cáo)".
                  r"|(ke hoach|kh|van ban)(?!\w)[^?]{0,40}?(?<!\w)gui (de )?(bao cao|b/c|phoi hop|p/h) (cho|den|toi|len) "
                  r"(nhung |cac )?(ai|dau|co quan|noi|don vi|cap)",
    "implements": r"can cu|cu the hoa|(?<!\w)(ke hoach|kh|van ban)( \w+){0,3} (thuc hien|trien khai) theo (nghi quyet|chuong trinh"
                  r"|ke hoach|van ban|chi thi)"
                  # the plan the subject ("KH 149 … thực hiện theo kế hoạch nào"), not a task ("hỗ trợ nhà ở … theo
                  # chương trình nào": documents cited in the body)
                  r"|(?<!\w)(ke hoach|kh|van ban)(?!\w)[^?]{0,40}? theo (nghi quyet|chuong trinh( hanh dong)?|ke hoach|van ban|chi thi) (nao|gi|so may)(?!\w)|(thuc hien|trien khai) (nhung )?(nghi quyet|chuong trinh( hanh dong)?|ke hoach|van ban)"
                  r"( cap tren| cua [a-z ]{2,30}?)? (nao|so may|gi)"
                  r"|van ban (cap tren|cap tinh|cua tinh|nao)|dua tren (van ban|nghi quyet)",
    "status": r"du thao|chinh thuc|ban chinh",
    "title": r"trich yeu|ten (day du |chinh thuc |goi )?(cua )?(ke hoach|kh|van ban)|tieu de (cua )?(ke hoach|kh|van ban)"
             r"|(ke hoach|kh|van ban) (nay )?(mang ten|co ten|ten la) gi",
}
# The document a plan implements asked for by a question word right after it ("theo kế hoạch nào", "triển khai KH số mấy").
_IMPLEMENTED_ASKED = re.compile(r"(thuc hien|trien khai|theo|can cu)( theo)? (ke hoach|chuong trinh|nghi quyet|van ban|chi thi)"
                                r"( \w+)?( so)? (nao|gi|so may|so bao nhieu)(?!\w)")
# Whether a field is filled in at all ("đã có số chưa", "còn để trống"): a blank field is then the answer, not a refusal.
_ASKS_FILLED = re.compile(r"(?<!\w)(de|bo|con) trong|chua (ghi|dien|co so|co ngay)|(?<!\w)(da )?co (so|ngay)[^?]{0,30}? chua(?!\w)")
_NUMBER_LOOKUP = re.compile(r"(?<!\w)so \d+ ?-? ?(kh|ctr|nq)(?!\w).*(huyen nao|cua ai|cua dau|ke hoach nao|trung so|cua huyen)")
_CROSS = re.compile(r"(?<!\w)(cac|nhung|moi|tung|ca|bon|4) (huyen|ke hoach|van ban|dia phuong)|huyen nao|ke hoach nao|van ban nao")
_EARLIEST = re.compile(r"(som|truoc|cu) nhat|dau tien|ban hanh truoc")
_LATEST = re.compile(r"(muon|sau|moi) nhat|sau cung|gan day nhat|ban hanh sau")
_LIST_CUE = re.compile(
    r"co (tat ca )?(may|bao nhieu) (y|noi dung|nhiem vu|diem|muc|phan|linh vuc|nhom)|gom (nhung|cac|may|bao nhieu)|bao gom"
    r"|nhung (noi dung|y|nhiem vu|diem|linh vuc|mang|van de|tieu muc|muc con|muc nho|nhom)( chinh)? (nao|gi)|chia (thanh|lam)"
    r"|liet ke|noi (ve )?((cai|chuyen|van de|dieu) )?(gi|nhung gi)|(neu|viet|trinh bay)( ra)? (nhung )?gi(?!\w)|de cap (gi|nhung gi|den gi)|ten (la )?gi|noi dung (gi|chinh)|gom gi|ve van de gi"
    r"|y chinh|nhung viec (gi|nao)"
    r"|(viet|ghi) (gi|nhung gi)|co nhung (noi dung|y|gi)"
)
# "những ai, mỗi bên làm gì": who is given what in a section, item by item.
_WHO_DOES_WHAT = re.compile(
    r"(phan cong|giao( viec| nhiem vu)?)( cho)? nhung ai(?!\w)"
    r"|moi (ben|co quan|don vi|noi|nganh|cap|phong|nhom) (lam|phu trach|lo|chiu trach nhiem|duoc giao)"
    r"|(phan cong|giao) (cho )?(nhung|cac) (co quan|don vi|ben) nao"
    r"|(?<!\w)(co quan|don vi|ben) nao (phai |duoc giao |se )?(lam|phu trach|thuc hien) (gi|nhung gi|viec gi)(?!\w)"
    # "… có mấy điểm, mỗi điểm giao cho ai (làm gì)": each item of the part and whom it names.
    r"|(?<!\w)(moi|tung) (diem|y|muc|noi dung) (giao|duoc giao|do|la) (cho )?(ai|co quan nao|don vi nao|ben nao)(?!\w)"
)
# A time asked of a task: a deadline, a milestone.
_ASKS_WHEN = r"han chot|(?<!co )thoi han|ngay nao|khi nao|truoc ngay|moc thoi gian|thoi gian nao|moc nao|tien do"
_FOCUS_CUE = re.compile(
    r"(noi|de cap|nhac|neu|viet|co|chi dao|giao)( gi| nhung gi| toi| den)? (ve|toi|den)(?!\w)|" + _ASKS_WHEN +
    r"|chi so|muc phan dau|the nao"
)
_DATED = re.compile(r"(?<!\w)(ngày|tháng|quý|năm) \d|(?<!\w)(hằng|hàng) (năm|quý|tháng)(?!\w)")
_SECTION_WORD = re.compile(r"(?<!\w)(muc|phan|tieu muc|noi dung|y|diem|nhom nhiem vu|nhom giai phap)(?!\w)")
_PLACE = re.compile(r"(?:huyện|Huyện|HUYỆN|huyen|Huyen)\s+(\w+(?:\s+\w+){0,3})")
_YEAR = re.compile(r"(?<!\d)(20[2-6]\d)(?!\d)")
_TARGET_CUE = re.compile(r"chi tieu|ty le|ti le|bao nhieu|muc tieu|phan tram|%|dat (muc|bao)|so luong|con so")
_QUANTITY_CUE = re.compile(r"bao nhieu|muc (nao|bao)|may (phan tram|%)|con so|chi tieu (la )?(gi|nao)")
_FIGURE = re.compile(r"(?<![\d-])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?")
# ("không để ai bị bỏ lại phía sau" is a title's words, asking no one.)
# "ý 4", "ý thứ hai", "gạch đầu dòng thứ 3" of a section: one of its points.
_POINT_ASKED = re.compile(r"(?<!\w)(?:y|gach dau dong|dau dong|doan) (?:thu )?(?P<n>\d{1,2}|nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)(?!\w)")
_ORDINAL_WORDS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
# "… những gì", "… gồm những nội dung nào": everything a part says is asked.
# What the items say is asked ("có những ý gì"), not only what they are about ("bàn về vấn đề gì").
_CONTENT_CUE = re.compile(r"(?<!\w)((nhung|cac) (y|noi dung|viec|nhiem vu)( chinh)? (gi|nao)|(gom|co) nhung gi)(?!\w)")
_WHAT_CUE = re.compile(r"(?<!\w)nhung (gi|noi dung|yeu cau|nhiem vu|viec|giai phap)(?!\w)")
_LEAD_CUE = re.compile(r"chu tri|phu trach|dau moi|(?<!\w)(?<!khong )(?<!khong de )ai(?!\w)|(co quan|don vi|phong|ban) nao")
# How well something is done, not what: never the name of an indicator ("tiêm chủng đầy đủ").
_QUALIFIER_PAIRS = frozenset(
    "day_du hieu_qua kip_thoi chat_luong toan_dien ben_vung co_ban dong_bo thuong_xuyen on_dinh phu_hop".split()
)
# A sum of money asked for, and one written in a plan ("2,5 tỷ đồng").
_MONEY_ASKED = re.compile(r"bao nhieu tien|so tien|kinh phi (la )?(bao nhieu|may)|bao nhieu (ty|trieu|nghin)|(ty|trieu) dong")
_MONEY_FIGURE = re.compile(r"\d[\d.,]*\s*(?:tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND)\b")
# Contact details asked ("số điện thoại", "sđt", "email", "địa chỉ liên hệ", "hotline"): no plan prints them.
_CONTACT_ASKED = re.compile(r"(?<!\w)(so dien thoai|dien thoai|sdt|hotline|duong day nong|email|e-mail|thu dien tu|dia chi lien he"
                            r"|so zalo|zalo|website|trang web)(?!\w)")
_CONTACT_GIVEN = re.compile(r"(?i)điện thoại|\bemail\b|e-mail|\bĐT\s*:|@\w")
_CONTACT_NAMES = {"so dien thoai": "số điện thoại", "dien thoai": "số điện thoại", "sdt": "số điện thoại",
                  "hotline": "đường dây nóng", "duong day nong": "đường dây nóng", "email": "thư điện tử (email)",
                  "e-mail": "thư điện tử (email)", "thu dien tu": "thư điện tử (email)", "dia chi lien he": "địa chỉ liên hệ",
                  "so zalo": "số Zalo", "zalo": "số Zalo", "website": "trang web", "trang web": "trang web"}
# Today's level asked ("hiện nay … là bao nhiêu"), not what the plan sets for it ("hiện nay kế hoạch đặt mục tiêu …").
_NOW_ASKED = re.compile(r"(?<!\w)(hien nay|hien tai|hien gio|bay gio|thuc trang|hien dang o muc)(?!\w)")
_PLAN_SETS = re.compile(r"muc tieu|chi tieu|phan dau|dat ra|de ra|(?<!\w)dat (muc tieu|chi tieu)|ke hoach (dat|giao|neu)|den nam")
# A present level stated in a plan: "hiện nay", "hiện tại", "năm 2023" near a figure.
_NOW_FIGURE = re.compile(r"(?i)(hiện nay|hiện tại|năm 202[0-3]|đến nay)[^.]{0,80}\d+(?:[.,]\d+)?\s*%")
_FUNDING = re.compile(r"ngan sach|kinh phi|nguon luc|nguon von")
_ACROSS_CUES = frozenset("moi tung cac huyen ke hoach kh lo chu tri phu trach dau moi ai viec nhiem vu giao khac co "
                         "thi sao nhau nhu the nao".split())
_SPECIFIC_LEAD = re.compile(r"^(?:Giao\s+)?(?:Ban|Phòng|Trung tâm|Văn phòng|Bảo hiểm xã hội|Công an|Hội|Ngân hàng)\b")
_THUC_HIEN = re.compile(r"^\W*Thực hiện\s*:\s*")
_JOINED = re.compile(r"(?<!\w)(va|voi|cung|con)(?!\w)|,")
_SUPERLATIVE = re.compile(r"(?<!\w)(cao|thap|nhieu|it|lon|nho|tot) (nhat|hon)(?!\w)")
_MORE_CUE = re.compile(
    r"thi sao|(?<!\w)(con|ca|lan)(?!\w)|rieng|tach|tung khu vuc|moi khu vuc"
    # "bình quân bao nhiêu m2, ở nông thôn thì bao nhiêu": the scope belongs to the second ask only.
    r"|(bao nhieu|muc nao|may)(?!\w)[^?]*?(,|;| va ) ?(o |tai |khu vuc )?(thanh thi|do thi|nong thon)[^?]*?(bao nhieu|muc nao|the nao|ra sao)"
)
_SCOPES = {"thành thị": re.compile(r"thanh thi|do thi"), "nông thôn": re.compile(r"nong thon"),
           "toàn huyện": re.compile(r"(?<!\w)chung(?!\w)|toan huyen|ca huyen")}
MAX_POINTS = 12
MAX_SECTION_LEADS = 3  # distinct leads named after a section's items
TASK_SAID_CHARS = 600  # what a task block says, quoted before its lead
MAX_SUBJECT_SENTENCES = 3  # tasks a body is the subject of, said after those it leads
MAX_SENTENCE_CHARS = 600  # how far a sentence naming a body is read on to its end
SENTENCE_TITLE_SYLLABLES = 12  # a numbered item this long is a sentence ("3. Các đồng chí … Kế hoạch này"), not a title
FEW_ITEMS = 3  # a part of this few items asked what it holds says what each holds
MAX_BRIEF_TARGETS = 4  # targets a briefing of one part adds for its field
LIST_BUDGET = 2400  # characters of section text a listing quotes in all
# "mỗi dòng giao ai", "từng việc", "hai nhiệm vụ về …": several tasks, each with its lead.
_EACH_TASK = re.compile(r"(?<!\w)(moi|tung|hai|ba|2|3|cac|nhung) (dong|viec|nhiem vu|noi dung|cho|doan)(?!\w)"
                        r"(?=.*(chu tri|phoi hop|giao (ai|cho|phong)|ai lam))")
# A heading that names a body ("3. Ủy ban nhân dân các xã, thị trấn", "1. Phòng Lao động - TB&XH huyện").
_BODY_TITLE = re.compile(r"^(Phòng|Ủy ban|Uỷ ban|UBND|Ban|Hội|Mặt trận|Trung tâm|Bảo hiểm xã hội|Văn phòng|Các phòng|Đảng ủy|Công an)\b")
_TITLE_FILLER = frozenset({"va", "chu", "yeu", "trong", "tam"})
_COUNT_CUE = re.compile(r"(?<!\w)(co|gom|chia( thanh| lam)?|chia( \w+){1,3}? (cho|thanh|lam)) (tat ca |tong cong |tong |het )?"
                        r"(may|bao nhieu) (nhom|muc|phan|diem|noi dung|nhiem vu|y|linh vuc|gach dau dong|dau dong|doan)(?!\w)")
# The plan's groups of tasks asked as a whole ("có mấy nhóm nhiệm vụ", "gồm những nhóm giải pháp nào").
_TASK_GROUPS = re.compile(r"(?<!\w)(may|bao nhieu|nhung|cac) (nhom|muc|phan) (nhiem vu|giai phap)(?! (ve|cua|cho) )")
_ASKING_WORDS = frozenset("dong viec nhiem vu noi dung giao chu tri phoi hop moi tung thuc hien phong ban nao ke hoach".split())
_EACH_LEAD = re.compile(r"(?:chu tri|phu trach|ai lam|giao ai)[^?]*(?:tung|moi) (?:linh vuc|mang|noi dung|muc|phan|nhom)"
                        r"|(?:tung|moi) (?:linh vuc|mang|noi dung|muc|phan|nhom)[^?]*(?:chu tri|phu trach|giao ai)")
_WHO_CUE = re.compile(r"ai (thuc hien|chu tri|phu trach|lam|dam nhiem)|(don vi|co quan|phong|ban) nao (thuc hien|chu tri|phu trach)")


# The marks of a Nơi nhận line ("Sở LĐ-TB&XH (b/c)"), typed in a question, ask for the recipients with that purpose.
_PURPOSE_MARKS = {"b/c": "báo cáo", "p/h": "phối hợp", "d/b": "để biết", "t/h": "thực hiện"}


_EVERY_RECIPIENT = re.compile(r"(?<!\w)(moi|tung) (noi|co quan|don vi)(?!\w)")


def _asked_purposes(folded: str) -> list[str]:
    """The purposes of Nơi nhận lines a question asks for: marks typed as the plan writes them ("b/c", "p/h"), or
    words after "gửi" ("gửi … để báo cáo, gửi ai để phối hợp"); "tóm tắt … để báo cáo giao ban" is the asker's."""
    if _EVERY_RECIPIENT.search(folded):
        return []  # "gửi những nơi nào, mỗi nơi để làm gì (b/c, p/h là sao)": every line, each with its mark
    found = [_PURPOSE_MARKS[m.group(1)] for m in re.finditer(r"(?<![\w/])(b/c|p/h|d/b|t/h)(?![\w/])", folded)]
    sent = min((i for i in (folded.find("gui "), folded.find("nhan de "), folded.find("nhan nham ")) if i >= 0), default=-1)
    if sent >= 0:  # "gửi … để báo cáo", "được nhận để báo cáo"
        words = {"bao cao": "báo cáo", "biet": "để biết", "phoi hop": "phối hợp"}
        found += [words[m.group(1)] for m in re.finditer(r"(?<!\w)(?:de|nham) (bao cao|biet|phoi hop)(?!\w)", folded[sent:])]
        # "(kế hoạch) gửi báo cáo cho những ai": the plan sent for report, said without "để".
        found += [words[m.group(1)] for m in re.finditer(
            r"(?:ke hoach|kh|van ban)(?!\w)[^?]{0,40}?(?<!\w)gui (bao cao|phoi hop) (?:cho|den|toi|len) ", folded)]
    return list(dict.fromkeys(found))


@dataclass

class _Cites:
    """Passage numbers and highlighted spans of one answer."""

    passages: list[Passage]
    chunks_by_doc: dict[str, list[Chunk]]

    def __post_init__(self) -> None:
        self.spans: dict[int, list[tuple[int, int]]] = {}

    def mark(self, doc_id: str, start: int, end: int) -> str:
        chunk = self.chunk_at(doc_id, start)
        if chunk is None:
            return ""
        n = cite_chunk(self.passages, chunk)
        span = (max(start, chunk.start), min(end, chunk.end))
        if span not in self.spans.setdefault(n, []):
            self.spans[n].append(span)
        return f" [{n}]"

    def chunk_at(self, doc_id: str, pos: int) -> Chunk | None:
        own = self.chunks_by_doc.get(doc_id, [])
        return next((c for c in own if c.start <= pos < c.end), None) or next(
            (c for c in own if c.start >= pos), None
        )

    @property
    def cited(self) -> list[int]:
        return sorted(self.spans)


class FacetAnswerer:
    """Structured answers from a :class:`PlanBook`; ``answer()`` returns a Generation or None."""

    name = "extractive"

    def __init__(self, book: PlanBook, chunks: list[Chunk], stats: TextStats | None = None) -> None:
        if book is None:
            raise ValueError("FacetAnswerer needs a plan book")
        self.book = book
        self.chunks_by_doc: dict[str, list[Chunk]] = {}
        for c in sorted(chunks, key=lambda c: c.start):
            self.chunks_by_doc.setdefault(c.doc_id, []).append(c)
        self._district_folds = {fold(d) for d in book.districts}
        # Per plan, the years a sentence names together with a figure (computed once, not per question).
        # Per plan, the years a sentence names together with a figure, and in how many of its targets each content
        # syllable pair occurs: worked out for a plan when a question first needs it, not for every plan at start.
        self._set_years_of: dict[str, set[str]] = {}
        self._plan_pairs_of: dict[str, Counter[str]] = {}
        self._body_text: dict[str, str] = {}  # per plan, its text as body-name syllables (see _body_in_question)
        self._forms: dict[str, list[dict[str, set[str]]]] = {}
        self._matches_memo: dict[tuple[Any, ...], list[tuple[Target, set[str], float]]] = {}
        self._memo_lock = threading.Lock()
        stats = stats if stats is not None else TextStats.from_chunks(chunks)
        self._stats = stats
        self._chunk_df = stats.syllable_df
        self._pair_df = stats.bigram_df
        self._n_chunks = max(1, len(chunks))
        self._target_df: dict[str, int] = {}
        self._n_targets = sum(len(p.targets) for p in book.plans)
        for plan in book.plans:
            for t in plan.targets:
                for w in set(syllables(t.phrase)) | set(syllables(t.indicator)):
                    self._target_df[w] = self._target_df.get(w, 0) + 1
                if any(x in _HOMOGRAPHS for x in words(f"{t.phrase} {t.indicator}")):
                    # "dược" (pharmacist) counted apart from the "được" of every other clause.
                    self._target_df["duoc#"] = self._target_df.get("duoc#", 0) + 1
        self._provinces = {fold(p.province) for p in book.plans}

    def _set_years(self, plan: PlanModel) -> set[str]:
        if plan.doc_id not in self._set_years_of:
            self._set_years_of[plan.doc_id] = _years_with_figures(plan, self.chunks_by_doc.get(plan.doc_id, []))
        return self._set_years_of[plan.doc_id]

    def _forms_of(self, plan: PlanModel) -> list[dict[str, set[str]]]:
        """The marked forms of each target's words, per plan (fixed for the life of the index)."""
        if plan.doc_id not in self._forms:
            self._forms[plan.doc_id] = [_marked_forms(f"{t.phrase} {t.indicator}") for t in plan.targets]
        return self._forms[plan.doc_id]

    def _plan_pairs(self, plan: PlanModel) -> Counter[str]:
        if plan.doc_id not in self._plan_pairs_of:
            self._plan_pairs_of[plan.doc_id] = Counter(b for t in plan.targets for b in self._name_bigrams(t))
        return self._plan_pairs_of[plan.doc_id]

    def answer(self, qa: QueryAnalysis, passages: list[Passage]) -> Generation | None:
        if qa.checks_a_guess:
            return None  # "Có phải … giao Phòng X … không?": the passage answerer checks the guess against the text
        cites = _Cites(passages, self.chunks_by_doc)
        steps = (self._filtered_out, self._unknown_district, self._money_not_given, self._current_not_given, self._contact_not_given, self._plan_summary, self._meta, self._parts_of_plan, self._mentions, self._body_section, self._body_tasks, self._each_task_lead, self._section, self._year_vision, self._year_not_set, self._scope_not_set,
                 self._dated_deadlines, self._duties, self._group_briefing, self._targets, self._targets_across, self._leads_across, self._indicator_in_other_words, self._indicator_not_set,
                 self._block_lead,
                 self._topic_leads)
        for step in steps:
            g = step(qa, cites)
            if g is not None:
                return g
        return None

    # -- a district the chosen filter leaves out -------------------------------------------------------

    def _filtered_out(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        if not qa.excluded:
            return None
        asked, chosen = ", ".join(qa.excluded), ", ".join(qa.districts)
        text = (f"{REFUSAL} Câu hỏi nói về {asked} nhưng bộ lọc đang chọn huyện {chosen}, nên kế hoạch của {asked} "
                f"không được tìm. Hãy chọn “Tất cả” (hoặc huyện {asked}) rồi hỏi lại.")
        return Generation(text, [], True, self.name, evidence_score=0.0, guard={"refusal": "district_filtered_out"})

    # -- a district the corpus does not have -------------------------------------------------------

    def _unknown_district(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        said = qa.text
        if any(fold(d) in qa.folded for d in qa.districts):
            # A district of the corpus is named (a province alone does not count): it is asked about unless only
            # a clause before the question names it ("Kon Rẫy giao … rồi; vậy huyện Đăk Hà giao … cho phòng nào?").
            clauses = [c for c in re.split(r"[.;!?]+\s*", qa.text) if len(c.split()) >= 3]
            if len(clauses) < 2 or any(fold(d) in fold(clauses[-1]) for d in qa.districts):
                return None
            said = clauses[-1]
        named = []
        for m in _PLACE.finditer(said):
            # A place name is the capitalised words after "huyện" ("huyện Ân Thi đặt …" → "Ân Thi").
            words = []
            given = m.group(1).split()
            # "Huyện ủy Đức Trọng", "Huyện Đoàn X": the body of a district; its name follows.
            if given and fold(given[0]) in ("uy", "doan", "doi"):
                given = given[1:]
            for w in given:
                if not w[0].isupper():
                    break
                words.append(w)
            if words:
                named.append(" ".join(words))
        unknown = [n for n in named if fold(n) not in self._district_folds and fold(n) not in self._provinces]
        if not unknown:
            # Typed in lower case or without diacritics ("huyen dak ha"): the country's list of districts tells.
            place = district_named(fold(said), self._district_folds)
            if place is None:
                return None
            unknown = [f"{place.name} ({place.province})" if place.province else place.name]
        plans = "; ".join(f"{p.district} ({p.province})" for p in self.book.plans)
        text = (f"{REFUSAL} Kho văn bản không có kế hoạch của huyện {unknown[0]}; "
                f"các kế hoạch hiện có là của: {plans}.")
        return Generation(text, [], True, self.name, evidence_score=0.0, fallback_reason=None,
                          guard={"refusal": "district_not_in_corpus"})

    # -- an amount of money the plans never state ------------------------------------------------------

    def _money_not_given(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Tỉnh hỗ trợ mỗi huyện bao nhiêu tiền": plans that state no sum of money say so, quoting what
        they do say about funding."""
        if not _MONEY_ASKED.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        texts = {p.doc_id: " ".join(c.text for c in self.chunks_by_doc.get(p.doc_id, [])) for p in plans}
        if not plans or any(_MONEY_FIGURE.search(t) for t in texts.values()):
            return None  # a plan that gives amounts is answered from its passages
        # The nearest statement on funding in the retrieved passages, quoted and cited.
        near = ""
        for p in cites.passages[:5]:
            for start, end, sent in _sentences([p.chunk], p.chunk.start, p.chunk.end):
                if _FUNDING.search(fold(sent)):
                    near = f" Về nguồn lực, kế hoạch của {p.chunk.district} viết: {display(sent).lstrip('-+• ').rstrip(' .;')}{cites.mark(p.chunk.doc_id, start, end)}."
                    break
            if near:
                break
        names = ", ".join(p.district for p in plans)
        text = f"{REFUSAL} Kế hoạch của {names} không nêu số tiền cụ thể.{near}"
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "figure_not_given"}, spans=cites.spans)

    def _contact_not_given(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Cho xin số điện thoại Phòng LĐ-TB&XH": a plan that prints no telephone, e-mail or address says so (plans
        name bodies, not how to reach them)."""
        m = _CONTACT_ASKED.search(qa.folded)
        if m is None:
            return None
        plans = self._plans_for(qa)
        if not plans or any(_CONTACT_GIVEN.search(c.text) for p in plans for c in self.chunks_by_doc.get(p.doc_id, [])):
            return None  # a plan that prints contact details is answered from its passages
        names = ", ".join(p.district for p in plans)
        text = (f"{REFUSAL} Kế hoạch của {names} không ghi {_CONTACT_NAMES.get(m.group(1), 'thông tin liên hệ')} của cơ quan, "
                "đơn vị nào; kế hoạch chỉ nêu tên cơ quan và việc được giao.")
        return Generation(text, [], True, self.name, evidence_score=0.0, guard={"refusal": "contact_not_given"})

    # -- the document itself -----------------------------------------------------------------------

    def _meta_facets(self, qa: QueryAnalysis) -> list[str]:
        if qa.asks_document_in_body:
            return []  # "Về BHXH, … tiếp tục thực hiện chương trình nào (số, ngày)": cited in the body
        spelled = expand_abbreviations(qa.folded)  # "ai ký KH" asks who signed the plan
        found = [k for k, pat in META_FACETS.items() if re.search(pat, spelled)]
        if qa.asks_cited_number:
            # "dẫn chỉ thị nào …, số mấy ngày nào": the number and date of the cited document, not the plan's.
            found = [k for k in found if k not in ("number", "date")]
        if SECTION_NUMBER.search(qa.folded) or LABEL_ASKED.search(qa.folded):
            found = [k for k in found if k != "number"]  # "là mục số mấy", "đánh ký hiệu ra sao": sections' labels
        if qa.asks_deadline:
            found = [k for k in found if k in ("number", "recipients")]
        if _asked_purposes(qa.folded) and "recipients" not in found:
            found.append("recipients")  # "gửi b/c cho những cơ quan nào": the Nơi nhận marks are the plan's own
        elif ("recipients" in found and "noi nhan" not in qa.folded and " gui " in qa.folded
              and "bao cao" in qa.folded.split(" gui ")[0]):
            found.remove("recipients")  # "báo cáo … gửi những nơi nào": a reporting duty, not the plan's Nơi nhận
        plain_date = re.search(r"(?<!truoc )ngay (nao|may)|(?<!\w)khi nao", qa.folded)
        in_part = qa.section_refs or NAMES_PART.search(qa.folded)
        if found and "date" not in found and plain_date and not qa.asks_deadline and not in_part:
            # "số mấy, ngày nào, ai ký": the issue date too, in the order asked.
            at = {k: m.start() for k in found if (m := re.search(META_FACETS[k], qa.folded))}
            found = sorted([*found, "date"], key=lambda k: plain_date.start() if k == "date" else at.get(k, 0))
        if found and "recipients" not in found and _SENT_FOR.search(spelled):
            # "… ban hành ngày nào, thực hiện chương trình nào, và gửi báo cáo cho những nơi nào": asked with the
            # document's header, "gửi báo cáo" is its Nơi nhận marked "(b/c)", not a reporting duty of its body.
            found.append("recipients")
        if not found and _TELL_APART.search(qa.folded) and not topics_named(qa.text):
            # "hai KH đều số 149-KH/HU, phân biệt thế nào": what tells the documents apart is their header.
            found = ["number", "date", "issuer", "implements"]
        if not found and _NUMBER_LOOKUP.search(qa.folded):
            found = ["number", "date"]  # "số 149-KH/HU là của huyện nào": the plans bearing that number
        if "status" in found and not re.search(r"(la|co phai|con la|hay|chua|da) (ban )?(du thao|chinh thuc)|du thao (hay|chua)|chinh thuc (hay|chua)", qa.folded):
            found.remove("status")
        if "implements" in found:
            # "thực hiện theo kế hoạch nào, ban hành ngày nào", "triển khai KH số mấy của …, ngày nào": the number
            # and date asked after the document implemented are that document's (its reference carries them); not
            # in "KH thực hiện NQ 42 của Kim Động số mấy", where the plan is named by what it implements.
            imp = _IMPLEMENTED_ASKED.search(spelled)
            for k in ("number", "date"):
                said = META_FACETS[k] + (r"|(?<!truoc )ngay (nao|may)|(?<!\w)khi nao" if k == "date" else "")
                cue = re.search(said, spelled) if k in found else None
                if imp and cue and cue.start() > imp.start():
                    found.remove(k)
        if "date" in found and "number" not in found and qa.intent not in ("meta", "general"):
            found.remove("date")  # "trước ngày nào phải báo cáo": a deadline in the body, not the issue date
        return found

    def _meta(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        facets = self._meta_facets(qa)
        if not facets:
            return None
        # "Nơi nhận", "ai ký", "số hiệu" only ever ask about the document; the others need a meta question.
        if qa.intent not in ("meta", "general") and len(facets) < 2 and facets[0] not in ("recipients", "signer", "number", "title"):
            return None
        if qa.intent == "assignment" and not {"signer", "issuer", "recipients"} & set(facets):
            return None
        if len(facets) < 2 and (qa.section_refs or NAMES_PART.search(qa.folded)):
            return None  # "phần Yêu cầu … bám sát văn bản nào": the section's text answers
        if facets == ["implements"] and (re.search(r"(?<!\w)(mang|linh vuc|ve mat|doi voi) \w", qa.folded)
                                         or re.search(r"(?<!\w)ve \w", qa.folded) and topics_named(qa.text)):
            return None  # "mảng bảo hiểm xã hội thì tiếp tục văn bản nào": documents cited in that field's text
        plans = self._plans_for(qa)
        numbered = re.search(r"(?<!\w)so (\d+)", qa.folded)
        which = bool(re.search(r"(?<!\w)(cua )?(huyen|dia phuong|noi) nao(?!\w)", qa.folded))
        if numbered and (not qa.districts or which):
            # "hai kế hoạch cùng mang số 149": the plans with that number ("… của huyện nào? nghe nói Kim Động":
            # every plan bearing it, not only the one guessed).
            pool = list(self.book.plans) if which else plans
            same = [p for p in pool if p.facts.number and p.facts.number.value.startswith(numbered.group(1))]
            plans = same or plans
            if same and "number" not in facets:
                facets = ["number", *facets]
        if not plans:
            return None
        lines: list[str] = []
        found_any = False
        cited_doc = self._cited_document(plans[0], qa) if len(plans) == 1 and "date" in facets else None
        if cited_doc is not None:
            # "… triển khai KH 193-KH/HU — cái KH 193 đó ban hành ngày nào": the date of the document it implements.
            lines.append(f"{cited_doc.value}{cites.mark(plans[0].doc_id, cited_doc.start, cited_doc.end)}.")
            found_any = True
            facets = [f for f in facets if f != "date"]
        for plan in plans if facets else []:
            parts, ok = self._meta_parts(plan, facets, cites, qa.signer_name_wanted, _asked_purposes(qa.folded),
                                         expand_abbreviations(qa.folded), bool(_ASKS_FILLED.search(qa.folded)))
            found_any |= ok
            prefix = f"{plan.district}: " if len(plans) > 1 else f"Kế hoạch của {plan.district}: "
            lines.append(prefix + "; ".join(parts) + ".")
        if "date" in facets and len(plans) > 1 and (_EARLIEST.search(qa.folded) or _LATEST.search(qa.folded)):
            dated = [(p.facts.date, p) for p in plans if p.facts.date and not p.facts.date.blank]
            if dated:
                order = sorted(dated, key=lambda fp: [int(x) for x in reversed(fp[0].value.split("/"))])
                pick = order[-1] if _LATEST.search(qa.folded) and not _EARLIEST.search(qa.folded) else order[0]
                word = "muộn nhất" if pick is order[-1] and pick is not order[0] else "sớm nhất"
                lines.insert(0, f"Ban hành {word} trong các kế hoạch có ghi ngày: {pick[1].district} "
                                f"({pick[0].value}){cites.mark(pick[1].doc_id, pick[0].start, pick[0].end)}.")
        text = " ".join(lines) if len(plans) == 1 else "\n".join(f"- {ln}" for ln in lines)
        claimed = dates_in(qa.text) if "date" in facets and len(plans) == 1 else []
        if claimed:
            # "… ban hành ngày 05/7/2024, đúng không?": the date said is checked, and placed where the plan has it.
            verdict, placed = self._date_claim(plans[0], claimed[0], cites)
            text = f"{verdict} {text}" + (f" {placed}" if placed else "")
            found_any = found_any or bool(placed)
        if not found_any:
            text = f"{REFUSAL} {text}"  # every field asked is blank or absent: say so, with what the plan does say
        return Generation(text, cites.cited, not found_any, self.name, evidence_score=1.0,
                          guard={"source": "mô hình kế hoạch", "facets": facets}, spans=cites.spans)

    # -- the whole plan in short ----------------------------------------------------------------------

    def _plan_summary(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Tóm tắt kế hoạch X", "nội dung chính của KH X": its basis, general objective, targets, task groups and
        who does what, each line cited (a topic or a part named is summarised by the steps that read it)."""
        m = _PLAN_SUMMARY.search(qa.folded)
        if m is None or qa.section_refs or qa.wants_comparison or topics_named(qa.text) or _PARTS_CUE.search(qa.folded):
            return None  # ("gồm mấy phần lớn, …": the plan's parts answer)
        if NAMES_PART.search(re.split(r"[.?!]\s", qa.folded[: m.start()])[-1]):
            return None  # "Phần nói về nguồn lực trong kế hoạch có những ý chính gì": that part's points
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        lines = []
        for part in plan_overview(plan):
            quotes = [f"{q.text}{cites.mark(plan.doc_id, q.start, q.end)}" for q in part.quotes]
            if part.name == "Căn cứ":
                lines.append(f"{part.name}: thực hiện " + "; ".join(quotes))
            elif part.name.startswith("Chỉ tiêu"):
                lines.append(f"{part.name}: {part.total} chỉ tiêu, trong đó " + "; ".join(_lower_first(q) for q in quotes))
            elif part.name.startswith("Nhiệm vụ"):
                # One group a line: a trainer reads the task groups as a list.
                lines.append(f"{part.name} ({part.total} nhóm):\n" + ";\n".join(f"  {q}" for q in quotes))
            elif part.name == "Tổ chức thực hiện":
                lines.append(f"{part.name}:\n" + ";\n".join(f"  + {q}" for q in quotes))
            else:
                lines.append(f"{part.name}: " + "; ".join(quotes))
        if not lines:
            return None
        text = f"Tóm tắt kế hoạch của {plan.district}:\n" + "\n".join(f"- {ln.rstrip(' .;')}." for ln in lines)
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mô hình kế hoạch", "facets": ["overview"]}, spans=cites.spans)

    @staticmethod
    def _date_claim(plan: PlanModel, claimed: tuple[int, int, int], cites: _Cites) -> tuple[str, str]:
        """The verdict on a date the asker gives for the plan, and which document the plan dates so instead."""
        said = f"{claimed[0]:02d}/{claimed[1]:02d}/{claimed[2]}"
        own = plan.facts.date
        if own is not None and not own.blank:
            same = dates_in(own.value)[:1] == [claimed] or dates_in(own.line)[:1] == [claimed]
            verdict = f"Đúng, ngày {said}." if same else f"Không đúng, kế hoạch không ban hành ngày {said}."
        else:
            verdict = f"Không đúng: kế hoạch không ghi ngày ban hành, nên không phải ngày {said}."
        other = next((x for x in plan.facts.implements if claimed in dates_in(x.value)), None)
        if other is None:
            return verdict, ""
        return verdict, (f"Ngày {said} là ngày của {other.value}, văn bản mà kế hoạch này thực hiện"
                         f"{cites.mark(plan.doc_id, other.start, other.end)}.")

    def _plans_for(self, qa: QueryAnalysis) -> list[PlanModel]:
        if qa.districts:
            return [p for d in qa.districts for p in self.book.of_district(d)]
        return list(self.book.plans)

    @staticmethod
    def _cited_document(plan: PlanModel, qa: QueryAnalysis) -> Fact | None:
        """The document the plan implements that the question names by its number ("cái KH 193 đó"), when that
        is not the plan's own number."""
        own = plan.facts.number.value if plan.facts.number and not plan.facts.number.blank else ""
        for m in re.finditer(r"(?<!\w)(?:kh|ke hoach|chuong trinh|ctr|nghi quyet|nq)(?: so)? (\d+)(?!\d)", qa.folded):
            n = m.group(1)
            if own.startswith(f"{n}-") or re.search(r"(?<!\w)(ve|thuc hien|trien khai|theo|can cu|cu the hoa)\s*$",
                                                    qa.folded[: m.start()]):
                continue  # "KH … về NQ 42 số mấy, ký ngày nào": the plan named by what it implements
            ref = next((x for x in plan.facts.implements if re.search(rf"(?<!\d){n}-", x.value)), None)
            after = qa.folded[m.end():]
            asked = re.search(r"ngay nao|ngay may|ban hanh (ngay|khi nao|luc nao)|khi nao", after)
            # ("… thực hiện KH 253; còn KH của huyện ban hành ngày nào": the plan's own date, named in between.)
            if ref is not None and asked and not re.search(r"(?<!\w)(ke hoach|kh) (cua (huyen|ubnd|huyen uy)|nay)",
                                                           after[: asked.start()]):
                return ref
        return None

    def _meta_parts(
        self, plan: PlanModel, facets: list[str], cites: _Cites, name_wanted: bool = False,
        purposes: list[str] | tuple[str, ...] = (), asked: str = "", filled_asked: bool = False,
    ) -> tuple[list[str], bool]:
        f = plan.facts
        parts: list[str] = []
        ok = False

        def fact(label: str, x: Fact | None, blank_note: str) -> None:
            nonlocal ok
            if x is None:
                parts.append(f"{label}: {blank_note}")
            elif x.blank:
                # A draft leaves its number and date for the day it is signed: say so, that is the reason.
                whose = "bản dự thảo để trống" if plan.is_draft else "văn bản để trống"
                ok |= filled_asked  # "đã có số chưa?": "chưa, để trống" answers it
                said = "chưa có" if filled_asked else BLANK
                parts.append(f"{label}: {said} ({whose}: «{x.line}»){cites.mark(plan.doc_id, x.start, x.end)}")
            else:
                ok = True
                parts.append(f"{label}: {x.value}{cites.mark(plan.doc_id, x.start, x.end)}")

        draft = " (bản dự thảo)" if plan.is_draft else ""
        for facet in facets:
            if facet == "number":
                fact("số hiệu", f.number, "văn bản không ghi" + draft)
            elif facet == "date":
                if f.date is not None and not f.date.blank:
                    ok = True
                    # "Kim Động, ngày 12 tháng 4 năm 2024": the line as the plan writes it, read as where and when.
                    said = f.date.line.strip()
                    where = "" if fold(said).startswith("ngay") else "tại "
                    parts.append(f"ban hành {where}{said}{cites.mark(plan.doc_id, f.date.start, f.date.end)}")
                else:
                    fact("ngày ban hành", f.date, "văn bản không ghi" + draft)
            elif facet == "issuer":
                if f.issuer is None:
                    parts.append("cơ quan ban hành: văn bản không nêu")
                else:
                    ok = True
                    parts.append(f"do {f.issuer.value} ban hành{cites.mark(plan.doc_id, f.issuer.start, f.issuer.end)}")
            elif facet == "signer":
                if f.signer is None and (f.signer_title is None or name_wanted):
                    why = "dự thảo chưa có khối chữ ký" if plan.is_draft else "văn bản không ghi họ tên người ký"
                    mark = cites.mark(plan.doc_id, f.signer_title.start, f.signer_title.end) if f.signer_title else ""
                    parts.append(f"người ký: {why}" + (f" (chỉ ghi «{f.signer_title.value}»){mark}" if f.signer_title else ""))
                else:
                    ok = True
                    title = f.signer_title
                    who = f.signer.value if f.signer else "văn bản không ghi họ tên"
                    marks = "".join(cites.mark(plan.doc_id, x.start, x.end) for x in (title, f.signer) if x)
                    parts.append(f"người ký: {who}" + (f", {title.value}" if title else "") + marks)
            elif facet == "recipients":
                if not f.recipients:
                    parts.append("nơi nhận: văn bản không có phần Nơi nhận" + draft)
                else:
                    ok = True
                    chosen = [r for r in f.recipients if r.purpose in purposes]
                    # "KH … của Ban Thường vụ Huyện ủy gửi những nơi nào": the author named, not a recipient asked about.
                    by_whom = _without_author(asked, f.issuer.value if f.issuer else "")
                    # "… và gửi trang thông tin điện tử huyện để làm gì": a recipient named, with its purpose.
                    named = [r for r in f.recipients if r not in chosen and _recipient_named(r.name, by_whom)
                             and (r.purpose != "lưu" or "luu" in asked)]  # the archive copy only when asked
                    for r in named:
                        what = f"để {r.purpose}" if r.purpose else "không ghi để làm gì"
                        # "… có gửi Sở Lao động không?": yes, said first.
                        yes = "có, " if not parts and re.search(r"(?<!\w)(co|da) gui(?!\w)", asked) else ""
                        parts.append(f"{yes}gửi {r.name} {what}{cites.mark(plan.doc_id, r.start, r.end)}")
                    if named and not purposes:
                        continue
                    if chosen:  # "gửi (b/c) cho ai": the recipients marked for each purpose asked
                        for purpose in purposes:
                            these = [r for r in chosen if r.purpose == purpose]
                            marks = "".join(cites.mark(plan.doc_id, r.start, r.end) for r in these)
                            said = ", ".join(r.name for r in these) if these else "(không dòng nào ghi)"
                            parts.append(f"nơi nhận để {purpose}: {said}{marks}")
                    else:
                        items = [r.name + (f" ({r.purpose})" if r.purpose else "") for r in f.recipients]
                        marks = cites.mark(plan.doc_id, f.recipients[0].start, f.recipients[-1].end)
                        unmarked = f" (không dòng nào ghi để {', '.join(purposes)})" if purposes else ""
                        parts.append(f"nơi nhận{unmarked}: " + ", ".join(items) + marks)
            elif facet == "implements":
                if not f.implements:
                    parts.append("văn bản cấp trên: văn bản không nêu")
                else:
                    ok = True
                    parts.append("thực hiện " + "; ".join(x.value for x in f.implements)
                                 + cites.mark(plan.doc_id, f.implements[0].start, f.implements[0].end))
            elif facet == "title":
                fact("trích yếu", f.title, "văn bản không ghi")
            elif facet == "status":
                ok = True
                if f.status is not None and f.status.end > f.status.start:
                    parts.append(f"là bản dự thảo (ghi «{f.status.line}»){cites.mark(plan.doc_id, f.status.start, f.status.end)}")
                elif plan.is_draft:
                    parts.append("là bản dự thảo")
                else:
                    anchor = f.number or f.date
                    mark = cites.mark(plan.doc_id, anchor.start, anchor.end) if anchor else ""
                    parts.append(f"là văn bản chính thức (không ghi dự thảo){mark}")
        return parts, ok

    # -- sections -----------------------------------------------------------------------------------

    def _section(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        if qa.wants_comparison or qa.intent == "meta":
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        sec = by_topic = by_title = None
        if qa.briefing and not qa.section_refs and qa.intent != "assignment":
            # "Tóm tắt mục đích, yêu cầu", "… mục tiêu tổng quát và tầm nhìn 2045": parts of the plan named by
            # their titles are summarised part by part.
            named = _parts_named(plan, qa)
            if named:
                texts = [self._list_section(plan, x, cites, qa).text for x in named]
                return Generation(" ".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        ordinal = _ORDINAL.search(qa.folded)
        if ordinal and not qa.section_refs:
            g = self._ordinal_child(plan, qa, cites, last=ordinal.group("which") != "dau tien")
            if g is not None:
                return g
        quoted = self._section_quoted(plan, qa)
        if quoted is not None and not qa.section_refs:
            # "mục có tiêu đề kết thúc bằng “không ai bị bỏ lại phía sau” là mục số mấy": the title it quotes.
            return self._list_section(plan, quoted, cites, qa)
        if not qa.section_refs and re.search(r"(?<!\w)chi tieu(?!\w)", qa.folded) and topics_named(qa.expanded_text):
            return None  # "vài ý về chỉ tiêu nhà ở và nước sạch": the targets of those fields, not the part "Về nhà ở"
        if qa.section_refs:
            refs = [r.lower() for r in qa.section_refs]
            found = [x for r in refs for x in plan.sections_labelled(r)]

            asked = set(syllables(qa.text)) - STOPWORDS

            def fit(x: Section) -> tuple[int, int, int]:
                # "mục 5 của phần III": the section labelled 5 inside III, the deepest one named; "mục 3 (chính
                # sách người có công)": of the sections labelled 3, the one whose title the question also gives.
                ancestors = plan.ancestors(x)
                labels = {a.label.lower() for a in ancestors}
                # "mục 1 phần nhiệm vụ": the part may be named by its first words instead of its number.
                by_title = sum(_part_named_by_title(a, qa.folded) for a in ancestors)
                named = len(asked & set(syllables(x.full_title)))
                return sum(r in labels for r in refs) + by_title, named, x.level

            sec = max(found, key=fit) if found else None
        elif _TASK_GROUPS.search(qa.folded) and (tasks := next(
                (x for x in plan.outline if x.level == 1 and fold(x.full_title).startswith("nhiem vu")), None)):
            sec = tasks  # "Phụng Hiệp có mấy nhóm nhiệm vụ": the tasks part, counted and listed
        elif _SECTION_WORD.search(qa.folded):
            # "các ý chính về nhà ở và nước sạch, vệ sinh môi trường": two items of one level named whole, each
            # listed ("mục tiêu và giải pháp về nước sạch" names a field, not the part "Mục tiêu" too).
            whole = [x for x, score in self._titles_named(plan, qa) if score >= 1.0]
            whole = [x for x in whole if not any(y is not x and y.start <= x.start and x.end <= y.end for y in whole)]
            if len(whole) >= 2 and len({x.level for x in whole}) == 1 and not qa.section_refs and re.search(r"(?<!\w)(va|,)(?!\w)", qa.folded):
                texts = [self._list_section(plan, x, cites, qa).text for x in sorted(whole, key=lambda x: x.start)]
                return Generation("\n".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
            sec = by_title = self._section_by_title(plan, qa)
            if sec is None:
                sec = by_topic = _section_by_topic(plan, qa)
        elif _LIST_CUE.search(qa.folded) and not qa.briefing:
            # "Tầm nhìn đến 2045 … viết gì": a long title named whole is a section even without "mục/phần".
            sec = self._section_by_title(plan, qa, min_words=4)
        if sec is None:
            return None
        if (m := _POINT_ASKED.search(qa.folded)) and qa.section_refs and not sec.children:
            # "Ý 4 trong mục 3.3 nói gì": that point of the section, not all of them.
            n = int(m.group("n")) if m.group("n").isdigit() else _ORDINAL_WORDS[m.group("n")]
            if 1 <= n <= len(sec.points):
                start, end = sec.points[n - 1]
                doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
                said = display(_source_text(doc_chunks, start, end)).lstrip("-+•* ").strip()
                head = f"Ý thứ {n} (trong {len(sec.points)} ý) của mục {_label(sec.label)} {sec.full_title}".strip().rstrip(" .:;")
                text = f"{head}: {shorten(said, LIST_BUDGET).rstrip(' .')}{cites.mark(plan.doc_id, start, end)}."
                return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        parent = next((x for x in plan.outline if plan.outline.index(sec) in x.children), None)
        if parent is not None and qa.section_refs and _COUNT_CUE.search(qa.folded) and not qa.briefing:
            # "Phần nhiệm vụ có tất cả mấy nhóm? nhóm thứ 8 nói về gì": how many the part holds, then the one named.
            mark = cites.mark(plan.doc_id, parent.start, max(parent.heading_end, parent.start + 1))
            head = f"Phần {_label(parent.label)} {parent.full_title}".strip()
            g = self._list_section(plan, sec, cites, qa)
            return Generation(f"{head}{mark} có {len(parent.children)} mục. {g.text}", cites.cited, False, self.name,
                              evidence_score=1.0, guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        # ("Tóm tắt phần chăm lo người có công …" names a part; "tóm tắt nhiệm vụ về y tế" a field, briefed by topic.)
        part_named = bool(re.search(r"(?<!\w)(phan|muc|tieu muc|nhom)(?!\w)", qa.folded))
        # A summary of a part named by its number ("tóm tắt phần III") lists what it holds.
        # One named by its title is left to the briefing, which gathers targets and tasks about that field.
        who_does_what = bool(_WHO_DOES_WHAT.search(qa.folded))
        # ("Tóm tắt phần … và ai chủ trì từng phần": its parts, each with its lead.)
        each_lead = qa.briefing and bool(_EACH_LEAD.search(qa.folded))
        listing = bool(_LIST_CUE.search(qa.folded) or _COUNT_CUE.search(qa.folded)) or each_lead or who_does_what or _asks_items_of(sec, qa) or (
            # "yêu cầu những gì về y tế": a part with no parts of its own, named by its title, given whole.
            not sec.children and sec.level > 2 and bool(_WHAT_CUE.search(qa.folded))
            and f" {' '.join(syllables(sec.full_title))} " in f" {' '.join(syllables(qa.folded))} ") or (
            qa.briefing and qa.intent in ("general", "section") and not _LEAD_CUE.search(qa.folded)
            # "tóm tắt mục an sinh xã hội": a section named by its title and no field the briefing gathers by topic
            # (a whole part, "tóm tắt phần tổ chức thực hiện", is the trainers' summary of who does what)
            and (bool(qa.section_refs) or not topics_named(qa.expanded_text) and sec.level > 1
                 # "tóm tắt mục chính sách người có công": a numbered part named by its topic after "mục"
                 or bool(sec.label) and sec.level > 1 and (sec is by_topic or sec is by_title and part_named))
        )
        # "Mục 5 có nói gì về doanh nghiệp xã hội", "phần IV giao những hạn chót nào": something inside the
        # section is asked; "mục 3.4 chia thành những lĩnh vực nào": its structure is.
        focused = (bool(_FOCUS_CUE.search(qa.folded)) or not listing) and not who_does_what and not LABEL_ASKED.search(qa.folded)
        # "Ai chủ trì mục 5" asks for a lead (the assignment answerer's); "mục 3.3 a) nhắc thực hiện văn bản nào"
        # only sounds like one.
        asks_lead = qa.intent == "assignment" and bool(_LEAD_CUE.search(qa.folded))
        if asks_lead and qa.section_refs and not qa.briefing and not listing and not sec.children:
            # "Mục 3.4 điểm đ) nói về lĩnh vực nào, đơn vị nào chủ trì": the point's title and its "Thực hiện:" lines.
            leads = sorted({(a.start, a.end): a for a in plan.assignments
                            if sec.start <= a.start < sec.end and a.kind == "thực hiện"}.items())
            if leads:
                head = f"Mục {_label(sec.label)} {sec.full_title}".strip().rstrip(" .:;")
                # The title is not cited apart: each lead line lies inside the section, whose passage names it.
                text = head + ": " + "; ".join(
                    _THUC_HIEN.sub("", display(a.text)).rstrip(" .;") + cites.mark(plan.doc_id, a.start, a.end)
                    for _, a in leads[:3]) + "."
                return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                                  guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)
        # "yêu cầu những gì về y tế trong phần nâng cao phúc lợi xã hội": one of its parts ("Về y tế"), named
        # by its title, is what is asked; a part with no parts of its own is given whole.
        asked_line = f" {' '.join(syllables(qa.folded))} "
        named_children = [plan.outline[i] for i in sec.children
                          if f" {' '.join(syllables(plan.outline[i].full_title))} " in asked_line]
        if (len(named_children) == 1 and not named_children[0].children and _WHAT_CUE.search(qa.folded)
                and not asks_lead and not who_does_what and qa.intent != "target" and not qa.briefing):
            return self._list_section(plan, named_children[0], cites, qa)
        if qa.briefing and qa.section_refs and not asks_lead and not who_does_what and not _COUNT_CUE.search(qa.folded):
            # "gạch đầu dòng về lĩnh vực y tế trong mục 6": the one part of the section named by its field is briefed.
            fields = [plan.outline[i] for i in sec.children
                      if (words := syllables(_ABOUT.sub("", plan.outline[i].full_title)))
                      and f" {' '.join(words)} " in asked_line]
            if len(fields) == 1:
                return self._list_section(plan, fields[0], cites, qa)
        if focused and not asks_lead and qa.intent != "target" and not qa.briefing and (
            qa.section_refs or _names_section(sec, qa)
        ):
            focus = self._section_focus(plan, sec, qa, cites)
            if focus is not None:
                return focus
        # "trong phần phúc lợi xã hội, … viết gì về thông tin": one of its parts ("d) Về thông tin") is asked about.
        child_named = any(f" {' '.join(syllables(_ABOUT.sub('', plan.outline[i].full_title)))} " in asked_line
                          for i in sec.children)
        if listing and asks_lead and not qa.section_refs and not who_does_what and not child_named and not each_lead:
            # "Nhóm nhiệm vụ về nguồn lực … gồm những nội dung gì, phòng nào chủ trì": its items, then the leads
            # its "Thực hiện:" lines name.
            leads = list({a.lead: a for a in plan.assignments if sec.start <= a.start < sec.end and a.kind == "thực hiện"}.values())
            if leads:
                g = self._list_section(plan, sec, cites, qa)
                if _EACH_LEAD.search(qa.folded):
                    return g  # "… ai chủ trì từng nội dung": each item's lead is said with the item
                said = "; ".join(f"{_THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}"
                                 for a in leads[:MAX_SECTION_LEADS])
                return Generation(f"{g.text.rstrip()} Thực hiện: {said}.", cites.cited, False, self.name,
                                  evidence_score=1.0, guard=g.guard, spans=cites.spans)
        # ("Phần nói về phối hợp với Mặt trận … gồm những nội dung nào": "phối hợp" names the part, asks no lead.)
        if not listing or (qa.intent == "assignment" and not qa.section_refs and not who_does_what
                           and _LEAD_CUE.search(qa.folded) and not each_lead):
            return None
        g = self._list_section(plan, sec, cites, qa)
        if not (qa.briefing and (sec is by_topic or sec is by_title and part_named)):
            return g
        # "Tóm tắt phần chính sách người có công": a trainer briefs the part with the targets set for its field.
        fields = set(topics_of(sec.full_title)) & set(topics_named(qa.expanded_text))
        set_for = [t for t in plan.targets if t.topic in fields][:MAX_BRIEF_TARGETS]
        if not set_for:
            return g
        said = "; ".join(f"{display(t.text).strip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in set_for)
        return Generation(f"{g.text.rstrip()} Chỉ tiêu đến năm 2030: {said}.", cites.cited, False, self.name,
                          evidence_score=1.0, guard=g.guard, spans=cites.spans)

    def _ordinal_child(self, plan: PlanModel, qa: QueryAnalysis, cites: _Cites, *, last: bool) -> Generation | None:
        """"Mục cuối cùng trong phần nhiệm vụ, giải pháp là gì": the last (or first) section of a named part."""
        q = set(syllables(qa.text))

        def overlap(sec: Section) -> float:
            if _part_named_by_title(sec, qa.folded):
                return 1.0  # "phần nhiệm vụ": the part named by its first words
            title = [w for w in syllables(sec.full_title) if w not in STOPWORDS and not w.isdigit()][:8]
            hits = sum(w in q for w in title)
            return hits / len(title) if hits >= 2 else 0.0

        parts = [x for x in plan.outline if x.level == 1 and x.children]
        scored = sorted(((overlap(x), i) for i, x in enumerate(parts)), reverse=True)
        if re.search(r"(?<!\w)phan (cuoi cung|sau cung|dau tien)(?!\w)", qa.folded) and (not scored or scored[0][0] < 0.6):
            # "Phần cuối cùng của KH Kon Rẫy là phần gì": the plan's own last (or first) part.
            tops = [x for x in plan.outline if x.level == 1]
            if not tops:
                return None
            part = tops[-1 if last else 0]
            mark = cites.mark(plan.doc_id, part.start, max(part.heading_end, part.start + 1))
            which = "cuối cùng" if last else "đầu tiên"
            text = (f"Phần {which} của kế hoạch của {plan.district} là {_label(part.label)} "
                    f"{_RUN_ON_ITEM.split(part.full_title)[0].strip(' .:')}{mark}; kế hoạch có {len(tops)} phần.")
            return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                              guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
        if not scored or scored[0][0] < 0.6 or len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        part = parts[scored[0][1]]
        child = plan.outline[part.children[-1 if last else 0]]
        mark = cites.mark(plan.doc_id, child.start, child.heading_end)
        if not mark:
            return None
        which = "cuối cùng" if last else "đầu tiên"
        text = (f"Mục {which} của phần {_label(part.label)} {part.full_title} (kế hoạch của {plan.district}) là "
                f"{_label(child.label)} {child.full_title}{mark}. Phần này có {len(part.children)} mục.")
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _section_focus(self, plan: PlanModel, sec: Section, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Mục 5 có nói gì về doanh nghiệp xã hội": the sentences of that section about what is asked."""
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        title = set(syllables(sec.full_title)) | {w for p in sec.path for w in syllables(p)}
        place = {w for d in qa.districts for w in syllables(d)}
        sentences = list(_sentences(doc_chunks, sec.heading_end, sec.end))
        if not sentences:
            return None
        in_section = {w for _, _, t in sentences for w in syllables(t)}
        asked = [w for w in dict.fromkeys(syllables(qa.expanded_text))
                 if w not in STOPWORDS and w not in _FOCUS_CUES and w not in title and w not in place
                 and not w.isdigit() and w in in_section]
        # "… nhắc tiếp tục thực hiện những văn bản nào": each clause citing a document answers.
        wants_documents = bool(ASKS_DOCUMENTS.search(qa.folded))
        if not asked and not wants_documents:
            return None
        weight = {w: math.log(1 + self._n_chunks / (1 + self._chunk_df.get(w, 0))) for w in asked}
        total = sum(weight.values()) or 1.0
        wants_date = bool(re.search(_ASKS_WHEN, qa.folded))
        scored = []
        for start, end, text in sentences:
            # A bullet under "3. Ủy ban nhân dân các xã, thị trấn" is about that body: its heading counts.
            own = plan.section_at(start)
            words = set(syllables(text)) | (set(syllables(own.full_title)) if own is not None and own is not sec else set())
            score = sum(weight[w] for w in asked if w in words) / total
            if wants_date:
                score += 1.0 if _task_date(text) else 0.0
            if wants_documents:
                score += 1.0 if CITED_DOCUMENT.search(text) else 0.0
            scored.append((score, start, end, text))
        best = max(sc for sc, *_ in scored)
        if best < 0.5:
            return None
        citing = [x for x in scored if wants_documents and CITED_DOCUMENT.search(x[3])]
        # Documents asked: every clause of the section citing one (its own words may be only "Kế hoạch số …").
        chosen = citing[:4] or sorted((x for x in scored if x[0] >= 0.75 * best), key=lambda x: -x[0])[:3]
        # "… về doanh nghiệp xã hội và hợp tác công - tư": each thing asked gets the sentence saying most of it.
        for piece in re.split(r",|\s+(?:và|với|va|voi)\s+", qa.expanded_text):
            thing = {w for w in syllables(piece) if w in in_section and w not in _FOCUS_CUES and w not in place
                     and not w.isdigit()} - _THING_STOP
            if len(thing) < 2 or any(len(thing & set(syllables(t))) * 2 >= len(thing) for _, _, _, t in chosen):
                continue
            fits = [(len(thing & set(syllables(x[3]))), x) for x in scored]
            n, x = max(fits, key=lambda f: (f[0], f[1][0]))
            if n * 2 >= len(thing) and len(chosen) < 4:
                chosen.append(x)
        parts = [f"{display(t).lstrip('-+• ').rstrip(' .;')}{cites.mark(plan.doc_id, s, e)}" for _, s, e, t in sorted(chosen, key=lambda x: x[1])]
        head = f"Mục {_label(sec.label)} {sec.full_title}".replace("  ", " ")
        return Generation(f"{head}: " + "; ".join(parts) + ".", cites.cited, False, self.name, evidence_score=best,
                          guard={"source": "nội dung mục trong mô hình kế hoạch"}, spans=cites.spans)

    @staticmethod
    def _section_quoted(plan: PlanModel, qa: QueryAnalysis) -> Section | None:
        """The one section whose title holds a phrase the question quotes (three words or more) after "mục/phần"."""
        if not _SECTION_WORD.search(qa.folded):
            return None
        for m in _QUOTED.finditer(qa.text):
            phrase = " ".join(syllables(m.group(1)))
            if len(phrase.split()) < 3:
                continue
            hits = [x for x in plan.outline if f" {phrase} " in f" {' '.join(syllables(x.full_title))} "]
            if len(hits) == 1:
                return hits[0]
        return None

    @staticmethod
    def _section_by_title(plan: PlanModel, qa: QueryAnalysis, min_words: int = 2) -> Section | None:
        for part in (x for x in plan.outline if x.level == 1):
            # "phần nhiệm vụ", "phần mục tiêu", "phần tổ chức thực hiện": a part named by its first words.
            if _part_named_by_title(part, qa.folded):
                return part
        named = FacetAnswerer._titles_named(plan, qa, min_words)
        return max(named, key=lambda x: x[1])[0] if named else None

    @staticmethod
    def _titles_named(plan: PlanModel, qa: QueryAnalysis, min_words: int = 2) -> list[tuple[Section, float]]:
        """Sections whose titles the question names, with how well (the share of the title said)."""
        q = set(syllables(qa.text))
        asked = [s for s in syllables(qa.text) if s not in _TITLE_FILLER]
        fields = set(topics_named(qa.expanded_text))
        part_word = bool(_SECTION_WORD.search(qa.folded))  # "phần giáo dục và văn hóa", not "… văn hoá con người"
        named: list[tuple[Section, float]] = []
        for sec in plan.outline:
            title = syllables(sec.full_title)
            if len(title) < min_words or all(s in STOPWORDS for s in title):
                continue
            # "Nhiệm vụ và giải pháp chủ yếu" is named "phần nhiệm vụ giải pháp": "và", "chủ yếu" need not be said.
            title = [s for s in title if s not in _TITLE_FILLER] or title
            # Short titles ("Về nhà ở") must be named whole; long ones mostly, or by a run of four words or more
            # ("phần nói về hợp tác, tranh thủ nguồn lực quốc tế").
            covered = sum(1 for s in title if s in q) / len(title)
            core = [s for s in title if s != "ve"]
            said = sum(1 for s in core if s in q)
            if (fields and part_word and fold(sec.full_title).startswith("ve ") and fields & set(topics_of(sec.full_title))
                    and (said == len(core) or len(core) > 2 and said * 2 >= len(core))):
                # "phần giáo dục và văn hóa": a field part ("Về phát triển văn hoá") named by its field.
                named.append((sec, 1.0 + 0.01 * len(title)))
                continue
            need = 1.0 if len(title) <= 3 else 0.7
            if len(title) <= 3 and qa.has_diacritics:
                # A short title is named as a phrase, with its marks: "dịch vụ" does not name "Mục đích".
                phrase = " ".join(words(sec.full_title.lower()))
                if phrase and f" {phrase} " not in f" {' '.join(words(qa.text.lower()))} ":
                    continue
            score = covered + 0.01 * len(title)
            run = _longest_run(title, asked)
            if covered >= need or run >= 4 and len(title) > 8:
                named.append((sec, score))
        return named

    def _heading_text(self, plan: PlanModel, sec: Section) -> list[tuple[int, int]]:
        """The span of the heading line when it goes on past its title ("d) Về thông tin: Thực hiện …"), else []."""
        line = display(_source_text(self.chunks_by_doc.get(plan.doc_id, []), sec.start, sec.heading_end))
        if ":" in line and len(line.split(":", 1)[1].strip()) > 40:
            return [(sec.start, sec.heading_end)]
        return []

    def _own_text(self, plan: PlanModel, sec: Section) -> tuple[str, tuple[int, int]]:
        """A section's text below its heading and its span; a part said on its heading line ("2. Yêu cầu: Việc cụ
        thể hóa phải bám sát …") gives that line's text after the colon."""
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        body = display(_source_text(doc_chunks, sec.heading_end, sec.end))
        if body.strip(" .;:/"):
            return body, (sec.heading_end, sec.end)
        line = display(_source_text(doc_chunks, sec.start, sec.heading_end))
        return (line.split(":", 1)[1].strip(), (sec.start, sec.heading_end)) if ":" in line else (line, (sec.heading_end, sec.end))

    def _list_section(self, plan: PlanModel, sec: Section, cites: _Cites, qa: QueryAnalysis) -> Generation:
        label = _label(sec.label)
        # (A title the text runs on into its first item, "TỔ CHỨC THỰC HIỆN 1. Các cơ quan …", is cut there.)
        title = (_RUN_ON_ITEM.split(sec.full_title)[0].strip(" .:") or sec.full_title) if sec.children else sec.full_title
        name = f"{label} {title}".strip()
        head = f"Mục {name}{cites.mark(plan.doc_id, sec.start, max(sec.heading_end, sec.start + 1))}"
        if sec.children:
            kids = [plan.outline[i] for i in sec.children]
            items = []
            doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
            # "… các lĩnh vực ở mục 3.4 và phòng chủ trì từng lĩnh vực": each part with the lead its "Thực hiện:" names.
            each_lead = bool(_EACH_LEAD.search(qa.folded))
            # A briefing of a part with a few items says what each holds: its points, or the titles of its sub-sections.
            # So does "phần I có những ý gì" of a part of two or three items: their titles alone say little.
            briefed = (qa.briefing or len(kids) <= FEW_ITEMS and bool(_CONTENT_CUE.search(qa.folded)) and not each_lead) and len(kids) <= 8
            share = min(700, max(200, LIST_BUDGET // len(kids)))
            for k in kids[:MAX_POINTS]:
                # A sub-section in the heading's own passage is cited with it.
                same = cites.chunk_at(plan.doc_id, k.start) is cites.chunk_at(plan.doc_id, sec.start)
                # (Only there: one mark per listed part would make the citation list as long as the outline.)
                mark = cites.mark(plan.doc_id, k.start, max(k.heading_end, k.start + 1)) if same else ""
                item = f"{_label(k.label)} {k.full_title}".strip() + mark
                raw = _source_text(doc_chunks, k.heading_end, k.end).strip() if k.end > k.heading_end else ""
                closing = (k is kids[-1] and raw and "\n" not in raw and not raw.startswith(("-", "+", "•", "*"))
                           and not k.children and all(len(syllables(x.full_title)) >= SENTENCE_TITLE_SYLLABLES for x in kids))
                if closing:
                    # Numbered items that are whole sentences ("3. Các đồng chí … Kế hoạch này"), then one unnumbered
                    # paragraph closing the part ("Giao Ban Tuyên giáo Huyện ủy chủ trì …"): it is said too.
                    item += f". {shorten(display(raw).rstrip(' ./'), 400)}{cites.mark(plan.doc_id, k.heading_end, k.end)}"
                elif briefed and k.children:
                    # "3. Chính quyền các cấp … các nhiệm vụ trọng tâm sau": its sub-sections are what it holds.
                    item = item.rstrip(" :") + ": " + "; ".join(
                        f"{_label(plan.outline[i].label)} {plan.outline[i].full_title}".strip() for i in k.children[:MAX_POINTS])
                elif briefed and (raw or self._heading_text(plan, k)):
                    # "Tóm tắt phần IV … vai trò của từng cơ quan, các mốc thời gian": each part's own points, each
                    # sentence by its opening words and its deadline.
                    if raw:
                        # (Passages joined at a chunk boundary may put two bullets on one line.)
                        # A line break inside a sentence (a hard-wrapped plan) is no break between points.
                        lines, span = _POINT_BREAK.split(raw), (k.heading_end, k.end)
                    else:  # "2. Các phòng, ban …: Căn cứ chức năng …" says it on the heading's line
                        lines, span = [display(_source_text(doc_chunks, k.start, k.heading_end)).split(":", 1)[1]], (k.start, k.heading_end)
                    said = " ".join(display(x).strip().lstrip("-+•* ").rstrip(" .;") + "." for x in lines if x.strip())
                    item = (item.rstrip(" :") + ": " + shorten_sentences(said, share, keep=self._stats.worth_keeping).rstrip(" .")
                            + cites.mark(plan.doc_id, *span))
                lead = next((a for a in plan.assignments if k.start <= a.start < k.end and a.kind == "thực hiện"), None)
                if each_lead and lead is not None and "Thực hiện:" not in item:  # (a briefed part says its own)
                    item += f" — {_THUC_HIEN.sub('', display(lead.text)).rstrip(' .;')}{cites.mark(plan.doc_id, lead.start, lead.end)}"
                items.append(item)
            if each_lead:  # one line per part, each with its lead: a list the page shows line by line
                text = f"{head} gồm {len(kids)} nội dung:\n" + "\n".join(f"- {it};" for it in items).rstrip(";") + "."
            else:
                text = f"{head} gồm {len(kids)} nội dung: " + "; ".join(items) + "."
        elif sec.points:
            doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
            # "d) Về thông tin: Thực hiện chính sách …" says its first point on the heading's own line.
            points = [*self._heading_text(plan, sec), *sec.points]
            items = []
            # A list question wants every point whole; the budget is shared so a long section stays readable.
            limit = max(220, LIST_BUDGET // len(points))
            for s, e in points[:MAX_POINTS]:
                raw = display(_source_text(doc_chunks, s, e)).lstrip("-+• ")
                if (s, e) not in sec.points:
                    raw = raw.split(":", 1)[1].strip()
                items.append(f"({len(items) + 1}) {shorten_sentences(raw, limit, keep=self._stats.worth_keeping)}"
                             f"{cites.mark(plan.doc_id, s, e)}")
            if len(items) == 1:  # one paragraph is not a list of one
                text = f"{head}. Nội dung: {items[0].removeprefix('(1) ')}."
            else:
                text = f"{head} có {len(points)} ý: " + "; ".join(items) + "."
        else:
            body, span = self._own_text(plan, sec)
            text = f"{head}. Nội dung: {shorten(body, LIST_BUDGET)}{cites.mark(plan.doc_id, *span)}."
        said = text.removeprefix(f"{head}. Nội dung: ")
        if not label and said != text:
            # "- *Về y tế:* Bảo đảm …": an unnumbered part said on its own line reads as the plan writes it.
            text = said if fold(said).startswith(fold(sec.full_title)) else f"{sec.full_title}: {said}"
        if _WHO_CUE.search(qa.folded) and not (sec.children and _EACH_LEAD.search(qa.folded)):
            # "… gồm những việc gì, ai thực hiện?": the section's own "Thực hiện: …" line answers the second part.
            leads = {(a.start, a.end): a for a in plan.assignments if sec.start <= a.start < sec.end and a.kind == "thực hiện"}
            for a in [leads[k] for k in sorted(leads)][:3]:
                line = display(a.text).rstrip(" .;")
                if line not in text:  # the last point may already end with it
                    text += f" {line}{cites.mark(plan.doc_id, a.start, a.end)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    # -- a target year the plan does not set ---------------------------------------------------------

    @staticmethod
    def _vision_of(plan: PlanModel, years: set[str]) -> Section | None:
        """The section whose title names one of ``years`` ("Tầm nhìn đến năm 2045"), if one does."""
        return next((x for x in plan.outline if set(_YEAR.findall(x.full_title)) & years), None)

    def _year_vision(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Tầm nhìn đến 2045 đặt mục tiêu gì": a year the plan sets no figure for but gives a section of its own
        (its vision) is answered with that section; a figure asked for that year is still refused."""
        years = set(_YEAR.findall(qa.text))
        if not years or qa.intent in ("meta", "assignment") or qa.section_refs:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        sec = self._vision_of(plan, years)
        # "… đến năm 2030, tầm nhìn 2045" names both: the question is about the targets the plan sets.
        if sec is None or years & self._set_years(plan):
            return None
        if _QUANTITY_CUE.search(qa.folded):
            # "HDI đạt mức nào so với cả nước" is what the vision says; "tỷ lệ hộ nghèo năm 2045 bao nhiêu" is not.
            said = set(syllables(_source_text(self.chunks_by_doc.get(plan.doc_id, []), sec.heading_end, sec.end)))
            place = {w for d in [*qa.districts, plan.district] for w in syllables(d)}
            asked = set(syllables(qa.expanded_text)) - STOPWORDS - _GENERIC_TARGET_WORDS - place - set(syllables(sec.full_title))
            if len(asked & said) < 2:
                return None
        return self._list_section(plan, sec, cites, qa)

    def _year_not_set(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        years = set(_YEAR.findall(qa.text))
        if not years or not _TARGET_CUE.search(qa.folded) or qa.intent in ("meta", "section"):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        set_years = self._set_years(plan)
        missing = sorted(years - set_years)
        if not missing or years & set_years:
            return None
        # District names say where, not which indicator: "Kim Động" is not the "động" of "lao động".
        # The words as typed count too: the lexicon's official wording ("học nghề" → "đào tạo nghề") may drop
        # the plan's own word ("phân luồng học nghề").
        unplaced = f"{fold(qa.expanded_text)} | {expand_abbreviations(fold(qa.text))}"
        for place in sorted({fold(d) for d in [*qa.districts, *self.book.districts]}, key=len, reverse=True):
            unplaced = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " ", unplaced)
        q = set(syllables(unplaced)) - STOPWORDS - _GENERIC_TARGET_WORDS
        # "dược sĩ" folds to the stopword of "được": the pharmacist is a word of its own.
        q |= {"duoc"} if re.search(r"(?<!\w)duoc si(?!\w)", unplaced) and "được sĩ" not in qa.text.lower() else set()
        overlap = {id(t): len(q & (set(syllables(f"{t.indicator} {t.phrase}")) - _GENERIC_TARGET_WORDS)) for t in plan.targets}
        nearest = max(plan.targets, key=lambda t: overlap[id(t)])
        body = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt chỉ tiêu cho năm {', '.join(missing)}; "
                "các chỉ tiêu của kế hoạch là đến năm 2030")
        if overlap[id(nearest)]:
            body += f", ví dụ: {display(nearest.text).rstrip(' .')}{cites.mark(plan.doc_id, nearest.start, nearest.end)}"
        body += "."
        vision = self._vision_of(plan, set(missing))
        if vision is not None and vision.end > vision.start:
            # The plan's vision for that year gives a direction, no figure: said, so the asker sees what there is.
            said, span = self._own_text(plan, vision)
            body += (f" Phần {vision.full_title.rstrip(' .:')} chỉ nêu định hướng: "
                     f"{shorten(said.strip(' .'), 300)}{cites.mark(plan.doc_id, *span)}.")
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "year_not_set"}, spans=cites.spans)


    def _current_not_given(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Hiện nay tỷ lệ hộ nghèo đa chiều là bao nhiêu": a plan sets targets, it does not report today's level.
        Refused, quoting the targets the plan does set for that indicator."""
        if (qa.wants_comparison or not _NOW_ASKED.search(qa.folded) or not _QUANTITY_CUE.search(qa.folded)
                or _PLAN_SETS.search(qa.folded) or _YEAR.search(qa.folded)):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        text = " ".join(c.text for c in self.chunks_by_doc.get(plan.doc_id, []))
        if _NOW_FIGURE.search(text):
            return None  # a plan that states a present level answers from its passages
        targets, _ = self._asked_targets(plan, qa)
        if not targets:
            return None
        said = "; ".join(f"{display(t.text).rstrip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)}" for t in targets[:3])
        body = (f"{REFUSAL} Kế hoạch của {plan.district} không nêu số liệu hiện nay; kế hoạch chỉ đặt mục tiêu: {said}.")
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "figure_not_given"}, spans=cites.spans)

    def _scope_not_set(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Diện tích nhà ở bình quân ở nông thôn Phụng Hiệp bao nhiêu": the plan sets the indicator for the whole
        district only, while another plan sets it for that area. Refused, quoting what the plan does set (a 100%
        rate for all households holds for every area, so it answers)."""
        if qa.intent != "target" or qa.briefing or qa.wants_comparison or not _TARGET_CUE.search(qa.folded):
            return None
        scopes = sorted(name for name, pat in _SCOPES.items() if pat.search(qa.folded) and name != "toàn huyện")
        plans = self._plans_for(qa)
        # ("…, còn nông thôn thì sao" asks the whole district too; "riêng cho đô thị và nông thôn" only the areas.)
        if not scopes or len(plans) != 1 or re.search(r"thi sao|(?<!\w)(con|ca|lan)(?!\w)", qa.folded):
            return None
        plan = plans[0]
        matches = self._target_matches(plan, qa)
        if not matches:
            return None
        t = max(matches, key=lambda m: m[2])[0]
        same = [x for x in plan.targets if x.indicator == t.indicator]
        if (any(x.scope == scope or _SCOPES[scope].search(fold(x.text)) for x in same for scope in scopes)
                or t.unit == "%" and t.value >= 100):
            return None
        elsewhere = [x for p in self.book.plans if p is not plan for x in p.targets
                     if x.indicator == t.indicator and x.scope in scopes]
        # The plan splits the indicator by area itself ("chung dưới 2,1%, đô thị dưới 2%"), not for the one asked.
        split_here = any(x.scope not in ("toàn huyện", *scopes) for x in same)
        if not elsewhere and not split_here:
            return None
        areas = " và ".join(scopes)
        said = [x for x in same if split_here] or [t]  # the general figure and the areas it does set
        text = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt riêng chỉ tiêu này cho khu vực {areas}; kế hoạch chỉ "
                f"nêu{'' if split_here else ' mức chung'}: " + "; ".join(f"{display(x.text).rstrip(' .;')}{cites.mark(plan.doc_id, x.start, x.end)}"
                                    for x in said) + ".")
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "scope_not_set"}, spans=cites.spans)

    # -- several targets in one question -------------------------------------------------------------

    def _target_matches(
        self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool = False
    ) -> list[tuple[Target, set[str], float]]:
        """The plan's targets the question names: ≥ 2 of the indicator's words, half its weight or more
        (``by_pairs``: or a two-word name only this indicator of the plan uses)."""
        # Several facets ask the same of one question: computed once per (plan, question) — the biggest part of
        # an answer's time otherwise. Read-only results; the lock keeps the bounded memo consistent across threads.
        key = (plan.doc_id, qa.text, qa.expanded_text, tuple(qa.districts), by_pairs)
        with self._memo_lock:
            hit = self._matches_memo.get(key)
        if hit is not None:
            return hit
        found = self._match_targets(plan, qa, by_pairs)
        with self._memo_lock:
            if len(self._matches_memo) >= 4096:
                self._matches_memo.clear()
            self._matches_memo[key] = found
        return found

    def _match_targets(
        self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool
    ) -> list[tuple[Target, set[str], float]]:
        # District names say where, not which indicator: "Kim Động" is not the "động" of "lao động".
        # The words as typed count too: the lexicon's official wording ("học nghề" → "đào tạo nghề") may drop
        # the plan's own word ("phân luồng học nghề").
        unplaced = f"{fold(qa.expanded_text)} | {expand_abbreviations(fold(qa.text))}"
        for place in sorted({fold(d) for d in [*qa.districts, *self.book.districts]}, key=len, reverse=True):
            unplaced = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " ", unplaced)
        q = set(syllables(unplaced)) - STOPWORDS - _GENERIC_TARGET_WORDS
        # "dược sĩ" folds to the stopword of "được": the pharmacist is a word of its own.
        q |= {"duoc"} if re.search(r"(?<!\w)duoc si(?!\w)", unplaced) and "được sĩ" not in qa.text.lower() else set()
        # Short names are taken as typed (abbreviations spelled out): the lexicon's broader official words
        # ("học nghề" → "đào tạo nghề") would name other indicators.
        typed = syllables(expand_abbreviations(fold(qa.text)))
        q_pairs = {f"{a}_{b}" for a, b in zip(typed, typed[1:], strict=False)} - _QUALIFIER_PAIRS
        asked_seq = syllables(fold(qa.expanded_text))
        unplaced_syl = syllables(unplaced)
        asked_folded_pairs = {f"{a}_{b}" for a, b in zip(unplaced_syl, unplaced_syl[1:], strict=False)}
        matches: list[tuple[Target, set[str], float]] = []
        if by_pairs:
            # Words the fully named indicators already explain ("một phụ nữ" in "tổng tỷ suất sinh … một phụ nữ").
            q_pairs -= {b for t, _, _ in self._target_matches(plan, qa) for b in self._name_bigrams(t)}
        # Where each indicator's name runs word for word through the question: a word there belongs to it
        # ("tiem chung" is "tiêm chủng", not the "chung" of "thất nghiệp chung" typed without marks).
        runs = [set().union(*(_run_positions(asked_seq, _name_syllables(x)) for x in (t.phrase, t.indicator) if x))
                for t in plan.targets]
        # The marked forms of each indicator's words: "chủng" and "chung" fold alike but are other words.
        forms = self._forms_of(plan)
        for ti, t in enumerate(plan.targets):
            taken = {
                w for w in q
                if all(any(i in runs[j] and i not in runs[ti] and not forms[j].get(w, set()) & forms[ti].get(w, set())
                           for j in range(len(runs)) if j != ti)
                       for i, x in enumerate(asked_seq) if x == w)
            }
            # The clause's own words or the indicator's normalised name, whichever the question names better
            # ("tiêm chủng cho trẻ dưới 1 tuổi" ~ "tỷ lệ tiêm chủng mở rộng").
            best: tuple[float, set[str]] | None = None
            for name in dict.fromkeys(x for x in (t.phrase, t.indicator) if x):
                own = set(syllables(name)) - STOPWORDS - _GENERIC_TARGET_WORDS
                own |= {fold(w) for w in words(name) if w in _HOMOGRAPHS}  # "dược sĩ": not the "được" it folds to
                # "tiểu học", "cơ sở" fold to "tiêu" of "chỉ tiêu", "có", "số": their own words when the question
                # names the pair ("đúng tuổi ở tiểu học, trung học cơ sở").
                marked = [w.lower() for w in words(name)]
                pairs = [p for p in zip(marked, marked[1:], strict=False)
                         if any(fold(w) in _GENERIC_TARGET_WORDS and w not in _GENERIC_MARKED for w in p)]
                own |= {fold(w) for p in pairs for w in p if fold(w) in _GENERIC_TARGET_WORDS and w not in _GENERIC_MARKED}
                extra = {fold(w) for p in pairs for w in p if f"{fold(p[0])}_{fold(p[1])}" in asked_folded_pairs}
                # A two-word name ("thất nghiệp") also sits inside others ("bảo hiểm thất nghiệp"): only the
                # clause's own words count then.
                if len(own) < (2 if name == (t.phrase or t.indicator) else 3):
                    continue
                hit = own & (q | extra) - taken
                # Coverage weighted by how rare each word is among targets: "bảo hiểm y tế" needs "y tế".
                homograph = {fold(w) for w in words(name) if w in _HOMOGRAPHS}
                weight = {w: math.log(1 + self._n_targets / (1 + self._target_df.get(f"{w}#" if w in homograph else w, 0)))
                          for w in own}
                score = sum(weight[w] for w in sorted(hit)) / sum(weight[w] for w in sorted(own))
                run = _named_run(asked_seq, _name_syllables(name))
                if len(run) >= 3 and score < _RUN_SCORE:
                    # "bảo hiểm thất nghiệp" named as the plan writes it: the indicator, however long its name
                    # (a weak match still: it never tells that another plan sets a target this one lacks).
                    score, hit = _RUN_SCORE, hit | run
                if len(hit) >= 2 and score >= 0.5 and (best is None or score > best[0]):
                    best = (score, hit)
            if best is None:
                # A long indicator named by two or more of its own word pairs no other target of the plan uses
                # ("… lương hưu hay trợ cấp hàng tháng"): named, though most of its words are left out.
                own_pairs = [b for b in self._name_bigrams(t) if b in q_pairs and self._plan_pairs(plan)[b] <= 1]
                if len(own_pairs) >= 2:
                    best = (0.5, {w for b in own_pairs for w in b.split("_")})
            if best is None and by_pairs:
                # "… với lương hưu": a two-word name only this indicator of the plan uses names it alone.
                named = [b for b in self._name_bigrams(t) if b in q_pairs and self._plan_pairs(plan)[b] <= 2]
                if named:
                    best = (0.5, {w for b in named for w in b.split("_")})
            if best is not None:
                matches.append((t, best[1], best[0]))
        return matches

    def _names_other_indicators(self, plan: PlanModel, qa: QueryAnalysis, chosen: list[Target]) -> bool:
        """The question names, by a pair of words the plan writes so ("nước sạch", "lương hưu"), an indicator
        of the plan outside ``chosen``."""
        place = {w for d in [*qa.districts, plan.district] for w in syllables(d)}  # "Lạc Dương" is not "dưỡng"
        typed = [w for w in syllables(fold(qa.expanded_text)) if w not in place]
        asked = {f"{a}_{b}" for a, b in zip(typed, typed[1:], strict=False)}
        covered = {b for t in chosen for b in self._name_bigrams(t)}
        return any(b in asked and b not in covered for t in plan.targets if t not in chosen for b in self._name_bigrams(t))

    @staticmethod
    def _asked_pairs(qa: QueryAnalysis) -> set[str]:
        """Adjacent word pairs of the question, as typed and in the plans' wording."""
        out = set()
        for text in (expand_abbreviations(fold(qa.text)), fold(qa.expanded_text)):
            syl = syllables(text)
            out |= {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)}
        return out

    @staticmethod
    def _name_bigrams(t: Target) -> set[str]:
        """Pairs of content syllables in a target's clause and indicator name."""
        return set(_pairs_of_names(t.phrase or "", t.indicator or ""))

    def _asked_targets(self, plan: PlanModel, qa: QueryAnalysis, by_pairs: bool = False) -> tuple[list[Target], bool]:
        """The plan's targets the question asks for, in text order, and whether a named scope narrowed them."""
        matches = self._target_matches(plan, qa, by_pairs)
        # A target whose matched words all belong to a better match of another indicator answers nothing
        # of its own ("thất nghiệp" inside "bảo hiểm thất nghiệp"); the same indicator per scope stays.
        kept = [(t, hit, score) for t, hit, score in matches
                if not any(hit < other and score < 1.0 and t.indicator != o.indicator for o, other, _ in matches)]
        # One scope named ("ở nông thôn"): of an indicator set per scope, only that scope's figure.
        # "… bao nhiêu, nông thôn thì sao?" names one scope but asks for the whole district too.
        scopes = {name for name, pat in _SCOPES.items() if pat.search(qa.folded)}
        narrowed = False
        if len(scopes) == 1 and not _MORE_CUE.search(qa.folded):
            scoped = {t.indicator for t, _, _ in kept if t.scope in scopes}
            narrowed = any(t.indicator in scoped and t.scope not in scopes for t, _, _ in kept)
            kept = [m for m in kept if m[0].indicator not in scoped or m[0].scope in scopes]
        unique = {(t.start, t.end): t for t, _, _ in kept}
        if not scopes:
            # No scope named: an indicator the plan sets per scope ("thất nghiệp chung … khu vực thành thị") is
            # asked whole, though the scoped clause's extra words leave it unmatched by itself.
            asked_ind = {t.indicator for t in unique.values()}
            unique.update({(t.start, t.end): t for t in plan.targets if t.indicator in asked_ind})
        return [unique[k] for k in sorted(unique)], narrowed

    def _cut_in_two(self, plan: PlanModel, t: Target) -> bool:
        """Whether the target's clause lies in two pieces with other text between (Kim Động's shuffled pages)."""
        source = _source_text(self.chunks_by_doc.get(plan.doc_id, []), t.start, t.end, footnotes=False)
        return len(display(source)) > len(display(t.text)) + 40

    def _clauses(self, plan: PlanModel, targets: list[Target], cites: _Cites) -> str:
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        parts = []
        for t in targets:
            clause = display(_source_text(doc_chunks, t.start, t.end, footnotes=False)).lstrip("-+• ").rstrip(" .;,")
            marks = cites.mark(plan.doc_id, t.start, t.end)
            if self._cut_in_two(plan, t):
                # A clause the plan's shuffled pages cut in two ("… 30%" / other paragraphs / "học sinh … học nghề"):
                # the clause as the model joined it, citing its two pieces, not what lies between them.
                clause = display(t.text).lstrip("-+• ").rstrip(" .;,")
                first = next((p for p in plan.paragraphs if p.start <= t.start < p.end), None)
                last = next((p for p in plan.paragraphs if p.start < t.end <= p.end), None)
                if first is not None and last is not None and first is not last:
                    marks = cites.mark(plan.doc_id, t.start, first.end) + cites.mark(plan.doc_id, last.start, t.end)
            parts.append(f"{clause[:1].upper()}{clause[1:]}{marks}")
        return "; ".join(parts)

    def _targets(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """Two or more targets asked of one plan ("giường bệnh, bác sĩ và điều dưỡng", or one indicator
        the plan sets for the whole district, for towns and for the countryside): every one."""
        if not _TARGET_CUE.search(qa.folded) or qa.briefing or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        targets, narrowed = self._asked_targets(plan, qa)
        if (qa.intent == "target" and _JOINED.search(qa.folded)
                and targets and (len(targets) == 1 or self._names_other_indicators(plan, qa, targets))):
            # "bảo hiểm y tế với lương hưu": one indicator named in full, the other by its short name.
            more, narrowed_more = self._asked_targets(plan, qa, by_pairs=True)
            if len(more) > max(1, len(targets)):
                targets, narrowed = more, narrowed_more
        # One target is the sentence answerer's job, except one scope picked out of a sentence giving several
        # and a clause the plan's shuffled pages cut in two (no sentence of the text holds it whole).
        if len(targets) < (1 if narrowed or len(targets) == 1 and self._cut_in_two(plan, targets[0]) else 2):
            return None
        named_by_run = any(score == _RUN_SCORE for t, _, score in self._target_matches(plan, qa) if t in targets)
        if named_by_run and self._names_other_indicators(plan, qa, targets):
            return None  # "nước sạch với thu gom nước thải": a part these targets leave out; the passages answer
        text = f"Chỉ tiêu đến năm 2030 trong kế hoạch của {plan.district}: {self._clauses(plan, targets, cites)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": len(targets),
                                 "target_ids": [f"{t.doc_id}:{t.start}" for t in targets]}, spans=cites.spans)

    def _targets_across(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """One indicator asked of several plans ("tuổi thọ trung bình của từng huyện"): one line per plan."""
        if not _TARGET_CUE.search(qa.folded) or not qa.wants_comparison or _SUPERLATIVE.search(qa.folded):
            return None  # "huyện nào cao nhất" is ranked by the trainers' comparison of the targets table
        plans = [p for p in self._plans_for(qa) if p.targets]
        if len(plans) < 2:
            return None
        asked = [(plan, self._asked_targets(plan, qa)[0]) for plan in plans]
        if not all(targets for _, targets in asked):
            # A plan may state it in other words than its peers: the passage answerer looks at each plan's text.
            return None
        lines = [f"- {plan.district}: {self._clauses(plan, targets, cites)}." for plan, targets in asked]
        text = "Chỉ tiêu đến năm 2030 theo từng kế hoạch:\n" + "\n".join(lines)
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch"}, spans=cites.spans)

    def _indicator_in_other_words(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """An indicator asked by the name another plan uses ("tổng tỷ suất sinh") of a plan that writes it otherwise
        ("số con bình quân của phụ nữ …"): the plan model normalises both to one indicator, so that target answers."""
        if qa.intent != "target" or qa.briefing or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets or self._target_matches(plans[0], qa):
            return None
        plan = plans[0]
        elsewhere = [(score, t) for other in self.book.plans if other.doc_id != plan.doc_id
                     for t, _, score in self._target_matches(other, qa)]
        if not elsewhere:
            return None
        score, named = max(elsewhere, key=lambda m: m[0])
        own = [t for t in plan.targets if t.indicator == named.indicator and not t.footnote]
        if score < 0.6 or not own:
            return None
        text = f"Chỉ tiêu đến năm 2030 trong kế hoạch của {plan.district}: {self._clauses(plan, own, cites)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "chỉ tiêu trong mô hình kế hoạch", "targets": len(own)}, spans=cites.spans)

    def _indicator_not_set(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """A figure asked of a plan that sets no target for that indicator while another plan does
        ("số năm sống khỏe" asked of Kon Rẫy): refuse, saying so and citing the plan that sets it."""
        if qa.intent != "target" or not _QUANTITY_CUE.search(qa.folded) or qa.briefing or qa.wants_comparison:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].targets:
            return None
        plan = plans[0]
        if self._target_matches(plan, qa):
            return None
        elsewhere = [(score, t, hit) for other in self.book.plans if other.doc_id != plan.doc_id
                     for t, hit, score in self._target_matches(other, qa)]
        if not elsewhere:
            return None
        score, named, hit = max(elsewhere, key=lambda m: m[0])
        if score < 0.6 or not self._name_bigrams(named) & self._asked_pairs(qa):
            # Scattered words ("trợ cấp … đi làm … tuổi" against "đi học đúng độ tuổi cấp tiểu học") are not the
            # other plan's indicator: saying this plan lacks it needs at least a pair of its words as written.
            return None
        # The plan may still give that figure outside its list of targets: a sentence with a number and
        # every asked word of the indicator means it is not absent.
        for _, _, sentence in _sentences(self.chunks_by_doc.get(plan.doc_id, []), 0, 10**9):
            if hit <= set(syllables(fold(sentence))) and _FIGURE.search(sentence):
                return None
        body = (f"{REFUSAL} Kế hoạch của {plan.district} không đặt chỉ tiêu về «{named.indicator}». "
                f"Kế hoạch của {named.district} có chỉ tiêu này: {display(named.text)}"
                f"{cites.mark(named.doc_id, named.start, named.end)}.")
        return Generation(body, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "indicator_not_set"}, spans=cites.spans)

    def _dated_deadlines(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Kế hoạch nào đặt hạn chót bằng ngày cụ thể (cho cấp xã)": each plan's dated deadlines, and the plans
        that set none — from every plan's text, not from the passages one question happened to retrieve."""
        listing = bool(re.search(r"(?<!\w)(cac|nhung|tat ca|liet ke)( cac)? (moc|han|thoi han)", qa.folded))
        if not (qa.asks_deadline or listing):
            return None
        plans = self._plans_for(qa)
        across = len(plans) >= 2 and (qa.wants_comparison or re.search(r"(?<!\w)(huyen|ke hoach|kh|noi|van ban) nao", qa.folded))
        if not (across and not qa.briefing or len(plans) == 1 and listing):
            return None  # (one plan: only "liệt kê các mốc thời hạn …"; one deadline asked is the passages' job)
        lines, none = [], []
        for plan in plans:
            found = []
            for s, e, text in _sentences(self.chunks_by_doc.get(plan.doc_id, []), 0, 10**9):
                m = _DATED_DEADLINE.search(text)
                if m and (s, e) not in [(a, b) for a, b, _ in found]:
                    said = _clip_keeping(display(text).lstrip("-+• ").rstrip(" .;"), _DATED_DEADLINE)
                    # Whose deadline: the section it sits in ("3. Ủy ban nhân dân các xã, thị trấn").
                    sec = plan.section_at(s)
                    title = sec.full_title.split(":")[0].strip(" .") if sec is not None else ""
                    found.append((s, e, f"{title}: {said[:1].lower()}{said[1:]}" if 0 < len(title) <= 60 else said))
            if not found:
                none.append(plan.district)
                continue
            lines.append(f"- {plan.district}: " + "; ".join(f"{t}{cites.mark(plan.doc_id, s, e)}" for s, e, t in found[:4]) + ".")
        if not lines:
            return None
        text = "Kế hoạch đặt hạn bằng ngày cụ thể:\n" + "\n".join(lines)
        if len(plans) == 1:
            text = f"Các hạn ghi rõ ngày trong kế hoạch của {plans[0].district}:\n" + lines[0].split(": ", 1)[1]
        if none:
            text += f"\nKế hoạch của {', '.join(none)} không đặt hạn bằng ngày cụ thể."
        if "bao cao" in qa.folded:
            # "… các mốc thời hạn và đầu mối báo cáo": who reports what to whom, each plan's duties.
            for plan in plans:
                for d in plan.duties[:4]:
                    to = f" (gửi {d.to}{', qua ' + d.via if d.via else ''})" if d.to else ""
                    whose = f" ({plan.district})" if len(plans) > 1 else ""
                    text += f"\n- Báo cáo{whose}{to}: {display(d.text).rstrip(' .;')}{cites.mark(plan.doc_id, d.start, d.end)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "hạn trong văn bản các kế hoạch"}, spans=cites.spans)

    def _group_briefing(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Tóm lược các nội dung liên quan đến đồng bào DTTS", "có gì cho phụ nữ và trẻ em": every target and
        every task sentence of the plan that speaks of that group of people, cited one by one."""
        groups = groups_named(fold(qa.expanded_text))
        if not groups or qa.wants_comparison or _QUANTITY_CUE.search(qa.folded) or _LEAD_CUE.search(qa.folded):
            return None
        if not (qa.briefing or _GROUP_CUE.search(qa.folded)) or _ONE_OF_A_KIND.search(qa.folded):
            return None
        listed = _listed_after_colon(qa.text)
        if len(listed) >= 2 and not any(groups_named(fold(item)) and len(item.split()) <= 3 for item in listed):
            return None  # "chỉ tiêu y tế: tuổi thọ, …, suy dinh dưỡng trẻ em": indicators listed, not a group's content
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]

        # "… về văn hóa, thông tin cho đồng bào dân tộc": the group's content in those fields only.
        # (The group's own words may be a field's keywords: "người khuyết tật" names no field by itself.)
        fields = set(topics_named(without_groups(fold(qa.expanded_text))))

        def about(text: str, where: int | None = None) -> bool:
            if not any(mentions_group(text, g) for g in groups):
                return False
            if not fields:
                return True
            sec = plan.section_at(where) if where is not None else None
            return bool(fields & set(topics_of(text))) or sec is not None and bool(fields & set(topics_of(sec.full_title)))

        targets = [t for t in plan.targets if about(t.text) or fields and t.topic in fields and about(t.text.split(";")[0])]
        tasks: list[tuple[int, int, str]] = []
        for s, e, text in _sentences(self.chunks_by_doc.get(plan.doc_id, []), 0, 10**9):
            if not about(text, s) or _THUC_HIEN.match(display(text)):
                continue
            if any(s <= t.value_start < e for t in plan.targets):
                continue  # a target sentence: listed with the targets (Kim Động's shuffled pages mix the two)
            if plan.facts and any(s <= x.start < e for x in [plan.facts.number, plan.facts.date] if x is not None):
                continue
            tasks.append((s, e, _clip_keeping(display(text).lstrip("-+•* ").rstrip(" .;"), _GROUP_TERMS)))
        if not targets and not tasks:
            return None
        names = ", ".join(g.key for g in groups)
        scope = f" về {', '.join(k for k in topic_keys() if k in fields)}" if fields else ""
        lines = [f"Nội dung{scope} liên quan đến {names} trong kế hoạch của {plan.district}:"]
        if targets:
            lines.append(f"Chỉ tiêu đến năm 2030 ({len(targets)}):")
            lines += [f"- {display(t.text).rstrip(' .;')}{cites.mark(plan.doc_id, t.start, t.end)};" for t in targets[:MAX_POINTS]]
        if tasks:
            lines.append(f"Nhiệm vụ, giải pháp ({len(tasks)}):")
            lines += [f"- {t[:1].upper()}{t[1:]}{cites.mark(plan.doc_id, s, e)};" for s, e, t in tasks[:MAX_POINTS]]
        lines[-1] = lines[-1].rstrip(";") + "."
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "nội dung về nhóm đối tượng", "groups": [g.key for g in groups]},
                          spans=cites.spans)

    # -- which plans mention something -----------------------------------------------------------------

    def _mentions(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Kế hoạch nào có nhắc tới người di cư, nhắc ở phần nào?": per plan, the sentences that name it and the
        section they stand in, or that the plan does not name it."""
        if not _WHICH_PLAN.search(qa.folded):
            return None
        m = _MENTION.search(qa.folded)
        if m is None:
            return None
        term = collapse_ws(qa.text[m.start("term") : m.end("term")]).strip(" «»\"“”'")
        body = _BODY_START.search(qa.text, m.start("term"))
        if body is not None and body.start() < m.end("term"):
            # "nhắc đến việc gửi báo cáo Sở Lao động - Thương binh và Xã hội": the body's whole name ("và" inside).
            term = collapse_ws(re.split(r"[,?.;:]", qa.text[body.start():])[0]).strip(" «»\"“”'")
        if len([w for w in syllables(term) if w not in STOPWORDS]) < 2:
            return None
        forms = {_plain_name(term), _plain_name(rewrite(term))}
        plans = list(self.book.plans)
        found: dict[str, list[tuple[int, int, str]]] = {}
        for plan in plans:
            chunks = self.chunks_by_doc.get(plan.doc_id, [])
            pieces = list(_sentences(chunks, 0, 10**9))
            for i, (_s, e, text) in enumerate(pieces):
                if any(f in _plain_name(text) for f in forms):
                    j = i
                    while j > 0 and j > i - 3 and display(pieces[j][2]).lstrip("-+•* ")[:1].islower():
                        j -= 1  # a clause after ";": shown from its sentence's start
                    found.setdefault(plan.doc_id, []).append((pieces[j][0], e, _source_text(chunks, pieces[j][0], e)))
        if not found:
            return None  # not named anywhere as typed: the passage answerer (or a refusal) takes it
        pattern = re.compile("|".join(re.escape(fold(f)) for f in (term, rewrite(term))))
        lines = [f"Các kế hoạch nhắc đến «{term}»:"]
        for plan in plans:
            hits = found.get(plan.doc_id, [])
            if not hits:
                lines.append(f"- {plan.district}: không nhắc đến.")
                continue
            said = []
            for s, e, text in hits[:_MENTIONS_PER_PLAN]:
                sec = plan.section_at(s)
                where = f" (mục {_label(sec.label)} {shorten(display(sec.full_title).rstrip(' .:;'), 80)})".replace("  ", " ") if sec else ""
                shown = _clip_folded(display(collapse_ws(text)).lstrip("-+•* ").rstrip(" .;"), pattern)
                said.append(f"{shown}{cites.mark(plan.doc_id, s, e)}{where}")
            more = f" (và {len(hits) - _MENTIONS_PER_PLAN} chỗ khác)" if len(hits) > _MENTIONS_PER_PLAN else ""
            lines.append(f"- {plan.district}: " + "; ".join(said) + more + ".")
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "các chỗ nhắc đến trong từng kế hoạch"}, spans=cites.spans)

    # -- reporting duties -----------------------------------------------------------------------------

    def _duties(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Báo cáo gửi đâu, qua ai, trước ngày nào": the plan's reporting duties that match."""
        spelled = expand_abbreviations(qa.folded)  # "bc hằng năm gửi ai"
        if "bao cao" not in spelled or not re.search(
            r"gui (ve |den |cho )?(dau|ai|nhung noi nao|noi nao|co quan nao)|ve dau|qua (ai|dau|co quan nao|phong nao)"
            r"|khi nao|truoc ngay|(?<!co )thoi han|han chot|bao lau|dinh ky|may lan", spelled
        ):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1 or not plans[0].duties:
            return None
        plan = plans[0]
        q = set(syllables(expand_body_names(fold(qa.expanded_text)))) - STOPWORDS

        def said(d: Duty) -> set[str]:
            # Who reports is often the heading above the duty ("3. Ủy ban nhân dân các xã, thị trấn").
            own = plan.section_at(d.start)
            return set(syllables(d.text)) | (set(syllables(own.full_title)) if own is not None else set())

        ranked = sorted(plan.duties, key=lambda d: -len(q & said(d)))
        best = len(q & said(ranked[0]))
        chosen = [d for d in ranked if len(q & said(d)) >= 0.8 * best][:3]
        asked = expand_body_names(fold(qa.expanded_text))

        def reporter(d: Duty) -> str:
            own = plan.section_at(d.start)
            return _body_key(own.full_title) if own is not None and _BODY_TITLE.match(own.full_title) else ""

        named = [d for d in chosen if reporter(d) and (reporter(d) in asked or _body_key(reporter(d)).replace(
            "uy ban nhan dan", "ubnd") in expand_abbreviations(asked))]
        chosen = named or chosen  # "Phòng LĐ-TB&XH … gửi đâu": that body's duties, not every body's
        def who(d: Duty) -> str:
            own = plan.section_at(d.start)
            title = display(own.full_title).rstrip(" .:;") if own is not None else ""
            if _BODY_TITLE.match(title) and len(title) <= 80:
                return f"{title}: "
            # "1. UBND huyện, Đảng ủy các xã, thị trấn chỉ đạo …. Định kỳ … báo cáo …": the item's opening bodies.
            para = next((p for p in plan.paragraphs if p.start <= d.start < p.end), None)
            opens = ITEM_SUBJECT.match(display(para.flat)) if para is not None and d.start > para.start + 10 else None
            return f"{opens.group('subject')}: " if opens else ""

        parts = [f"{who(d)}{d.text[:1].upper()}{d.text[1:].rstrip(' .;')}{cites.mark(plan.doc_id, d.start, d.end)}" for d in chosen]
        if qa.asks_deadline and not any(re.search(r"\d", d.deadline) or re.search(r"ngày\s+\d", d.text) for d in chosen):
            # "Trước ngày nào?" of a duty with no date ("định kỳ"): say the plan sets none, and what it does say.
            text = f"{REFUSAL} Kế hoạch của {plan.district} không nêu hạn nộp báo cáo này; kế hoạch ghi: " + ". ".join(parts) + "."
            return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                              guard={"refusal": "date_not_given"}, spans=cites.spans)
        return Generation(". ".join(parts) + ".", cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "nghĩa vụ báo cáo trong mô hình kế hoạch"}, spans=cites.spans)


    # -- who leads each area asked about -------------------------------------------------------------

    def _leads_across(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Ở mỗi huyện ai lo việc tuyên truyền, quán triệt": per plan, the assignment whose task is the one
        asked, one line per plan."""
        if not qa.wants_comparison or qa.intent not in ("assignment", "general") or not _LEAD_CUE.search(qa.folded):
            return None
        # "Ở mỗi huyện …? Kon Rẫy có khác không?": every plan, the named one among them.
        every = re.search(r"(?<!\w)(moi|tung|cac|ca|4|bon) (huyen|ke hoach|kh)(?!\w)", qa.folded)
        plans = list(self.book.plans) if every else self._plans_for(qa)
        if len(plans) < 2:
            return None
        place = {w for p in self.book.plans for w in syllables(p.district)}
        asked = [w for w in dict.fromkeys(syllables(qa.expanded_text))
                 if w not in STOPWORDS and w not in _FOCUS_CUES and w not in _ACROSS_CUES and w not in place
                 and not w.isdigit() and self._chunk_df.get(w, 0) > 0]
        if len(asked) < 2:
            return None
        weight = {w: math.log(1 + self._n_chunks / (1 + self._chunk_df.get(w, 0))) for w in asked}
        total = sum(weight.values())
        lines = []
        for plan in plans:
            best: tuple[float, int, Any] | None = None
            for a in plan.assignments:
                own = plan.section_at(a.task_start)
                words = set(syllables(a.task)) | (set(syllables(own.full_title)) if own is not None else set())
                score = sum(weight[w] for w in asked if w in words) / total
                specific = 1 if _SPECIFIC_LEAD.search(a.lead) else 0  # "Ban Tuyên giáo" over "các cấp ủy"
                if score >= 0.5 and (best is None or (score, specific) > best[:2]):
                    best = (score, specific, a)
            if best is None:
                lines.append(f"- {plan.district}: kế hoạch không giao riêng việc này cho cơ quan nào.")
                continue
            a = best[2]
            lead = _THUC_HIEN.sub("", display(a.text)).rstrip(" .;")
            if a.kind == "thực hiện":  # the line names the lead only; the task it closes says what
                lead = f"{shorten(display(a.task), 160)} — {lead}"
            elif a.leads and _body_key(a.leads[0]) not in _body_key(lead):
                lead = f"{a.leads[0]}: {lead}"  # a duty under its body's heading ("1. Phòng …: - Chủ trì theo dõi …")
            lines.append(f"- {plan.district}: {lead}{cites.mark(plan.doc_id, a.start, a.end)}.")
        if sum(1 for ln in lines if "[" in ln) < 2:
            return None
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _each_task_lead(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Có hai dòng giao việc về chuyển đổi số; mỗi dòng giao ai chủ trì": every task of the plan (inside the
        section named, if one is) that speaks of the subject asked, each with its "Thực hiện: … chủ trì" line."""
        if qa.intent != "assignment" or qa.briefing or not _EACH_TASK.search(qa.folded):
            return None
        if _ABOUT_TOPIC.search(qa.folded) and _SECTION_WORD.search(qa.folded):
            return None  # "nhóm nhiệm vụ về nguồn lực … gồm những nội dung gì, phòng nào chủ trì": that section's items
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        named = [s for r in qa.section_refs for s in plan.sections_labelled(r)]
        spans = [(s.start, s.end) for s in named]
        q = f" {' '.join(syllables(qa.expanded_text))} "
        # Words of the asking ("mỗi dòng giao ai chủ trì"), the district's name and the title of the section
        # named ("mục 2 (nâng cao năng lực …)") are not the subject.
        asking = _ASKING_WORDS | set(syllables(plan.district)) | {w for s in named for w in syllables(s.full_title)}
        scored = []
        for a in plan.assignments:
            if a.kind != "thực hiện" or spans and not any(lo <= a.task_start < hi for lo, hi in spans):
                continue
            # The subject as a phrase: the run of a paragraph's syllables found in the question with most content
            # words; the paragraph with the best run is the line shown for that task.
            best_run, where = 0, None
            for para in plan.paragraphs:
                if not a.task_start <= para.start < max(a.task_end, a.task_start + 1):
                    continue
                said = syllables(para.flat)
                run = max((sum(w not in STOPWORDS and w not in asking for w in said[i:j])
                           for i in range(len(said)) for j in range(i + 2, min(len(said), i + 8) + 1)
                           if f" {' '.join(said[i:j])} " in q), default=0)
                if run > best_run:
                    best_run, where = run, para
            if where is not None:
                scored.append((best_run, a, where))
        best = max((r for r, _, _ in scored), default=0)
        chosen = [(a, para) for r, a, para in scored if r == best]
        if len(chosen) < 2:
            return None  # one task: the block and passage answerers give it with its own wording
        lines = []
        for a, para in chosen:
            first = re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])", display(para.flat).lstrip("-+• "), maxsplit=1)[0]
            lines.append(f"- {shorten(first, 160).rstrip(' .;')}{cites.mark(plan.doc_id, para.start, para.end)}: "
                         f"{_THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}.")
        head = f"Kế hoạch của {plan.district} có {len(chosen)} nhiệm vụ như vậy:"
        return Generation("\n".join([head, *lines]), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _block_lead(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Nhiệm vụ chính sách ưu đãi người có công thì phòng nào chủ trì": a block of tasks named by its
        title is led by the "Thực hiện: … chủ trì" line that closes it."""
        if qa.intent != "assignment" or qa.wants_comparison or qa.briefing or not _LEAD_CUE.search(qa.folded):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        q = " ".join(syllables(qa.expanded_text))
        scored = []
        for a in plan.assignments:
            own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
            if own is None:
                continue
            title = syllables(own.full_title)
            # The title named as a phrase: its longest run of syllables found in the question.
            run = _longest_run(title, q.split())
            if run >= 4 and run >= 0.5 * len(title):
                scored.append((run / len(title), a, own))
        scored.sort(key=lambda x: -x[0])
        if not scored or len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1].lead != scored[0][1].lead:
            return None
        _, a, own = scored[0]
        title = f"{_label(own.label)} {own.full_title.rstrip(' .:;')}".strip()
        # One citation: the lead line closes the block, whose passage carries the title in its path.
        said = self._task_said(plan, a, cites) if qa.asks_content else ""
        text = f"{title}: {said}{_THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}."
        return Generation(text, cites.cited, False, self.name, evidence_score=scored[0][0],
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    def _task_said(self, plan: PlanModel, a: Assignment, cites: _Cites) -> str:
        """What the block a lead line closes says ("Thực hiện chính sách … thông tin rác"), cited, before its lead;
        its heading ("d) Về thông tin:") left out, shortened past a few sentences."""
        if a.task_end <= a.task_start:
            return ""
        raw = _source_text(self.chunks_by_doc.get(plan.doc_id, []), a.task_start, a.task_end, footnotes=False)
        text = display(re.sub(r"(?m)^\s*[-+•]\s+", "", raw))  # bullets read as sentences in a line of prose
        text = re.sub(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*(?:Về [^:]{1,80}:)?\s*", "", text).rstrip(" .;")
        if not text:
            return ""
        return f"{shorten_sentences(text, TASK_SAID_CHARS)}{cites.mark(plan.doc_id, a.task_start, a.task_end)}. Thực hiện: "

    def _topic_leads(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Mảng giáo dục và mảng văn hóa do phòng nào chủ trì": the lead line of each area's item."""
        if qa.intent != "assignment" or qa.wants_comparison or qa.briefing:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        keys = topics_named(qa.text)
        field = bool(keys) and _named_as_field(qa.folded, keys[0])
        if keys and not field:
            # "Kon Rẫy giao ai lo nhà ở": the field's own name and nothing else besides who leads is the field too.
            rest = set(syllables(fold(without_lead_frame(qa.text)))) - STOPWORDS - set(syllables(fold(keys[0])))
            field = not rest - {s for d in qa.districts for s in syllables(fold(d))}
        if len(keys) < 2 and not qa.section_refs and not (field and _LEAD_CUE.search(qa.folded)):
            # One area named loosely ("ai chủ trì việc tiêm chủng"): the passage answerer finds that task's own lead;
            # named as a field ("mảng y tế", "vụ y tế") it is the field's item and its lead line.
            return None
        lines = []
        for key in keys:
            words = [fold(key), *(fold(w) for w in topic(key).aliases if " " in w)]
            pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
            # The plan's item for that area ("b) Về y tế") and the "Thực hiện: … chủ trì" line closing it.
            own = [a for a in plan.assignments if a.kind == "thực hiện"
                   and pattern.search(fold(a.breadcrumb.split(" › ")[-1]))]
            if own:
                a = own[0]
                area = display(a.breadcrumb.split(" › ")[-1])
                said = self._task_said(plan, a, cites) if qa.asks_content else ""
                lines.append(f"{area}: {said}{_THUC_HIEN.sub('', display(a.text)).rstrip(' .;')}{cites.mark(plan.doc_id, a.start, a.end)}")
        if not lines:
            return None
        return Generation(" ".join(f"{ln}." for ln in lines), cites.cited, False, self.name,
                          evidence_score=1.0, guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)

    # -- what a named body is given to do -------------------------------------------------------------

    def _parts_of_plan(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Kế hoạch gồm mấy phần (lớn)", "bố cục thế nào": the plan's parts (I., II., …), each cited."""
        if not _PARTS_CUE.search(qa.folded) or qa.section_refs:
            return None
        plans = self._plans_for(qa)
        if not plans or len(plans) > 1 and not qa.wants_comparison and not qa.districts:
            plans = plans[:0] if len(plans) != 1 else plans
        lines = []
        for plan in plans:
            parts = [x for x in plan.outline if x.level == 1]
            if not parts:
                continue
            # (A title the text runs on into its first item, "TỔ CHỨC THỰC HIỆN 1. Các cơ quan …", is cut there.)
            names = [f"{_label(x.label)} {_RUN_ON_ITEM.split(x.full_title)[0].strip(' .:')}"
                     f"{cites.mark(plan.doc_id, x.start, max(x.heading_end, x.start + 1))}" for x in parts]
            lines.append(f"Kế hoạch của {plan.district} gồm {len(parts)} phần: " + "; ".join(names) + ".")
            for x in parts:
                # "… phần nhiệm vụ có bao nhiêu nhóm": the part named by its first words, and how many items it has.
                head = " ".join(syllables(x.full_title)[:2])
                if x.children and re.search(rf"(?<!\w)phan {re.escape(head)}(?!\w)[^,;?]*(bao nhieu|may) (nhom|muc|noi dung|y)",
                                            qa.folded):
                    lines[-1] += f" Phần {_label(x.label).rstrip('.')} có {len(x.children)} mục."
        if not lines:
            return None
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _body_section(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Nhiệm vụ của UBND các xã, thị trấn": the plan's own section headed by that body (in "Tổ chức thực
        hiện"), every point of it: its deadlines and reporting duties are there, not in the tasks it shares."""
        if not _DUTY_CUE.search(qa.folded) or "chu tri" in qa.folded:
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if _org_part_asked(plan, qa):
            return None
        asked = [w for w in syllables(_body_key(qa.expanded_text)) if w not in _BODY_FILLER]
        found: list[Section] = []
        for sec in plan.outline:
            title = sec.full_title.split(":")[0]
            name = [w for w in syllables(_body_key(title)) if w not in _BODY_FILLER]
            # "UBND xã" names "Ủy ban nhân dân các xã, thị trấn": the name before its comma is enough.
            head = [w for w in syllables(_body_key(title.split(",")[0])) if w not in _BODY_FILLER]
            run = _longest_run(name, asked)
            if (len(name) >= 3 and name[0] in _BODY_HEADS and len(title) <= 80
                    and (run == len(name) or len(head) >= 3 and run >= len(head) and name[:len(head)] == head)
                    and (sec.points or sec.children)):
                leads = any([w for w in syllables(_body_key(b)) if w not in _BODY_FILLER] == name
                            for a in plan.assignments if a.kind != "tổ chức thực hiện" and "chu tri" in fold(a.text)
                            for b in a.leads)
                part = any(_names_section(x, qa) or fold(x.full_title) in qa.folded for x in plan.outline if x.level == 1)
                if leads and not part:
                    # A body that leads tasks: those are its duties, unless the part its own section is in is named
                    # ("… trách nhiệm gì ở phần tổ chức thực hiện").
                    return None
                found.append(sec)
        if len(found) <= 1:
            return self._list_section(plan, found[0], cites, qa) if found else None
        # "Phòng LĐ-TB&XH, các phòng ban và UBND xã mỗi bên làm gì": each body's own section, in plan order.
        texts = [self._list_section(plan, x, cites, qa).text for x in found]
        return Generation("\n".join(texts), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)

    def _subject_sentences(
        self, plan: PlanModel, body: str, taken: list[tuple[int, int]], *, anywhere: bool = False
    ) -> list[tuple[int, int, str]]:
        """Up to :data:`MAX_SUBJECT_SENTENCES` sentences of the plan opening with ``body``'s whole name ("Hội đồng
        nhân dân các cấp" is not "Thường trực HĐND"), outside the spans already ``taken``. ``anywhere``: then the
        sentences naming it further in ("Chỉ đạo Hội đồng nhân dân; Mặt trận … tăng cường giám sát …", "Phát huy vai
        trò của Mặt trận … trong vận động người dân tham gia bảo hiểm xã hội tự nguyện")."""
        own = [w for w in syllables(_body_key(body)) if w not in _BODY_FILLER]
        if len(own) < 3:
            return []
        doc_chunks = self.chunks_by_doc.get(plan.doc_id, [])
        opening_ones: list[tuple[int, int, str]] = []
        inside: list[tuple[int, int, str]] = []
        for start, end, text in _sentences(doc_chunks, 0, 10**9):
            sec = plan.section_at(start)  # (in the plan's body: not a Nơi nhận line, nor a heading)
            # (A numbered item written as a whole sentence, "4. Thường trực HĐND huyện hàng năm đưa vào …", is one.)
            heading = sec is not None and start < sec.heading_end and len(syllables(sec.full_title)) < SENTENCE_TITLE_SYLLABLES
            if (sec is None or heading or display(text).rstrip().endswith(":") or "chủ trì" in text
                    or any(a <= start < b or start <= a < end for a, b in [*taken, *((x, y) for x, y, _ in opening_ones + inside)])):
                continue
            # The body opens the sentence ("Ủy ban Mặt trận …", "Hội đồng nhân dân các cấp …"), not a topic of it.
            said = syllables(_body_key(display(text).lstrip("-+• ")))
            if _longest_run(own, said[:len(own) + 2]) == len(own):
                # The whole bullet it opens: its later clauses are the body's tasks too.
                start, end = next(((a, b) for a, b in sec.points if a <= start < b), (start, end))
                opening_ones.append((start, end, _source_text(doc_chunks, start, end)))
            elif anywhere and _acts_in(own, display(text)):
                # To the sentence's end: "Phát huy vai trò của Mặt trận … tự nguyện; tuyên truyền, vận động người
                # dân hạn chế … một lần" is one role.
                rest = _source_text(doc_chunks, end, min(sec.end, end + MAX_SENTENCE_CHARS))
                stop = re.search(r"\.(?=\s|$)|\n\s*\n|\n(?=\s*[-+•])", rest)
                end += stop.start() if stop else 0
                inside.append((start, end, _source_text(doc_chunks, start, end)))
        return [*opening_ones, *inside][:MAX_SUBJECT_SENTENCES]

    def _body_in_question(self, plan: PlanModel, asked: str) -> str:
        """The longest body name of the folded question ``asked`` that the plan writes too ("hội đồng nhân dân
        huyện" → "hoi dong nhan dan" where the plan says "Hội đồng nhân dân các cấp"), or ""."""
        if plan.doc_id not in self._body_text:
            text = " ".join(c.text for c in self.chunks_by_doc.get(plan.doc_id, []))
            self._body_text[plan.doc_id] = f" {' '.join(syllables(_body_key(text)))} "
        written = self._body_text[plan.doc_id]
        q = syllables(asked)
        best: list[str] = []
        for i, w in enumerate(q):
            if w not in _BODY_HEADS:
                continue
            j = i + 1
            while j < len(q) and f" {' '.join(q[i:j + 1])} " in written:
                j += 1
            run = q[i:j]
            while run and run[-1] in _BODY_FILLER:
                run = run[:-1]
            if len([x for x in run if x not in _BODY_FILLER]) >= 3 and len(run) > len(best) and f" {' '.join(run)} " in written:
                best = run
        return " ".join(best)

    def _body_tasks(self, qa: QueryAnalysis, cites: _Cites) -> Generation | None:
        """"Thường trực HĐND huyện được giao làm gì": every statement of the plan led by that body."""
        if qa.section_refs and _LIST_CUE.search(qa.folded):
            return None  # "Mục 9 (vai trò của … Mặt trận) gồm những ý gì": the section's items, bodies only in its title
        role = bool(_ROLE_CUE.search(qa.folded))
        if not role and not re.search(r"(viec|nhiem vu|trach nhiem|lam) (nhung )?gi|nhung (viec|nhiem vu|mang)|duoc giao (nhung )?gi"
                                      r"|mang nao|chu tri (nhung|cac) ", qa.folded):
            return None
        plans = self._plans_for(qa)
        if len(plans) != 1:
            return None
        plan = plans[0]
        if _org_part_asked(plan, qa):
            return None
        asked = expand_body_names(fold(without_giver(qa.expanded_text)))
        org = MASS_ORGANISATION.search(qa.folded)
        if org and "chu tri" in qa.folded and not any(org.group(0) in fold(p.flat) for p in plan.paragraphs):
            return None  # "Hội … chủ trì việc gì": no lead of its own (the passage answerer says so)
        led = [a for a in plan.assignments
               if any(len(b.split()) >= 2 and _body_named(b, asked) for b in a.leads)]
        helps = [a for a in plan.assignments if a not in led and any(_body_named(p, asked) for p in a.partners)] if role else []
        named = ""
        if not led and not helps:
            # "HĐND huyện được giao làm gì" of a plan that names it only in sentences without a "chủ trì" line.
            named = "" if role or "chu tri" in qa.folded else self._body_in_question(plan, asked)
            if not named:
                return None
        # "… trách nhiệm gì trong phần tổ chức thực hiện": only what that part assigns.
        scope = [x for x in plan.outline if x.level == 1 and (
            _names_section(x, qa) or qa.section_refs and x.label.lower() in [r.lower() for r in qa.section_refs])]
        if scope and not re.search(r"(?<!\w)(va|,)\s*(phan|muc)(?!\w)", qa.folded):
            # ("… chủ trì những mảng nào, và phần tổ chức thực hiện giao gì" asks for both.)
            led = [a for a in led if any(x.start <= a.start < x.end for x in scope)] or led
        items = []
        # A body given a few blocks of tasks: what each block says and its "Thực hiện:" line as written.
        # (Not when a lead is what is asked: "đơn vị nào chủ trì các nhiệm vụ về bảo hiểm xã hội".)
        said_each = len(led) <= 3 and (not role or len(led) + len(helps) <= 3) and not re.search(
            r"((don vi|co quan|phong|ban) nao|(?<!\w)ai) (chu tri|phu trach|lo|dam nhiem)|chu tri la ai", qa.folded)
        for a in led[:MAX_POINTS]:
            own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
            if own is not None and said_each and (said := self._task_said(plan, a, cites)):
                line = _THUC_HIEN.sub("", display(a.text)).rstrip(" .;")
                items.append(f"- {_label(own.label)} {own.full_title.rstrip(' .:;')}: {said}{line}"
                             f"{cites.mark(plan.doc_id, a.start, a.end)}".replace("-  ", "- "))
                continue
            mark = cites.mark(plan.doc_id, a.start, a.end)
            if own is not None:
                # "Thực hiện: Phòng … chủ trì" ends a block of tasks: the block's title says what is led.
                with_whom = f" (phối hợp: {', '.join(a.partners)})" if a.partners else ""
                co_leads = [b for b in a.leads if not _body_named(b, asked)]
                with_whom = (f" (cùng chủ trì: {', '.join(co_leads)})" if co_leads else "") + with_whom
                items.append(f"- {_label(own.label)} {own.full_title.rstrip(' .:;')}{with_whom}{mark}".replace("-  ", "- "))
            else:
                items.append(f"- {display(a.text).lstrip('-+• ').rstrip(' .;')}{mark}")
        who = next((b for a in [*led, *helps] for b in [*a.leads, *a.partners] if _body_named(b, asked)), "") or named
        if not role and who and not _LEAD_CUE.search(qa.folded):
            # Tasks written with the body as subject, no "chủ trì" line ("Hội đồng nhân dân các cấp tăng cường giám
            # sát …", "Ủy ban MTTQ Việt Nam, các tổ chức chính trị - xã hội thường xuyên lắng nghe …"), then sentences
            # naming it further in.
            for start, end, text in self._subject_sentences(plan, who, [(a.start, a.end) for a in led], anywhere=True):
                items.append(f"- {display(text).lstrip('-+• ').rstrip(' .;')}{cites.mark(plan.doc_id, start, end)}")
        n_tasks = len(items)  # (the reports it receives are said after, not counted as tasks)
        if not role:
            # "qua Ban Tuyên giáo Huyện ủy": the reports a body receives, or passes on, are its duty too.
            for d in plan.duties:
                via, to = bool(d.via) and _body_named(d.via, asked), bool(d.to) and _body_named(d.to, asked)
                if (via or to) and not any(a.start <= d.start < a.end for a in led):
                    items.append(f"- {'Đầu mối nhận báo cáo' if via else 'Nhận báo cáo'}: {display(d.text).rstrip(' .;')}"
                                 f"{cites.mark(plan.doc_id, d.start, d.end)}")
        if named:
            if not n_tasks:
                return None  # (a body found only as the receiver of reports is not what is asked about)
            who = _as_written(display(items[0]).lstrip("-+• "), named) or who
        head = f"{who} được giao {n_tasks if not role else len(led)} việc trong kế hoạch của {plan.district}:"
        if role:
            # "… là đơn vị chủ trì hay phối hợp, ở từng mảng": where it leads, then where it works with the lead.
            head = (f"{who} chủ trì {len(led)} việc trong kế hoạch của {plan.district}:" if led else
                    f"{who} không chủ trì việc nào trong kế hoạch của {plan.district}.")
            if helps:
                items.append(f"Phối hợp ({len(helps)} việc):")
                for a in helps[:MAX_POINTS]:
                    own = plan.section_at(a.task_start) if a.kind == "thực hiện" else None
                    what = f"{_label(own.label)} {own.full_title.rstrip(' .:;')}" if own is not None else _first_sentence(display(a.text))
                    items.append(f"- {what.strip()} (chủ trì: {', '.join(a.leads)}){cites.mark(plan.doc_id, a.start, a.end)}")
        if org and not any(org.group(0) in fold(p.flat) for p in plan.paragraphs):
            # "Hội Nông dân … phải làm gì" of a plan that tasks the mass organisations only as a group.
            head = (f"Kế hoạch của {plan.district} không giao việc riêng cho tổ chức này; là một tổ chức chính trị - xã hội, "
                    f"nó cùng thực hiện các việc giao cho {who} và các tổ chức chính trị - xã hội "
                    f"({len(led)} việc):")
        return Generation("\n".join([head, *items]), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "phân công trong mô hình kế hoạch"}, spans=cites.spans)


# Words before a body's name that make it the one acting ("phối hợp với MTTQ …", "phát huy vai trò của Mặt trận …").
_ACTING_BEFORE = ("phoi hop voi", "phoi hop", "vai tro cua", "chi dao", "giao", "de nghi", "huy dong")


def _acts_in(own: list[str], text: str) -> bool:
    """The body ``own`` (name syllables) acts in ``text``: a clause opens with it or a word of acting comes right
    before it; not a body merely listed among those a sentence speaks of ("nhận thức của cấp ủy, chính quyền, Mặt
    trận Tổ quốc, …")."""
    for clause in re.split(r"[;.]\s+", text):
        said = syllables(_body_key(clause.lstrip("-+• ")))
        if _longest_run(own, said[: len(own) + 2]) == len(own):
            return True
        line = f" {' '.join(said)} "
        name = " ".join(own)
        if any(f" {verb} {name} " in line or f" {verb} cac {name} " in line for verb in _ACTING_BEFORE):
            return True
    return False


def _as_written(text: str, name: str) -> str:
    """The words of ``text`` that spell the folded body name ``name`` ("HĐND" for "hoi dong nhan dan"), or ""."""
    want = name.split()
    tokens = text.split()
    for i in range(len(tokens)):
        got: list[str] = []
        for j in range(i, len(tokens)):
            got += syllables(_body_key(tokens[j]))
            if got[: len(want)] != want[: len(got)]:
                break
            if len(got) >= len(want):
                return " ".join(tokens[i : j + 1]).strip(" ,;.:")
    return ""


def _part_named_by_title(part: Section, folded: str) -> bool:
    """"phần nhiệm vụ", "phần mục tiêu", "phần tổ chức thực hiện": a part named by the first two words of its title."""
    head = " ".join(syllables(part.full_title)[:2])
    return bool(head) and part.level == 1 and re.search(rf"(?<!\w)phan {re.escape(head)}(?!\w)", folded) is not None


def _longest_run(title: list[str], asked: list[str]) -> int:
    """Length of the longest run of the title's words said in the same order in the question."""
    line = f" {' '.join(asked)} "
    return max((j - i for i in range(len(title)) for j in range(i + 1, len(title) + 1)
                if f" {' '.join(title[i:j])} " in line), default=0)


def _body_named(body: str, asked: str) -> bool:
    """``body`` is named in the folded question ``asked``, however its joiners are typed ("Phòng Tài nguyên
    Môi trường", "phòng tài nguyên và môi trường", "Phòng TN-MT")."""
    if _body_key(body) in asked:
        return True
    name = [w for w in syllables(_body_key(body)) if w not in _BODY_JOINERS]
    return len(name) >= 3 and _longest_run(name, [w for w in syllables(asked) if w not in _BODY_JOINERS]) == len(name)


_BODY_JOINERS = frozenset({"va"})


def _body_key(name: str) -> str:
    """A body's name folded with short names spelled out, without the trailing "huyện" or "Việt Nam" plans add
    or drop ("MTTQ huyện" is the plan's "Ủy ban Mặt trận Tổ quốc Việt Nam")."""
    # ("Văn phòng HĐND&UBND huyện (lĩnh vực Y tế)": the remark in brackets is not the name.)
    name = re.sub(r"\s*\([^)]*\)", "", name)
    return re.sub(r"\s+(huyen|viet nam)$", "", expand_body_names(expand_abbreviations(fold(name))).strip())


# "… là đơn vị chủ trì hay phối hợp", "vai trò của …": where a body leads and where it works with the lead.
_ROLE_CUE = re.compile(r"chu tri (hay|hoac) (la )?phoi hop|phoi hop (hay|hoac) (la )?chu tri|vai tro|tham gia (nhung )?(viec|mang) nao")
# "Nhiệm vụ của …", "… phải làm gì", "được giao việc gì": the duties of a body.
_DUTY_CUE = re.compile(r"(?<!\w)(nhiem vu|trach nhiem|viec gi|lam gi|phai lam|duoc giao|cong viec|nhung viec)(?!\w)")
# The first word of a body's name; words a body's name may carry or drop ("các", "huyện", "thuộc").
_BODY_HEADS = frozenset("phong uy ban hoi mat trung van cong ngan bao doan lien chi".split())
_BODY_FILLER = frozenset("cac huyen".split())
# Content words that fold like a stop or generic word ("dược sĩ" / "đạt được"): kept by their marks.
_HOMOGRAPHS = frozenset({"dược"})
# Words every target phrase shares: they say "a target", not which one.
_RUN_SCORE = 0.55  # an indicator matched only by a run of its own words (see FacetAnswerer._target_matches)
_GENERIC_TARGET_WORDS = frozenset(
    "ty le ti chi tieu dat duoc nam tren duoi khoang toi thieu tro len so nguoi dan muc phan tram bao nhieu "
    "den 2030 huyen ke hoach kh cua dat ra la co va".split()
)
# The same words with their marks: another word folding to one of them ("tiểu", "cơ", "sở") is not generic.
_GENERIC_MARKED = frozenset(
    "tỷ lệ tỉ chỉ tiêu đạt được năm trên dưới khoảng tối thiểu trở lên số người dân mức phần trăm bao nhiêu "
    "đến huyện kế hoạch của đặt ra là có và".split()
)
def _marked_forms(text: str) -> dict[str, set[str]]:
    """Folded word → the forms with marks it has in the text."""
    out: dict[str, set[str]] = {}
    for w in words(text):
        out.setdefault(fold(w), set()).add(w)
    return out


def _common_runs(asked: Sequence[str], name: Sequence[str]) -> Iterator[tuple[int, int, int]]:
    """(i, j, k): the question's words i…i+k equal the name's words j…j+k (k ≥ 1), for every start pair."""
    where: dict[str, list[int]] = {}
    for j, w in enumerate(name):
        where.setdefault(w, []).append(j)
    for i, w in enumerate(asked):
        for j in where.get(w, ()):  # only the pairs that start alike (every answer checks ~100 names)
            k = 1
            while i + k < len(asked) and j + k < len(name) and asked[i + k] == name[j + k]:
                k += 1
            yield i, j, k


@lru_cache(maxsize=8192)
def _pairs_of_names(*names: str) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        syl = _name_syllables(name)
        out |= {f"{a}_{b}" for a, b in zip(syl, syl[1:], strict=False)
                if not ({a, b} & (STOPWORDS | _GENERIC_TARGET_WORDS)) and not (a.isdigit() or b.isdigit())}
    return frozenset(out)


@lru_cache(maxsize=8192)
def _name_syllables(name: str) -> tuple[str, ...]:
    """Folded syllables of a target's name (the same few hundred names, read for every question)."""
    return tuple(syllables(name))


def _is_content(w: str) -> bool:
    return w not in STOPWORDS and w not in _GENERIC_TARGET_WORDS


def _run_positions(asked: Sequence[str], name: Sequence[str]) -> set[int]:
    """Positions of the question inside a run of two or more content words found word for word in a name."""
    out: set[int] = set()
    for i, _, k in _common_runs(asked, name):
        content = [p for p in range(i, i + k) if _is_content(asked[p])]
        if len(content) >= 2:
            out.update(content)
    return out


def _named_run(asked: Sequence[str], name: Sequence[str]) -> set[str]:
    """Content syllables of the longest run of the question found word for word in a name and reaching the
    name's last content word, which tells the indicator apart ("… tham gia bảo hiểm thất nghiệp")."""
    content = [i for i, w in enumerate(name) if _is_content(w)]
    if not content:
        return set()
    best: set[str] = set()
    for i, j, k in _common_runs(asked, name):
        run = {w for w in asked[i:i + k] if _is_content(w)}
        if j <= content[-1] < j + k and len(run) > len(best):
            best = run
    return best


def _years_with_figures(plan: PlanModel, chunks: list[Chunk]) -> set[str]:
    """Years the plan sets figures for: in a sentence with a number and unit, or its targets' horizon (2030)."""
    years: set[str] = set()
    for sentence in re.split(r"(?<=[.;:])\s+", "\n".join(c.text for c in chunks)):
        if re.search(r"\d+(?:[.,]\d+)?\s*%|\d+\s*(?:tuổi|giường|bác sĩ|m2|m²)", sentence):
            years.update(_YEAR.findall(sentence))
    for t in plan.targets:
        years.add("2030")
        years.update(_YEAR.findall(t.breadcrumb))
    return years


_DOC_CODE = re.compile(r"[-/](?:KH|NQ|CTr|Ctr|CT|QĐ|TW|TU|HU|UBND)\b[^.;]{0,20}$")


def _task_date(text: str) -> bool:
    """A date set for a task ("trước ngày 15 tháng 8"), not the date of a document cited ("Kế hoạch 193-KH/HU ngày …")."""
    return any(
        not _DOC_CODE.search(text[max(0, m.start() - 40):m.start()])
        for m in re.finditer(r"(?:trước|ngày)\s+(?:ngày\s+)?\d", text)
    )


def _asks_items_of(sec: Section, qa: QueryAnalysis) -> bool:
    """"Phần yêu cầu … đặt ra những yêu cầu gì": the items of a section, asked by the word of its title."""
    title = {w for w in syllables(sec.full_title) if w not in STOPWORDS}
    return any(
        set(m.group(1).split()) <= title
        for m in re.finditer(r"(?<!\w)(?:nhung|cac) ((?:\w+ ){1,2}?)(?:gi|nao|chinh)(?!\w)", qa.folded)
    )


def _names_section(sec: Section, qa: QueryAnalysis) -> bool:
    """The question names this section itself: "phần/mục <title>" for a short title, most of a long title."""
    title = syllables(sec.full_title)
    if len(title) >= 5:
        q = set(syllables(qa.text))
        return sum(w in q for w in title) / len(title) >= 0.8
    head = " ".join(w for w in title if w != "ve")[:40]
    return bool(head) and re.search(r"(?<!\w)(phan|muc|tieu muc|y|noi dung)\s+(ve\s+)?" + re.escape(head), qa.folded) is not None


_HORIZON = re.compile(r"(?:đến|tới)?\s*năm\s+\d{4}", re.IGNORECASE)


_ORDINAL = re.compile(r"(?<!\w)(muc|phan|nhiem vu|y|diem|noi dung|giai phap) (?P<which>cuoi cung|sau cung|dau tien)(?!\w)")


_FIELD_WORD = r"(?<!\w)(?:mang|linh vuc|(?<!nhiem )vu|chuyen|nganh|cong tac|ve)\s+"


def _named_as_field(folded: str, key: str) -> bool:
    """The question names the area as a field ("mảng y tế", "chuyện khám chữa bệnh", "lĩnh vực nhà ở"): by its
    own name's first word or by any of the words the plans use for it."""
    words = [fold(key).split()[0], *topic(key).keywords]
    return re.search(_FIELD_WORD + "(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", folded) is not None


def _org_part_asked(plan: PlanModel, qa: QueryAnalysis) -> bool:
    """"Tóm tắt phần tổ chức thực hiện: Phòng …, … và UBND xã mỗi bên làm gì": the whole part, body by body, is
    asked, not the duties of the first body it names."""
    return bool(_WHO_DOES_WHAT.search(qa.folded)) and any(
        x.level == 1 and fold(x.full_title).strip(" .").startswith("to chuc thuc hien") and _names_section(x, qa)
        for x in plan.outline)


def _parts_named(plan: PlanModel, qa: QueryAnalysis) -> list[Section]:
    """Top parts of the plan (levels 1–2) whose titles the question names whole, in plan order
    ("mục đích, yêu cầu", "mục tiêu tổng quát", "nhiệm vụ giải pháp"): two content syllables at least."""
    q = set(syllables(qa.text))
    fields = set(topics_of(qa.text))
    out: list[Section] = []
    titles: dict[int, set[str]] = {}
    for sec in plan.outline:
        if fields - set(topics_of(sec.full_title)):
            continue  # "mục tiêu và giải pháp về nước sạch": a field's targets and tasks, not the part "Mục tiêu"
        if any(fold(x.full_title).strip(" .").startswith("to chuc thuc hien") for x in (*plan.ancestors(sec), sec)):
            # (Phụng Hiệp's title runs on into its item 1.) Who does what there, or one body's part of it
            # ("phần tổ chức thực hiện: Phòng LĐ-TB&XH, … mỗi bên làm gì"), is the trainers' table, body by body.
            continue
        # The horizon is not part of the name: "Tầm nhìn 2045" names "Tầm nhìn đến năm 2045".
        title = [w for w in syllables(_HORIZON.sub(" ", sec.full_title)) if w not in STOPWORDS and not w.isdigit()]
        if _part_named_by_title(sec, qa.folded):
            # "tóm tắt phần mục tiêu" names the part "MỤC TIÊU, CHỈ TIÊU" by its first words
            out.append(sec)
            titles[id(sec)] = set(title)
        elif sec.level <= 2 and len(title) >= 2 and all(w in q for w in title):
            if len(title) == 2 and not _names_short_title(qa.text, title):
                continue  # "các quỹ mà kế hoạch yêu cầu quản lý": the verb, not the part "Yêu cầu"
            out.append(sec)
            titles[id(sec)] = set(title)
    # A part and its own sub-part both named ("mục tiêu" / "mục tiêu tổng quát"): the more specific one, unless the
    # part's title names more than the sub-part's ("mục đích, yêu cầu" is part I, not only its "2. Yêu cầu").
    return [x for x in out if not any(y is not x and x.start <= y.start and y.end <= x.end
                                      and titles[id(x)] <= titles[id(y)] for y in out)][:3]


# What follows a two-word part title named in a question ("yêu cầu của kế hoạch", "phần mục đích nói gì"); another
# word after it makes it a verb or a phrase of its own ("yêu cầu quản lý", "mục tiêu phấn đấu").
_AFTER_TITLE = frozenset("cua trong la gom noi dat the ra gi nhu va ke kh thi o neu co de duoc nhung cac".split())


def _names_short_title(text: str, title: list[str]) -> bool:
    """A two-syllable part title written whole in the question and standing as a name, not a verb."""
    q = syllables(text)
    for i in range(len(q) - 1):
        if q[i : i + 2] == title:
            after = q[i + 2] if i + 2 < len(q) else ""
            if not after or after in _AFTER_TITLE or after.isdigit():
                return True
    return False


def _listed_after_colon(text: str) -> list[str]:
    """The items a question lists after a colon ("…: tuổi thọ, bảo hiểm y tế, tiêm chủng"), else []."""
    if ":" not in text:
        return []
    tail = text.split(":", 1)[1].strip(" .?!")
    items = [x.strip() for x in re.split(r",|\s+và\s+|;", tail) if x.strip()]
    return items if len(items) >= 2 and all(len(x.split()) <= 6 for x in items) else []


def _lower_first(s: str) -> str:
    """"Bảo đảm 100% …" inside a sentence reads "bảo đảm 100% …"; an acronym ("THCS") stays."""
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def _label(label: str) -> str:
    """A section label as plans write it: "3.4.", "III.", "đ)"."""
    if not label:
        return ""
    return f"{label})" if len(label) == 1 and label.islower() else f"{label}."


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n\s*\n|\n(?=\s*[-+•*]\s)")
# Words that ask about a section, not what is in it.
_FOCUS_CUES = frozenset(
    "muc phan tieu noi dung y diem gi nao nhung co may bao nhieu gom viet neu de cap nhac toi den ve the ra sao "
    "ke hoach kh van ban huyen trong cua la duoc hay khong chinh cu the moi giao cho ai linh vuc mang chia thanh".split()
)


# "gồm mấy phần (lớn)", "bố cục", "cấu trúc": the plan's parts.
_PARTS_CUE = re.compile(r"(gom|co|chia (thanh|lam)) (may|bao nhieu) phan(?! tram)(?!\w)|bo cuc|cau truc (cua )?(ke hoach|kh|van ban)"
                        r"|(gom|co|chia (thanh|lam)) (nhung|cac) phan (nao|gi)(?!\w)"
                        r"|may phan (lon|chinh)|(nhung|cac) phan (lon|chinh)")
# "Tóm tắt (ngắn) kế hoạch X", "nội dung chính của KH X", "kế hoạch X có những điểm chính gì": the whole plan.
_SUMMARY_FILLER = r"(?:(?:ngan|gon|nhanh|giup|gium|cho|toi|minh|em|lai|so luoc|noi dung|toan bo|ca|ban|cua|ve|chung|du thao)\s+){0,5}"
_PLAN_SUMMARY = re.compile(
    r"(?<!\w)(?:(?:tom tat|tom luoc|khai quat|tong quan|gioi thieu|diem qua|noi dung chinh|(?:diem|y|noi dung) "
    r"(?:chinh|co ban|cot loi|quan trong))\s+" + _SUMMARY_FILLER + r"(?:ke hoach|kh)(?!\w)"
    r"|(?:ke hoach|kh)(?:\s+\w+){0,4}?\s+(?:co|gom|neu) (?:nhung |cac )?(?:noi dung|diem|y) (?:chinh|co ban|cot loi))"
)
_RUN_ON_ITEM = re.compile(r"\s+\d{1,2}\.\s")
# A phrase quoted in a question: “…”, "…", «…», '…'.
_QUOTED = re.compile(r"[“\"«']([^”\"»']{6,120})[”\"»']")
# "… liên quan đến …", "dành cho …", "có gì cho …": what a plan holds for a group of people.
_GROUP_CUE = re.compile(r"lien quan (den|toi|voi)|co (gi|nhung gi) (cho|ve|danh)|nhung (noi dung|chinh sach|viec) (gi )?(cho|ve|danh)")
# "… cuộc vận động nào dành cho …": one thing of a kind is asked, not everything for the group.
_ONE_OF_A_KIND = re.compile(r"(?<!\w)(cuoc van dong|chuong trinh|de an|phong trao|mo hinh|chinh sach|du an|quy) nao(?!\w)")
# Any group's own words (for keeping them when a long sentence is shortened).
_GROUP_TERMS = re.compile(r"dân tộc thiểu số|đồng bào|phụ nữ|mang thai|trẻ em|người cao tuổi|khuyết tật", re.IGNORECASE)
# A deadline given as a date: "trước ngày 05 tháng 12", "hoàn thành trước ngày 15/8/2024", "chậm nhất ngày 30/6".
_DATED_DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn)\s+(?:ngày\s+)?\d{1,2}(?:\s+tháng\s+\d{1,2}|/\d{1,2})[^,;.]*",
                             re.IGNORECASE)


def _clip_keeping(text: str, pattern: re.Pattern[str], limit: int = 260) -> str:
    """``text`` shortened to ``limit`` characters without losing the part ``pattern`` finds (a date at the end)."""
    m = pattern.search(text)
    if len(text) <= limit or m is None or m.end() <= limit:
        return shorten(text, limit) if m is None or m.end() <= limit else text
    tail = text[max(0, text.rfind(",", 0, m.start()) + 1 or m.start()):].strip()
    return f"{shorten(text, max(80, limit - len(tail) - 3)).rstrip('…')} … {tail}"


# "nhóm nhiệm vụ về nguồn lực tài chính của …": the topic a group of tasks is named by.
# "nhóm nhiệm vụ về nguồn lực": a part named by its topic.
# The topic runs to the words that follow a name ("… của", "… gồm", "… là"; "có" but not in "người có công").
_TOPIC_TAIL = r"(?P<topic>[^?.;:]+?)(?= (?:cua|o|trong|gom|co(?! cong)|thi|la)(?!\w)|[?.;:]|$)"
_ABOUT_TOPIC = re.compile(r"(?<!\w)(?:nhom nhiem vu|nhom giai phap|nhom|phan|muc|noi dung) (?:noi )?ve " + _TOPIC_TAIL)


# "mục chính sách người có công" without "về": only "mục"/"phần"/"nhóm" written with their marks ("mức", "phần trăm"
# fold alike), marked before folding.
_MARKED_PART = re.compile(r"(?<!\w)(?:mục|phần(?! trăm)|nhóm giải pháp|nhóm nhiệm vụ)(?= )(?! tiêu| \d)")
_NAMED_TOPIC = re.compile(r"(?<!\w)muc_ " + _TOPIC_TAIL)


def _section_by_topic(plan: PlanModel, qa: QueryAnalysis) -> Section | None:
    """The one section whose title holds two or more words of the topic in a row ("nguồn lực" of "nguồn lực
    tài chính"), when the question names a group of tasks by its topic rather than its title."""
    # In the plans' words ("mục nói về chăm lo thương binh liệt sĩ" → "… người có công").
    said = qa.expanded_text
    m = _ABOUT_TOPIC.search(fold(said)) or _NAMED_TOPIC.search(fold(_MARKED_PART.sub(" mục_ ", said.lower())))
    named = _section_by_topic_words(plan, m.group("topic")) if m is not None else None
    if named is None and re.search(r"(?<!\w)(phan|muc|noi dung) (nay|do|ay)(?!\w)", fold(said)):
        # "… làm gì cho chuyện việc làm, học nghề? Tóm tắt giúp phần này": the one numbered part of that field.
        fields = set(topics_named(said))
        found = [x for x in plan.outline if x.label and (x.points or x.children) and fields & set(topics_of(x.full_title))]
        return found[0] if len(found) == 1 else None
    return named


def _section_by_topic_words(plan: PlanModel, said: str) -> Section | None:
    """The one section whose title holds two or more of the topic's words in a row."""
    # Runs are counted in content words, on both sides ("người có công" is a run of two in "ưu đãi người có công").
    topic = [w for w in syllables(said) if w not in STOPWORDS]
    # Ranked by the run, then by how many of the topic's words the title holds ("chính sách … người có công").
    runs = []
    for x in plan.outline:
        if x.points or x.children:
            title = [w for w in syllables(x.full_title) if w not in STOPWORDS]
            runs.append(((_longest_run(title, topic), len(set(topic) & set(title))), x))
    best = max((r for r, _ in runs), default=(0, 0))
    found = [x for r, x in runs if r == best]
    return found[0] if best[0] >= 2 and len(found) == 1 else None


# Where a body's name starts in a question ("… báo cáo Sở Lao động - Thương binh và Xã hội").
_BODY_START = re.compile(r"\b(?:Sở|Phòng|Ban|Hội|Ủy ban|UBND|Trung tâm|Ngân hàng|Bảo hiểm xã hội|Mặt trận|Công an|Văn phòng)\s+[A-ZÀ-Ỹ\u0110]")


def _plain_name(text: str) -> str:
    """Folded syllables with short names spelled out: "Sở Lao động, TB&XH" and "Sở LĐ-TB&XH" read alike."""
    return f" {' '.join(syllables(expand_body_names(expand_abbreviations(fold(collapse_ws(text))))))} "


_ABOUT = re.compile(r"^Về\s+")
# Words around a thing asked that are not it ("mục 5 … có nói gì về …"); "tư" of "công - tư" stays.
_THING_STOP = frozenset("co gi ve cua trong la nhung cac noi ke hoach muc phan thi o".split())
_GENERIC_NAME_WORDS = frozenset("uy ban nhan dan hoi dong huyen xa thi tran tinh cac phong chu tich pct".split())


def _without_author(asked: str, issuer: str) -> str:
    """A folded question without the plan's author where it is named as such ("của Ban Thường vụ Huyện ủy")."""
    if not issuer:
        return asked
    return re.sub(rf"(?<!\w)(cua|do) {re.escape(fold(issuer))}(?!\w)", " ", asked)


def _recipient_named(name: str, asked: str) -> bool:
    """Whether a folded question (abbreviations spelled out) names a Nơi nhận line ("Trang TTĐT huyện")."""
    def plain(text: str) -> list[str]:
        # "Sở Lao động, TB&XH" and "Sở LĐ-TB&XH" alike: short names spelled out, "đồng chí", "các", "huyện" aside.
        return [w for w in _plain_name(text).split() if w not in ("huyen", "cac", "dong", "chi")]

    words, said = plain(fold(name)), plain(asked)
    if len(words) >= 3 and f" {' '.join(words)} " in f" {' '.join(said)} ":
        return True
    # "gửi MTTQ để làm gì": most of the line's name ("Ủy ban MTTQ Việt Nam"), its distinctive words in a row
    # (not "ủy ban nhân dân", which every plan's issuer and communes share).
    own = [w for w in words if w not in _GENERIC_NAME_WORDS]
    run = _longest_run(own, [w for w in said if w not in _GENERIC_NAME_WORDS])
    head = re.findall(r"\w+", fold(name))[:3]
    if len(head) == 3 and head[0] in ("so", "phong", "trang", "trung") and f" {' '.join(head)} " in f" {asked} ":
        return True  # "Sở Lao động" names "Sở Lao động, TB&XH" by its head
    return run >= 3 and run >= 0.5 * len(own)


# "kế hoạch nào / bản nào / những huyện nào … nhắc tới X": which plans name something.
_WHICH_PLAN = re.compile(r"(?<!\w)((ke hoach|kh|ban|huyen|van ban) nao|nhung (ke hoach|huyen|ban)|ca bon (ke hoach|ban|huyen))(?!\w)")
_MENTION = re.compile(
    r"(?<!\w)(?:nhac|de cap|nhac den|noi)(?: (?:den|toi|ve))? (?P<term>[^,?.;:]+?)"
    r"(?= (?:va|hay|khong|ko|hong|o|trong|nhu the nao|the nao|ra sao|nhac|chua)(?!\w)|[,?.;:]|$)"
)
_MENTIONS_PER_PLAN = 3


def _clip_folded(text: str, pattern: re.Pattern[str], limit: int = 240) -> str:
    """A long sentence cut to ``limit`` characters around the first place its folded form matches ``pattern``."""
    if len(text) <= limit:
        return text
    m = pattern.search(fold(text))
    start = max(0, (m.start() if m else 0) - limit // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # from a word's start
    piece = text[start : start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(text) else "")


def _sentences(chunks: list[Chunk], start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Sentences (and bullet lines) of the source between ``start`` and ``end``, with their spans."""
    for c in chunks:
        s, e = max(start, c.start), min(end, c.end)
        if s >= e:
            continue
        text = c.text[s - c.start : e - c.start]
        pos = 0
        for m in [*_SENTENCE_END.finditer(text), None]:
            stop = m.start() if m else len(text)
            piece = text[pos:stop]
            if len(piece.strip()) >= 20:
                lead = len(piece) - len(piece.lstrip())
                yield s + pos + lead, s + stop, piece.strip()
            pos = m.end() if m else len(text)


_FOOTNOTE_LINE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")


def _source_text(chunks: list[Chunk], start: int, end: int, *, footnotes: bool = True) -> str:
    """Source text of [start, end) put together from the document's chunks (``footnotes=False``: without the
    footnote lines a page break put inside a sentence)."""
    out = []
    for c in chunks:
        s, e = max(start, c.start), min(end, c.end)
        if s < e:
            piece = c.text[s - c.start : e - c.start]
            if not footnotes:
                piece = "\n".join(line for line in piece.split("\n") if not _FOOTNOTE_LINE.match(line))
            out.append(piece)
    return " ".join(p for p in out if p.strip())


def _first_sentence(text: str, limit: int = 220) -> str:
    m = re.search(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ])", text)
    return shorten(text[: m.start()] if m else text, limit)


