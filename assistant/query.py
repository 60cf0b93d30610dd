"""Question analysis: which district(s), which section numbers, and what kind of answer is wanted.

All matching is on folded text, so "Kon Rẫy", "kon ray" and "KON RAY" are the same district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lexicon import expand_abbreviations, rewrite
from assistant.places import district_named
from assistant.plan.topics import groups_named, main_topic, topics_named
from assistant.text import STOPWORDS, find_names, fold, has_diacritics, nfc, syllables

# Intent cues, folded. Order matters only for ties: the first intent with the most cue hits wins.
_INTENT_CUES: dict[str, tuple[str, ...]] = {
    "assignment": (
        "chu tri", "co quan nao", "don vi nao", "phong nao", "ban nao", "ai phu trach", "phu trach",
        "giao cho", "giao nhiem vu", "trach nhiem", "ai thuc hien", "ai lam", "ai dam nhiem",
        "dam nhiem", "phoi hop voi", "co quan chu tri", "ai chiu trach nhiem", "ai la dau moi",
        "dau moi", "ai tham muu", "tham muu", "ai lo", "nao lo", "giao ai", "ai quan ly", "do ai",
        "cam trich", "nam chinh", "lo chinh", "cam dau",
    ),
    "target": (
        "chi tieu", "ty le", "ti le", "ty suat", "ti suat", "bao nhieu", "muc tieu", "phan dau", "so nam", "tuoi tho",
        "giuong benh", "bac si", "dien tich", "bao phu", "bao nhieu phan tram", "phan tram", "%",
        "con so", "dat muc", "toi thieu", "toi da", "cam ket",
    ),
    "meta": (
        "so hieu", "so ky hieu", "ky hieu", "ngay ban hanh", "ban hanh ngay", "ban hanh khi nao",
        "ai ky", "nguoi ky", "ai ki", "nguoi ki", "dat but ky", "dat but ki", "ky ban hanh", "ky ke hoach", "co quan ban hanh", "ai ban hanh",
        "cap nao ban hanh", "can cu", "van ban nao", "so van ban",
        "ke hoach so", "ban hanh", "trien khai van ban", "thuc hien van ban", "noi nhan", "gui den",
        "ngay nao", "ky ten", "ky ngay", "ngay bao nhieu", "ngay may", "nghi quyet nao", "chuong trinh nao", "ke hoach nao", "chuong trinh so",
    ),
}
# Questions over several plans: "so sánh", "các huyện", "huyện nào", "bốn huyện", "mỗi kế hoạch"…
_COMPARISON = re.compile(
    # ("các địa phương", "từng địa phương" inside one plan are its communes.)
    r"(?<!\w)(so sanh|(cac|nhung|hai|ba|bon|moi|tung|ca|may) (huyen|ke hoach|kh)|(hai|ba|bon|may) dia phuong"
    r"|huyen nao|ke hoach nao|kh nao"
    # "trong 4 KH" (not "mục 2 kế hoạch Lạc Dương", "II.2 kế hoạch …")
    r"|(?<![\w.,])(?<!muc )(?<!phan )(?<!diem )(?<!nhom )(?<!khoan )[234] (huyen|ke hoach|kh)"
    r"|(huyen|noi|dia phuong) (khac|kia|con lai))(?!\w)"
)
# "Có phải Kim Động giao Phòng LĐTBXH theo dõi … không?": a yes/no question whose body is a guess to check.
_GUESS_QUESTION = re.compile(
    r"^(co phai|phai chang|co dung la|dung la|nghe noi)(?!\w).*(?<!\w)giao (cho )?(phong|ban|co quan|uy ban|ubnd|trung tam|(?<!cho )hoi|mat tran|so)"
    r"(?!\w)(?! nao(?!\w)).*(?<!\w)(khong|phai khong|dung khong|ha|a)\s*\??\s*$"
    # "Kim Động giao Ban Dân vận chủ trì …, phải vậy không?", "… thì Ban X chủ trì … à?": the guess told first.
    # ("… phòng nào chủ trì … ạ?": a body asked, not told; "ạ" folds to the "à" of a guess.)
    r"|(?<!\w)(phong|ban|co quan|uy ban|ubnd|trung tam|(?<!cho )hoi|mat tran|so) (?!nao(?!\w))[^?]{0,60}(?<!\w)chu tri(?!\w)[^?]*"
    r"(?<!\w)(phai vay khong|phai khong|dung khong|dung vay khong|co dung khong|ha|a)\s*\??\s*$"
    # "… do phòng nào chủ trì, Phòng Y tế à?": the guess put after the question.
    r"|(?<!\w)chu tri(?!\w)[^?]*[,;]\s*(phong|ban|co quan|uy ban|ubnd|trung tam|(?<!cho )hoi|mat tran|so) (?!nao(?!\w))[^?,;]{1,40}"
    r"(?<!\w)(phai khong|dung khong|ha|a)\s*\??\s*$"
)
# A year or period asked ("giai đoạn nào, tầm nhìn đến năm bao nhiêu"): a year in the plan's sentence answers it.
YEAR_ASKED = re.compile(r"(?<!\w)(nam (bao nhieu|nao|may)|giai doan (nao|bao nhieu)|den nam nao|khi nao|bao gio)(?!\w)")
YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Whether two things are the same: "có giống nhau không", "có cùng ngày / cùng người ký không". Folded.
ASKS_SAME = re.compile(r"(?<!\w)(giong nhau|nhu nhau|bang nhau|trung nhau|khac nhau|trung (so|ngay|co quan|nguoi ky))(?!\w)"
                       r"|(?<!\w)cung (mot )?(ngay|nguoi|muc|chi tieu|co quan|so|con so|ty le|nam|don vi)(?!\w)[^?]{0,30}"
                       r"(khong|ko|chua)(?!\w)")
_COMPARING = re.compile(r"(?<!\w)(giua|khac nhau|chenh|giong nhau|nhu nhau)(?!\w)")
_WHICH_PLANS = re.compile(r"(?<!\w)(huyen|noi|dia phuong|ke hoach|kh|ban) nao(?!\w)")
_LIKE_OTHERS_AT = r"(?<!\w)(nhu|giong) (mot so |cac |nhung |may )?(huyen|noi|dia phuong|ke hoach|kh) (khac|kia|con lai)(?!\w)"
_LIKE_OTHERS = re.compile(_LIKE_OTHERS_AT + "$")
_LIKE_OTHERS_ANY = re.compile(_LIKE_OTHERS_AT)
_OTHER_PLANS = re.compile(r"(?<!\w)(huyen|noi|dia phuong|ke hoach|kh) (khac|kia|con lai)(?!\w)")
_DEADLINE = re.compile(r"han chot|(?<!co )thoi han|truoc ngay|cham nhat|hoan thanh truoc|(?<!\w)(dat|an dinh|co) han(?!\w)"
                       r"|(?<!\w)han (cu the|nop|cuoi|la ngay|la khi|nao)(?!\w)|truoc (ngay|thoi diem) nao")
_A_THING_ASKED = re.compile(r"(?<!\w)(cuoc van dong|phong trao|chuong trinh|de an|mo hinh|du an) nao(?!\w)"
                            # "… đẩy mạnh phong trào chung tay tên là gì": the movement's name is asked.
                            r"|(?<!\w)(cuoc van dong|phong trao|chuong trinh|de an|mo hinh|du an|quy)(?!\w)[^?]{0,40}"
                            r"(?<!\w)(ten (la |goi la )?gi|ten gi|goi la gi)(?!\w)")
_WHO_ASKED = re.compile(r"(?<!\w)(ai|(co quan|don vi|phong|ban|to chuc) nao|chu tri|phu trach|dau moi)(?!\w)")
# "(mục 3.4) có những tiểu mục nào, đánh ký hiệu ra sao": the labels of sections, not the plan's number.
LABEL_ASKED = re.compile(r"(danh|dat) (so|ky hieu)(?! (van ban|ke hoach))|tieu muc")
# Cue syllables with everyday homographs once folded, and the marked forms that are the cue ("hạn" / "hẳn", "hàn").
_MARKED_CUE: dict[str, frozenset[str]] = {"han": frozenset({"hạn"})}
LOCATE = re.compile(r"(?<!\w)(nam|thuoc|o|duoc de cap|duoc neu|de cap) (trong |o |tai |duoi |ben duoi )?(muc|phan|tieu muc|nhom nhiem vu)"
                     r"( lon| to| cha)? nao"
                     # "chỗ nào trong KH nói về nhà ở", "phần nào của kế hoạch đề cập …": the place, words between allowed.
                     r"|(?<!\w)(muc|phan|tieu muc|cho|doan) nao(?: (?:trong|cua|o) [^?.;,]{0,40}?)? (noi|de cap|neu|viet|nhac)"
                     # "nói về nước sạch ở đâu": the verb asks the place; the topic between stays in the question.
                     r"|(?<!\w)(noi|de cap|nhac|viet)( ve| den| toi)?(?= [^?.;,]{1,40}? (o|nam o) (dau|cho nao)(?!\w))"
                     # "được nhắc ở lĩnh vực nào": the field whose item says it (not "chủ trì ở lĩnh vực nào").
                     r"|(?<!\w)(duoc nhac|nhac|nhac den|nhac toi|duoc de cap|duoc neu|nam|thuoc)( den| toi)?"
                     r" (o |trong |tai )?(linh vuc|mang) nao"
                     # "muốn đọc phần nói về … thì mở mục nào", "xem ở mục nào": where to look.
                     r"|(?<!\w)(mo|xem|doc|tim|tra)( o| trong| tai)? (muc|phan|tieu muc|trang|cho) nao")
_BRIEFING = re.compile(r"(?<!\w)(tom tat|tom luoc|tom (giup|gon|lai|y|cho)|(nho|giup) tom|viet (giup|ho)|(doan|bai|vai dong) (ngan )?gioi thieu|tom (phan|muc|noi dung|cac|nhung)|liet ke|soan|khai quat|tong hop(?! (bao cao|ket qua|vuong mac|trinh|tinh hinh|y kien|va bao cao))(?!\s*([?,;.]|$))|tong quan|nhung nhiem vu|cac nhiem vu|cac chi tieu|nhung chi tieu|vai y|y chinh|diem chinh|gach dau dong|diem qua)(?!\w)")
# A trainer's purpose ("chuẩn bị quán triệt …", "làm slide …", "bài giảng") said with two or more of a field's kinds
# asked (its targets, its tasks, who leads): the field's briefing, whatever verb asks for it (folded, as said).
_TRAINER_PURPOSE = re.compile(r"(?<!\w)(quan triet|tap huan|slide|bai giang|giang vien|bai gioi thieu|thuyet trinh"
                              r"|tai lieu|lop boi duong|dan y|de cuong|bao cao vien|tuyen truyen vien|chuyen de)(?!\w)")
_FIELD_KINDS = (
    re.compile(r"(?<!\w)(chi tieu|muc tieu|con so|so lieu|dat (duoc )?(nhung )?(gi|muc nao))(?!\w)"),
    re.compile(r"(?<!\w)(nhiem vu|giai phap|viec chinh|nhung viec|may viec|cac viec|viec can lam"
               r"|(can |phai )?lam (gi|nhung gi))(?!\w)"),
    re.compile(r"(?<!\w)(chu tri|phu trach|dau moi|ai lam|(ai|phong|don vi|co quan|ben) nao (lam|lo)|ai chi dao)(?!\w)"),
)


def _is_briefing(folded: str, said: str) -> bool:
    """A request for several points of a topic: a summary verb, or a trainer's purpose with several kinds asked."""
    if _BRIEFING.search(folded):
        return True
    return bool(_TRAINER_PURPOSE.search(fold(said))) and sum(bool(k.search(folded)) for k in _FIELD_KINDS) >= 2


# "chương trình hành động của Tỉnh ủy mà nó thực hiện …": the document a plan carries out, named by its kind (folded).
IMPLEMENTED_BY_KIND = (r"(chuong trinh|nghi quyet|ke hoach|chi thi|ket luan)( hanh dong)?[^?,;]{0,40} ma (no|kh|ke hoach)"
                       r"( nay| do)? (thuc hien|trien khai|cu the hoa)")
# A figure the asker quotes with its decimals and the word (or "%") after it: "2,1 con", "1,2%" ("2,1 con" is not "2,1%").
FIGURE_WITH_UNIT = re.compile(r"(?<![\d-])(\d+[.,]\d+)\s*(%|[^\W\d_]+)")
_META_FIELDS: dict[str, str] = {
    # ("con số bao nhiêu" is a figure asked, not the plan's number.)
    # ("Số với ngày ban hành …"; not "… hơn (mấy ngày) so với ngày …", comparing.)
    "number": r"so hieu|(?<!\w)so,? (va )?ngay(?!\w)|(?<!hon )(?<!ngay )(?<!nam )(?<!thang )(?<!\w)so (voi|cung|kem) ngay(?!\w)|(?<!\w)ngay,? (va )?so(?! \d)(?! voi)(?!\w)|ky hieu|(?<!con )so may|(?<!con )so bao nhieu|mang so|ke hoach so|so van ban|(?<!\w)(?<!ma )(?<!chi )so gi(?!\w)",
    "date": r"ngay nao|(?<!\w)so,? (va )?ngay(?!\w)|(?<!\w)ngay,? (va )?so(?! \d)(?!\w)|(?<!\w)ngay (the nao|ra sao)|ngay ban hanh|ban hanh ngay|ky ngay|(ban hanh|ky) (vao )?hom nao|thoi gian ban hanh|ngay thang"
            # "khi nào" asks the plan's date only of the plan being issued or signed ("báo cáo khi nào" is a duty's time).
            # ("định kỳ", "giữa kỳ", "nhiệm kỳ" are periods, not signing)
            r"|(ban hanh|(?<!\w)(?<!dinh )(?<!giua )(?<!nhiem )(?<!thoi )(?<!hoc )(?<!cuoi )ky|ra doi|co hieu luc|ra mat)(?!\w)"
            r"[^?,;]{0,30}khi nao|khi nao[^?,;]{0,30}(ban hanh|(?<!\w)(?<!dinh )(?<!giua )(?<!nhiem )ky(?! hop)(?!\w)|ra doi|co hieu luc)"
            r"|^(ke hoach|kh|van ban|du thao)( (cua )?(huyen )?[\w ]{0,20})? (la |duoc |co tu )?(tu )?khi nao"
            r"|(ban hanh|ky)( \w+){0,2} (o|tai) (dau|noi nao)|(noi|dia diem|dia danh) ban hanh"
            r"|(?<!\w)(ban hanh|ky|ra doi) (truoc|som hon|sau|muon hon)(?!\w)",
    "signer": r"(?<!\w)(ky )?thay mat (co quan|ai|cap|don vi)|(?<!\w)t/m(?!\w)|(?<!\w)(ai|nguoi) (da )?ki(?!\w)|dat but (ky|ki)|ki ten|ai ky|nguoi ky|ky ten|ky ke hoach|ai la nguoi ky|ai da ky|ky boi|(?<!\w)ky(?!\w).*(cuong vi|chuc vu)|(?<!trich )(?<!ghi )(?<!viet )(?<!neu )dung ten",
    "issuer": r"co quan nao ban hanh|ai ban hanh|cap nao ban hanh|do co quan nao|do ai ban hanh|co quan ban hanh"
              r"|(cap uy|ben|don vi) nao ban hanh|(?<!\w)do (ubnd|uy ban|huyen uy|cap uy|ban thuong vu)[^?,;]{0,25} ban hanh",
    "status": r"(chinh thuc|du thao).*(hay|chua|khong)|(la|co phai|con la) (ban )?(du thao|chinh thuc)",
    "basis": r"can cu|cu the hoa|(?<!\w)(ke hoach|kh|van ban)( \w+){0,3} (thuc hien|trien khai) theo (nghi quyet|chuong trinh"
             r"|ke hoach|van ban|chi thi)|(thuc hien|trien khai) (nghi quyet|ke hoach|chuong trinh( hanh dong)?|van ban|chi thi"
             r"|ket luan)( cua \w+( \w+)?)? (nao|so may)"
             r"|" + IMPLEMENTED_BY_KIND,
}
# Kinds of documents a plan cites in its body; "kế hoạch"/"văn bản" alone usually mean the plan itself.
_CITED_KIND = r"(?:nghi quyet|nq|chi thi|quyet dinh|chuong trinh|ctr|ket luan|de an|nghi dinh|thong tu|luat)"
# "… dẫn chỉ thị số mấy", "nghị quyết nào của tỉnh về X … số mấy": the number of a document the plan cites.
# A kind followed by its number ("NQ 42") names a known document: "KH thực hiện NQ 42 … số mấy" asks the plan's.
_CITED_NUMBER = re.compile(
    rf"(?<!\w){_CITED_KIND}(?! (so )?\d)(?: (?!ke hoach|kh(?!\w))\S+){{0,20}}? so ?(may|gi|bao nhieu|,? ?(va )?ngay)(?!\w)"
)
_DOC_KINDS = r"(?:chuong trinh|ke hoach|de an|nghi quyet|chi thi|quyet dinh|ket luan|kh(?!\w))"
# "Số, ngày thế nào", "cho xin số hiệu, ngày tháng", "có ghi số hiệu, ngày ban hành không": a number and a date
# asked with nothing of their own. Folded.
_NUMBER_DATE_FIRST = re.compile(r"^(?:cho (?:minh|em|toi) )?(?:xin )?(?:so|so hieu)(?:,| va| voi)? ?ngay(?!\w)")
_BARE_NUMBER_DATE = re.compile(r"^(?:cho (?:minh|em|toi) )?(?:xin )?(?:co )?(?:ghi )?(?:so|so hieu)(?:,| va| voi)? ?ngay"
                               r"(?: thang| ban hanh| ky)?(?: nam)?(?: (?:the nao|ra sao|bao nhieu|la gi|khong|ko|nua|luon))?\W*$")
# "chương trình, nghị quyết nào", "nghị quyết nào, đề án nào", "Nghị quyết 28 hay kế hoạch nào", "những chương trình,
# chiến lược nào": documents the plan cites are asked (a plan is one of them only beside another kind); a number or a
# date asked with them is theirs, not the plan's.
_CITED_LIST = rf"(?:{_CITED_KIND}|chien luoc)(?: \d+)?(?:,| va| hay| hoac| voi)? (?:{_CITED_KIND}|chien luoc|ke hoach|kh)"
_CITED_ASKED = re.compile(rf"(?<!\w){_CITED_LIST} (?:nao|gi)(?!\w)|(?<!\w){_CITED_KIND} nao(?!\w)[^?]{{0,60}}"
                          rf"(?:,|(?<!\w)(?:va|hay|hoac)) {_CITED_KIND} nao(?!\w)")
_DOCUMENT_IN_BODY = re.compile(
    rf"tiep tuc (?:trien khai )?thuc hien (?:\w+ ){{0,3}}?(?:{_DOC_KINDS}|van ban)(?: cu| truoc| da co)? (?:nao|gi|so may)"
    rf"|^(?:[^,:?]{{2,25}}: )?ve [^,?]{{2,40}}, [^?]*{_DOC_KINDS} nao"  # ("Phụng Hiệp: về …, …")
    rf"|^(?:trong|o|tai) (?:phan|muc|mang|linh vuc|noi dung) [^,?]{{2,40}}, [^?]*{_DOC_KINDS} nao"
    # "có nhắc nghị quyết nào của Tỉnh ủy về nguồn nhân lực, ban hành ngày nào": one cited on a subject.
    rf"|(?<!\w)(?:nhac|de cap|neu|dan)(?: den| toi)? (?:cac |nhung )?{_DOC_KINDS} nao (?:cua [^,?]{{2,30}} )?ve \w"
)
# "Chỉ thị 37 … ra ngày nào", "Nghị quyết số 42 ngày nào, của ai", "… Chỉ thị 37. Chỉ thị đó ra ngày nào": the date of
# another document, named by its kind and number, that the plan cites (not the plan's own header).
_OTHER_KINDS = r"(?:chi thi|nghi quyet|quyet dinh|chuong trinh|ket luan|de an|nghi dinh|thong tu|luat)"
CITED_DOCUMENT_DATE = re.compile(
    rf"(?<!\w){_OTHER_KINDS}(?: so)? \d+(?:[-/][\w/&-]+)?(?: [^?.;]{{0,40}}?)? (?:(?:duoc |da )?(?:ra|ban hanh|ky)(?: vao)? )?"
    rf"(?:ngay nao|ngay bao nhieu|ngay thang nao|khi nao)"
    rf"|(?<!\w){_OTHER_KINDS}(?: so)? \d+[^?]*(?<!\w){_OTHER_KINDS} (?:do|nay|ay|kia) (?:duoc |da )?(?:ra|ban hanh|ky)?[^?]{{0,12}}"
    rf"(?:ngay nao|khi nao)"
)
# "… hài hòa theo chỉ thị nào, ban hành ngày nào": a cited document asked by its kind, then its date (of a task; "KH Kim
# Động thực hiện nghị quyết nào, số ngày bao nhiêu" asks what the plan itself implements).
_CITED_KIND_THEN_DATE = re.compile(
    rf"(?<!\w)(?:theo|can cu|can cu vao|thuc hien|trien khai) {_OTHER_KINDS} nao(?!\w)[^?]{{0,40}}?"
    rf"(?:ngay nao|ngay bao nhieu|ngay thang nao|khi nao)"
)
_ONLY_THE_PLAN = re.compile(r"^\W*(?:ke hoach|kh|van ban)(?: \w+){0,5}\W*$")
# "Kế hoạch thực hiện Nghị quyết 42 … ban hành ngày nào": the plan named by what it carries out (folded).
_PLAN_BY_WHAT_IT_DOES = re.compile(r"(?<!\w)(?:ke hoach|kh|van ban|du thao)(?: \w+){0,5} (?:thuc hien|trien khai|cu the hoa|quan triet)\s*$")


def asks_cited_document_date(folded: str) -> bool:
    """Whether the (folded) question asks the date of a document the plan cites, not the plan's own header (its
    number asked too, or the plan named by the resolution it carries out, is the header)."""
    m = CITED_DOCUMENT_DATE.search(folded)
    if m is None and (k := _CITED_KIND_THEN_DATE.search(folded)) is not None:
        if _ONLY_THE_PLAN.match(folded[: k.start()]):
            return False
    elif m is None or _PLAN_BY_WHAT_IT_DOES.search(folded[: m.start()]):
        return False
    return not re.search(r"(?<!\w)(so may|so hieu|so bao nhieu|ky hieu|ai ky|nguoi ky|ky thay)(?!\w)", folded)


# A part of the plan named in a question ("phần Yêu cầu", "mục 3"); not the words "phần" starts
# ("phân biệt", "phần trăm", "phấn đấu" fold alike) nor "mục tiêu", nor "Nơi nhận".
NAMES_PART = re.compile(
    r"(?<!\w)(phan|muc|tieu muc) (?!noi nhan|biet|tram|dau|anh|cong|bo|loai|luong|hoa|tich|lon|tieu|dich)"
)
# "mục về đổi mới cung cấp dịch vụ xã hội là số mấy", "có phần về hợp tác quốc tế không? Số mấy": the number of the
# part named before it; unless the plan's own number is named too ("kế hoạch số mấy", "số hiệu", "số và ngày").
_PART_NUMBER_ASKED = re.compile(r"(?<!\w)(muc|phan|doan|tieu muc)(?! (tieu|dich|tram|dau|nhan))(?!\w).{0,90}?"
                                r"(?<!\w)(danh )?so (may|bao nhieu|gi)(?!\w)")
# "kế hoạch này số mấy", "KH Kim Động số mấy": the plan's own number asked in so many words.
_PLAN_NAMED_NUMBER = re.compile(r"(ke hoach|kh|van ban) (nay|cua [\w ]{2,20}) (so|ban hanh ngay|ky ngay) (may|bao nhieu|gi|nao)")
_PLAN_NUMBER_WORDS = re.compile(r"(ke hoach|kh|van ban) so (may|bao nhieu|gi)|so hieu|ky hieu|so,? (va )?ngay|ngay,? (va )?so")
# "… là mục số mấy": the label of a section, not the plan's number.
SECTION_NUMBER = re.compile(r"(?<!\w)(muc|phan|tieu muc|diem|nhom|y)( thu)? (so )?(may|bao nhieu)(?!\w)")
_SECTION_REF = re.compile(
    # ("ý b)": a lettered point; "ý 4" may be the fourth bullet of a section, read by the section answerer.)
    r"(?<!\w)(?:muc|phan|tieu muc|diem|khoan|chuong|doan|nhiem vu|giai phap|noi dung|nhom|y(?=\s+[a-z]\)))\s+(?:so\s+|thu\s+)?"
    r"(?P<label>[ivx]+|\d{1,2}(?:\.\d{1,2}){0,2}|[a-z])(?!\w)"
)
# ("gồm những nội dung a), b), c) nào": the letters count the items asked about.)
_LETTERS_LISTED = re.compile(r"(?<!\w)(?:may|bao nhieu|cac|nhung|gom|thanh|lam)\s+(?:diem|muc|noi dung|y|phan)\s+[a-z]\)?"
                             r"(?:\s*(?:,|va)\s*[a-z]\)?)+(?!\w)")
_POINT_AFTER_NUMBER = re.compile(r"(?<![\w.,])\d{1,2}(?:\.\d{1,2}){1,2}\.?\s*(?P<sub>[a-z])\)")
_BARE_NUMBER_REF = re.compile(r"(?<![\w.,])(?P<label>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?(?![\w,%])")
# "mục III.5": the numbered section inside the Roman part.
_CHILD_OF_PART = re.compile(r"(?<!\w)(?:muc|tieu muc)\s+(?:so\s+)?(?P<child>\d{1,2}(?:\.\d{1,2})?)\s+(?:(?:cua|trong|thuoc|o|tai)\s+)?"
                            r"phan\s+(?:thu\s+)?(?P<part>[ivx]+)(?!\w)")
_ROMAN_NUMBER_REF = re.compile(r"(?<![\w.])(?P<roman>[ivx]+)\.(?P<label>\d{1,2}(?:\.\d{1,2})?)(?![\w,%])")


_ASKS_CONTENT = re.compile(r"(?<!\w)(viet|noi|neu|de cap|yeu cau|ghi) (nhung )?(gi|nhung gi|nhung noi dung nao)(?!\w)"
                           r"|noi dung (gi|nao|ra sao)"
                           # "nhà tạm nhà dột thì kế hoạch tính sao, phòng nào lo": what is planned, then who.
                           r"|(ke hoach|kh) (tinh|lam|tinh toan) (sao|the nao|ra sao|gi)|(lam|tinh) (gi|sao|the nao) (cho|voi|ve)"
                           # "giao cho ai và nêu mấy việc chính": the tasks too, not only who leads
                           r"|(neu|gom|co) (may|nhung|cac) (viec|y|noi dung|nhiem vu)( chinh)?(?!\w)"
                           # "có chính sách gì về chỗ ở …, phòng nào phụ trách": the policy, then who.
                           r"|(?<!\w)(co|la|nhung) (chinh sach|giai phap|bien phap|ho tro|uu dai) (gi|nao)(?!\w)")


@dataclass
class QueryAnalysis:
    """What retrieval and answering need to know about a question."""

    text: str
    folded: str
    districts: list[str] = field(default_factory=list)
    section_refs: list[str] = field(default_factory=list)
    intent: str = "general"
    has_diacritics: bool = True
    briefing: bool = False  # "tóm tắt / liệt kê …": several points wanted, not one
    aliases: list[str] = field(default_factory=list)  # other names used for the districts (provinces)
    locate: bool = False  # "… nằm ở mục nào?": the answer is a place in the plan
    meta_fields: list[str] = field(default_factory=list)  # number | date | signer | issuer | basis
    rewritten: str = ""  # the question with everyday words replaced by the plans' wording
    excluded: list[str] = field(default_factory=list)  # districts the question names but a chosen filter leaves out
    checks_claim: bool = False  # "…, có chính xác không?": a statement the asker wants checked
    own_case: bool = False  # "Con tôi …", "Em là con thương binh …": the asker's own case is asked about

    @property
    def expanded_text(self) -> str:
        """The question in the plans' wording (everyday words and shorthand replaced)."""
        return self.rewritten or self.text

    @property
    def signer_name_wanted(self) -> bool:
        # ("tên người ký là gì", "đồng chí nào ký": the name, which a signature block may leave out.)
        return bool(re.search(r"ho ten|ten (la )?gi|ten cua|(?<!\w)ten (nguoi|dong chi)( \w+){0,3} (la )?gi|(?<!\w)dong chi nao ky"
                              r"|ten day du", self.folded))

    @property
    def asks_cited_number(self) -> bool:
        """"… dẫn chỉ thị số mấy": the number of a document the plan cites, not the plan's own number."""
        return bool(_CITED_NUMBER.search(self.folded)) or (
            _CITED_ASKED.search(self.folded) is not None and re.search(r"(?<!\w)(so|ngay)(?!\w)", self.folded) is not None)

    @property
    def asks_document_in_body(self) -> bool:
        """"Về BHXH, huyện tiếp tục thực hiện chương trình nào": documents the plan cites on one subject, not the
        documents the whole plan carries out (its header)."""
        return bool(_DOCUMENT_IN_BODY.search(self.folded))

    @property
    def asks_deadline(self) -> bool:
        """"trước ngày nào", "hạn chót": a deadline set for a task, never the plan's own issue date."""
        return any(self.said_as_marked(m) for m in _DEADLINE.finditer(self.folded))

    def said_as_marked(self, m: re.Match[str]) -> bool:
        """A cue matched on folded text was typed as the cue, not as a word folding to the same letters:
        "có hẳn một mục" is not "có hạn". Questions typed without marks cannot tell, so they count."""
        if not self.has_diacritics:
            return True
        said = self.text[m.start():m.end()].lower()
        return not any(fold(w) in _MARKED_CUE and w not in _MARKED_CUE[fold(w)] for w in said.split())

    @property
    def asks_content(self) -> bool:
        """"… viết những gì về X, và cơ quan nào phụ trách": what the plan says on it, not only who leads."""
        return bool(_ASKS_CONTENT.search(self.folded))

    @property
    def checks_a_guess(self) -> bool:
        """"Có phải Kim Động giao Phòng LĐTBXH theo dõi … không?": the body named is a guess to check."""
        return bool(_GUESS_QUESTION.search(self.folded))

    @property
    def wants_comparison(self) -> bool:
        # "khác nhau", "chênh" with one district named compare inside its plan ("thành thị với nông thôn").
        # ("Lạc Dương có đặt X như một số huyện khác không": the one plan is asked, the others only measure it.)
        said = _LIKE_OTHERS_ANY.sub(" ", self.folded) if len(self.districts) == 1 else self.folded
        return len(self.districts) > 1 or bool(_COMPARISON.search(said)) or (
            not self.districts and bool(_COMPARING.search(self.folded)))


# Why a trainer asks ("… để mình phổ biến lại cho các xã", "cho buổi tập huấn về …, tóm tắt …") is not what
# is asked: its words ("các xã", "tập huấn") would pull in passages about communes or training.
_PURPOSE_TAIL = re.compile(
    r"[,;]?\s+(để|đặng|cho)\s+((mình|em|tôi|tui|chúng tôi|anh|chị|bọn mình|tụi mình)\s+)?"
    r"(phổ biến|trình bày|giới thiệu|nói|báo cáo lại|tập huấn|quán triệt|dạy|truyền đạt|chia sẻ|soạn|chuẩn bị|thuyết trình|"
    r"nói chuyện|phát biểu|làm tài liệu|in ra|đưa vào)\b[^?]*(?=\??\s*$)",
    re.IGNORECASE,
)
_PURPOSE_HEAD = re.compile(
    r"^\s*(cho|để chuẩn bị cho|để chuẩn bị|chuẩn bị cho)\s+(buổi|lớp|hội nghị|đợt)\s+(tập huấn|quán triệt|bồi dưỡng|sinh hoạt|"
    r"học tập|tuyên truyền|giới thiệu)\s*(về\s+)?",
    re.IGNORECASE,
)


# Who is asking, said before the question: "Mình làm ở Phòng Dân tộc, …", "Tôi là cán bộ Hội Phụ nữ xã ở Kim
# Động, …", "Phòng LĐTBXH Phụng Hiệp cần biết: …". The body named there is the asker, not the body asked about.
_ASKER = re.compile(
    r"^\s*(?:(?:mình|tôi|em|tui|chúng tôi|bên mình|anh|chị)\s+(?:là|làm|công tác|đang làm|đang công tác|ở|phụ trách|"
    r"đang phụ trách)\s+"
    r"[^,.:;?!]{3,80}?|[^,.:;?!]{3,60}?\s+(?:cần biết|muốn biết|xin hỏi|hỏi))\s*[,.:;]\s+(?=\S)",
    re.IGNORECASE,
)


# What the asker prepares, said before a colon: "Chuẩn bị nói chuyện quán triệt ở Lạc Dương: …", "Cần tóm nhanh cho
# cán bộ xã ở Phụng Hiệp: …". It asks nothing itself (the district named there stays, as with the asker's intro).
_PURPOSE_LEAD = re.compile(
    r"^\s*(?i:(?:(?:mình|tôi|em)\s+)?(?:(?:cần|đang|sắp|muốn|để)\s+)?"
    r"(?:chuẩn bị|soạn|tóm(?: nhanh| gọn)?|nói chuyện|quán triệt|tập huấn|thuyết trình)"
    r"(?:\s+(?:buổi|bài|cuộc|lớp))?(?:\s+(?:nói chuyện|quán triệt|tập huấn|họp|sinh hoạt|triển khai))*"
    # (only an audience: "tóm tắt giúp mình phần Tổ chức thực hiện:", "soạn khung tập huấn về lao động:" name
    # what is asked, and stay)
    r"(?:\s+(?:cho|với)\s+(?:cán bộ|đảng viên|hội viên|bà con|người dân|nhân dân|chi bộ|anh chị em|các đồng chí)"
    r"(?:\s+(?:xã|thôn|huyện|cơ sở|các xã))?)?)"
    r"(?:\s+(?:ở|tại)\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)?)?\s*:\s+(?=\S)"
)


# The asker telling about themselves ("Bản tôi ở vùng sâu, sóng chập chờn.", "Đoàn xã em sắp tổ chức buổi tư vấn
# việc làm.") before or after what they ask: a scene, unless the question points back at it ("như nhà tôi").
_SCENE_PERSON = re.compile(r"(?<!\w)(toi|em|minh|chung toi|tui|nghe noi|nghe bao)(?!\w)")
_SCENE_POINTED = re.compile(r"(?<!\w)(này|đó|ấy|như vậy|như thế|vầy|như vầy|thế này)(?!\w)")
# "Nhà tôi có được nhận trợ cấp không?": the asker's own case is asked, so the situation told is what is asked about.
_SCENE_POINTED_FOLDED = re.compile(
    r"(?<!\w)(nay|nhu vay|nhu the|nhu nha toi|nhu nha minh|nhu minh|nhu chung toi"
    r"|nhu (?:chau|con|be|ong|ba|bo|me)(?: (?:toi|em|minh|tui|nha toi|nha minh))?"  # "… cho mấy đứa nhỏ như cháu"
    r"|(?:nha|gia dinh|ba|bo|me|ong|con|chau) (?:toi|em|minh|tui) (?:co )?(?:duoc|se duoc|co duoc)"
    r"|(?:toi|em|tui) (?:co )?(?:duoc|se duoc)"
    # "Kế hoạch có nói tới không, ai phụ trách?": mentioned with no object, it is what the story told.
    r"|(?:noi|nhac|de cap|tinh) (?:toi|den)(?= (?:khong|ko|chua)(?!\w)| ?[?,]|$)"
    # "… có nói gì giúp cháu được đi học không": the child the story told of.
    r"|(?:giup|cho|de|ve) (?:chau|be|ba|ong|me|bo|con)(?= (?:duoc|co|di|hoc|khong|ko|nha|voi|a)(?!\w)| ?\?|$))(?!\w)"
)
# "Tôi đọc lướt thấy kế hoạch có nhắc đến du học sinh.": what the asker read in the plan names the topic asked.
_PLAN_SAYS = re.compile(r"(?<!\w)(ke hoach|kh|van ban)(?!\w).*(?<!\w)(nhac|noi|neu|de cap|ghi|viet)(?!\w)")


# The asker speaking of themselves or their family ("con tôi", "mẹ em", "như mình"); not "trẻ em".
_FIRST_PERSON = re.compile(r"(?<!\w)(toi|tui|minh|chung toi|(?<!tre )(?<!tre so )em)(?!\w)")


def tells_own_case(text: str) -> bool:
    """The asker tells their own (or their family's) case: what they ask is for that case, not a whole field."""
    return bool(_FIRST_PERSON.search(fold(text)))


def points_back(text: str) -> bool:
    """The question points back at what was told before it ("… như cháu", "những nhà như vầy", "việc đó")."""
    return bool(_SCENE_POINTED.search(text.lower()) or _SCENE_POINTED_FOLDED.search(fold(text)))


def unpointed(text: str) -> str:
    """The question without the words that point back at the story ("người thất nghiệp như tôi được …" → "người
    thất nghiệp … hỗ trợ gì"): what it still names of its own."""
    folded = fold(text)
    spans = [m.span() for m in _SCENE_POINTED.finditer(text.lower())] + [m.span() for m in _SCENE_POINTED_FOLDED.finditer(folded)]
    out, pos = [], 0
    for start, end in sorted(spans):
        if start >= pos:
            out.append(text[pos:start])
            pos = end
    out.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


_ASKS_SOMETHING = re.compile(r"(?<!\w)(gi|nao|bao nhieu|may|ai|sao|khong|chua|hay|the nao|o dau)(?!\w)|\?")
# In a sentence told with a full stop, "không", "chưa", "hay", "mấy" ask only at its end ("… không đủ tiền." tells).
_ASKS_ANYWHERE = re.compile(r"(?<!\w)(gi|nao|bao nhieu|ai|sao|the nao|o dau)(?!\w)|\?")
_ASKS_AT_END = re.compile(r"(?<!\w)(khong|chua|hay|may|ko|k)\W*$")


def _asks_something(clause: str) -> bool:
    folded = fold(clause).strip()
    if not folded.endswith((".", "!")):
        return bool(_ASKS_SOMETHING.search(folded))
    return bool(_ASKS_ANYWHERE.search(folded) or _ASKS_AT_END.search(folded))


# Words that ask for a role or point at the plan ("theo kế hoạch thì phòng nào chủ trì, phối hợp với ai"), no topic.
_ROLE_ASKING = frozenset(
    "chu tri phoi hop phong ban co quan don vi ke hoach kh giao phu trach lam viec nhiem vu theo thi ai nao gi voi"
    " nhung cac ve vay the".split()
)


# What any asker in need says ("Huyện có hỗ trợ gì không ạ?", "có chính sách gì giúp không"): no topic of its own.
_HELP_ASKING = frozenset("huyen xa tinh ho tro chinh sach giup do khong ko chua duoc a ha nhe".split())


# When something holds ("giai đoạn nào", "thời gian bao lâu"): no topic either.
_WHEN_ASKING = frozenset("giai doan thoi gian han moc luc bao gio khi lau".split())


def _names_topic(clause: str) -> bool:
    return any(s not in STOPWORDS and s not in _ROLE_ASKING and s not in _HELP_ASKING and s not in _WHEN_ASKING
               and not s.isdigit() for s in syllables(clause))


def scene_clauses(text: str, sentences_only: bool = False) -> tuple[list[str], list[str]]:
    """The question's clauses (sentences, else comma clauses) and those only telling the asker's situation."""
    clauses = [c for c in re.split(r"(?<=[.;!?])\s+", text) if c.strip()]
    if len(clauses) < 2 and not sentences_only:
        clauses = [c for c in re.split(r",\s+", text) if c.strip()]
    if len(clauses) < 2:
        return clauses, []
    scene = [c for c in clauses if _SCENE_PERSON.search(fold(c)) and not _asks_something(c)
             and not _PLAN_SAYS.search(fold(c))]
    if scene and not any(_names_topic(c) for c in clauses if c not in scene):
        # "Xã tôi đang rà soát hồ sơ người có công. Theo kế hoạch thì phòng nào chủ trì, phối hợp với ai?": the
        # asking sentence names no topic of its own, so the situation told is the task asked about.
        return clauses, []
    if len(scene) == len(clauses) or any(
        # (A sentence pointing back at an asking sentence before it, "… có nhắc đến du học sinh. Cụ thể là chính sách
        # gì?", points at that sentence, not at the scene.)
        points_back(c) and (k == 0 or clauses[k - 1] in scene) for k, c in enumerate(clauses) if c not in scene
    ):
        return clauses, []  # "… sửa sang các công trình này không?": the scene is what is asked about
    return clauses, scene


# "Con em đồng bào ở xã xa có được xây thêm trường học không?": a yes/no question asks its predicate (after the
# last "có"/"được"); the words before it say whom or where.
_YES_NO = re.compile(r"(?:^|.*\s)(?:co|duoc)\s+(?P<pred>\S.*?)\s+(?:phai |dung |that )?(?:khong|ko|hong|hok|chua)\s*[?.!]*\s*$")


def yes_no_predicate(text: str) -> tuple[int, int] | None:
    """Span of what a yes/no question asks ("… có được ‹xây thêm trường học› không?"), else None.

    >>> q = "Xã xa có được xây thêm trường học không?"
    >>> start, end = yes_no_predicate(q); q[start:end]
    'xây thêm trường học'
    """
    m = _YES_NO.match(fold(text))
    if m is None or len(m.group("pred").split()) < 2 or _ASKS.search(m.group("pred")):
        return None  # "… có được ưu tiên gì không": what is asked, not whether
    said = nfc(text)[m.start("pred") : m.end("pred")].lower()
    # (Without marks only "nay"/"ay" can be told: "vay" is "vay vốn", "do" "do ai".)
    if re.search(r"(?<!\w)(này|đó|ấy|vậy|thế)(?!\w)" if has_diacritics(said) else r"(?<!\w)(nay|ay)(?!\w)", said):
        return None  # "… sửa sang các công trình này không": it points back; the sentence before names the thing
    return m.start("pred"), m.end("pred")


# "những văn bản nào", "chỉ thị nào": documents the plan cites are asked; one written in a plan ("Kế hoạch số 39/…").
ASKS_DOCUMENTS = re.compile(
    r"(nhung|cac) (van ban|nghi quyet|chi thi|chuong trinh|ke hoach|quyet dinh|ket luan|de an)"
    r"|(van ban|nghi quyet|chi thi|chuong trinh|quyet dinh|ket luan|de an|cuoc van dong|phong trao)( (cu|cua (tinh|huyen)|khac))?"
    r" (nao|so may|so bao nhieu|so gi)"
    # "chương trình và kế hoạch nào": a plan asked beside another kind of document is a cited one too.
    # ("chương trình của Huyện ủy và KH nào của UBND huyện": each kind with whose it is.)
    # ("chương trình, kế hoạch cũ nào": the two kinds listed with a comma.)
    r"|(van ban|nghi quyet|chi thi|chuong trinh|quyet dinh|ket luan|de an)( \d+)?( cua [^,?]{2,25}?)?(,? (va|hoac|hay|cung)|,) (ke hoach|kh|van ban"
    r"|nghi quyet|chi thi|chuong trinh|quyet dinh|ket luan|de an)( (cu|truoc|khac|da co))? (nao|so may|so bao nhieu|so gi)"
)

# The words that ask "who leads / who helps" ("phòng nào chủ trì, phối hợp với đơn vị nào"): every assignment line
# holds them, so for matching they say nothing about which task is asked.
_LEAD_FRAME = re.compile(
    # ("phòng nào lo", "đơn vị nào làm": the everyday verb after the body asked is part of the asking.)
    r"(?<!\w)(?:(?:phong|co quan|don vi|ben|nganh|ban nganh) nao(?: (?:lo|lam|quan ly|cam))?|chu tri|phu trach|dau moi"
    r"|(?:giao(?: cho)? )?ai (?:lo|lam)|giao(?: cho)? ai"
    r"|phoi hop(?: voi)?(?: nhung| cac)?(?: (?:phong|co quan|don vi|ben|nganh|ai)(?: nao)?)?)(?!\w)"
)


_ASKS_TASKS = re.compile(r"(?<!\w)((viec|nhiem vu|noi dung|linh vuc|mang|phan viec) (gi|nao)|nhung gi|lam gi)(?!\w)")


# The body that issued the plan, named only to say which plan: "Trong KH của UBND huyện Kon Rẫy, … ai chủ trì?".
_PLAN_ISSUER = re.compile(
    r"\b(kế hoạch|KH|văn bản)\s+(?:của|do)\s+(?:Ủy ban nhân dân|UBND|Huyện ủy|(?:Ban Thường vụ|BTV)(?: Huyện ủy)?)"
    r"(?:\s+huyện)?",
    re.IGNORECASE,
)
# "Ban Thường vụ Huyện ủy giao ai …", "UBND huyện X giao phòng nào …": the body that assigns, not the one asked about.
_ASSIGNER = re.compile(
    # ("Ban Tuyên giáo Huyện ủy Kim Động được giao …": the body given the task, named with its Party committee.)
    r"(?:Ủy ban nhân dân|UBND|Huyện ủy|Ban Thường vụ|BTV)(?:\s+Huyện ủy)?(?:\s+(?!giao\b|được\b|bị\b|và\b)\w+){0,3}?\s+"
    r"(?=(?:đã\s+|có\s+)?giao\s)",
    re.IGNORECASE,
)

def without_giver(text: str) -> str:
    """The question without the body that issued the plan or hands out the task, which is not the body asked
    about ("KH của UBND huyện X, Phòng Y làm gì" → "KH, Phòng Y làm gì"; "UBND huyện giao Phòng Y …" → "Phòng Y …")."""
    return _ASSIGNER.sub("", _PLAN_ISSUER.sub(r"\1", text))


def without_lead_frame(text: str) -> str:
    """The question without the words asking for a lead or partners, kept whole when they are all it says.

    >>> without_lead_frame("Việc chăm lo người có công do phòng nào chủ trì, phối hợp với đơn vị nào?")
    'Việc chăm lo người có công do  , ?'
    """
    folded = fold(text)
    spans = [m.span() for m in _LEAD_FRAME.finditer(folded)]
    if not spans or _ASKS_TASKS.search(folded):
        return text  # "Phòng Nội vụ chủ trì việc gì, phối hợp với ai": the body is given, its tasks are asked
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    rest = "".join(out) + text[last:]
    return rest if len(re.findall(r"\w+", rest)) >= 3 else text


def asked_text(text: str) -> str:
    """The sentences of a question that ask, without whole sentences telling the asker's situation."""
    clauses, scene = scene_clauses(text, sentences_only=True)
    rest = " ".join(c for c in clauses if c not in scene)
    return rest if scene and len(rest.split()) >= 4 else text


# The body an asker works in, named in the self-introduction ("Tôi công tác ở Phòng LĐ-TB&XH Kon Rẫy, …").
_ASKER_BODY = re.compile(
    r"(?<!\w)(?:Phòng|Ủy ban|UBND|Hội|Mặt trận|MTTQ|Ban|Đoàn|Huyện đoàn|Trung tâm|Bảo hiểm|BHXH|Ngân hàng|Công an|"
    r"Liên đoàn|Văn phòng)(?!\w)[^,.:;?!]*",
)
# The question pointing back at that body by its kind alone: "trách nhiệm của phòng", "phòng phải làm gì",
# "đơn vị mình được giao gì" (a kind followed by a name, "Phòng Y tế", names another body).
_OWN_BODY = re.compile(
    r"(?<!\w)(phong|hoi|ban|doan|trung tam|don vi|co quan|ben|xa|thi tran)(?: (toi|minh|em|chung toi|tui|chung em))?"
    r"(?= (?:phai|co|duoc|can|lam|trong|thi|se|chiu|dam nhan|tham gia|bao cao)(?!\w)|\s*[,.?:;!]|$)"
)


def _own_body(intro: str, rest: str) -> str:
    """``rest`` with the asker's body said by name where the question asks about it by its kind alone ("phòng phải
    làm gì" → "Phòng LĐ-TB&XH phải làm gì")."""
    body = _ASKER_BODY.search(intro)
    folded = fold(rest)
    if body is None or len(folded) != len(rest):
        return rest
    # (where the body is, "… ở Kon Rẫy", is left out: the district is carried on its own)
    name = re.split(r"\s+(?:ở|tại|thuộc)\s+", body.group(0), maxsplit=1)[0].strip()
    named = f" {fold(name)} "
    out, pos = [], 0
    for m in _OWN_BODY.finditer(folded):
        if m.group(2) or f" {m.group(1)} " in named:
            out += [rest[pos:m.start()], name]
            pos = m.end()
    return "".join(out) + rest[pos:]


def without_asker(text: str, districts: list[str]) -> str:
    """The question without the asker's self-introduction; a district named only there is kept, after it."""
    m = _ASKER.match(text) or _PURPOSE_LEAD.match(text)
    if m is None or len(text[m.end():].split()) < 4:
        return text
    rest = text[m.end():]
    lost = [d for d in find_names(m.group(0), districts) if d not in find_names(rest, districts)]
    # "Tôi ở Đức Trọng, Lâm Đồng. …": a district the corpus does not have, named only there, is still the place asked.
    other = district_named(fold(m.group(0)), {fold(d) for d in districts}, said=m.group(0))
    if other is not None and fold(other.name) not in fold(rest):
        lost.append(f"huyện {other.name}")
    # "Mình là người khuyết tật ở Kon Rẫy, …": the asker's own group is who the question is for.
    intro, said = fold(m.group(0)), fold(rest)
    lost = [g.key for g in groups_named(intro) if g not in groups_named(said)] + lost
    # "Tôi công tác ở Phòng LĐ-TB&XH, … phòng phải làm gì": the asker's own body is the one asked about.
    rest = _own_body(m.group(0), rest)
    rest = rest[:1].upper() + rest[1:]
    return f"{rest} ({', '.join(lost)})" if lost else rest


def _keep_topic(m: re.Match[str]) -> str:
    """A purpose clause dropped up to where the topic starts: "để nói trong buổi tập huấn | về người khuyết tật"."""
    topic = _TOPIC_START.search(m.group(0))
    return " " + m.group(0)[topic.start() :].strip() if topic else ""


_TOPIC_START = re.compile(r"\s([Vv]ề|[Tt]heo|của|mảng|lĩnh vực|phần|nội dung|các chỉ tiêu|chỉ tiêu)\s|\s(ở|tại)\s(?=[A-ZĐÀ-Ỹ])")


_KEPT_PLACE = re.compile(r"\s\([^()]{2,80}\)$")


def _without_purpose(text: str) -> str:
    """The question without the reason it is asked for (only when what remains still asks something)."""
    if not _BRIEFING.search(fold(text)):
        return text
    # The district an asker's self-introduction named, kept after the question by ``without_asker``, stays.
    kept = _KEPT_PLACE.search(text)
    if kept:
        rest = _without_purpose(text[: kept.start()])
        return f"{rest} {kept.group(0).strip()}"
    out = _PURPOSE_TAIL.sub(_keep_topic, text)
    head = _PURPOSE_HEAD.match(out)
    if head:
        out = out[head.end():]
    out = out.strip(" ,;")
    return out if len(out.split()) >= 4 else text


# How the asker wants the answer laid out, said after the question: "liệt kê mỗi huyện 1 dòng nha", "trả lời ngắn
# gọn thôi". It asks nothing of the plans (and "liệt kê", "mỗi huyện" must not turn the question into another).
_FORMAT_ASK = re.compile(
    r"[\s,.;:?!-]*(?:(?:(?:liet ke|ghi|trinh bay|viet|tra loi|neu|xep|cho|tom tat|tom)\s+(?:giup\s+|gium\s+)?(?:(?:toi|minh|em)\s+)?)?"
    r"(?:moi|tung)\s+(?:huyen|ke hoach|kh|noi|dia phuong|y|muc|nhom|phan|linh vuc)\s+(?:mot|1)\s+(?:dong|cau|gach dau dong)"
    r"|(?:tra loi|viet|ghi|noi)\s+(?:that\s+)?(?:ngan gon|ngan|gon)(?:\s+thoi)?)"
    r"(?:\s+(?:nha|nhe|nhé|giup|gium|voi|a|thoi|minh|toi|em|nhen))*[\s.!?]*$"
)


def without_format(text: str) -> str:
    """The question without how the answer should be laid out ("…? liệt kê mỗi huyện 1 dòng nha")."""
    m = _FORMAT_ASK.search(fold(text))
    if m is None or m.start() == 0 or len(text[: m.start()].split()) < 4:
        return text
    rest = text[: m.start()].rstrip(" ,;:-")
    return rest if rest.endswith(("?", ".", "!")) else rest + "?"


# The older "i" spelling of syllables the plans write with "y" ("kí" = "ký", "quí" = "quý"); same length.
_I_SPELLING = {"kí": "ký", "kì": "kỳ", "kỉ": "kỷ", "kĩ": "kỹ", "lí": "lý", "quí": "quý", "mĩ": "mỹ"}
_I_SPELLED = re.compile(r"(?<!\w)(" + "|".join(_I_SPELLING) + r")(?!\w)", re.IGNORECASE)
_HANG_SPELLED = re.compile(r"(?<!\w)[Hh]ằng(?= (?:tháng|năm|ngày|quý|tuần|kỳ)(?!\w))")


def y_spelling(text: str) -> str:
    """``text`` with "kí", "quí", "lí", "hằng tháng" … written as most plans write them ("ký", "quý", "lý",
    "hàng tháng")."""
    def one(m: re.Match[str]) -> str:
        said = _I_SPELLING[m.group(0).lower()]
        return said[:1].upper() + said[1:] if m.group(0)[:1].isupper() else said

    # "hằng tháng" / "hàng tháng": both are correct; most plans write "hàng" (same length, spans carry over).
    text = _HANG_SPELLED.sub(lambda m: "Hàng" if m.group(0)[0] == "H" else "hàng", text)
    return _I_SPELLED.sub(one, text)


# ", có chính xác không?", "có đúng vậy không?": the asker checks what was said before; those words name nothing.
# ("đúng không", "phải không" stay: a guess about a body or a date is read from them.)
_CHECK_TAIL = re.compile(r"(?:[,;]?\s*co (?:chinh xac|dung|chuan|that)|[,;]\s*(?:chinh xac|chuan|that))(?: (?:vay|the|nhu vay))?"
                         r" (?:khong|ko|chua|hong)\s*\??\s*$")


def without_check_tail(text: str) -> str:
    """``text`` without a trailing "…, có chính xác không?" after a statement to check (a question of its own
    stays: "Con số này có chính xác không?")."""
    m = _CHECK_TAIL.search(fold(text))
    if m is None or m.start() == 0 or len(text[: m.start()].split()) < 5:
        return text
    return text[: m.start()].rstrip(" ,;") + "?"


# Marked words that fold to a cue's letters but are not the cue: "đứa đầu mới hơn 2 tuổi" is no "đầu mối".
# ("bản nào ký trước": which copy, not which "Ban" (board).)
_FALSE_CUES = re.compile(r"(?i)(?<!\w)(?:đầu mới|(?<!văn )bản nào)(?!\w)")


def _cue_fold(text: str) -> str:
    """``fold(text)``, with marked words that would read as a cue when folded kept apart ("đầu mới" → "dau-moi");
    one character per character still."""
    folded = fold(text)
    for m in _FALSE_CUES.finditer(text):
        folded = folded[: m.start()] + folded[m.start() : m.end()].replace(" ", "-") + folded[m.end() :]
    return folded


# "Kế hoạch Kim Động yêu cầu kiện toàn những ban nào": "yêu cầu" is the plan asking for something, not its part
# "Yêu cầu" (which "yêu cầu của kế hoạch", "phần yêu cầu gồm gì" name).
_PLAN_REQUIRES = re.compile(
    r"(?i)\b((?:kế hoạch|KH|văn bản|dự thảo)(?:\s+(?!yêu\b)\S+){0,3}?)\s+yêu cầu\s+"
    # ("KH yêu cầu thực hiện chương trình nào" keeps it: "KH thực hiện chương trình nào" asks what the plan implements.)
    r"(?!(?:của|trong|là|gồm|nói|đặt|ra|gì|như|và|thì|ở|nêu|có|để|được|những|các|nào|đối|chung|cụ|thực|triển|bám|tiếp)\b)(?=\w)"
)


def without_plan_requires(text: str) -> str:
    """The question without "yêu cầu" said of the plan as a verb ("KH yêu cầu kiện toàn …" → "KH kiện toàn …")."""
    return _PLAN_REQUIRES.sub(r"\1 ", text)


def analyze(question: str, districts: list[str], aliases: dict[str, list[str]] | None = None) -> QueryAnalysis:
    """Analyse a question against the corpus's district names (and their aliases, e.g. provinces)."""
    said = y_spelling(nfc(question).strip())
    text = without_plan_requires(_without_purpose(without_asker(without_format(without_check_tail(said)), districts)))
    folded = _cue_fold(text)
    found = find_names(text, districts, aliases)
    if len(found) == 1 and (other := _OTHER_PLANS.search(folded)) and not _LIKE_OTHERS.search(folded[: other.end()]):
        # "Phụng Hiệp … có khác mấy huyện kia không": every plan is asked ("Lạc Dương có đặt X như một số huyện
        # khác không": the plan named is, the others are what it is measured by).
        found = []
    besides = [d for d in found if re.search(rf"(?<!\w)(ngoai|tru) (huyen )?{re.escape(fold(d))}(?!\w)", folded)]
    if besides and _WHICH_PLANS.search(folded):
        # "Ngoài Kon Rẫy ra, những kế hoạch nào …": the other plans are asked.
        found = [d for d in districts if d not in besides]
    # Cues read with shorthand spelled out: "ai ký KH" is "ai ký kế hoạch".
    spelled = expand_abbreviations(folded)
    def as_written(m: re.Match[str], group: str) -> str:
        # A lettered point keeps its letter as typed: "điểm đ)" is not "điểm d)" (folding makes them one).
        raw = text[m.start(group) : m.end(group)]
        return raw.lower() if len(raw) == 1 and raw.isalpha() else m.group(group)

    # ("chia mấy điểm a, b, c": the letters count the points asked about, they name none of them.)
    listed = [m.span() for m in _LETTERS_LISTED.finditer(folded)]
    refs = [as_written(m, "label") for m in _SECTION_REF.finditer(folded) if not any(a <= m.start() < b for a, b in listed)]
    refs += [m.group("label") for m in _BARE_NUMBER_REF.finditer(folded) if m.group("label") not in refs]
    for m in _ROMAN_NUMBER_REF.finditer(folded):
        refs += [r for r in (m.group("roman"), m.group("label")) if r not in refs]
    # "mục 3 phần III": the part first, then its section, as "III.3" is read.
    for m in _CHILD_OF_PART.finditer(folded):
        child, part = m.group("child"), m.group("part")
        if child in refs and part in refs and refs.index(child) < refs.index(part):
            refs.remove(part)
            refs.insert(refs.index(child), part)
    # "mục 3.3 a)", "3.3.a": the lettered point inside the numbered section.
    refs += [as_written(m, "sub") for m in _POINT_AFTER_NUMBER.finditer(folded) if as_written(m, "sub") not in refs]
    # "văn bản nào" is a document and "văn phòng nào" an office, not "ban nào"/"phòng nào" (which body leads).
    cue_text = re.sub(r"(?<!\w)van (ban|phong)(?!\w)", r"van_\1", spelled)
    # "kế hoạch nào khác": which plan differs (a comparison), not which document (meta).
    cue_text = re.sub(r"(?<!\w)ke hoach nao (?=khac|(khong )?giong)", "ke_hoach_nao ", cue_text)
    # "kiện toàn những ban nào": the bodies are what is done to, not who does it.
    cue_text = re.sub(r"(?<!\w)(kien toan|thanh lap|cung co|sap xep|sap nhap|hop nhat|giai the)( (lai|nhung|cac))* "
                      r"(ban|phong|co quan|don vi|to chuc) nao(?!\w)", r"\1 \4_nao", cue_text)
    # "doanh nghiệp hoạt động vì mục tiêu xã hội": what a body works for, not a target asked.
    cue_text = re.sub(r"(?<!\w)vi muc tieu(?!\w)", "vi_muc_tieu", cue_text)
    # "Chương trình mục tiêu quốc gia về văn hóa": a programme's name, not a target asked.
    cue_text = re.sub(r"(?<!\w)(chuong trinh|ctmt|ctr) muc tieu(?!\w)", "chuong_trinh_muc_tieu", cue_text)
    scores = {
        intent: sum(1 for cue in cues if re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", cue_text) or cue == "%" and "%" in folded)
        for intent, cues in _INTENT_CUES.items()
    }
    # "ai" alone ("Ai ...?") asks for a person or body: an assignment unless meta cues say "who signed".
    if re.match(r"^(ai|co quan nao|don vi nao)\b", folded) and scores["meta"] == 0:
        scores["assignment"] += 1
    intent = "general"
    best = max(scores.values())
    if refs and (
        re.search(r"(?<!\w)(ke|liet ke)( het| ra| ten| day du| du)? (cac |nhung )?(tieu muc|muc con|noi dung)|noi (ve|dung|gi)|(noi|ghi|neu|viet) (cu the|chi tiet|ro)( (la|nhung))? (gi|the nao|ra sao)|gom|de cap|quy dinh gi|viet gi|ghi (gi|nhung gi)|ban ve|trinh bay|tieu de|ten (la )?gi|ve van de gi|la (nhiem vu |noi dung |viec |van de |muc |phan |giai phap )?gi|dieu gi|(ve )?(cai|chuyen|mang|linh vuc) gi", folded)
        and best <= 1
    ):
        intent = "section"
    elif best > 0:
        intent = max(scores, key=lambda k: scores[k])
    if intent == "assignment" and _A_THING_ASKED.search(folded) and not _WHO_ASKED.search(cue_text):
        # "Cuộc vận động nào … nêu trong phần phối hợp với Mặt trận": a named thing is asked, not who does it.
        intent = "general"
    meta_fields = [name for name, pat in _META_FIELDS.items() if re.search(pat, spelled)]
    if _CITED_ASKED.search(folded) and not _PLAN_NAMED_NUMBER.search(folded):
        # "… thực hiện chương trình, nghị quyết nào? Cho xin số hiệu, ngày tháng": the cited documents' own.
        meta_fields = [f for f in meta_fields if f not in ("number", "date")]
        if intent == "meta" and not meta_fields:
            intent = "general"
    if "number" in meta_fields and (_CITED_NUMBER.search(folded) or SECTION_NUMBER.search(folded)
                                    or LABEL_ASKED.search(folded) or _PART_NUMBER_ASKED.search(folded)
                                    and not _PLAN_NUMBER_WORDS.search(folded)):
        meta_fields.remove("number")  # the number of a cited document or of a section ("là mục số mấy"), not the plan's
    if "status" in meta_fields:
        scores["meta"] += 1
    if meta_fields and intent in ("general", "assignment", "target") and scores["meta"] >= scores[intent if intent != "general" else "meta"]:
        intent = "meta"
    if _DOCUMENT_IN_BODY.search(folded) or asks_cited_document_date(folded):
        meta_fields = []  # the programmes cited on that subject, in the body: not the plan's own header
        intent = "general" if intent == "meta" else intent
    if intent == "meta" and not meta_fields and (LABEL_ASKED.search(folded) or _PART_NUMBER_ASKED.search(folded)):
        intent = "section" if refs else "general"  # "đánh ký hiệu ra sao": the sections' labels, not the plan's number
    if intent == "meta" and not meta_fields and _DEADLINE.search(folded):
        # "Kế hoạch nào đặt hạn cho các xã ban hành kế hoạch": a deadline in the body, not the document's header.
        intent = "general"
    return QueryAnalysis(
        text=text,
        folded=folded,
        districts=found,
        section_refs=refs,
        intent=intent,
        has_diacritics=has_diacritics(text),
        briefing=_is_briefing(folded, said),
        locate=bool(LOCATE.search(folded)),
        aliases=[a for d in found for a in (aliases or {}).get(d, [])],
        meta_fields=meta_fields if intent == "meta" else [],
        rewritten=rewrite(text),
        checks_claim=without_check_tail(said) != said,
        own_case=tells_own_case(said),
    )


# Clause breaks between the parts of a question: "…; còn …", "…, và …", "…? …", "…, bao nhiêu % …".
_PART_BREAK = re.compile(
    r"\s*[;?]\s+(?:còn\s+)?|,\s+(?:còn|và|rồi|đồng thời|mà)\s+|\s+còn\s+(?=\S)"
    r"|,\s+(?=(?:bao nhiêu|ai|cơ quan nào|đơn vị nào|phòng nào|bên nào|khi nào|mấy|những gì)(?!\w))",
    re.IGNORECASE,
)
# The same breaks typed without diacritics; a bare "con" is also "con em" (children), so only after a comma.
_PART_BREAK_FOLDED = re.compile(
    r"\s*[;?]\s+(?:con\s+)?|,\s+(?:con|roi|dong thoi)\s+"
    r"|,\s+(?=(?:bao nhieu|ai|co quan nao|don vi nao|phong nao|ben nao|khi nao|nhung gi)(?!\w))"
)
# A comma right after a question word starts another question ("… trước ngày nào, báo cáo gửi trước ngày mấy?").
_AFTER_ASKING = re.compile(r"(?:(?<=nào)|(?<=gì)|(?<=mấy)|(?<=đâu)|(?<=bao nhiêu)),\s+", re.IGNORECASE)
_AFTER_ASKING_FOLDED = re.compile(r"(?:(?<=nao)|(?<=gi)|(?<=may)|(?<=dau)|(?<=bao nhieu)),\s+")
_ASKS_QUANTITY = re.compile(r"(?<!\w)(bao nhieu|may|muc nao|bao lau)(?!\w)|%")
_THIS_SECTION = re.compile(r"(?<!\w)(?:mục|phần|điểm|muc|phan|diem) (?:này|nay)(?!\w)", re.IGNORECASE)
# "…, phòng nào chủ trì?" says who is asked for, not about what: the part before it names the task.
_WHO_WORDS = frozenset("phong ban co quan don vi chu tri phu trach lo giao lead lam phoi hop voi cu rieng chiu trach nhiem chinh chi dao".split())
_ASKING_WORDS = frozenset("ai gi nao bao nhieu dau khi may gio ra sao the truoc ngay han thang nam la".split())
_ASKS = re.compile(r"(?<!\w)(ai|gi|nao|bao nhieu|dau|khi nao|may|bao gio|bao lau|ra sao|the nao|(?:tinh|lam) sao)(?!\w)")


def _breaks_after_asking(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Where ``text`` is cut after its question words: before each piece that says what it is about. A piece
    that does not ("gửi qua đâu", "hạn trước ngày mấy") only continues the question before it."""
    found = list(pattern.finditer(text))
    ends = [m.start() for m in found] + [len(text)]
    starts = [0] + [m.end() for m in found]
    said = [
        sum(1 for w in syllables(text[a:b]) if w not in STOPWORDS and w not in _ASKING_WORDS and w not in _WHO_WORDS) >= 3
        for a, b in zip(starts, ends, strict=True)
    ]
    # A break is kept when the pieces on both sides say something: a piece that does not joins the one before it
    # (the first such piece, the one after it).
    kept, opened = [], said[0]
    for m, speaks in zip(found, said[1:], strict=True):
        if speaks and opened:
            kept.append(m)
        opened = opened or speaks
    return kept


def _split_after_asking(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``text`` cut at :func:`_breaks_after_asking`."""
    pieces, pos = [], 0
    for m in _breaks_after_asking(text, pattern):
        pieces.append(text[pos : m.start()])
        pos = m.end()
    return [*pieces, text[pos:]]


def _asks(piece: str) -> bool:
    # A yes/no question asks too: "… có tính xóa hết không?".
    folded = expand_abbreviations(fold(piece)).rstrip(" ?.!")  # ("… bhyt 2030 bn %": "bn" is "bao nhiêu")
    return bool(_ASKS.search(folded) or _YES_NO_END.search(folded)) and len(piece.split()) >= 4


# "vụ này", "việc đó": a later part about what the part before it names.
_POINTS_BACK = re.compile(r"(?<!\w)(vu|viec|mang|chuyen|noi dung|cai|khoan|chinh sach|nhiem vu) (nay|do|ay)(?!\w)"
                          r"|(?<!\w)(tung|moi) (noi dung|y|diem|nhom|linh vuc)(?!\w)")  # "… ai chủ trì từng nội dung"
# A part that goes on saying of the part before, without a subject of its own: "…, gồm mấy nội dung …".
_GOES_ON = re.compile(r"(bao )?gom (may|nhung|bao nhieu|cac)(?!\w)")
# ("… có ghi số tiền cụ thể không, hay chỉ nói chung về nguồn lực": one yes/no question offering the other case.)
_YES_NO_END = re.compile(r"(?<!\w)(co|da|duoc|se|phai)(?!\w).*(?<!\w)(khong|ko|chua|hay khong)(?:,? hay (?:la |chi )?[^,;]{0,60})?$")


def _content(piece: str) -> int:
    return sum(1 for w in syllables(piece) if w not in STOPWORDS and w not in _ASKING_WORDS)


_WHO_ASKED_PART = re.compile(r"(?<!\w)(ai|(co quan|don vi|phong|ban|noi) nao)(?!\w)")


# "làm theo hướng dẫn của cơ quan nào", "thực hiện theo ai": doing what the part before names, no task of its own.
_DOING_WORDS = frozenset("lam theo huong dan thuc hien trien khai viec do".split())


def _only_doing(piece: str) -> bool:
    words = [w for w in syllables(piece) if w not in STOPWORDS and w not in _ASKING_WORDS and w not in _WHO_WORDS]
    return bool(words) and all(w in _DOING_WORDS for w in words)


# "…, và được giao phối hợp ở những nhiệm vụ nào", "Có được giao chủ trì việc nào không": a part with no subject of
# its own goes on about the body the part before it names.
_SAME_SUBJECT = re.compile(r"^(va |con |thi )?(co )?(duoc|bi) giao(?!\w)|^(va )?(co )?phai (lam|chiu|thuc hien)(?!\w)")


# Who leads, asked after a figure: "phòng nào chịu trách nhiệm", "cơ quan nào chủ trì (nhiệm vụ này)", "ai lo".
_WHO_LEADS = re.compile(r"(?<!\w)(ai|(co quan|don vi|phong|ban|noi) nao)\s+(chiu trach nhiem|chu tri|phu trach|lo|dam nhiem"
                        r"|cam trich)(?!\w)")
_FIGURE_ASKED = re.compile(r"(?<!\w)(bao nhieu|may (phan tram|%)|muc nao)(?!\w)")


@dataclass(frozen=True)
class QuestionPart:
    """One question inside a longer one, standalone.

    ``figure_field`` is set when the part only asks who leads the field of the figure the part before it asks
    ("…, phòng nào phụ trách mảng này?"): its text then names that field ("(lĩnh vực y tế)") for the answerer, and
    the part is not asked on its own when the figure is refused.
    """

    text: str
    figure_field: str = ""


def _field_of_figure(before: str, piece: str) -> str:
    """The field of the figure ``before`` asks for, when ``piece`` asks only who leads it (naming nothing of its own
    or pointing back, "mảng này"); "" otherwise."""
    folded, spelled = fold(piece), expand_abbreviations(fold(before))  # ("… bhyt 2030 bn %, co quan nao chu tri")
    if not (_FIGURE_ASKED.search(spelled) and _WHO_LEADS.search(folded)):
        return ""
    if _subject(piece) and not _POINTS_BACK.search(folded) and not _only_doing(piece):
        return ""  # ("đơn vị nào chủ trì thực hiện": doing words name no field)
    # The topic's name as the topic map reads it back ("lao động - việc làm", not its en dash).
    return (main_topic(spelled) or "").replace("–", "-")


# A part that opens on a duty, with no body of its own ("…, và tham mưu UBND huyện việc gì"). Folded. (Not "báo cáo",
# "gửi": "báo cáo hằng năm thì gửi trước ngày mấy" names the report, not a duty of the body before.)
_DUTY_FIRST = re.compile(r"^(?:va |con |dong thoi |roi )?(?:phai |co trach nhiem |can |con phai )?(?:tham muu"
                         r"|phoi hop|theo doi|kiem tra|huong dan|tong hop|de xuat|giam sat|don doc)(?!\w)")
_OPENING_JOIN = re.compile(r"^(?:và|còn|đồng thời|rồi|va|con|dong thoi|roi)\s+", re.IGNORECASE)
# A body that is the subject of a part: its kind, then its name up to the verb ("Phòng Lao động - TB&XH phải …").
_BODY_SUBJECT = re.compile(
    r"(?<!\w)(?:phong|van phong|ban|trung tam|bao hiem xa hoi|uy ban nhan dan|ubnd|huyen doan|mat tran|cong an)(?!\w)"
    r"[^,;?]{0,60}?(?=\s+(?:phai|co trach nhiem|co nhiem vu|duoc giao|can|se|gui|lam|chu tri|tham muu|bao cao"
    r"|thuc hien|trien khai|lo)(?!\w))")


def _body_subject(piece: str) -> str:
    """The body a part is about, as typed ("Phòng Lao động - TB&XH"); "" when it names none before its verb."""
    m = _BODY_SUBJECT.search(fold(piece))
    return piece[m.start() : m.end()] if m else ""


def _subject(piece: str) -> int:
    """How many words of a part say what it is about (not who is asked for, nor how it asks)."""
    return sum(1 for w in syllables(piece) if w not in STOPWORDS and w not in _ASKING_WORDS and w not in _WHO_WORDS)


def _glue_context(pieces: list[str]) -> list[str]:
    """A piece that asks nothing ("Trong dự thảo KH Phụng Hiệp") is context of the question after it (or,
    last, before it), not a question of its own."""
    out: list[str] = []
    carry = ""
    for p in pieces:
        p = f"{carry}, {p}" if carry else p
        carry = ""
        if _asks(p) or _WHO_LEADS.search(fold(p)):  # ("…, phong nao lo": three words, a question all the same)
            out.append(p)
        else:
            carry = p
    if carry:
        if out:
            out[-1] = f"{out[-1]}, {carry}"
        else:
            out.append(carry)
    return out


def _comma_questions(question: str) -> list[str]:
    """Two figures asked in one breath ("phổ cập cho trẻ từ mấy tuổi, tỷ lệ đi học … bao nhiêu"): split at the
    one comma both of whose sides ask a quantity about their own subject ("… ai ký, họ tên là gì" is one)."""
    cuts = list(re.finditer(r",\s+", question))
    found = [
        (question[: m.start()], question[m.end():]) for m in cuts
        if all(_asks(side) and _content(side) >= 3 and _ASKS_QUANTITY.search(fold(side))
               for side in (question[: m.start()], question[m.end():]))
    ]
    return [s.strip(" ,;:?") for s in found[0]] if len(found) == 1 else [question]


# "Trong phần giáo dục và phần phát triển văn hóa, … những chương trình nào": one question asked of two parts of
# the plan, each named with the same word ("ở" ends a part's name, but not "nhà ở", "chỗ ở"). Folded (one character per character, so spans fit the question).
_TWO_PARTS = re.compile(
    r"(?<!\w)(?P<kind>phan|mang|linh vuc|muc|nhom|ve)\s+(?P<a>[^,;?]{2,60}?)\s+(?:va|voi|cung)\s+(?P=kind)\s+(?!sinh(?!\w))"  # ("về … và vệ sinh")
    r"(?P<b>[^,;?]{2,60}?)(?<!nha)(?<!cho)(?=\s*[,;?]|\s+(?:cua|trong|thi|ke hoach|kh|o|tai|do)\s|$)"
)


# "Về giảm nghèo và nhà ở, …", "phần giáo dục với văn hóa …": one kind word before two fields. Folded.
_TWO_FIELDS = re.compile(
    r"(?<!\w)(?:phan|mang|linh vuc|ve)\s+(?P<a>\w+(?: \w+){0,3}?)\s+(?:va|voi|cung)\s+(?:(?:phan|mang|linh vuc|ve)\s+)?"
    r"(?P<b>\w+(?: \w+){0,3}?)(?=\s*[,;?]|\s+(?:cua|trong|thi|ke hoach|kh|o|tai|do|co|thuc hien|trien khai|gan|dan|nhac"
    r"|neu|de cap)\s|$)"
)


# "…, hạn hoàn thành là khi nào?": a deadline asked after a lead, of the same task, with no subject of its own.
_DEADLINE_AFTER = re.compile(r"^\s*(?:con |va )?(?:thoi han|han(?: chot| hoan thanh| cuoi)?|khi nao|bao gio)"
                             r"(?: (?:hoan thanh|xong|phai xong))?(?: la)?(?: khi nao| ngay nao| bao gio| thang nao| nam nao)?\s*\??\s*$")


def _lead_then_deadline(question: str) -> list[str]:
    """"Phòng nào chủ trì nhiệm vụ nhà ở, hạn hoàn thành là khi nào?" → the lead question and the deadline of that
    task ("… nhiệm vụ nhà ở: hạn hoàn thành là khi nào?"), or []."""
    pieces = re.split(r"\s*[,;?]\s+", question.strip(), maxsplit=1)
    if len(pieces) != 2 or not _DEADLINE_AFTER.match(fold(pieces[1])) or not _LEAD_FRAME.search(fold(pieces[0])):
        return []
    task = re.sub(r"\s+", " ", without_lead_frame(pieces[0])).strip(" ,?")
    task = re.sub(r"(?i)(?<!\w)ai(?!\w)", " ", task)
    task = re.sub(r"\s+", " ", re.sub(r"(?i)(?<!\w)(do|la|thì)\s*$", "", task)).strip(" ,?")
    if task == pieces[0].strip(" ,?") or len(task.split()) < 3:
        return []
    return [f"{pieces[0].strip(' ,?')}?", f"{task}: {pieces[1].strip(' ,?')}?"]


def _two_named_parts(question: str) -> list[str]:
    """The question once per part it names ("phần A và phần B" → "… phần A …", "… phần B …"; "về giảm nghèo và nhà ở",
    two fields of the topic map), or []."""
    m = _TWO_PARTS.search(fold(question))
    if m is None:
        # (Only of documents cited on each: a summary or a figure of two fields is answered whole, field by field.)
        m = _TWO_FIELDS.search(fold(question)) if _CITED_ASKED.search(fold(question)) else None
        if m is None or not (a := topics_named(m.group("a"))) or not (b := topics_named(m.group("b"))) or set(a) & set(b):
            return []
    a = question[m.start("a") : m.end("a")]
    b = question[m.start("b") : m.end("b")]
    head, tail = question[: m.start("a")], question[m.end("b") :]
    return [f"{head}{a}{tail}", f"{head}{b}{tail}"]


# "… do ai chủ trì và phối hợp với lực lượng nào": who else works on the same task, not another question.
_SAME_TASK_WHO = re.compile(r"(phoi hop|chu tri|do ai|ai|giao|cung voi|voi)(?!\w)")


def _and_questions(question: str) -> list[str]:
    """"… củng cố những ban nào và đưa loại mã số gì vào áp dụng": two questions joined by "và", each side asking
    with its own subject; the last such "và" (a "và" inside a name or a list asks nothing on its left)."""
    folded = fold(question)
    for m in reversed(list(re.finditer(r"\s+va\s+", folded))):
        left, right = question[: m.start()], question[m.end():]
        if left.split()[-1:] and left.split()[-1][:1].isupper() and right[:1].isupper():
            continue  # "… Kon Ray va Phung Hiep …": two names joined, not two questions
        if _asks(left) and _asks(right) and _subject(left) >= 2 and _subject(right) >= 2 and (
                _ASKS.search(fold(left).rsplit(",", 1)[-1])) and not _SAME_TASK_WHO.match(fold(right)):
            return [left.strip(" ,;:?"), right.strip(" ,;:?")]
    return [question]


_EACH_OF_THEM = re.compile(r"(moi|tung) (dong|viec|nhiem vu|noi dung|muc|y|nhom|noi|huyen|ke hoach|chi tieu|cai)(?!\w)")


# A programme named in one part ("Đề án Hậu Giang xanh được nhắc ở …") and by its kind alone in the next ("đề án có
# mốc thời gian thế nào"): the name runs from the kind to the first word that goes on to say something of it.
_KIND_NAMED = re.compile(r"(?<!\w)(đề án|chương trình|chiến lược|dự án|phong trào|cuộc vận động)\s+(?!này|đó|ấy|nào)"
                         r"(\S.*?)(?=\s+(?:được|có|là|trong|(?<!nhà )(?<!chỗ )ở|thì|do|nằm|thuộc|đã|sẽ|nhằm|về)(?!\w)|\s*[,;?.]|$)",
                         re.IGNORECASE)
_KIND_BARE = r"(?<!\w){kind}(?:\s+(?:này|đó|ấy))?(?=\s+(?:có|được|thì|là|do|đặt|nêu|đến|tới|kéo dài)(?!\w)|\s*[,;?]|$)"


# "… số mấy, ký ngày nào, ai ký, và chỉ tiêu X là bao nhiêu": the header's fields, then a figure of the body.
_CONTENT_AFTER_HEADER = re.compile(r",\s+(?:va\s+)?(?:trong do\s+)?(?:(?:con|rieng)\s+)?(?=(?:chi tieu|muc tieu|ty le|ti le)(?!\w))")


def _header_then_content(question: str) -> list[str]:
    """The question cut where, after asking for the plan's own header fields, it asks a figure the body sets; []."""
    folded = fold(question)
    for m in reversed(list(_CONTENT_AFTER_HEADER.finditer(folded))):
        left, right = folded[: m.start()], folded[m.end():]
        if any(re.search(p, left) for p in _META_FIELDS.values()) and _ASKS_QUANTITY.search(right) \
                and not any(re.search(p, right) for p in _META_FIELDS.values()):
            return [question[: m.start()], question[m.end():]]
    return []


def _name_the_kind(first: str, part: str) -> str:
    """``part`` with a bare "đề án" (or "đề án này") written as the name ``first`` gives it."""
    m = _KIND_NAMED.search(first)
    if m is None:
        return part
    kind = m.group(1).lower()
    pattern = re.compile(_KIND_BARE.format(kind=re.escape(kind)), re.IGNORECASE)
    return pattern.sub(lambda _: m.group(0), part, count=1) if pattern.search(part) else part


# "Có huyện nào …", "kế hoạch nào …": a part asking which of the plans, of all of them.
_WHICH_PLAN_ASKED = re.compile(r"(?<!\w)(ke hoach|kh|huyen|noi|dia phuong) nao(?!\w)")


# Words a part says of any subject ("Kim Động có nêu con số không?", "… ghi rõ không?"): none names one.
_BARE_WORDS = frozenset("neu ghi dat nhac de cap noi con so cu the ro vay sao nao chi tieu muc".split())


def _bare(piece: str, districts: list[str]) -> bool:
    """A part that names a plan and nothing it asks about."""
    place = {w for d in find_names(piece, districts) for w in syllables(d)}
    words = [w for w in syllables(piece) if w not in STOPWORDS and w not in _ASKING_WORDS and w not in place]
    return all(w in _BARE_WORDS for w in words)


def _without_which(piece: str) -> str:
    """"Có huyện nào đặt X không" → "đặt X": what a which-plan part asks about."""
    folded = fold(piece)
    m = _WHICH_PLAN_ASKED.search(folded)
    start = m.end() if m else 0
    end = len(piece)
    if (tail := re.search(r"\s+(khong|ko|chua|hay khong)\W*$", folded)) is not None:
        end = tail.start()
    return piece[start:end].strip(" ,?")


# "… trong kế hoạch thực hiện Nghị quyết 42": the plan every question asks of, named in full. Folded.
_PLAN_NAME = re.compile(r"\s*(?:(?<!\w)(?:trong|theo|cua|o)\s+)?(?:ban\s+)?(?<!\w)(?:ke hoach|kh)(?:\s+(?:thuc hien|trien khai))?"
                        r"\s+(?:nghi quyet|nq)(?:\s+so)?\s*42(?:-nq/tw)?(?!\w)")


def without_plan_name(text: str) -> str:
    """``text`` without the plan's own name ("kế hoạch thực hiện Nghị quyết 42"), which names no topic or section."""
    for m in reversed(list(_PLAN_NAME.finditer(fold(text)))):  # folding keeps one character per character
        text = text[: m.start()] + text[m.end() :]
    return text


def only_number_and_date(text: str) -> bool:
    """"Số, ngày thế nào?", "Có ghi số hiệu, ngày ban hành không (Kim Động)?": a number and a date asked with nothing
    of their own: whose they are is in the question around it."""
    return _BARE_NUMBER_DATE.match(re.sub(r"\s*\([^()]*\)", "", fold(text))) is not None


def question_parts(question: str, districts: list[str]) -> list[str]:
    """The texts of :func:`split_question`'s parts."""
    return [p.text for p in split_question(question, districts)]


def split_question(question: str, districts: list[str]) -> list[QuestionPart]:
    """The separate questions inside one ("cơ quan nào chủ trì …; còn ai phải báo cáo …?"), each standalone.

    Only clause breaks whose every side asks something (a question word) split; a part that names no
    district gets the whole question's districts, so it is asked of the same plan(s). One part: [question].
    """
    whole = [QuestionPart(question)]
    kept = _KEPT_PLACE.search(question)
    if kept and find_names(kept.group(0), districts):
        # "… ? (Kon Rẫy)": the district an asker's introduction named, kept after the question, is no part of its own.
        parts = split_question(question[: kept.start()].rstrip(), districts)
        if len(parts) < 2:
            return whole
        place = kept.group(0).strip()
        return [p if find_names(p.text, districts) else QuestionPart(f"{p.text.rstrip(' ?')} {place}?", p.figure_field)
                for p in parts]
    asked_after = _lead_then_deadline(question)
    if asked_after:
        return [QuestionPart(p) for p in asked_after]
    pair = _two_named_parts(question)
    if pair:
        return [QuestionPart(f"{p.strip(' ,;:?.')}?") for p in pair]
    header = _header_then_content(question)
    if header:
        head, rest = (p.strip(" ,;:?") for p in header)
        named = [] if find_names(rest, districts) else find_names(question, districts)
        said = named if has_diacritics(question) else [fold(n) for n in named]
        return [QuestionPart(f"{head}?"), QuestionPart(f"{rest} ({', '.join(said)})?" if said else f"{rest}?")]
    if has_diacritics(question):
        pieces = [p.strip(" ,;:?") for piece in _PART_BREAK.split(question) for p in _split_after_asking(piece, _AFTER_ASKING)]
    else:
        # Folding keeps one character per character: cut the question where its folded form breaks.
        folded, cuts, pos = fold(question), [], 0
        after = _breaks_after_asking(folded, _AFTER_ASKING_FOLDED)
        breaks = sorted([*_PART_BREAK_FOLDED.finditer(folded), *after], key=lambda m: m.start())
        for m in breaks:
            if m.start() < pos:
                continue
            cuts.append(question[pos : m.start()])
            pos = m.end()
        pieces = [p.strip(" ,;:?") for p in [*cuts, question[pos:]]]
    pieces = _glue_context([p for p in pieces if p])
    if len(pieces) > 1 and _CITED_ASKED.search(fold(pieces[0])):
        # "… dẫn chỉ thị nào, đề án nào? Số, ngày thế nào?": the number and date of the documents asked, not a part.
        pieces = [pieces[0], *(p for p in pieces[1:] if not only_number_and_date(p))]
    elif len(pieces) > 1 and _DOCUMENT_IN_BODY.search(fold(pieces[0])) and _NUMBER_DATE_FIRST.match(fold(pieces[1])):
        # "… có nhắc chương trình nào của Huyện ủy về BHXH không? Số, ngày, thực hiện nghị quyết nào?": the rest is
        # asked of that programme, with it.
        pieces = [f"{pieces[0]}, {pieces[1]}", *pieces[2:]]
    # "…, phòng nào chủ trì?" names nothing of its own: who leads what the part before it names.
    merged: list[str] = []
    fields: list[str] = []  # per merged piece, the figure's field it asks the lead of ("" for none)
    for p in pieces:
        if merged and (field := _field_of_figure(merged[-1], p)):
            # "Tỷ lệ … thấp còi là bao nhiêu, phòng nào phụ trách mảng này?": a figure, then who leads its field.
            merged.append(f"{p} (lĩnh vực {field})")
            fields.append(field)
        elif merged and (not _subject(p) or _SAME_SUBJECT.match(fold(p))):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
            fields.append("")
    pieces = merged
    if len(pieces) < 2:
        pieces = _comma_questions(question)
        fields = [""] * len(pieces)
    if len(pieces) < 2:
        pieces = _and_questions(question)
        fields = [""] * len(pieces)
    if len(pieces) < 2 or not all(_asks(p) for p in pieces):
        return whole
    if any(_EACH_OF_THEM.match(fold(p)) for p in pieces[1:]):
        return whole  # "… hai dòng về chuyển đổi số; mỗi dòng giao ai": "mỗi" counts what the part before names
    if any((LOCATE.search(fold(p)) or LABEL_ASKED.search(fold(p))) and len(syllables(p)) <= 5 for p in pieces[1:]):
        # "… nước sạch ở chỗ nào, thuộc mục lớn nào?", "… có những tiểu mục nào, đánh ký hiệu ra sao?": about the
        # thing before
        return whole
    if any(_POINTS_BACK.search(fold(p)) and not f for p, f in zip(pieces[1:], fields[1:], strict=True)):
        return whole  # "… trả trợ cấp qua tài khoản không? Phòng nào lo vụ này?": one task, asked two ways
    if any(_GOES_ON.match(fold(p)) for p in pieces[1:]):
        return whole  # "Phần nói về X là mục nào, gồm mấy nội dung và ai chủ trì từng nội dung": one section
    named = find_names(question, districts)
    # "Mục 5 … có nói gì về X? Ai chủ trì mục này?": "mục này" is the section the first part names.
    ref = _SECTION_REF.search(fold(question))
    if ref is not None:
        named_ref = question[ref.start() : ref.end()]
        pieces = [pieces[0], *(_THIS_SECTION.sub(named_ref, p) for p in pieces[1:])]
    pieces = [pieces[0], *(_name_the_kind(pieces[0], p) for p in pieces[1:])]
    first_groups = [g.key for g in groups_named(fold(pieces[0]))]
    out: list[QuestionPart] = []
    for k, p in enumerate(pieces):
        if (k and first_groups and not groups_named(fold(p)) and not find_names(p, districts)
                and len([w for w in syllables(p) if w not in STOPWORDS]) <= 3):
            # "… có nói gì về đồng bào DTTS không? có chỉ tiêu nào không": a bare part asks of the same group.
            p = f"{p} cho {', '.join(first_groups)}"
        if k and _DUTY_FIRST.match(fold(p)) and (body := _body_subject(pieces[0])):
            # "Phòng LĐ-TB&XH phải gửi báo cáo cho ai, và tham mưu UBND huyện việc gì?": the same body does both.
            p = f"{body} {_OPENING_JOIN.sub('', p)}"
        if k and _WHO_ASKED_PART.search(fold(p)) and not _SECTION_REF.search(fold(p)) and _only_doing(p):
            # "…, và làm theo hướng dẫn của cơ quan nào?": who does what the first part names ("khâu quán triệt …").
            p = f"{p} ({pieces[0]})"
        elif k and find_names(p, districts) and _bare(p, districts) and _WHICH_PLAN_ASKED.search(fold(pieces[0])):
            # "Có huyện nào đặt X không? Kim Động có nêu con số không?": the plan named is asked about X.
            p = f"{p} ({_without_which(pieces[0])})"
        elif (named and not find_names(p, districts) and district_named(fold(p), {fold(d) for d in districts}, said=p) is None
              and not (k == 0 and _WHICH_PLAN_ASKED.search(fold(p)))):
            # ("Có huyện nào đặt X không? Kim Động có nêu không?": the first part asks of every plan.)
            # (Not to a part naming a district the corpus lacks: "…; còn huyện Đắk Hà thì giao ai?" asks of that one.)
            # In the question's own spelling: a district with marks would make a part typed without them read as
            # marked, and its words would then be matched exactly ("van hoa" ≠ "văn hóa").
            said = named if has_diacritics(question) else [fold(n) for n in named]
            p = f"{p} ({', '.join(said)})"
        out.append(QuestionPart(p + "?", fields[k]))
    return out
