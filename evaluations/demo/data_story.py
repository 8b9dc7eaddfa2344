"""The programme after 2018, year by year, as data: plans, rounds, scores and decisions to 2026.

What the sources report is kept (ocop.md §7.2, §9): the 2019 plan's six target lines and a round
that reaches part of them (two new 3★ products certified to 10/01/2023); Miến dong Tài Hoan 5★ at
the central council of the 2020 cycle with 91.14 points (MARD decision 2890/QĐ-BNN-VPĐP of
30/6/2021) and kept at its 2024 re-evaluation; 39 new products in 2021 and the re-evaluation of the
2018 certificates at their 36 months; Bạch Thông's ten new products and the 4★ teas and liqueurs
of 2022; district councils recognising 3★ under 148/QĐ-TTg from 2023; the three Vicumax products
5★ in 2024; the 1/7/2025 merger into Thái Nguyên; a 2026 round on the 26/2026 sheets still open.
Everything else (scores, most decision numbers and dates, the invented products) is realistic
but invented; only 2890/QĐ-BNN-VPĐP is a real decision number.

A round lists entries ``(product, evaluation type, score at each level climbed)``: a 148-era
product scoring 74 at its district council is forwarded to the province, which scores it again.
Scores are the council averages the builder aims the members' sheets at; the evaluation service
computes the star. Products whose per-criterion sheet is still a draft in the loaded criteria
(148-2023 sets 7, 11, 12, 13, 17, 18, 26; see ``manage.py load_criteria``) cannot be scored after
2022: their recognitions are recorded from the decisions (``RECORDS``), as an import would.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from evaluations.demo.data_2018 import COOPERATIVE, ENTERPRISE, GROUP, HOUSEHOLD, Producer

FIRST, UPGRADE, RE = "first", "upgrade", "re_evaluation"


class NewProduct(NamedTuple):
    producer: str
    name: str
    product_set: int
    created_on: date


class Entry(NamedTuple):
    product: str
    kind: str
    scores: tuple[Decimal, ...]


def E(product: str, kind: str, *scores: str) -> Entry:  # noqa: N802 - a row constructor for the tables
    return Entry(product, kind, tuple(Decimal(score) for score in scores))


class Decision(NamedTuple):
    number: str  # a district decision's number gets the district's sequence (see story.decision_number)
    decided_on: date
    issued_on: date


class Round(NamedTuple):
    year: int
    number: int
    era: str  # Council.Era
    levels: tuple[str, ...]  # council levels a dossier climbs, lowest first
    filed_on: date
    accepted_on: date
    held_on: dict  # level → meeting day
    decisions: dict  # level → Decision
    entries: tuple[Entry, ...]
    sheet_version: str = ""  # force a criteria version (dossiers filed before 26/2026 keep 148's sheets)


class Record(NamedTuple):
    """A recognition known from its decision only (no per-criterion sheet available as data)."""

    product: str
    star: int
    authority: str
    decision: Decision


class Support(NamedTuple):
    producer: str
    year: int
    kind: str
    description: str
    happened_on: date


# --- Producers and products that appear after the 2018 survey ---------------------------------

PRODUCERS = [
    Producer("cao_son", "HTX Cao Sơn", COOPERATIVE, "02002", "Hoàng Văn Quân", "male", "Tày"),
    Producer("be_hang", "Hộ kinh doanh Bế Thị Hằng", HOUSEHOLD, "01969", "Bế Thị Hằng", "female", "Tày"),
    Producer(
        "quynh_mai",
        "Hộ kinh doanh Quỳnh Mai homestay",
        HOUSEHOLD,
        "01909",
        source="doanhnghiepkinhtexanh.vn; nhandan.vn",
    ),
    Producer(
        "dong_hoan",
        "Hộ kinh doanh Đổng Văn Hoán (Ba Bể Green Homestay)",
        HOUSEHOLD,
        "01909",
        "Đổng Văn Hoán",
        "male",
        source="doanhnghiepkinhtexanh.vn; nhandan.vn",
    ),
    Producer("phu_thong", "HTX Nông nghiệp Phủ Thông", COOPERATIVE, "01969", "Hà Văn Kiên", "male", "Tày"),
    Producer("hoang_diu", "Hộ kinh doanh Hoàng Thị Dịu", HOUSEHOLD, "01978", "Hoàng Thị Dịu", "female", "Tày"),
    Producer("ma_nguyen", "Hộ kinh doanh Ma Văn Nguyên", HOUSEHOLD, "02008", "Ma Văn Nguyên", "male", "Tày"),
    Producer(
        "asuka",
        "Công ty TNHH MTV Asuka Việt Nam",
        ENTERPRISE,
        "01855",
        enterprise_kind="llc",
        source="doanhnghiepkinhtexanh.vn",
        note="Địa chỉ chưa xác nhận.",
    ),
    Producer(
        "ngoc_thang",
        "Công ty TNHH Chế biến nông sản và dược liệu Ngọc Thắng",
        ENTERPRISE,
        "01846",
        enterprise_kind="llc",
        source="doanhnghiepkinhtexanh.vn",
        note="Địa chỉ chưa xác nhận.",
    ),
    # Founded after the 1/7/2025 reform: their communes are those of the new Thái Nguyên.
    Producer(
        "na_ri_xanh", "HTX Nông nghiệp Na Rì Xanh", COOPERATIVE, "02155", "Lương Thị Hoa", "female", "Tày", era="new"
    ),
    Producer(
        "chan_nuoi_cho_moi", "HTX Chăn nuôi Chợ Mới", COOPERATIVE, "02086", "Hoàng Văn Tân", "male", "Tày", era="new"
    ),
    Producer(
        "duoc_lieu_phu_thong",
        "HTX Dược liệu Phủ Thông",
        COOPERATIVE,
        "01969",
        "Lý Thị Thơm",
        "female",
        "Dao",
        era="new",
    ),
    Producer(
        "ba_be_xanh",
        "Công ty TNHH Thực phẩm Ba Bể Xanh",
        ENTERPRISE,
        "01906",
        "Nông Văn Đạt",
        "male",
        "Tày",
        enterprise_kind="llc",
        era="new",
    ),
    Producer("ong_cho_don", "Tổ hợp tác nuôi ong Chợ Đồn", GROUP, "02020", "Ma Văn Lực", "male", "Tày", era="new"),
    Producer("yen_binh", "HTX Nông nghiệp Yên Bình", COOPERATIVE, "02116", "Nông Thị Thắm", "female", "Tày", era="new"),
]

PRODUCTS = [
    # 2019: developed after the survey (the plan's "30 new products")
    NewProduct("tan_thanh", "Tinh bột nghệ nếp đen Bắc Kạn", 20, date(2019, 3, 12)),
    NewProduct("la_tuan", "Mộc nhĩ Vi Hương", 4, date(2019, 4, 2)),
    NewProduct("cao_son", "Gà đen Cao Sơn", 2, date(2019, 4, 20)),
    NewProduct("quynh_nien", "Bánh chưng gấc Nà Phặc", 6, date(2019, 5, 8)),
    NewProduct("lam_binh", "Thịt bò khô Yến Lạc", 8, date(2019, 6, 14)),
    NewProduct("con_minh", "Bột sắn dây Côn Minh", 7, date(2019, 7, 1)),
    NewProduct("ha_diep", "Trà hoa vàng Bắc Kạn", 12, date(2019, 9, 16)),
    NewProduct("ha_diep", "Trà hoa vàng túi lọc Hà Diệp", 12, date(2019, 9, 16)),
    # 2021
    NewProduct("huyen_tung", "Khau nhục Huyền Tụng", 8, date(2021, 3, 3)),
    NewProduct("quynh_mai", "Quỳnh Mai homestay", 26, date(2021, 3, 15)),
    NewProduct("dong_hoan", "Ba Bể Green Homestay", 26, date(2021, 3, 15)),
    NewProduct("be_hang", "Bánh khảo Phủ Thông", 6, date(2021, 4, 6)),
    # pre-scored 3★ at the city's 2021 round (backancity.gov.vn), recognised by the province in 2022
    NewProduct("curcumin_bac_ha", "Vicumax Limited Nano Curcumin", 18, date(2021, 5, 10)),
    NewProduct("curcumin_bac_ha", "Vicumax Mật ong Nano Curcumin", 18, date(2021, 5, 10)),
    # 2022
    NewProduct("quan_ha", "Mật ong Quân Hà", 4, date(2022, 2, 21)),
    NewProduct("phu_thong", "Miến dong Phủ Thông", 6, date(2022, 2, 28)),
    NewProduct("hoang_diu", "Bánh trứng kiến Sĩ Bình", 6, date(2022, 3, 4)),
    NewProduct("huong_ngan", "Tinh dầu gừng Hương Ngàn", 20, date(2022, 3, 9)),
    NewProduct("loc_son", "Chè xanh Đôn Phong", 11, date(2022, 3, 14)),
    NewProduct("quang_thuan", "Cam Quang Thuận", 1, date(2022, 3, 18)),
    NewProduct("vu_muon", "Gạo nếp Vũ Muộn", 3, date(2022, 3, 22)),
    NewProduct("ma_nguyen", "Thịt lợn muối chua Cẩm Giàng", 8, date(2022, 3, 25)),
    NewProduct("dai_ha", "Măng khô Quang Thuận", 7, date(2022, 3, 29)),
    NewProduct("asuka", "Rượu mơ Asuka", 15, date(2022, 4, 4)),
    NewProduct("asuka", "Rượu mơ Dakimo", 15, date(2022, 4, 4)),
    NewProduct("ngoc_thang", "Trà Shan tuyết Ngọc Thắng", 11, date(2022, 4, 11)),
    NewProduct("curcumin_bac_ha", "Trà thảo dược giảo cổ lam núi đá", 12, date(2022, 4, 18)),
    # 2023
    NewProduct("huyen_tung", "Bánh chưng đen Huyền Tụng", 6, date(2023, 3, 6)),
    NewProduct("tam_cuong", "Thịt lợn hun khói Tám Cương", 8, date(2023, 3, 6)),
    NewProduct("ban_chan", "Lạp sườn lợn đen Bộc Bố", 8, date(2023, 3, 13)),
    NewProduct("hoang_thang", "Cá nướng Pác Ngòi", 8, date(2023, 3, 20)),
    NewProduct("nong_khai", "Bún khô Thượng Ân", 6, date(2023, 3, 27)),
    NewProduct("quynh_nien", "Lạp sườn Nà Phặc", 8, date(2023, 3, 27)),
    NewProduct("cao_son", "Gạo Bao Thai Cao Sơn", 3, date(2023, 4, 3)),
    NewProduct("bang_phuc_ruou", "Rượu men lá Bằng Phúc hạ thổ", 14, date(2023, 4, 10)),
    NewProduct("htx_20_10", "Bún gạo Nông Hạ", 6, date(2023, 4, 10)),
    NewProduct("thanh_dat", "Mật ong rừng Nông Hạ", 4, date(2023, 4, 17)),
    # 2024
    NewProduct("nong_khai", "Bánh khảo Thượng Ân", 6, date(2024, 3, 4)),
    NewProduct("ban_chan", "Gà đen Bộc Bố", 2, date(2024, 3, 4)),
    NewProduct("ma_huong", "Chè lam Bằng Lũng", 6, date(2024, 3, 11)),
    NewProduct("ha_hieu", "Rượu mận Hà Hiệu", 15, date(2024, 3, 11)),
    NewProduct("van_vu", "Mật ong Văn Vũ", 4, date(2024, 3, 18)),
    NewProduct("mai_lap", "Bún khô Mai Lạp", 6, date(2024, 3, 18)),
    # 2025 (first half, before the reform)
    NewProduct("lam_binh", "Thịt lợn gác bếp Yến Lạc", 8, date(2025, 2, 17)),
    NewProduct("nguyen_hung", "Gạo nếp Thanh Mai", 3, date(2025, 2, 17)),
    NewProduct("nong_toan", "Nem chua Xuất Hóa", 8, date(2025, 2, 24)),
    NewProduct("dam_hiep", "Rượu ngô Ba Bể", 14, date(2025, 2, 24)),
    # 2025 (second half) and 2026: new producers on the new communes
    NewProduct("na_ri_xanh", "Miến dong Na Rì Xanh", 6, date(2025, 7, 7)),
    NewProduct("chan_nuoi_cho_moi", "Gà thả vườn Chợ Mới", 2, date(2025, 7, 14)),
    NewProduct("duoc_lieu_phu_thong", "Tinh dầu hồi Phủ Thông", 20, date(2025, 7, 21)),
    NewProduct("ba_be_xanh", "Cá chua Ba Bể", 8, date(2025, 7, 28)),
    NewProduct("na_ri_xanh", "Thịt trâu gác bếp Na Rì", 8, date(2026, 1, 12)),
    NewProduct("ong_cho_don", "Mật ong Chợ Đồn", 4, date(2026, 1, 19)),
    NewProduct("yen_binh", "Gạo nếp Yên Bình", 3, date(2026, 2, 2)),
    NewProduct("bao_chau", "Trà giảo cổ lam Văn Lang", 12, date(2026, 6, 8)),
]

# The producer renamed in 2021 (ocop.md §9: "later CT CP Curcumin Bắc Hà").
RENAMES = [("curcumin_bac_ha", "Công ty Cổ phần Curcumin Bắc Hà", "jsc", date(2021, 9, 20))]

# --- Authorities (name, level, unit (era, code) or None, valid from, valid to) ---------------------

UBND_BAC_KAN = "UBND tỉnh Bắc Kạn"
UBND_THAI_NGUYEN = "UBND tỉnh Thái Nguyên"
MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MAE = "Bộ Nông nghiệp và Môi trường"
REFORM = date(2025, 7, 1)
OLD_UNITS_END = date(2025, 6, 30)

AUTHORITIES = [
    (UBND_BAC_KAN, "province", ("old", "06"), None, OLD_UNITS_END),
    (UBND_THAI_NGUYEN, "province", ("new", "19"), None, None),
    (MARD, "central", None, None, date(2025, 2, 28)),
    (MAE, "central", None, date(2025, 3, 1), None),
]
# District People's Committees (they recognised 3★ under 148/QĐ-TTg until the reform).
DISTRICT_AUTHORITY_NAMES = {
    "058": "UBND thành phố Bắc Kạn",
    "060": "UBND huyện Pác Nặm",
    "061": "UBND huyện Ba Bể",
    "062": "UBND huyện Ngân Sơn",
    "063": "UBND huyện Bạch Thông",
    "064": "UBND huyện Chợ Đồn",
    "065": "UBND huyện Chợ Mới",
    "066": "UBND huyện Na Rì",
}

# --- The 2018 recognition ---------------------------------------------------------------------

DECISION_2018 = Decision("2346/QĐ-UBND", date(2018, 12, 12), date(2018, 12, 12))
COMMENDATION_DATE_2018 = date(2018, 12, 28)
FILED_2018, ACCEPTED_2018, HELD_2018 = date(2018, 10, 15), date(2018, 10, 29), date(2018, 11, 27)

# --- Yearly plans (evaluations.plans) ---------------------------------------------------------

PLANS = [
    {
        "year": 2019,
        "title": "Kế hoạch thực hiện Đề án OCOP-BK năm 2019",
        "decision_number": "97/QĐ-UBND",
        "decision_date": date(2019, 1, 18),
        "targets": [
            ("orgs_supported", 10, 15, "Hỗ trợ tái cơ cấu bộ máy tổ chức kinh tế tham gia đề án"),
            ("upgrade_3_4", 16, None, "Sản phẩm năm 2018 đạt 3 sao nâng lên 4 sao"),
            ("upgrade_4_5", 4, None, "Sản phẩm 4 sao nâng lên 5 sao"),
            ("upgrade_2_3", 6, None, "Sản phẩm 2 sao nâng lên 3 sao"),
            ("not_evaluated_before", 31, None, "Sản phẩm chưa tham gia đánh giá năm 2018 tham gia năm 2019"),
            ("new_products", 30, None, "Phát triển thêm sản phẩm mới trong năm 2019"),
        ],
    },
    {
        "year": 2020,
        "title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Bắc Kạn năm 2020",
        "decision_number": "107/QĐ-UBND",
        "decision_date": date(2020, 1, 21),
        "targets": [
            ("new_3_star", 36, None, "Ít nhất 36 sản phẩm mới đạt từ 3 sao (4–5 sản phẩm mỗi huyện, thành phố)"),
            ("upgrade_4_5", 1, None, "Ít nhất 1 sản phẩm nâng từ 4 lên 5 sao"),
            ("upgrade_3_4", 5, None, "Ít nhất 5 sản phẩm nâng từ 3 lên 4 sao"),
            ("orgs_supported", 3, 5, "Tái cơ cấu 3–5 tổ chức kinh tế"),
            ("new_orgs", 8, None, "Ít nhất 8 tổ chức kinh tế mới (tổ hợp tác, HTX, doanh nghiệp)"),
            ("sales_points", 2, None, "Ít nhất 2 điểm giới thiệu và bán sản phẩm OCOP"),
        ],
    },
    {
        "year": 2023,
        "title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Bắc Kạn năm 2023",
        "decision_number": "87/KH-UBND",
        "decision_date": date(2023, 2, 15),
        "targets": [
            ("new_3_star", 20, None, "Ít nhất 20 sản phẩm mới đạt từ 3 sao (3–4 sản phẩm mỗi huyện, thành phố)"),
            ("upgrade_3_4", 4, None, "Nâng hạng 4 sản phẩm từ 3 lên 4 sao"),
            ("proposed_5_star", 1, None, "Đề xuất 1 sản phẩm đánh giá cấp quốc gia"),
            ("traceability", 20, None, "Sản phẩm có truy xuất nguồn gốc điện tử"),
        ],
    },
]

SUPPORT = [
    *(
        Support(key, 2019, "restructuring", "Hỗ trợ kiện toàn bộ máy, quy chế hoạt động, kế toán", day)
        for key, day in [
            ("htx_20_10", date(2019, 3, 14)),
            ("nhu_co", date(2019, 3, 14)),
            ("ban_chao", date(2019, 3, 21)),
            ("thanh_dat", date(2019, 3, 21)),
            ("hoang_huynh", date(2019, 4, 4)),
            ("khau_nua_lech", date(2019, 4, 11)),
            ("hop_phat", date(2019, 4, 11)),
            ("bang_thanh", date(2019, 4, 18)),
            ("tan_thanh", date(2019, 5, 9)),
            ("dai_ha", date(2019, 5, 16)),
            ("con_minh", date(2019, 6, 6)),
        ]
    ),
    Support("tai_hoan", 2019, "packaging", "Thiết kế lại bao bì, nhãn mác miến dong", date(2019, 5, 23)),
    Support("bao_chau", 2019, "certification", "Hỗ trợ công bố chất lượng trà cà gai leo", date(2019, 6, 20)),
    Support("tan_son", 2019, "certification", "Hỗ trợ đăng ký nhãn hiệu gạo nếp Tân Sơn", date(2019, 7, 4)),
    Support("curcumin_bac_ha", 2019, "trade_fair", "Tham gia Hội chợ OCOP khu vực phía Bắc", date(2019, 10, 10)),
    Support("tai_hoan", 2020, "equipment", "Hỗ trợ máy tráng, sấy miến", date(2020, 4, 15)),
    Support("htx_20_10", 2020, "restructuring", "Củng cố bộ máy, chuyển đổi theo Luật HTX", date(2020, 5, 7)),
    Support("quang_khe", 2020, "restructuring", "Củng cố bộ máy, phương án sản xuất kinh doanh", date(2020, 5, 21)),
    Support("ha_diep", 2022, "trade_fair", "Gian hàng tại Hội chợ OCOP Quảng Ninh", date(2022, 4, 22)),
    Support("tai_hoan", 2023, "certification", "Hỗ trợ tem truy xuất nguồn gốc điện tử", date(2023, 6, 12)),
]

# Electronic traceability stamps put on products in 2023 (ocop.md §7.2: 20 products, +9 on 2022). The
# ``.example`` addresses stand for the stamp provider's pages, which the demo cannot name.
TRACEABILITY = [
    (name, date(2023, 6, 12), f"https://truyxuat.example/ocop/{slug}")
    for name, slug in [
        ("Miến dong Tài Hoan", "mien-dong-tai-hoan"),
        ("Bún khô Huyền Nga", "bun-kho-huyen-nga"),
        ("Khau nhục Yến Lạc", "khau-nhuc-yen-lac"),
        ("Mật ong rừng nguyên chất Thành Đạt", "mat-ong-thanh-dat"),
        ("Gạo Bao Thai Chợ Đồn", "gao-bao-thai-cho-don"),
        ("Rượu men lá Thanh Tâm", "ruou-men-la-thanh-tam"),
        ("Rượu men lá Bằng Phúc", "ruou-men-la-bang-phuc"),
        ("Tinh bột nghệ nếp đỏ Bắc Kạn", "tinh-bot-nghe-nep-do"),
        ("Trà hoa vàng Bắc Kạn", "tra-hoa-vang-bac-kan"),
    ]
]

SALES_POINTS = [(2020, 3, date(2020, 12, 31), "Báo cáo của Sở Công Thương tỉnh Bắc Kạn")]

# --- Rounds ------------------------------------------------------------------------------------

P, D, C = "province", "district", "central"

ROUND_2019 = Round(
    2019,
    1,
    "1048",
    (P,),
    date(2019, 9, 9),
    date(2019, 9, 23),
    {P: date(2019, 12, 18)},
    {P: Decision("2625/QĐ-UBND", date(2019, 12, 27), date(2020, 1, 10))},
    (
        E("Tinh bột nghệ nếp đỏ Bắc Kạn", UPGRADE, "72.60"),
        E("Rượu men lá Bằng Phúc", UPGRADE, "71.80"),
        E("Quýt Quang Thuận", UPGRADE, "70.60"),
        # 2★ products of 2018 trying again (a product without a recognition registers a first evaluation)
        E("Trà nụ vối Hà Diệp", FIRST, "56.40"),
        E("Mật ong Hà Hiệu", FIRST, "53.20"),
        E("Thịt lợn hun khói Thượng Ân", FIRST, "52.60"),
        E("Cao giảo cổ lam Sông Cầu", FIRST, "47.20"),
        # surveyed in 2018, evaluated for the first time
        E("Trà Cà gai leo Bảo Châu", FIRST, "57.60"),
        E("Gạo nếp Tân Sơn", FIRST, "55.20"),
        E("Khoai môn Trung Hòa", FIRST, "44.20"),
        E("Măng vầu khô Xuân La", FIRST, "42.60"),
        E("Bánh coóc mò An Thắng", FIRST, "46.80"),
        E("Cam sành Cao Thượng", FIRST, "47.40"),
        E("Chè Shan tuyết Xuân Lạc", FIRST, "45.60"),
    ),
)

ROUND_2020 = Round(
    2020,
    1,
    "1048",
    (P, C),
    date(2020, 8, 17),
    date(2020, 8, 31),
    {P: date(2020, 11, 25), C: date(2021, 5, 20)},
    {
        P: Decision("2378/QĐ-UBND", date(2020, 12, 15), date(2020, 12, 15)),
        C: Decision("2890/QĐ-BNN-VPĐP", date(2021, 6, 30), date(2021, 6, 30)),
    },
    (
        E("Miến dong Tài Hoan", UPGRADE, "90.60", "91.14"),
        E("Gạo Bao Thai Chợ Đồn", UPGRADE, "70.80"),
        E("Rượu men lá Thanh Tâm", UPGRADE, "74.20"),
        E("Cao giảo cổ lam Sông Cầu", FIRST, "51.20"),
        E("Tinh bột nghệ nếp đen Bắc Kạn", FIRST, "61.80"),
        E("Mộc nhĩ Vi Hương", FIRST, "54.40"),
        E("Gà đen Cao Sơn", FIRST, "52.20"),
        E("Bánh chưng gấc Nà Phặc", FIRST, "56.60"),
        E("Thịt bò khô Yến Lạc", FIRST, "58.20"),
        E("Bột sắn dây Côn Minh", FIRST, "48.40"),
        E("Rượu ba kích Văn Vũ", FIRST, "51.40"),
        E("Tinh dầu quế Đổng Xá", FIRST, "53.80"),
    ),
)

_RE_2021 = [
    ("Vi-cumax Nano Curcumin", "80.20"),
    ("Trịnh Năng Curcumin", "76.40"),
    ("Tinh nghệ Bắc Kạn", "66.80"),
    ("Lợn quay mắc mật Nông Toàn", "57.60"),
    ("Thịt trâu khô Hoàng Huynh", "64.40"),
    ("Hồng không hạt Quảng Khê", "62.80"),
    ("Gạo nếp Khẩu Nua Lếch", "63.80"),
    ("Bún, phở khô Quỳnh Niên", "60.20"),
    ("Hạt dẻ Hợp Phát", "47.60"),
    ("Chè Shan tuyết Bằng Phúc", "61.40"),
    ("Bún khô Huyền Nga", "62.40"),
    ("Trà Như Cố", "60.60"),
    ("Trà mướp đắng rừng Như Cố", "56.80"),
    ("Trà Shan tuyết Khau Bjooc", "64.20"),
    ("Mật ong rừng nguyên chất Thành Đạt", "59.00"),
    ("Khau nhục Yến Lạc", "58.60"),
]
_NEW_2021 = [
    # Thành phố Bắc Kạn 4, Ba Bể 7, Chợ Đồn 6, Bạch Thông 10, Chợ Mới 5, Pác Nặm 3, Na Rì 2, Ngân Sơn 2
    ("Rượu chuối men lá Mạnh Minh", "58.40"),
    ("Giấm chuối Mạnh Minh", "54.20"),
    ("Lạp sườn, thịt treo gác bếp Tám Cương", "56.80"),
    ("Khau nhục Huyền Tụng", "53.60"),
    ("Quỳnh Mai homestay", "55.20"),
    ("Ba Bể Green Homestay", "57.40"),
    ("Bánh gio Chợ Rã", "52.80"),
    ("Khau nhục Chợ Rã", "55.60"),
    ("Cam sành Cao Thượng", "53.40"),
    ("Đàn tính Yến Dương", "51.80"),
    ("Trà giảo cổ lam Thượng Giáo", "54.80"),
    ("Bánh gio Chợ Đồn", "52.40"),
    ("Chè Shan tuyết Xuân Lạc", "56.20"),
    ("Lợn đen Ngọc Phái", "51.60"),
    ("Cá chép ruộng Yên Mỹ", "53.20"),
    ("Thổ cẩm Quảng Bạch", "52.20"),
    ("Gạo nếp vải Yên Thượng", "55.80"),
    ("Lạc đỏ Vũ Muộn", "52.60"),
    ("Tương ớt Tân Tú", "50.80"),
    ("Hồng không hạt Mỹ Thanh", "57.20"),
    ("Tinh dầu sả chanh Hương Ngàn", "56.40"),
    ("Nấm sò Hợp Giang", "54.00"),
    ("Gạo Bao Thai Sĩ Bình", "53.80"),
    ("Cam sành Dương Phong", "55.00"),
    ("Giỏ mây tre đan Cẩm Giàng", "51.40"),
    ("Bánh khảo Phủ Thông", "52.00"),
    ("Rượu men lá Đôn Phong", "50.60"),
    ("Trà Shan tuyết Bản Nà", "56.60"),
    ("Mật ong Thanh Thịnh", "54.60"),
    ("Bánh gio Pắc San", "53.00"),
    ("Cơm lam nướng Sáng Lê", "52.20"),
    ("Cam ngọt Thanh Mai", "55.40"),
    ("Măng vầu khô Xuân La", "51.20"),
    ("Mật ong rừng Xuân La", "53.60"),
    ("Bánh coóc mò An Thắng", "52.40"),
    ("Lạp sườn Văn Minh", "54.40"),
    ("Rượu ngô Xuân Dương", "52.80"),
    ("Khoai môn Trung Hòa", "51.00"),
    ("Mật ong rừng Vân Tùng", "53.20"),
]
ROUND_2021 = Round(
    2021,
    1,
    "1048",
    (P,),
    date(2021, 7, 1),
    date(2021, 7, 15),
    {P: date(2021, 11, 25)},
    {P: Decision("2215/QĐ-UBND", date(2021, 12, 6), date(2021, 12, 6))},
    tuple(E(name, RE, score) for name, score in _RE_2021) + tuple(E(name, FIRST, score) for name, score in _NEW_2021),
)

ROUND_2022 = Round(
    2022,
    1,
    "1048",
    (P,),
    date(2022, 7, 20),
    date(2022, 8, 3),
    {P: date(2022, 11, 22)},
    {P: Decision("2398/QĐ-UBND", date(2022, 12, 8), date(2022, 12, 8))},
    (
        # Bạch Thông: ten more products (32 in all)
        E("Trà hoa đu đủ đực Quân Hà", FIRST, "56.00"),
        E("Mật ong Quân Hà", FIRST, "53.40"),
        E("Miến dong Phủ Thông", FIRST, "55.20"),
        E("Bánh trứng kiến Sĩ Bình", FIRST, "52.60"),
        E("Tinh dầu gừng Hương Ngàn", FIRST, "54.40"),
        E("Chè xanh Đôn Phong", FIRST, "51.80"),
        E("Cam Quang Thuận", FIRST, "58.60"),
        E("Gạo nếp Vũ Muộn", FIRST, "53.00"),
        E("Thịt lợn muối chua Cẩm Giàng", FIRST, "52.40"),
        E("Măng khô Quang Thuận", FIRST, "55.00"),
        # the 4★ teas and liqueurs
        E("Trà nụ vối Hà Diệp", UPGRADE, "72.40"),
        E("Trà hoa vàng Bắc Kạn", FIRST, "76.20"),
        E("Trà hoa vàng túi lọc Hà Diệp", FIRST, "73.80"),
        E("Rượu mơ Asuka", FIRST, "74.60"),
        E("Rượu mơ Dakimo", FIRST, "72.20"),
        E("Trà Shan tuyết Ngọc Thắng", FIRST, "73.00"),
        E("Trà thảo dược giảo cổ lam núi đá", FIRST, "75.40"),
        E("Tinh bột nghệ nếp đen Bắc Kạn", UPGRADE, "71.60"),
        E("Vicumax Limited Nano Curcumin", FIRST, "58.80"),
        E("Vicumax Mật ong Nano Curcumin", FIRST, "57.60"),
        # the 2019 certificates, due on 10/01/2023
        E("Trà Cà gai leo Bảo Châu", RE, "58.20"),
        E("Gạo nếp Tân Sơn", RE, "56.40"),
        E("Tinh bột nghệ nếp đỏ Bắc Kạn", RE, "74.80"),
        E("Rượu men lá Bằng Phúc", RE, "73.60"),
        E("Quýt Quang Thuận", RE, "72.80"),
    ),
)

# 148/QĐ-TTg: district councils recognise 3★ and forward 4★ candidates to the province.
ROUND_2023 = Round(
    2023,
    1,
    "148",
    (D, P),
    date(2023, 6, 26),
    date(2023, 7, 10),
    {D: date(2023, 10, 18), P: date(2023, 11, 28)},
    {
        D: Decision("QĐ-UBND", date(2023, 11, 20), date(2023, 11, 20)),
        P: Decision("2490/QĐ-UBND", date(2023, 12, 12), date(2023, 12, 12)),
    },
    (
        E("Bánh chưng đen Huyền Tụng", FIRST, "56.20"),
        E("Thịt lợn hun khói Tám Cương", FIRST, "58.40"),
        E("Lạp sườn lợn đen Bộc Bố", FIRST, "55.20"),
        E("Cá nướng Pác Ngòi", FIRST, "57.20"),
        E("Bún khô Thượng Ân", FIRST, "55.40"),
        E("Lạp sườn Nà Phặc", FIRST, "56.20"),
        E("Gạo Bao Thai Cao Sơn", FIRST, "53.40"),
        E("Vịt bầu Lương Bằng", FIRST, "57.20"),
        E("Rượu men lá Bằng Phúc hạ thổ", FIRST, "76.20", "75.20"),
        E("Bún gạo Nông Hạ", FIRST, "58.20"),
        E("Mật ong rừng Nông Hạ", FIRST, "55.20"),
        E("Miến dong Côn Minh", FIRST, "59.20"),
        E("Miến dong Cư Lễ", FIRST, "56.20"),
        E("Bún khô Huyền Nga", UPGRADE, "74.20", "73.40"),
        E("Khau nhục Yến Lạc", UPGRADE, "72.40", "72.00"),
        E("Mật ong rừng nguyên chất Thành Đạt", UPGRADE, "73.20", "72.60"),
        # the 2020 certificates, due on 15/12/2023 (the others lapse)
        E("Bánh chưng gấc Nà Phặc", RE, "57.20"),
        E("Thịt bò khô Yến Lạc", RE, "58.20"),
        E("Gạo Bao Thai Chợ Đồn", RE, "73.20", "72.40"),
        E("Rượu men lá Thanh Tâm", RE, "78.20", "77.60"),
    ),
)

# Miến dong Tài Hoan's 5★ (30/6/2021) is due on 30/6/2024: the province proposes, the ministry decides.
ROUND_2024_CENTRAL = Round(
    2024,
    1,
    "148",
    (P, C),
    date(2024, 2, 1),
    date(2024, 2, 15),
    {P: date(2024, 4, 16), C: date(2024, 6, 11)},
    {C: Decision("2568/QĐ-BNN-KTHT", date(2024, 6, 26), date(2024, 6, 26))},
    (E("Miến dong Tài Hoan", RE, "92.40", "93.20"),),
)

ROUND_2024 = Round(
    2024,
    2,
    "148",
    (D, P),
    date(2024, 7, 1),
    date(2024, 7, 15),
    {D: date(2024, 10, 16), P: date(2024, 11, 26)},
    {
        D: Decision("QĐ-UBND", date(2024, 11, 18), date(2024, 11, 18)),
        P: Decision("2512/QĐ-UBND", date(2024, 12, 10), date(2024, 12, 10)),
    },
    (
        E("Bánh khảo Thượng Ân", FIRST, "55.20"),
        E("Gà đen Bộc Bố", FIRST, "54.60"),
        E("Chè lam Bằng Lũng", FIRST, "53.80"),
        E("Rượu mận Hà Hiệu", FIRST, "56.40"),
        E("Mật ong Văn Vũ", FIRST, "55.00"),
        E("Bún khô Mai Lạp", FIRST, "54.20"),
    )
    + tuple(
        E(name, RE, *scores)
        for name, *scores in [
            # the 2021 certificates, due on 06/12/2024
            ("Lợn quay mắc mật Nông Toàn", "58.20"),
            ("Thịt trâu khô Hoàng Huynh", "65.00"),
            ("Hồng không hạt Quảng Khê", "63.40"),
            ("Gạo nếp Khẩu Nua Lếch", "64.60"),
            ("Bún, phở khô Quỳnh Niên", "61.00"),
            ("Tinh nghệ Bắc Kạn", "65.20"),
            ("Rượu chuối men lá Mạnh Minh", "59.20"),
            ("Lạp sườn, thịt treo gác bếp Tám Cương", "57.60"),
            ("Gạo nếp vải Yên Thượng", "56.40"),
            ("Tinh dầu sả chanh Hương Ngàn", "57.00"),
            ("Cam sành Dương Phong", "55.80"),
            ("Mật ong Thanh Thịnh", "55.60"),
            ("Cam ngọt Thanh Mai", "72.40", "71.80"),
            ("Mật ong rừng Xuân La", "54.20"),
        ]
    ),
)

# Last district round before the reform: decided before 30/6/2025.
ROUND_2025_DISTRICT = Round(
    2025,
    1,
    "148",
    (D,),
    date(2025, 3, 10),
    date(2025, 3, 24),
    {D: date(2025, 5, 20)},
    {D: Decision("QĐ-UBND", date(2025, 6, 10), date(2025, 6, 10))},
    (
        E("Thịt lợn gác bếp Yến Lạc", FIRST, "56.40"),
        E("Gạo nếp Thanh Mai", FIRST, "55.20"),
        E("Nem chua Xuất Hóa", FIRST, "54.80"),
        E("Rượu ngô Ba Bể", FIRST, "53.60"),
        E("Gạo nếp cẩm Giáo Hiệu", FIRST, "55.60"),
        E("Hạt dẻ Hợp Phát", FIRST, "57.00"),
    ),
)

# Thái Nguyên after the merger (1489/QĐ-TTg): the province recognises 3★ and 4★.
ROUND_2025_PROVINCE = Round(
    2025,
    2,
    "2025",
    (P,),
    date(2025, 8, 4),
    date(2025, 8, 29),
    {P: date(2025, 11, 20)},
    {P: Decision("3150/QĐ-UBND", date(2025, 12, 5), date(2025, 12, 5))},
    (
        # the 2022 certificates, due on 08/12/2025 (filing window 11/6–10/8/2025)
        E("Mật ong Quân Hà", RE, "55.40"),
        E("Miến dong Phủ Thông", RE, "57.20"),
        E("Cam Quang Thuận", RE, "72.60"),
        E("Rượu mơ Asuka", RE, "76.00"),
        E("Rượu mơ Dakimo", RE, "73.80"),
        E("Tinh bột nghệ nếp đen Bắc Kạn", RE, "74.40"),
        E("Gạo nếp Tân Sơn", RE, "57.00"),
        E("Tinh bột nghệ nếp đỏ Bắc Kạn", RE, "75.60"),
        E("Rượu men lá Bằng Phúc", RE, "74.20"),
        E("Quýt Quang Thuận", RE, "73.20"),
        # new producers on the new communes
        E("Miến dong Na Rì Xanh", FIRST, "58.40"),
        E("Gà thả vườn Chợ Mới", FIRST, "56.00"),
        E("Tinh dầu hồi Phủ Thông", FIRST, "55.60"),
        E("Cá chua Ba Bể", FIRST, "57.40"),
    ),
)

# Dossiers filed before 22/5/2026 finish under the old rules (26/2026 Art. 12): 148's sheets.
ROUND_2026_FIRST = Round(
    2026,
    1,
    "2025",
    (P,),
    date(2026, 4, 20),
    date(2026, 5, 4),
    {P: date(2026, 6, 10)},
    {P: Decision("1420/QĐ-UBND", date(2026, 6, 25), date(2026, 6, 25))},
    (
        E("Thịt trâu gác bếp Na Rì", FIRST, "57.20"),
        E("Mật ong Chợ Đồn", FIRST, "55.00"),
        E("Gạo nếp Yên Bình", FIRST, "56.20"),
    ),
    sheet_version="148-2023",
)

ROUNDS = [
    ROUND_2019,
    ROUND_2020,
    ROUND_2021,
    ROUND_2022,
    ROUND_2023,
    ROUND_2024_CENTRAL,
    ROUND_2024,
    ROUND_2025_DISTRICT,
    ROUND_2025_PROVINCE,
    ROUND_2026_FIRST,
]

# Recognitions entered from their decisions: sheets not available as data (see the module docstring).
RECORDS = [
    *(
        Record(name, 3, "district", Decision("QĐ-UBND", date(2024, 11, 18), date(2024, 11, 18)))
        for name in [
            "Trà Shan tuyết Khau Bjooc",
            "Trà Như Cố",
            "Trà mướp đắng rừng Như Cố",
            "Chè Shan tuyết Bằng Phúc",
            "Quỳnh Mai homestay",
        ]
    ),
    *(
        Record(name, 5, MARD, Decision("3468/QĐ-BNN-KTHT", date(2024, 9, 12), date(2024, 9, 12)))
        for name in ["Vi-cumax Nano Curcumin", "Vicumax Limited Nano Curcumin", "Vicumax Mật ong Nano Curcumin"]
    ),
    *(
        Record(name, 4, UBND_THAI_NGUYEN, Decision("3150/QĐ-UBND", date(2025, 12, 5), date(2025, 12, 5)))
        for name in [
            "Trà nụ vối Hà Diệp",
            "Trà hoa vàng Bắc Kạn",
            "Trà hoa vàng túi lọc Hà Diệp",
            "Trà Shan tuyết Ngọc Thắng",
            "Trà thảo dược giảo cổ lam núi đá",
        ]
    ),
]

# --- The open 2026 round (26/2026 sheets), as the demo accounts find it ---------------------------

OPEN_ROUND_YEAR, OPEN_ROUND_NUMBER = 2026, 2
OPEN_ROUND_COUNCIL_DECISION = "2150/QĐ-UBND"
# (product, evaluation type, where the dossier stands). Re-evaluations of the 2023 certificates
# (due 20/11/2026 and 12/12/2026) went in within the 180–120-day window.
OPEN_REGISTRATIONS = [
    ("Miến dong Côn Minh", RE, "scoring", date(2026, 6, 22)),
    ("Bún gạo Nông Hạ", RE, "evaluation_opened", date(2026, 6, 24)),
    ("Khau nhục Yến Lạc", RE, "accepted", date(2026, 6, 29)),
    ("Gạo Bao Thai Cao Sơn", RE, "accepted", date(2026, 7, 2)),
    ("Miến dong Cư Lễ", RE, "submitted", date(2026, 7, 6)),
    ("Bún khô Huyền Nga", RE, "submitted", date(2026, 7, 8)),
    ("Mật ong rừng Nông Hạ", RE, "submitted", date(2026, 7, 9)),
    ("Vịt bầu Lương Bằng", RE, "submitted", date(2026, 7, 10)),
    ("Mật ong rừng nguyên chất Thành Đạt", RE, "returned", date(2026, 7, 13)),
    ("Ba Bể Green Homestay", FIRST, "submitted", date(2026, 9, 7)),
    ("Bột sắn dây Côn Minh", FIRST, "draft", date(2026, 10, 19)),
    ("Trà giảo cổ lam Văn Lang", FIRST, "draft", date(2026, 10, 26)),
    ("Măng khô Mai Lạp", FIRST, "draft", date(2026, 11, 2)),
    ("Rượu nếp cẩm Quảng Chu", FIRST, "draft", date(2026, 11, 9)),
]
RETURN_REASON = "Bổ sung phiếu kiểm nghiệm chỉ tiêu vi sinh còn hiệu lực và hợp đồng liên kết thu mua mật ong năm 2026."
# The evaluation being scored: members' sheets (score aimed at, submitted?) for "scoring" above.
OPEN_SHEETS = {"council_2": ("61.00", True), "council_3": ("58.00", True), "council_4": ("60.00", False)}
