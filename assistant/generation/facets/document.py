"""The documents themselves: number, date, issuer, signer, recipients, implemented documents, draft or final;
the plan's parts and its summary.
"""

from __future__ import annotations

import re

from assistant.generation.base import REFUSAL, Generation
from assistant.generation.facets.base import (
    RUN_ON_ITEM,
    Cites,
    FacetBase,
    longest_run,
    plain_name,
    same_verdict,
    section_label,
    sentences_in,
    source_text,
)
from assistant.lexicon import expand_abbreviations
from assistant.plan.facts import BLANK, Fact, Recipient, display
from assistant.plan.model import PlanModel
from assistant.plan.overview import plan_overview
from assistant.plan.topics import (
    topics_named,
)
from assistant.query import (
    ASKS_SAME,
    IMPLEMENTED_BY_KIND,
    LABEL_ASKED,
    NAMES_PART,
    SECTION_NUMBER,
    QueryAnalysis,
    asks_cited_document_date,
)
from assistant.text import (
    dates_in,
    fold,
    syllables,
)

_SENT_FOR = re.compile(r"(?<!\w)gui (de )?(bao cao|b/c|phoi hop|p/h|biet) (cho|den|toi|len|ve) (nhung |cac )?(ai|dau|noi|co quan|don vi|cap)(?!\w)")


# Two plans' documents told apart ("phân biệt hai văn bản", "hai KH số 149 khác nhau ở điểm nào").
_TELL_APART = re.compile(
    r"phan biet|(?=.*(van ban|(?<!\w)so \d|ky hieu|hai (ke hoach|kh)(?!\w)))"
    r".*khac nhau( o)? (diem|cho|gi|the nao|ra sao|sao)(?!\w)"
)


# "KH của UBND Kon Rẫy báo cáo lên những nơi nào": the plan itself reports, through its Nơi nhận lines marked "(b/c)";
# not "KH Kon Rẫy: các xã báo cáo về đâu" (a body between them is whose reporting duty is asked).
_PLAN_REPORTS_TO = re.compile(
    r"(?:^|[,.:;?!]\s*)(?:con |the |vay )?(?:ke hoach|kh|van ban)(?: (?!(?:xa|phong|cac|nhung|co|yeu|giao|thi|nganh|hoi|doan|don|moi|tung)(?!\w))\w+){0,5}?"
    r" (?:phai |se |duoc )?(?:bao cao|b/c) (?:len|cho|den|toi|ve) (?:nhung |cac )?(?:ai|dau|co quan|noi|don vi|cap)(?!\w)"
)


META_FACETS: dict[str, str] = {
    "number": r"so hieu|ky hieu|so (van ban|ke hoach)(?! (so )?\d)|ke hoach so (may|bao nhieu|gi)|mang so|(?<!\w)(?<!con )(?<!ma )(?<!chi )so (may|gi|bao nhieu|la gi)(?!\w)"
              r"|(?<!\w)so (va|,) ?(ngay|ai|nguoi)|(?<!\w)so, ngay|(?<!hon )(?<!ngay )(?<!nam )(?<!thang )(?<!\w)so (voi|cung|kem) ngay(?!\w)"
              # "đã có số chưa?", "số còn để trống": whether the number is filled in.
              r"|(?<!\w)(da |chua )?co so( hieu| van ban| ke hoach)? (chua|khong|ko)(?!\w)|(?<!\w)so( hieu| van ban)? (con |bi )?(de|bo) trong"
              # "có trùng số không", "số có giống nhau không": the numbers side by side.
              # (Not "cùng số kế hoạch 149, nhưng …": the number said, not asked.)
              r"|(?<!\w)(trung|cung|giong|khac) so(?! ?(ke hoach |kh |van ban )?\d)(?!\w)[^?,;.]{0,25}(khong|ko|chua|nhau)(?!\w)"
              r"|(?<!\w)so (co )?(trung|giong|khac)(?!\w)",
    "date": r"ngay (ban hanh|ky)|(?<!hon )(?<!ngay )(?<!nam )(?<!thang )(?<!\w)so (voi|cung|kem|va) ngay(?!\w)|ban hanh (vao )?(ngay|khi nao|luc nao|bao gio|thang)|(?<!dinh )(?<!giua )(?<!nhiem )(?<!cuoi )ky (vao )?(ngay|khi nao)|ngay thang"
            r"|thoi gian ban hanh|(ban hanh|ky|ra doi) (truoc|som|sau|muon)|(som|muon|truoc|sau) nhat|(ky|ban hanh) sau cung"
            r"|(ban hanh|ky) (vao )?hom nao|(?<!\w)so,? (va )?ngay(?!\w)|(?<!\w)ngay,? (va )?so(?! \d)(?!\w)"
            r"|(ban hanh|ky)( vao)? cung (mot )?ngay|cung (mot )?ngay (ban hanh|ky)"
            # The place the date line names ("Kim Động, ngày 12 tháng 4 năm 2024"): "ban hành ở đâu".
            r"|(ban hanh|ky)( \w+){0,2} (o|tai) (dau|noi nao)|(noi|dia diem|dia danh) ban hanh",
    "signer": r"(?<!\w)(ky )?thay mat (co quan|ai|cap|don vi)|(?<!\w)t/m(?!\w)|(?<!\w)(ai|nguoi) (da )?ki(?!\w)|dat but (ky|ki)|ki ten|ai ky|nguoi ky|ky ten|ky ke hoach|ky van ban|da ky|ky boi|ky (la )?ai|(chuc vu|cuong vi|chuc danh)|(?<!trich )(?<!ghi )(?<!viet )(?<!neu )dung ten",
    "issuer": r"co quan (nao )?ban hanh|ai ban hanh|cap nao ban hanh|(do|boi) (co quan|ai|cap|don vi) nao|don vi ban hanh"
              r"|ban hanh boi|co quan nao (xay dung|ra)|cai nao do|(cung|khac) (mot )?(co quan|cap|loai co quan)[^?]{0,40}ban hanh|(?<!\w)do (co quan )?(ubnd|uy ban|cap uy|huyen uy|ban thuong vu|chinh quyen|dang)",
    "recipients": r"noi nhan|(ke hoach|kh|van ban)(?!\w)[^?]{0,60}?(?<!\w)gui (dich danh )?(den |cho |toi )?(nhung |cac )?"
                  r"(ai|dau|co quan|noi|don vi|ca nhan|dong chi|lanh dao)"
                  r"|nhan (duoc )?ke hoach|phat hanh (den|toi|cho|ve) (nhung |cac )?(noi|dau|ai|co quan|don vi)|ban luu"
                  r"|(?<!\w)gui (?!bao cao)[^?,]{3,50}? ((de|nham) (lam gi|gi|lam chi)|(voi|vi|co) muc dich gi)(?!\w)"
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
                  r"(nhung |cac )?(ai|dau|co quan|noi|don vi|cap)"
                  r"|" + _PLAN_REPORTS_TO.pattern,
    "implements": r"can cu|cu the hoa|(?<!\w)(ke hoach|kh|van ban)( \w+){0,3} (thuc hien|trien khai) theo (nghi quyet|chuong trinh"
                  r"|ke hoach|van ban|chi thi)"
                  # the plan the subject ("KH 149 … thực hiện theo kế hoạch nào"), not a task ("hỗ trợ nhà ở … theo
                  # chương trình nào": documents cited in the body)
                  r"|(?<!\w)(ke hoach|kh|van ban)(?!\w)[^?]{0,40}? theo (nghi quyet|chuong trinh( hanh dong)?|ke hoach|van ban|chi thi) (nao|gi|so may)(?!\w)|(thuc hien|trien khai) (nhung )?(nghi quyet|chuong trinh( hanh dong)?|ke hoach|van ban)"
                  r"( cap tren| cua [a-z ]{2,30}?)? (nao|so may|gi)"
                  r"|van ban (cap tren|cap tinh|cua tinh|nao)|dua tren (van ban|nghi quyet)|" + IMPLEMENTED_BY_KIND,
    "status": r"du thao|chinh thuc|ban chinh",
    # "thuộc đảng bộ tỉnh nào", "Kon Rẫy ở tỉnh nào": the province the plan's district belongs to.
    "province": r"(?<!\w)(thuoc|o|nam o|nam trong|cua) (dang bo |dia ban |dia phan )?tinh (nao|gi)(?!\w)",
    "title": r"trich yeu|ten (day du |chinh thuc |goi )?(cua )?(ke hoach|kh|van ban)|tieu de (cua )?(ke hoach|kh|van ban)"
             r"|(ke hoach|kh|van ban) (nay )?(mang ten|co ten|ten la) gi",
}


# The document a plan implements asked for by a question word right after it ("theo kế hoạch nào", "triển khai KH số mấy").
_IMPLEMENTED_ASKED = re.compile(r"(thuc hien|trien khai|theo|can cu)( theo)? (ke hoach|chuong trinh|nghi quyet|van ban|chi thi)"
                                r"( \w+)?( so)? (nao|gi|so may|so bao nhieu)(?!\w)")


# Whether a field is filled in at all ("đã có số chưa", "còn để trống"): a blank field is then the answer, not a refusal.
_ASKS_FILLED = re.compile(r"(?<!\w)(de|bo|con) trong|chua (ghi|dien|co so|co ngay)|(?<!\w)(da )?co (so|ngay)[^?]{0,30}? chua(?!\w)")


_NUMBER_LOOKUP = re.compile(r"(?<!\w)so \d+ ?-? ?(kh|ctr|nq)(?!\w).*(huyen nao|cua ai|cua dau|ke hoach nao|trung so|cua huyen)")


_EARLIEST = re.compile(r"(som|truoc|cu) nhat|dau tien|(ban hanh|ky|ra doi) (truoc|som hon)")


_LATEST = re.compile(r"(muon|sau|moi) nhat|sau cung|gan day nhat|(ban hanh|ky|ra doi) (sau|muon hon)")


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
    if _PLAN_REPORTS_TO.search(folded):
        found.append("báo cáo")
    return list(dict.fromkeys(found))


def _lower_first(s: str) -> str:
    """"Bảo đảm 100% …" inside a sentence reads "bảo đảm 100% …"; an acronym ("THCS") stays."""
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


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
        return [w for w in plain_name(text).split() if w not in ("huyen", "cac", "dong", "chi")]

    words, said = plain(fold(name)), plain(asked)
    if len(words) >= 3 and f" {' '.join(words)} " in f" {' '.join(said)} ":
        return True
    # "gửi MTTQ để làm gì": most of the line's name ("Ủy ban MTTQ Việt Nam"), its distinctive words in a row
    # (not "ủy ban nhân dân", which every plan's issuer and communes share).
    own = [w for w in words if w not in _GENERIC_NAME_WORDS]
    run = longest_run(own, [w for w in said if w not in _GENERIC_NAME_WORDS])
    head = re.findall(r"\w+", fold(name))[:3]
    if len(head) == 3 and head[0] in ("so", "phong", "trang", "trung") and f" {' '.join(head)} " in f" {asked} ":
        return True  # "Sở Lao động" names "Sở Lao động, TB&XH" by its head
    return run >= 3 and run >= 0.5 * len(own)


# Bodies above a district that issue the documents a plan carries out (folded, after "của").
_HIGHER_BODY = r"cua (?:ban thuong vu |ban chap hanh (?:dang bo )?)?(?:tinh uy|tinh|trung uong|chinh phu|ubnd tinh|uy ban nhan dan tinh)"

_QUOTED_RUN = 6  # syllables in a row a question shares with a sentence when it quotes it

# A person asked by their post ("ai là chủ tịch UBND huyện", "trưởng phòng lao động tên gì"): the plans name no one but
# their signer. Folded; ``post`` is the post as asked, with "phó" when said.
_POST = r"(?:pho )?(?:chu tich|bi thu|truong phong|giam doc|truong ban|chanh van phong)"
_PERSON_IN_POST = re.compile(
    rf"(?<!\w)ai (?:la|lam|dang la|dang lam) (?P<post>{_POST})(?!\w)"
    rf"|(?<!\w)(?P<post2>{_POST})(?!\w)[^?,;]{{0,50}}?(?<!\w)(?:la ai|ten (?:la )?gi|ten la|ho ten (?:la )?gi|do ai (?:giu|dam nhiem))"
)


class DocumentFacets(FacetBase):
    """Questions about the documents and the plan as a whole (part of :class:`FacetAnswerer`)."""

    def _person_in_post(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        """"Ai là chủ tịch UBND huyện Kon Rẫy": the plans name only their signer. The signer answers when that is
        the post asked; otherwise the plan does not name the holder, and who signed it is said, cited."""
        m = _PERSON_IN_POST.search(qa.folded)
        plans = self._plans_for(qa)
        if m is None or len(plans) != 1 or "ky" in qa.folded.split():
            return None  # ("… ai ký, chức vụ gì": the signer facet)
        group = "post" if m.group("post") else "post2"
        plan, post, said = plans[0], m.group(group), qa.text[m.start(group) : m.end(group)].lower()
        f = plan.facts
        title = fold(f.signer_title.value) if f.signer_title else ""
        marks = "".join(cites.mark(plan.doc_id, x.start, x.end) for x in (f.signer_title, f.signer) if x)
        who = f"{f.signer.value}, {f.signer_title.value}" if f.signer and f.signer_title else (f.signer.value if f.signer else "")
        # The signer's own post is the last one the signature block names ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH").
        own = [x.group(0) for x in re.finditer(rf"(?<!\w){_POST}(?!\w)", title)]
        if who and own and own[-1] == post:
            return Generation(f"Kế hoạch của {plan.district} do {who} ký{marks}; kế hoạch không nêu tên người giữ chức vụ "
                              f"nào khác.", cites.cited, False, self.name, evidence_score=1.0,
                              guard={"source": "mô hình kế hoạch", "facets": ["signer"]}, spans=cites.spans)
        signed = (f" Người ký kế hoạch: {who}{marks}." if who
                  else " Bản dự thảo chưa có khối chữ ký." if plan.is_draft else "")
        text = (f"{REFUSAL} Kế hoạch của {plan.district} không nêu họ tên người giữ chức «{said}» "
                f"(kế hoạch chỉ ghi tên người ký).{signed}")
        return Generation(text, cites.cited, True, self.name, evidence_score=0.0,
                          guard={"refusal": "person_not_named"}, spans=cites.spans)

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
        if found in ([], ["number"]) and _NUMBER_LOOKUP.search(qa.folded):  # (its "trùng số" reads as the number)
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

    def _meta(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
        facets = self._meta_facets(qa)
        if not facets or asks_cited_document_date(qa.folded) and not {"recipients", "signer"} & set(facets):
            return None  # ("Chỉ thị 37 mà kế hoạch nhắc ban hành ngày nào": the cited document's date, in the body)
        # "Nơi nhận", "ai ký", "số hiệu" only ever ask about the document; the others need a meta question.
        if qa.intent not in ("meta", "general") and len(facets) < 2 and facets[0] not in ("recipients", "signer", "number", "title", "province"):
            return None
        if qa.intent == "assignment" and not {"signer", "issuer", "recipients"} & set(facets):
            return None
        if len(facets) < 2 and (qa.section_refs or NAMES_PART.search(qa.folded)):
            return None  # "phần Yêu cầu … bám sát văn bản nào": the section's text answers
        if facets == ["implements"] and (re.search(r"(?<!\w)(mang|linh vuc|ve mat|doi voi) \w", qa.folded)
                                         or re.search(r"(?<!\w)ve \w", qa.folded) and topics_named(qa.text)):
            return None  # "mảng bảo hiểm xã hội thì tiếp tục văn bản nào": documents cited in that field's text
        plans = self._plans_for(qa)
        if facets == ["implements"] and len(plans) == 1 and self._quotes_body(plans[0], qa):
            return None  # "việc cụ thể hóa phải bám sát những văn bản nào": the sentence it quotes answers
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
            unordered = len(dated) < 2 and facets == ["date"]
            if unordered:
                # "KH Kim Động với KH Kon Rẫy, cái nào ký trước": a blank date orders nothing; the dates are said.
                found_any = False
                lines.insert(0, "Không xếp được thứ tự ban hành vì có kế hoạch chưa ghi ngày:")
            if len(dated) >= 2:
                order = sorted(dated, key=lambda fp: [int(x) for x in reversed(fp[0].value.split("/"))])
                pick = order[-1] if _LATEST.search(qa.folded) and not _EARLIEST.search(qa.folded) else order[0]
                word = "muộn nhất" if pick is order[-1] and pick is not order[0] else "sớm nhất"
                lines.insert(0, f"Ban hành {word} trong các kế hoạch có ghi ngày: {pick[1].district} "
                                f"({pick[0].value}){cites.mark(pick[1].doc_id, pick[0].start, pick[0].end)}.")
        text = " ".join(lines) if len(plans) == 1 else "\n".join(
            ln if ln.endswith(":") else f"- {ln}" for ln in lines)
        if len(plans) > 1 and len(facets) == 1 and ASKS_SAME.search(qa.folded):
            # "Hai kế hoạch có ban hành cùng ngày không": the fields side by side, and whether they are the same.
            values = [getattr(p.facts, facets[0], None) for p in plans]
            if all(isinstance(v, Fact) and not v.blank for v in values):
                # ("149-KH/HU" and "149 -KH/HU" are one number, spaced apart by the typist.)
                same = len({re.sub(r"\s+", "", fold(v.value)).strip(" .") for v in values if isinstance(v, Fact)}) == 1
                text = f"{same_verdict(same)} Theo từng kế hoạch:\n{text}"
        claimed = dates_in(qa.text) if "date" in facets and len(plans) == 1 else []
        if claimed:
            # "… ban hành ngày 05/7/2024, đúng không?": the date said is checked, and placed where the plan has it.
            verdict, placed = self._date_claim(plans[0], claimed[0], cites)
            text = f"{verdict} {text}" + (f" {placed}" if placed else "")
            found_any = found_any or bool(placed)
        if not found_any:
            # Every field asked is blank or absent: say so, with what the plan does say.
            text = f"{REFUSAL}{chr(10) if text.startswith('- ') else ' '}{text}"
        return Generation(text, cites.cited, not found_any, self.name, evidence_score=1.0,
                          guard={"source": "mô hình kế hoạch", "facets": facets}, spans=cites.spans)

    def _plan_summary(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
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
    def _date_claim(plan: PlanModel, claimed: tuple[int, int, int], cites: Cites) -> tuple[str, str]:
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

    def _quotes_body(self, plan: PlanModel, qa: QueryAnalysis) -> bool:
        """Whether the question quotes a sentence of the plan's body (past its opening part) word for word, at least
        ``_QUOTED_RUN`` syllables in a row ("việc cụ thể hóa phải bám sát …")."""
        asked = syllables(qa.text)
        first = next((x.start for x in plan.outline if x.level == 1), 0)
        for c in self.chunks_by_doc.get(plan.doc_id, []):
            if c.end <= first:
                continue
            for start, _, sent in sentences_in([c], c.start, c.end):
                if start >= first and longest_run(syllables(sent), asked) >= _QUOTED_RUN:
                    return True
        return False

    @staticmethod
    def _cited_document(plan: PlanModel, qa: QueryAnalysis) -> Fact | None:
        """The document the plan implements that the question names by its number ("cái KH 193 đó"), when that
        is not the plan's own number."""
        own = plan.facts.number.value if plan.facts.number and not plan.facts.number.blank else ""
        for m in re.finditer(r"(?<!\w)(?:kh|ke hoach|chuong trinh|ctr|nghi quyet|nq)(?: so)? (\d+)(?!\d)", qa.folded):
            n = m.group(1)
            after = qa.folded[m.end():]
            # "… thực hiện chương trình 225 của Tỉnh ủy ban hành ngày nào": its own issuer named, the date is its own.
            own_issuer = re.match(rf"\S*\s+(?:{_HIGHER_BODY})[^?]{{0,30}}(?<!\w)(ban hanh|ky) (ngay|khi|luc|vao)", after) is not None
            if own.startswith(f"{n}-") or not own_issuer and re.search(
                    r"(?<!\w)(ve|thuc hien|trien khai|theo|can cu|cu the hoa)\s*$", qa.folded[: m.start()]):
                continue  # "KH … về NQ 42 số mấy, ký ngày nào": the plan named by what it implements
            ref = next((x for x in plan.facts.implements if re.search(rf"(?<!\d){n}-", x.value)), None)
            asked = re.search(r"ngay nao|ngay may|ban hanh (ngay|khi nao|luc nao)|khi nao", after)
            # ("… thực hiện KH 253; còn KH của huyện ban hành ngày nào": the plan's own date, named in between.)
            if ref is not None and asked and not re.search(r"(?<!\w)(ke hoach|kh) (cua (huyen|ubnd|huyen uy)|nay)",
                                                           after[: asked.start()]):
                return ref
        return None

    def _recipient_line(self, plan: PlanModel, r: Recipient) -> str:
        """A "Nơi nhận" line as written, without its bullet and closing mark; the name alone if it reads otherwise."""
        line = display(source_text(self.chunks_by_doc.get(plan.doc_id, []), r.start, r.end)).strip(" -+•;.,")
        return line if line.startswith(r.name) and len(line) <= len(r.name) + 20 else r.name

    def _meta_parts(
        self, plan: PlanModel, facets: list[str], cites: Cites, name_wanted: bool = False,
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
                    marks = "".join(cites.mark(plan.doc_id, x.start, x.end) for x in (title, f.signer) if x)
                    if f.signer is None and title:
                        # (the title as the text writes it, quoted: the name is what the text leaves out)
                        parts.append(f"người ký: văn bản không ghi họ tên, chỉ ghi «{title.value}»{marks}")
                    else:
                        who = f.signer.value if f.signer else "văn bản không ghi họ tên"
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
                            # Each line as the plan writes it, its mark too ("Sở Lao động - TB&XH (b/c)").
                            said = ", ".join(self._recipient_line(plan, r) for r in these) if these else "(không dòng nào ghi)"
                            parts.append(f"nơi nhận để {purpose}: {said}{marks}")
                    else:
                        items = [r.name + (f" ({r.purpose})" if r.purpose else "") for r in f.recipients]
                        marks = cites.mark(plan.doc_id, f.recipients[0].start, f.recipients[-1].end)
                        unmarked = f" (không dòng nào ghi để {', '.join(purposes)})" if purposes else ""
                        if not purposes and re.search(r"(?<!\w)(bao nhieu|may) noi nhan|noi nhan[^?]{0,20}(bao nhieu|may)(?!\w)",
                                                      asked):
                            # "có bao nhiêu nơi nhận": the lines counted (the archive copy is no recipient).
                            sent = [r for r in f.recipients if r.purpose != "lưu"]
                            unmarked = f" ({len(sent)} nơi" + (", không kể bản lưu)" if len(sent) < len(items) else ")")
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
            elif facet == "province":
                ok = True
                parts.append(self._province_part(plan, cites))
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

    def _province_part(self, plan: PlanModel, cites: Cites) -> str:
        """The plan's province, cited where its text names it ("Tỉnh ủy Hưng Yên"); else said as the corpus's record."""
        for c in self.chunks_by_doc.get(plan.doc_id, []):
            at = c.text.find(plan.province)
            if at >= 0:
                return f"thuộc tỉnh {plan.province}{cites.mark(plan.doc_id, c.start + at, c.start + at + len(plan.province))}"
        return f"thuộc tỉnh {plan.province} (theo danh mục kho văn bản; văn bản không ghi tên tỉnh)"

    def _parts_of_plan(self, qa: QueryAnalysis, cites: Cites) -> Generation | None:
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
            names = [f"{section_label(x.label)} {RUN_ON_ITEM.split(x.full_title)[0].strip(' .:')}"
                     f"{cites.mark(plan.doc_id, x.start, max(x.heading_end, x.start + 1))}" for x in parts]
            lines.append(f"Kế hoạch của {plan.district} gồm {len(parts)} phần: " + "; ".join(names) + ".")
            for x in parts:
                # "… phần nhiệm vụ có bao nhiêu nhóm": the part named by its first words, and how many items it has.
                head = " ".join(syllables(x.full_title)[:2])
                if x.children and re.search(rf"(?<!\w)phan {re.escape(head)}(?!\w)[^,;?]*(bao nhieu|may) (nhom|muc|noi dung|y)",
                                            qa.folded):
                    lines[-1] += f" Phần {section_label(x.label).rstrip('.')} có {len(x.children)} mục."
        if not lines:
            return None
        return Generation("\n".join(lines), cites.cited, False, self.name, evidence_score=1.0,
                          guard={"source": "mục lục kế hoạch"}, spans=cites.spans)
