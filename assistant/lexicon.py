"""Everyday Vietnamese and officials' shorthand mapped to the plans' administrative wording.

People ask in household words ("xem tivi, nghe đài", "ông bà lớn tuổi", "nhà nghèo") and shorthand
("BHYT", "KH", "ko") what the plans say in official terms ("phát thanh, truyền hình", "người cao tuổi",
"hộ nghèo", "bảo hiểm y tế", "kế hoạch", "không"). The lexicon describes the domain of social policy
(Nghị quyết 42-NQ/TW), not particular questions; patterns match folded text, so questions typed
without diacritics expand the same way.

Example::

    >>> official_terms(fold("Ông bà lớn tuổi nhà nghèo có được trợ cấp không?"))
    ['người cao tuổi', 'hộ nghèo']
"""

from __future__ import annotations

import re

# (folded everyday pattern, official phrase as the plans write it)
EVERYDAY: tuple[tuple[str, str], ...] = (
    # people
    (r"ong ba gia|ong ba|nguoi gia yeu|nguoi gia|lon tuoi|cu gia|bo me gia", "người cao tuổi"),
    # Children talked about at school age ("tụi nhỏ học hết cấp 2") are the plans' pupils; counted by their age
    # ("mấy đứa nhỏ đủ 6 tuổi vào lớp 1") they are the plans' "trẻ em 6 tuổi".
    (r"(tui nho|bon tre|con nho|cac chau|con cai|dua nho|tre con)(?![^.?]{0,20}\d+ tuoi)"
     r"(?=[^.?]{0,40}(hoc|lop \d|cap (1|2|3|mot|hai|ba)))", "học sinh"),
    (r"tre con|con nit|em be|tre nho|con nho|con cai|tui nho|bon tre|cac chau|dua nho|dua tre", "trẻ em"),
    # Finishing a school level, as parents say it ("học hết lớp 9", "lớp 9 ra trường") and as the plans count it.
    (r"(hoc (het|xong)|xong|het|tot nghiep|ra truong) lop (5|nam)|lop (5|nam) ra truong",
     "hoàn thành chương trình giáo dục tiểu học"),
    (r"(hoc (het|xong)|xong|het|tot nghiep|ra truong) (lop (9|chin)|cap (2|hai))|(lop (9|chin)|cap (2|hai)) ra truong",
     "tốt nghiệp THCS"),
    (r"(hoc (het|xong)|xong|het|tot nghiep|ra truong) (lop (12|muoi hai)|cap (3|ba))|(lop (12|muoi hai)|cap (3|ba)) ra truong",
     "tốt nghiệp THPT"),
    (r"(len|vao|hoc) lop (10|muoi)", "vào học lớp 10"),
    # Kindergarten as families say it; the plans' "giáo dục mầm non" (for "trẻ từ 3 đến 5 tuổi").
    (r"(lop |truong |di |hoc )?(mau giao|nha tre)", "giáo dục mầm non"),
    (r"cap 1|cap mot", "cấp tiểu học"),
    (r"cap 2|cap hai", "cấp trung học cơ sở"),
    (r"cap 3|cap ba", "trung học phổ thông"),
    (r"(?:nguoi )?(?:tan tat|khuyet tat|tat nguyen)|cut (mot )?(chan|tay)|mat (mot )?(chan|tay)|khiem (thi|thinh)"
     r"|(bi )?(mu|diec|cam) bam sinh|bai liet", "người khuyết tật"),
    # Children teased or shunned for a disability at school: what the plans' "giáo dục hòa nhập" is for.
    # ("kỳ thi", an exam, folds like "kỳ thị": only "bị kỳ thị".)
    (r"(?<!\w)(bi )?(ban )?(treu|che gieu|bat nat|xa lanh)(?!\w)|(?<!\w)bi ky thi(?!\w)", "hòa nhập cộng đồng"),
    # Living alone, as people say it: the plans' "cô đơn" ("người cao tuổi cô đơn").
    (r"neo don|song mot minh|khong ai cham soc", "cô đơn"),
    # Small children counted in years as people say it, in months as the plans do.
    (r"(?:chua day|chua du|chua toi|duoi|chua) (?:3|ba) tuoi", "trẻ em dưới 36 tháng tuổi"),
    (r"(?:ngoai|tren|qua) (?:sau muoi|60)(?: tuoi)?", "người cao tuổi"),
    # A relative's age of sixty or more, told in a story ("Mẹ tôi 70 tuổi", "bà nội em năm nay 82 tuổi"): an elderly
    # person, as the plans say (not "tuổi thọ … 70 tuổi", a figure).
    (r"(?<!\w)(?:me|bo|ba|ong|cha|ma|cu|chong|vo)(?: (?:noi|ngoai))?(?: (?:toi|em|minh|chau|tui))?"
     r"(?: (?:nam nay|nay|da|cung|gan|hon))? (?:6\d|[789]\d|1[01]\d) tuoi(?![,.]\d)", "người cao tuổi"),
    (r"trong (?:chau|con|tre|em be)|giu (?:chau|tre)", "chăm sóc trẻ em"),
    (r"nha ngheo|gia dinh ngheo|nguoi ngheo|dan ngheo", "hộ nghèo"),
    # "thuộc diện cận nghèo": in the category, as people say it; "nhận trợ cấp" is the plans' "hưởng trợ cấp".
    (r"thuoc dien(?= (?:ho |nha )?(?:can ngheo|ngheo|chinh sach|bao tro|khuyet tat|nguoi co cong))", "thuộc hộ"),
    (r"(?:duoc )?nhan tro cap", "được hưởng trợ cấp"),
    (r"can ngheo|sat ngheo", "hộ cận nghèo"),
    # Moved out for a project, as people say it: the plans' "di dời, tái định cư".
    (r"doi nha|doi di noi khac|bi giai toa|giai toa mat bang|bi thu hoi dat", "di dời, tái định cư"),
    # ("đóng bảo hiểm" folds to the same letters as "đồng bào": not before "h…".)
    (r"nguoi dan toc|dong bao(?! h)|nguoi thieu so|ba con dan toc", "đồng bào dân tộc thiểu số"),
    (r"ba bau|phu nu co thai|phu nu mang bau|me bau|(dang|co) bau|(dang|co) mang thai|co thai", "phụ nữ mang thai"),
    # A toddler's age in years, as families say it; the plans count the months ("dưới 36 tháng tuổi").
    (r"(?<![\d,.-])(?:1|2|mot|hai) tuoi|(?<![\d,.-])(?:[1-9]|[12]\d|3[0-5]) thang tuoi", "trẻ em dưới 36 tháng tuổi"),
    # ("liệt sĩ" is the plans' own word: "Đài tưởng niệm liệt sĩ", "hài cốt liệt sĩ".)
    (r"gia dinh (liet si|thuong binh|co cong)|than nhan liet si", "gia đình người có công"),
    # ("Lao động - Thương binh và Xã hội" is a body's name.)
    (r"(?<!lao dong - )(?<!lao dong )thuong binh(?! va xa hoi| xa hoi)|gia dinh chinh sach|nguoi co cong", "người có công"),
    (r"nguoi di lam|dan di lam|nguoi lam thue|lao dong tu do", "người lao động"),
    # Children per woman, as people say it ("mức sinh thay thế" is the plans' own phrase, kept).
    (r"muc sinh(?! thay the)|ty le sinh(?! ra)|moi (phu nu|nguoi me|ba me) sinh (may|bao nhieu) con", "tổng tỷ suất sinh"),
    # ("công nhân" is the plans' own word too: "nhất là công nhân", "nhà lưu trú cho công nhân".)
    (r"(dan |anh em |tui )?cong nhan", "công nhân, người lao động"),
    (r"(het|qua|ngoai|sau|du) tuoi (nghi )?huu|(het|qua) tuoi (di )?lam|het tuoi lao dong", "sau độ tuổi nghỉ hưu"),
    # Paying into a pension of one's own will, without an employer: the plans' "bảo hiểm xã hội tự nguyện".
    (r"tu (dong|mua|tham gia) (bao hiem|bhxh)|(ve gia|luc gia|khi gia) (co|duoc|co tien) luong"
     r"|khong co hop dong( lao dong)?(?=[^.?]{0,40}(bao hiem|bhxh|luong))", "bảo hiểm xã hội tự nguyện"),
    (r"nguoi ve huu|nghi huu|ve huu|tuoi huu", "lương hưu"),
    # An employer who does not pay the workers' insurance breaks the law on it, as the plans say.
    (r"(khong chiu|khong|tron|no|cham|quyt) dong (bao hiem|bhxh)", "vi phạm pháp luật về bảo hiểm xã hội"),
    # Leaving school for work: the plans' "sau khi tốt nghiệp" (jobs found for graduates).
    (r"(luc|khi|sau khi) ra truong|ra truong (xong|roi)|hoc xong ra", "sau khi tốt nghiệp"),
    # More money each month, as families say it; the plans "nâng mức" an allowance.
    (r"(?:tang|nang)(?: them)?(?: tien| muc)?(?= (?:tro cap|tro giup|phu cap))", "nâng mức"),
    (r"nguoi di xa|nguoi di cu|dan di cu", "người di cư"),
    (r"vung nui|vung cao|vung xa|vung sau|xa xoi|heo lanh|(xa|lang|ban) xa(?! xoi)", "vùng sâu, vùng xa"),
    (r"chi em phu nu|chi em", "phụ nữ"),
    (r"tung thieu|ngheo kho|nha kho khan", "người nghèo"),
    (r"nha ngheo|gia dinh ngheo", "hộ nghèo"),
    (r"lam an|kiem song|muu sinh|kiem an", "sinh kế, việc làm"),
    # The plans' communes are "các xã, thị trấn"; "cấp xã" is how officials say the level.
    (r"cap xa|xa, phuong|cac xa phuong|cap co so", "các xã, thị trấn"),
    # Kim Động writes "bệnh mãn tính", Lạc Dương "bệnh mạn tính".
    (r"benh (lau nam|kinh nien|man tinh)|huyet ap|tieu duong|dai thao duong|tim mach", "bệnh mãn tính, bệnh mạn tính"),
    (r"(tre|be|chau|con) (cham noi|thu minh|kho giao tiep)|tu ky|tu ki", "trẻ tự kỷ"),
    # Living standard, health and schooling together are what the human development index measures.
    (r"muc song,? suc khoe(,| va) hoc van|suc khoe,? hoc van(,| va) (muc song|thu nhap)|chi so (phat trien )?con nguoi",
     "chỉ số phát triển con người (HDI)"),
    # The elected councils ("bên dân cử") and what they do ("lên lịch kiểm tra" a policy is supervising it).
    (r"(ben|co quan|dai bieu) dan cu", "Hội đồng nhân dân"),
    (r"anh hung liet si|nguoi hy sinh|nguoi da hy sinh", "liệt sĩ"),
    # The mass organisations are tasked as a group (see MASS_ORGANISATION).
    (r"hoi (lien hiep )?phu nu|hoi nong dan|hoi cuu chien binh|doan thanh nien|huyen doan|lien doan lao dong|cong doan",
     "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"),
    # The committees that look after a group ("ban lo cho các cụ", "ban phụ nữ").
    (r"ban (chuyen )?(lo|cham lo|lo cho|cham lo cho|vi|cua) (cac )?(cu|cu gia|nguoi gia|nguoi cao tuoi|ong ba)",
     "Ban Công tác Người cao tuổi"),
    (r"ban (chuyen )?(lo|cham lo|lo cho|vi|cua) (cho )?(chi em )?phu nu", "Ban Vì sự tiến bộ phụ nữ"),
    # Wounded and fallen soldiers' families, as villagers say it.
    (r"con (em )?(cua )?(cac )?(thuong binh|liet si|nguoi co cong)((,| va| hay) (thuong binh|liet si))*", "con của người có công"),
    (r"hy sinh(,| va| hay)? bi thuong|bi thuong(,| va| hay)? hy sinh|thuong binh(,| va)? liet si",
     "thương binh, liệt sĩ"),
    # Population, food, heritage and care, as families say it.
    (r"(mat can bang|lech) (gioi tinh|trai gai)|chuong con trai|(thich|muon) (sinh|de) con trai|chon (gioi tinh|con trai)",
     "tỷ số giới tính khi sinh"),
    (r"(sinh|de) (it|nhieu) con|(sinh|de) (them )?con thu ba|moi (nha|gia dinh|phu nu) (sinh|de) may con", "mức sinh"),
    (r"thuc pham ban|ngo doc( thuc pham)?|do an (sach|ban|an toan)|rau sach|an uong (an toan|sach|ve sinh)", "an toàn thực phẩm"),
    (r"dinh chua|di tich|dinh lang|chua chien", "di sản văn hóa"),
    (r"(khong con|mat|khong co) (ca )?(cha me|bo me|ba me)|(bo me|cha me) (deu )?(mat|qua doi)", "trẻ em mồ côi"),
    (r"benh tam than|bi tam than|tram cam|roi loan tam than", "sức khỏe tâm thần"),
    (r"cuu doi|cuu te|phat gao|ho tro gao", "cứu trợ"),
    (r"luong (thap|it|beo)|thu nhap (it|thap|beo)", "người có thu nhập thấp"),
    (r"nha duong lao|trai duong lao|vien duong lao|trung tam bao tro|mai am", "cơ sở chăm sóc, nuôi dưỡng"),
    (r"tre (em )?(lang thang|co nho|bi bo roi)", "trẻ em có hoàn cảnh đặc biệt"),
    # services and money
    (r"thay thuoc", "bác sĩ"),
    (r"y ta", "điều dưỡng viên"),
    (r"khong (co|kiem duoc|tim duoc) (cong an )?viec( lam)?|mat viec( lam)?|khong co cong an viec lam", "thất nghiệp"),
    (r"biet doc(,)? biet viet|biet chu|mu chu|doc viet", "xóa mù chữ"),
    # Holding a health-insurance card is taking part in health insurance, as the plans count it.
    (r"(co|lam|cap) the (bhyt|bao hiem y te|bao hiem( (de |di )?kham( chua)?( benh)?)?)", "tham gia bảo hiểm y tế"),
    (r"the (kham chua benh|kham benh|bhyt|bao hiem( (de |di )?kham( chua)?( benh)?| suc khoe)?)", "bảo hiểm y tế"),
    # (Working abroad is named by the country people go to.)
    (r"(di )?lam (viec|thue) o (nuoc ngoai|nhat( ban)?|han quoc|dai loan|malaysia|trung dong)"
     r"|sang (nuoc ngoai|nhat( ban)?|han quoc|dai loan) (lam|di lam)( viec| thue)?|xuat khau lao dong|xkld",
     "đi làm việc ở nước ngoài theo hợp đồng"),
    (r"nha gia re", "nhà ở xã hội"),
    # (The workers stay named: the plans' housing sentences name them, "… dành cho công nhân".)
    (r"nha (o )?cho cong nhan", "nhà ở xã hội, nhà lưu trú cho công nhân"),
    (r"bang cap|giay chung nhan|chung chi nghe", "bằng cấp, chứng chỉ"),
    (r"tuong nho|ghi on", "tưởng niệm"),
    (r"to chuc nuoc ngoai|vien tro", "tổ chức quốc tế"),
    (r"bang tin|loa truyen thanh|(he thong )?loa(?! phuong)", "hệ thống thông tin cơ sở"),
    (r"ti ?vi|(?<!\w)tv(?!\w)|truyen hinh|nghe dai|dai phat thanh|radio|loa phuong", "phát thanh, truyền hình"),
    (r"di kham|kham benh|chua benh|di vien|nam vien", "khám bệnh, chữa bệnh"),
    (r"benh vien|giuong benh", "giường bệnh"),
    # "sỹ" and "sĩ" are one word spelled two ways ("bác sỹ", "dược sỹ").
    (r"bac sy(?!\w)", "bác sĩ"),
    (r"duoc sy(?!\w)", "dược sĩ"),
    # Health staffing typed as a ratio: "bs/10k dân" is doctors per 10,000 people.
    (r"(?<![\w&/-])bs(?=\s*/\s*(?:10|1 ?van)|\s+tren\s)", "bác sĩ"),
    (r"(?<![\w.,])10k(?!\w)|(?<!\w)1 van(?= dan)", "10.000"),
    (r"thuoc nam|dong y|thuoc bac|y hoc co truyen", "y dược cổ truyền"),
    (r"(?<!\w)tay y(?!\w)", "y học hiện đại"),
    # The state's immunisation programme is what the plans call "tiêm chủng mở rộng".
    (r"(chich ngua|tiem phong|tiem chung) (theo|cua) chuong trinh( (cua )?nha nuoc)?", "tiêm chủng mở rộng"),
    (r"tiem phong|tiem vac ?xin|chich ngua|chich vac ?xin", "tiêm chủng"),
    (r"suy dinh duong|coi coc|thap coi|nhe can", "suy dinh dưỡng"),
    # (Kim Động writes "hỗ trợ vốn vay", the others "tín dụng chính sách xã hội".)
    (r"vay (it |them |mot it )?(von|tien)|cho vay|vay uu dai", "vốn vay, tín dụng chính sách xã hội"),
    # A household struck by a fire, a flash flood, a sudden accident: what the plans call "khó khăn đột xuất".
    # Homes on eroding hillsides, flooded every rainy season: the plans' "khu vực thường xuyên bị thiên tai, bão lũ".
    # ("mua bảo hiểm" folds like "mưa bão".)
    (r"sat lo|lu lut|lu ve|lu quet|mua bao(?! hiem)|bao lu|ngap lut|ngap ung|thien tai", "thiên tai, bão lũ"),
    (r"bat ngo|dot ngot|chay nha|bi chay|hoa hoan|lu quet|gap nan|hoan nan|tai nan bat ngo", "khó khăn đột xuất"),
    (r"tien mat|chuyen khoan|tai khoan( ngan hang)?|qua the|chuyen tien (vo|vao) (the|tai khoan)", "không dùng tiền mặt"),
    (r"rut (bao hiem|bhxh)|mot cuc|lanh mot lan|(lanh|lay|rut)( luon)?( mot| ca)? cuc( tien)?|cuc tien (bao hiem|bhxh)",
     "bảo hiểm xã hội một lần"),
    # The commune health station, and what health insurance pays for there; the care and the place apart: a plan may pay for "chăm sóc sức khỏe ban đầu tại cơ sở y tế" without
    # naming the commune health station.
    (r"kham (benh )?(thong thuong|lat vat|ban dau)|kham o tram|(?<=tram xa )kham( benh)?", "chăm sóc sức khỏe ban đầu"),
    (r"tram xa|tram y te xa", "trạm y tế"),
    (r"bao hiem (tra|tra tien|chi tra|thanh toan)", "bảo hiểm y tế chi trả"),
    # Officials judged by what the people think of them: the plans' "sự hài lòng và tín nhiệm của Nhân dân".
    (r"(y kien|danh gia|muc do hai long|su hai long|long tin|tin nhiem) (cua )?(nguoi dan|ba con|nhan dan|dan)"
     r"|(nguoi dan|ba con|nhan dan|dan) (cham diem|danh gia|hai long)", "sự hài lòng và tín nhiệm của Nhân dân"),
    (r"cham diem|xep loai", "đánh giá"),
    # A change of how things are done, as people ask it ("có thay đổi cách trả tiền không"): the plans' "đổi mới".
    (r"thay doi", "đổi mới"),
    # Strengthening a committee is what the plans call "kiện toàn".
    (r"cung co|sap xep lai|kien toan lai", "kiện toàn"),
    # How the allowance reaches people ("xếp hàng nhận tiền", "cách trả tiền"): the plans' "chi trả".
    # (Not "nhận tiền trợ cấp" alone: receiving the allowance is the allowance itself.)
    (r"(tra|phat|chi) tien (tro cap|hang thang)|cach (tra|nhan|lanh|chi|phat) tien|xep hang (de )?(nhan|lanh)",
     "chi trả trợ cấp"),
    (r"tien tro cap|tro cap|phu cap", "trợ cấp"),
    (r"(tim viec|viec lam|giao dich viec lam|kiem viec) (online|qua mang|tren mang|truc tuyen)", "giao dịch việc làm trực tuyến"),
    (r"(hoi cho|ngay hoi|phien cho|cho) viec lam", "sàn giao dịch việc làm, phiên giao dịch việc làm"),
    (r"kiem viec|tim viec|xin viec|co viec lam|viec lam", "việc làm"),
    # Steering pupils to a trade after school, as parents say it; the plans' "phân luồng", "định hướng nghề nghiệp".
    (r"(?<!dinh )huong (cho )?(\w+ )?(di )?(hoc nghe|lam nghe|nghe nghiep)|huong nghiep", "phân luồng học sinh, định hướng nghề nghiệp"),
    (r"hoc nghe|day nghe|truong nghe", "đào tạo nghề"),
    # How often, as people ask it; the plans say "định kỳ", "hàng năm".
    (r"bao lau (mot|1) lan|tan suat( nao| the nao| ra sao)?|may lan (mot|1|moi) nam|(mot|1) nam may lan", "định kỳ, hàng năm"),
    # Where the money comes from, as people ask it; the plans' "bố trí ngân sách", "huy động nguồn lực".
    (r"(lay |kiem )?tien (o |tu )?dau( ra)?|lay tien (o |tu )?dau|nguon tien|lay kinh phi (o |tu )?dau",
     "bố trí ngân sách, huy động nguồn lực"),
    (r"di hoc dai hoc|hoc dai hoc|vao dai hoc", "đại học, cao đẳng"),
    (r"di hoc nuoc ngoai|du hoc", "du học sinh"),
    # Going to school, as parents say it of their children; the plans' field of "giáo dục và đào tạo".
    (r"(?<=con )di hoc(?! (dai hoc|nuoc ngoai|dung))|(?<=con cai )di hoc(?! (dai hoc|nuoc ngoai|dung))|(?<=si )di hoc(?! (dai hoc|nuoc ngoai|dung))|viec hoc hanh|hoc hanh"
     # "ưu đãi gì trong học tập": schooling ("học tập, quán triệt nghị quyết" is studying a document).
     r"|(?<=trong )hoc tap(?![ ,]+(quan triet|nghi quyet|tuyen truyen))|(?<=chuyen )hoc tap(?![ ,]+(quan triet|nghi quyet))",
     "giáo dục và đào tạo"),
    (r"nha ve sinh|cau tieu|ho xi|nha xi", "nhà tiêu hợp vệ sinh, công trình vệ sinh"),
    (r"nha dan|ho dan|nha nao cung|moi nha|(?:(?<=phan tram )|(?<=bao nhieu )|(?<=ty le )|(?<=so )|(?<=may ))nha(?= (?:co|duoc|dung|su dung)(?!\w))", "hộ gia đình"),
    (r"nuoc may|nuoc uong|nuoc sinh hoat", "nước sạch"),
    # Drains and sewage as villagers say it; the plans' "thu gom nước thải sinh hoạt" of "điểm dân cư".
    (r"nuoc cong|nuoc thai (cua )?(nha|dan|ho)|nuoc ban", "nước thải sinh hoạt"),
    (r"(duong )?ong (thu )?gom nuoc( cong| thai)?|he thong cong|cong thoat nuoc", "hệ thống thu gom nước thải"),
    # Hamlets counted as places to serve ("cho các xóm", "mấy xóm"); "trong xóm" only says where one lives.
    (r"(?:cac|nhung|may) xom(?! lang)|thon xom", "điểm dân cư"),
    # A worker's papers as people name them; the plans count "lao động qua đào tạo có bằng cấp, chứng chỉ".
    (r"(giay )?chung nhan (tay )?nghe|bang (tay )?nghe|chung chi (tay )?nghe|(co|lay) bang cap|(co|lay) chung chi",
     "lao động qua đào tạo có bằng cấp, chứng chỉ"),
    # The countryside and the town as people name them ("bà con dưới quê", "trên phố"); the plans' scopes.
    # ("ở quê" is one's home town, rural or not.)
    (r"(duoi|vung|mien|lang) que|nha que|vung nong thon", "nông thôn"),
    (r"(tren|ngoai|o) (pho|thi xa|thanh pho)|dan pho|pho thi", "thành thị"),
    (r"(?<!\w)xai(?= (nuoc|dien|dich vu|the|bao hiem))", "sử dụng"),
    # "học xong tiểu học": the plans' "hoàn thành chương trình tiểu học".
    (r"(?<!\w)hoc (xong|het)(?= (tieu hoc|trung hoc|thcs|thpt|pho thong))", "hoàn thành chương trình"),
    # "1 vạn dân": ten thousand people, as the plans count doctors and beds ("trên 10.000 dân").
    (r"(?<!\w)(1 |mot )?van (dan|nguoi)(?!\w)", "10.000 dân"),
    # "bớt (đi) bao nhiêu hộ nghèo": cut by, the plans' "giảm".
    (r"(?<!\w)bot( di| duoc)?(?= (bao nhieu|may|\d))|(?<=moi nam )bot(?!\w)", "giảm"),
    (r"rac|o nhiem", "vệ sinh môi trường"),
    # Floor area per person, which the plans give in "m² sàn/người".
    # ("thước" is a square metre in Southern speech: "ở rộng cỡ bao nhiêu thước".)
    (r"(bao nhieu )?(met vuong|m2|m vuong)( nha( o)?| san)?( (moi|mot|tren|cho moi) nguoi)?|(o|nha) rong bao nhieu"
     r"|(o )?rong (co |khoang )?(bao nhieu|may) thuoc",
     "diện tích nhà ở bình quân m² sàn/người"),
    # A makeshift or leaking house, as people say it.
    (r"nha (la|tranh|lup xup|dot)|cat tam|(bi|la|hay) dot|dot nat|mai (nha )?(bi )?dot|dot (moi )?khi mua|tuong (nha )?(bi )?nut"
     r"|nha (cua )?(xuong cap|hu hong|hu nat|cu nat|sap|sap sap|rach nat|xap xe|op ep|toi tan)", "nhà tạm, nhà dột nát"),
    (r"(sua sang|sua chua|sua|lam lai|xay lai|nang cap) nha( cua)?", "cải thiện nhà ở"),
    (r"nha o|cho o|can ho|xay nha", "nhà ở"),
    (r"nha tinh nghia|nha dai doan ket", "nhà ở xã hội"),
    # A business whose purpose is the community's good is what the plans call a social enterprise.
    (r"(cong ty|doanh nghiep|co so)( \w+){0,4} (muc dich|de|vi|nham) (chinh )?(la )?(giup|vi|phuc vu) (cong dong|xa hoi|nguoi kho)",
     "doanh nghiệp xã hội"),
    (r"cong ty|doanh nghiep|hang xuong|nha may", "doanh nghiệp"),
    (r"quyen gop|ung ho|tu thien|dong gop", "huy động nguồn lực"),
    (r"keu goi|ru nhau|van dong (nguoi )?dan", "huy động, vận động"),
    (r"giup do|giup cho|do dau", "hỗ trợ"),
    (r"(?<!dong )gop (tien |von )?vao quy", "đóng góp vào Quỹ"),
    (r"tien ngan sach|ngan sach|kinh phi nha nuoc", "ngân sách nhà nước"),
    # Memorials and graves are "tu bổ, tôn tạo"; the money for it is "nguồn vốn".
    (r"(sua sang|sua chua|sua|lam lai|xay lai|nang cap|chinh trang) (lai )?(dai|nghia trang|mo|nha bia|tuong dai)", "tu bổ, tôn tạo"),
    (r"tien (lay|o) (o )?dau|lay tien (o )?dau|tien dau ra|nguon tien", "nguồn vốn"),
    # Money for a task asked by its source: the plans write "nguồn vốn", "ngân sách" as often as "kinh phí".
    (r"nguon kinh phi|kinh phi(?= .{0,80}(nguon nao|tu dau|o dau|tu nguon))", "nguồn kinh phí, nguồn vốn, ngân sách"),
    # The works honouring fallen soldiers ("công trình ghi công"), each plan naming its own: memorials ("Đài tưởng
    # niệm", "nhà bia") are such works. (A cemetery is not a memorial: "nghĩa trang" alone stays as typed.)
    (r"cong trinh ghi cong( liet si)?", "công trình ghi công liệt sĩ, đài tưởng niệm liệt sĩ"),
    (r"(nguon )?tien (giup do|ung ho|tai tro)|nguon giup do", "nguồn tài trợ"),
    (r"chuong trinh (lon )?(cua ca nuoc|cua nha nuoc|quoc gia|toan quoc)", "Chương trình mục tiêu quốc gia"),
    # Employers who keep back or skip their workers' insurance contributions.
    (r"an chan|an bot|khong dong bao hiem|tron (dong )?bao hiem|quyt (tien )?bao hiem|no (tien )?bao hiem",
     "vi phạm pháp luật về bảo hiểm xã hội, xử lý nghiêm"),
    (r"mang internet|dien thoai thong minh|so hoa|ung dung so", "chuyển đổi số"),
    (r"internet|len mang|mang xa hoi|facebook|zalo|wi-?fi|mang (3g|4g|5g)", "mạng xã hội, internet, môi trường mạng"),
    # One number per person to follow their benefits: the social-security number.
    (r"(day|ma) so rieng|so dinh danh|ma dinh danh|ma so (rieng|ca nhan)", "mã số an sinh xã hội"),
    (r"(dung|xay|mo) (them )?(truong lop|truong|lop)|truong lop", "xây dựng trường học"),
    (r"song lau|tuoi tho", "tuổi thọ trung bình"),
    (r"kiem tra suc khoe|kham suc khoe", "khám sức khỏe định kỳ"),
    (r"ho so suc khoe|so suc khoe", "hồ sơ sức khỏe điện tử"),
    (r"bac si gia dinh|y te gia dinh", "y học gia đình"),
    # A doctor of one's own, who knows the family: the plans' family-doctor model.
    (r"bac si (rieng|quen|ruot)( cho (tung|moi|ca) (gia dinh|nha|ho))?|bac si (cho|theo doi) (tung|moi|ca) (gia dinh|nha|ho)",
     "mô hình bác sĩ gia đình"),
    (r"mau giao|nha tre|mam non", "giáo dục mầm non"),
    (r"tai nan|thien tai|bao lu|lu lut|han han", "thiên tai"),
    # Living as well as the neighbours: the plans' "mức sống … so với mức sống của cộng đồng dân cư nơi cư trú".
    (r"(?:song )?(?:khong )?(?:thua kem|thua|bang|nhu) (?:ba con|hang xom|moi nguoi|nguoi ta)(?: xung quanh| trong xom)?",
     "mức sống của cộng đồng dân cư"),
    # Proposing changes to the rules, as people say it.
    (r"kien nghi|de nghi sua", "đề xuất"),
    (r"van ban phap quy|phap quy", "văn bản quy phạm pháp luật"),
    # Who "holds the reins" of a task is who leads it.
    (r"cam trich|cam dau|nam chinh|lo chinh|dung ra lo", "chủ trì"),
    # ("làm thuê có thời hạn" is fixed-term work, not a deadline.)
    (r"han chot|(?<!co )thoi han|deadline|cham nhat la", "hoàn thành trước ngày"),
    # What a district "promises" its people is what its plan undertakes to ensure ("Bảo đảm 100% …").
    (r"cam ket|hua hen|(?<=co )hua|(?<=huyen )hua", "bảo đảm"),
)

ABBREVIATIONS: dict[str, str] = {
    "bhyt": "bảo hiểm y tế", "bhxh": "bảo hiểm xã hội", "bhtn": "bảo hiểm thất nghiệp", "bh": "bảo hiểm",
    "thcs": "trung học cơ sở", "thpt": "trung học phổ thông", "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân", "mttq": "mặt trận tổ quốc", "kh": "kế hoạch", "nq": "nghị quyết",
    "ko": "không", "k": "không", "hs": "học sinh", "ctxh": "chính trị - xã hội", "dtts": "dân tộc thiểu số",
    "ldtbxh": "lao động - thương binh và xã hội", "ttyt": "trung tâm y tế", "nhcsxh": "ngân hàng chính sách xã hội", "tb&xh": "thương binh và xã hội", "gd": "giáo dục",
    "gd&dt": "giáo dục và đào tạo", "bc": "báo cáo", "ctri": "chủ trì", "xh": "xã hội", "ttdt": "thông tin điện tử", "yte": "y tế", "vsmt": "vệ sinh môi trường", "ns": "nước sạch",
    # Chat shorthand ("số vs ngày", "dc ko", "j", "ntn", "bn %").
    "vs": "và", "dc": "được", "đc": "được", "j": "gì", "ntn": "như thế nào", "bn": "bao nhiêu",
}
# English words officials drop into Vietnamese office talk ("bên nào lead", "trong plan Lạc Dương").
LOANWORDS: dict[str, str] = {
    "plan": "kế hoạch", "lead": "chủ trì", "target": "chỉ tiêu", "kpi": "chỉ tiêu", "report": "báo cáo",
    "focal point": "đầu mối", "budget": "kinh phí",
}
ABBREVIATIONS.update(LOANWORDS)

# Things a question may name that share words with a different thing the plans count, so that matching
# one to the other would answer with the wrong figure: (what is asked, folded pattern of it, folded pattern of
# the other thing). "Rác thải" / "chất thải rắn" is household refuse; "nước thải" is wastewater.
CONFUSABLE_THINGS: tuple[tuple[str, str, str], ...] = (
    ("rác thải, chất thải rắn", r"rac thai|(?<!nuoc )(?<!\w)rac(?!\w)|chat thai( ran)?", r"nuoc thai"),
    ("suy dinh dưỡng thể nhẹ cân", r"nhe can|thieu can", r"thap coi"),
)


# The mass organisations: the plans assign them work as a group ("Mặt trận Tổ quốc và các tổ chức chính trị - xã
# hội", "các đoàn thể"), rarely by name. Folded.
MASS_ORGANISATION = re.compile(
    r"(?<!\w)(hoi (lien hiep )?phu nu|hoi nong dan|hoi cuu chien binh|(doan thanh nien|huyen doan|doan tncs)( cong san)?"
    r"( ho chi minh)?|lien doan lao dong|cong doan)(?!\w)"
)
MASS_GROUP = ("to chuc chinh tri - xa hoi", "doan the")

# Short names of district offices as officials type them, folded, to the plans' full names (folded).
BODY_SHORT_NAMES: tuple[tuple[str, str], ...] = (
    # "pgd&dt", "P.LĐTBXH", "p tnmt": an office ("phòng") named by its initials, the "p" joined to them.
    (r"p\.?\s*gd\s*(?:&|-|va)?\s*dt|pgd", "phong giao duc va dao tao"),
    (r"p\.?\s*ld\s*-?\s*tb\s*(?:&|va)?\s*xh|pldtbxh", "phong lao dong - thuong binh va xa hoi"),
    (r"p\.?\s*tn\s*(?:&|-|va)?\s*mt", "phong tai nguyen va moi truong"),
    (r"p\.?\s*vh\s*(?:&|-)?\s*tt", "phong van hoa - thong tin"),
    (r"p\.?\s*kt\s*(?:&|-)?\s*ht", "phong kinh te - ha tang"),
    (r"ld\s*-?\s*(?:tb\s*(?:&|va)?\s*xh|thuong binh va xa hoi)", "lao dong - thuong binh va xa hoi"),
    (r"tb\s*&\s*xh", "thuong binh va xa hoi"),
    (r"gd\s*(?:&|-|va)?\s*dt|giao duc\s*-\s*dao tao", "giao duc va dao tao"),
    (r"tn\s*(?:&|-|va)?\s*mt", "tai nguyen va moi truong"),
    (r"vh\s*(?:&|-)?\s*tt", "van hoa - thong tin"),
    (r"kt\s*(?:&|-)?\s*ht", "kinh te - ha tang"),
    (r"bch(?= quan su)", "ban chi huy"),  # "BCH Quân sự huyện": the Ban Chỉ huy Quân sự
    # "Mặt trận" alone is the Fatherland Front.
    (r"mat tran(?! to\b)", "mat tran to quoc"),  # (not "Mặt trận Tổ …" cut short by a name pattern)
    # "Thường trực HU", "BTV TU": the district's and the province's Party committees (alone, "hu"/"tu" are other words).
    (r"(?<=thuong truc )hu|(?<=thuong vu )hu|(?<=btv )hu|(?<=tuyen giao )hu|(?<=dan van )hu|(?<=to chuc )hu"
     r"|(?<=kiem tra )hu|(?<=van phong )hu", "huyen uy"),
    (r"(?<=thuong truc )tu|(?<=thuong vu )tu|(?<=btv )tu", "tinh uy"),
)
_BODY_SHORT_RE = [(re.compile(r"(?<![\w&])(?:" + pat + r")(?![\w&])"), full) for pat, full in BODY_SHORT_NAMES]

_EVERYDAY_RE = [(re.compile(r"(?<!\w)(?:" + pat + r")(?!\w)"), official) for pat, official in EVERYDAY]
# Asking for the plan's own words ("trích đúng", "nguyên văn", "ghi chính xác từng chữ"): how to answer, not what
# about; dropped so the words do not dilute the match (an answer quotes its sentence anyway). Folded.
_QUOTING_RE = re.compile(r"(?<!\w)(?:nguyen van(?: cau)?|trich (?:dung|nguyen|lai|ra|dan)"
                         r"|(?:dung|chinh xac) (?:tung chu|tung cau|cau chu)|cau chu)(?!\w)")
# Not inside a document number ("149-KH/HU", "39/KH-UBND"): that "KH" is part of a name.
_ABBREV_RE = re.compile(r"(?<![\w&/-])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w&/-])")


def _in_a_name(text: str, start: int) -> bool:
    """Whether a phrase found at ``start`` opens on a capitalised word inside a sentence: a name's second word
    ("Kim Động báo cáo" holds no "đồng bào")."""
    if not text[start : start + 1].isupper() or start == 0:
        return False
    # (the word before is a capitalised word too: a name goes on; "với Hội Nông dân" opens a body's name, read)
    before = text[:start].rstrip().split()
    return bool(before) and before[-1][:1].isupper() and before[-1][-1:].isalpha()


def rewrite(text: str) -> str:
    """The question in the plans' wording: each everyday phrase or abbreviation replaced by its official
    phrase ("Ông bà lớn tuổi nhà nghèo" → "người cao tuổi hộ nghèo"), so words the plans never use
    do not dilute the match. Folding keeps one character per NFC character, so spans carry over."""
    from assistant.text import fold, nfc

    text = nfc(text)
    folded = fold(text)
    spans: list[tuple[int, int, str]] = []
    for pattern, official in _EVERYDAY_RE:
        # A question already in the plans' wording keeps its own words: in "suy dinh dưỡng thể thấp còi"
        # "thấp còi" is the plan's term too, not a folk name to replace.
        said = fold(official) in folded
        spans += [(m.start(), m.end(), official) for m in pattern.finditer(folded)
                  if (not said or m.group(0) == fold(official)) and not _in_a_name(text, m.start())]
    spans += [(m.start(), m.end(), ABBREVIATIONS[m.group(1)]) for m in _ABBREV_RE.finditer(folded)]
    spans += [(m.start(), m.end(), "") for m in _QUOTING_RE.finditer(folded)]
    out, pos = [], 0
    for start, end, official in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue  # overlapping matches: the leftmost wins, the longest of those starting there
        out += [text[pos:start], official]
        pos = end
    out.append(text[pos:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip() if any(not o for _, _, o in spans) else "".join(out)


def official_terms(folded: str) -> list[str]:
    """Official phrases for the everyday words and abbreviations in a folded question (in order, unique)."""
    found = [official for pattern, official in _EVERYDAY_RE if pattern.search(folded)]
    found += [ABBREVIATIONS[m.group(1)] for m in _ABBREV_RE.finditer(folded)]
    return list(dict.fromkeys(found))


def everyday_phrases(folded: str) -> list[str]:
    """The everyday phrases of a folded question that the lexicon would replace ("nguoi di lam")."""
    return [m.group(0) for pattern, _ in _EVERYDAY_RE for m in pattern.finditer(folded)]


def everyday_spans(folded: str) -> list[tuple[int, int]]:
    """Where a folded question says an everyday phrase or abbreviation the lexicon reads."""
    spans = [(m.start(), m.end()) for pattern, _ in _EVERYDAY_RE for m in pattern.finditer(folded)]
    return spans + [(m.start(), m.end()) for m in _ABBREV_RE.finditer(folded)]


def everyday_pairs(folded: str) -> list[tuple[str, str]]:
    """(everyday phrase, official phrase) for each everyday phrase of a folded question."""
    return [(m.group(0), official) for pattern, official in _EVERYDAY_RE for m in pattern.finditer(folded)]


def expand_abbreviations(folded: str) -> str:
    """Folded text with the abbreviations officials type spelled out ("bhyt" → "bao hiem y te")."""
    from assistant.text import fold

    return _ABBREV_RE.sub(lambda m: fold(ABBREVIATIONS[m.group(1)]), folded)


def expand_body_names(folded: str) -> str:
    """Folded text with offices' short names spelled as the plans write them ("phong ld-tb&xh" →
    "phong lao dong - thuong binh va xa hoi"), so a body typed either way is the same body."""
    for pattern, full in _BODY_SHORT_RE:
        folded = pattern.sub(full, folded)
    # "ban tuyên giáo bên huyện ủy": the Party committee's own board, however it is joined to it.
    folded = _OF_PARTY_COMMITTEE.sub(r"\1 huyen uy", folded)
    # "bên quân sự huyện": the district's military command.
    return _MILITARY.sub("ban chi huy quan su huyen", folded)


_OF_PARTY_COMMITTEE = re.compile(r"(?<!\w)(ban tuyen giao|ban dan van|ban to chuc|uy ban kiem tra|van phong) (?:ben|cua|thuoc|o) huyen uy")
_MILITARY = re.compile(r"(?<!chi huy )(?<!\w)(?:(?:ben|phia|co quan|don vi) )?quan su huyen(?!\w)")
