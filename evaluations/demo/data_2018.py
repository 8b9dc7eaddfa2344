"""Bắc Kạn's 2018 OCOP year as data: the survey, the registrations and the provincial council's scores.

The source article (ocop.md §7.2, §12.2) gives the figures the demo must reproduce exactly:
124 surveyed advantaged products in 5 groups from 114 organisations and individuals; 76 products
registered; 5 four-star products from 4 organisations; 33 three-star products from 30
organisations; 7 organisations commended.

Producers and products named in ocop.md §9 are real (``source`` says where they are named);
the others are invented but realistic: real communes of the eight districts (pre-2025 GSO codes),
local products and Tày, Nùng, Dao and Kinh names. Where §9 leaves something open (a commune, a
legal form, a star before the one reported) the row says so in ``note``. Real participants whose
star the sources do not give are surveyed only, never rated here (ocop.md §9, last paragraph).

``score`` is the 2018 council's average total on the legacy part-totals sheet (A ≤ 35, B ≤ 25,
C ≤ 40); the builder spreads it over five members' sheets and the evaluation service computes the
star from it. ``None`` means surveyed but not registered in 2018.
"""

from decimal import Decimal
from typing import NamedTuple

# 2018 scheme groups (products.classification_data, scheme "2018"): branch codes.
FOOD, BEVERAGE, HERBAL, TEXTILE, SOUVENIR = "1", "2", "3", "4", "5"

COOPERATIVE = "cooperative"
GROUP = "cooperative_group"
ENTERPRISE = "enterprise"
HOUSEHOLD = "household"


class Producer(NamedTuple):
    key: str
    name: str
    legal_form: str
    commune: str  # pre-2025 GSO commune code (era "old")
    representative: str = ""
    gender: str = ""
    ethnicity: str = ""
    enterprise_kind: str = ""
    source: str = ""
    note: str = ""
    era: str = "old"  # "new" for a producer founded after the 1/7/2025 reform, on a new commune


class Product(NamedTuple):
    producer: str
    name: str
    group: str  # 2018 scheme group
    product_set: int  # bộ sản phẩm number of the 148-2023 (= 26/2026) classification
    score: Decimal | None  # the 2018 council's average; None = surveyed, not registered in 2018
    note: str = ""


def D(value: str) -> Decimal:  # noqa: N802 - reads like a literal in the tables below
    return Decimal(value)


SANPHAMVUNGMIEN = "sanphamvungmien.vn (25/5/2019)"
BAOBACKAN = "baobackan.com.vn"
BACKANCITY = "backancity.gov.vn"
BACHTHONG = "bachthong.gov.vn"
KINHTEXANH = "doanhnghiepkinhtexanh.vn"
STAR_UNKNOWN = "Tham gia OCOP 2019–2020; nguồn chưa xác nhận hạng sao."

PRODUCERS = [
    # --- Thành phố Bắc Kạn (058) ----------------------------------------------------------------
    Producer(
        "curcumin_bac_ha",
        "Công ty TNHH Nhà máy Curcumin Bắc Hà",
        ENTERPRISE,
        "01852",
        enterprise_kind="llc",
        source=SANPHAMVUNGMIEN,
        note="Sau đổi tên thành Công ty CP Curcumin Bắc Hà.",
    ),
    Producer(
        "htl",
        "Công ty TNHH Nhiệt Công nghiệp HTL",
        ENTERPRISE,
        "01837",
        enterprise_kind="llc",
        source=SANPHAMVUNGMIEN,
        note="Địa chỉ chưa xác nhận.",
    ),
    Producer(
        "nong_san_bac_kan",
        "Công ty Cổ phần Nông sản Bắc Kạn",
        ENTERPRISE,
        "01846",
        enterprise_kind="jsc",
        source=SANPHAMVUNGMIEN,
    ),
    Producer("tan_thanh", "HTX Nông nghiệp Tân Thành", COOPERATIVE, "01852", source=KINHTEXANH),
    Producer("tan_dan", "HTX Tân Dân", COOPERATIVE, "01855", source=BACKANCITY),
    Producer("minh_anh", "HTX Minh Anh", COOPERATIVE, "01843", source=BACKANCITY),
    Producer("kim_ngan", "HTX Kim Ngân", COOPERATIVE, "01834", source=BACKANCITY),
    Producer("duong_quang", "HTX Dương Quang", COOPERATIVE, "01849", source=BACKANCITY),
    Producer(
        "thuc_pham_xanh",
        "Công ty TNHH Thực phẩm xanh Bắc Kạn",
        ENTERPRISE,
        "01840",
        enterprise_kind="llc",
        source=BACKANCITY,
    ),
    Producer("tam_cuong", "Nhà hàng Tám Cương", HOUSEHOLD, "01834", source=BACKANCITY),
    Producer("ha_diep", "Công ty TNHH Hà Diệp", ENTERPRISE, "01837", enterprise_kind="llc", source=KINHTEXANH),
    Producer("hoang_thuy", "Hộ kinh doanh Hoàng Thị Thúy", HOUSEHOLD, "01840", "Hoàng Thị Thúy", "female", "Tày"),
    Producer("huyen_tung", "HTX Nông nghiệp Huyền Tụng", COOPERATIVE, "01846", "Đàm Văn Lợi", "male", "Tày"),
    Producer("nong_toan", "Hộ kinh doanh Nông Văn Toàn", HOUSEHOLD, "01855", "Nông Văn Toàn", "male", "Tày"),
    Producer(
        "thao_moc_song_cau",
        "Công ty TNHH Thảo mộc Sông Cầu",
        ENTERPRISE,
        "01837",
        "Nguyễn Thị Hằng",
        "female",
        "Kinh",
        enterprise_kind="llc",
    ),
    Producer("trieu_mai", "Cơ sở may thổ cẩm Triệu Thị Mai", HOUSEHOLD, "01843", "Triệu Thị Mai", "female", "Dao"),
    Producer("luc_bao", "Hộ kinh doanh Lục Văn Bảo", HOUSEHOLD, "01834", "Lục Văn Bảo", "male", "Tày"),
    # --- Pác Nặm (060) ------------------------------------------------------------------------
    Producer("bang_thanh", "HTX Nông nghiệp Bằng Thành", COOPERATIVE, "01858", "Hoàng Văn Pấu", "male", "Tày"),
    Producer("nhan_mon", "HTX Dịch vụ nông nghiệp Nhạn Môn", COOPERATIVE, "01861", "Ma Thị Dung", "female", "Tày"),
    Producer("ban_chan", "Hộ kinh doanh Bàn Văn Chàn", HOUSEHOLD, "01864", "Bàn Văn Chàn", "male", "Dao"),
    Producer("co_linh", "Tổ hợp tác dệt thổ cẩm Cổ Linh", GROUP, "01879", "Triệu Thị Nhất", "female", "Dao"),
    Producer("xuan_la", "HTX Nông lâm nghiệp Xuân La", COOPERATIVE, "01873", "Nông Văn Hảo", "male", "Tày"),
    Producer("ma_chung", "Hộ kinh doanh Ma Văn Chung", HOUSEHOLD, "01876", "Ma Văn Chung", "male", "Tày"),
    Producer("giao_hieu", "HTX Giáo Hiệu", COOPERATIVE, "01870", "Lý Văn Sình", "male", "Mông"),
    Producer("trieu_sinh", "Hộ kinh doanh Triệu Văn Sinh", HOUSEHOLD, "01882", "Triệu Văn Sinh", "male", "Dao"),
    Producer("cao_tan", "HTX Chè Shan tuyết Cao Tân", COOPERATIVE, "01885", "Bàn Thị Xuân", "female", "Dao"),
    # --- Ba Bể (061) --------------------------------------------------------------------------
    Producer("hoang_huynh", "HTX Hoàng Huynh", COOPERATIVE, "01906", source="babe.gov.vn"),
    Producer(
        "dia_linh",
        "HTX Nông nghiệp Địa Linh",
        COOPERATIVE,
        "01915",
        "Hoàng Thị Nhung",
        "female",
        "Tày",
        note="Tên chủ thể giả định; sản phẩm có thật (nhandan.vn).",
    ),
    Producer("hoang_thang", "Hộ kinh doanh Hoàng Văn Thắng", HOUSEHOLD, "01909", "Hoàng Văn Thắng", "male", "Tày"),
    Producer("quang_khe", "HTX Hồng không hạt Quảng Khê", COOPERATIVE, "01924", "Dương Văn Hùng", "male", "Tày"),
    Producer("chu_huong", "HTX Nông nghiệp Chu Hương", COOPERATIVE, "01921", "Nông Thị Thảo", "female", "Tày"),
    Producer("pac_ngoi", "Tổ hợp tác thổ cẩm Pác Ngòi", GROUP, "01909", "Hoàng Thị Liên", "female", "Tày"),
    Producer("ha_hieu", "HTX Sản xuất và Dịch vụ Hà Hiệu", COOPERATIVE, "01897", "Lường Văn Tiến", "male", "Tày"),
    Producer("nong_hoa", "Hộ kinh doanh Nông Thị Hoa", HOUSEHOLD, "01888", "Nông Thị Hoa", "female", "Tày"),
    Producer("my_phuong", "HTX Chăn nuôi Mỹ Phương", COOPERATIVE, "01927", "Ma Văn Đức", "male", "Tày"),
    Producer("dam_hiep", "Hộ kinh doanh Đàm Văn Hiệp", HOUSEHOLD, "01894", "Đàm Văn Hiệp", "male", "Tày"),
    Producer("dong_phuc", "HTX Đồng Phúc", COOPERATIVE, "01933", "Hà Văn Quyết", "male", "Tày"),
    Producer("ly_pao", "Hộ kinh doanh Lý Văn Páo", HOUSEHOLD, "01930", "Lý Văn Páo", "male", "Mông"),
    Producer("thuong_giao", "HTX Thượng Giáo", COOPERATIVE, "01912", "Triệu Thị Hiền", "female", "Dao"),
    Producer("ha_lam", "Hộ kinh doanh Hà Văn Lâm", HOUSEHOLD, "01918", "Hà Văn Lâm", "male", "Tày"),
    Producer("cao_thuong", "HTX Cao Thượng", COOPERATIVE, "01900", "Nông Văn Tú", "male", "Tày"),
    # --- Ngân Sơn (062) -----------------------------------------------------------------------
    Producer("khau_nua_lech", "HTX Khẩu Nua Lếch Thượng Quan", COOPERATIVE, "01957", source=BAOBACKAN),
    Producer(
        "quynh_nien",
        "Cơ sở sản xuất bún, phở khô Quỳnh Niên",
        HOUSEHOLD,
        "01936",
        source=BAOBACKAN,
        note="Loại hình chưa xác nhận.",
    ),
    Producer("hop_phat", "HTX Hợp Phát", COOPERATIVE, "01951", source=BAOBACKAN),
    Producer(
        "phong_phin",
        "Cơ sở sản xuất măng ớt Phong Phin",
        HOUSEHOLD,
        "01954",
        source=BAOBACKAN,
        note="Chủ thể chưa xác nhận.",
    ),
    Producer("bang_van", "HTX Chè Shan tuyết Bằng Vân", COOPERATIVE, "01942", "Triệu Văn Phin", "male", "Dao"),
    Producer("nong_khai", "Hộ kinh doanh Nông Văn Khải", HOUSEHOLD, "01939", "Nông Văn Khải", "male", "Tày"),
    Producer("coc_dan", "Tổ hợp tác dong riềng Cốc Đán", GROUP, "01945", "Hoàng Thị Phượng", "female", "Tày"),
    Producer("trung_hoa", "HTX Nông nghiệp Trung Hòa", COOPERATIVE, "01948", "La Văn Thành", "male", "Nùng"),
    Producer("trieu_lien", "Hộ kinh doanh Triệu Thị Liên", HOUSEHOLD, "01960", "Triệu Thị Liên", "female", "Dao"),
    Producer("ban_quy", "Hộ kinh doanh Bàn Văn Quý", HOUSEHOLD, "01963", "Bàn Văn Quý", "male", "Dao"),
    Producer("van_tung", "HTX Vân Tùng", COOPERATIVE, "01954", "Hoàng Văn Lương", "male", "Tày"),
    # --- Bạch Thông (063) ---------------------------------------------------------------------
    Producer("thien_an", "HTX Thiên An", COOPERATIVE, "01969", source=BACHTHONG, note="Xã chưa xác nhận."),
    Producer("huong_ngan", "HTX Hương Ngàn", COOPERATIVE, "01999", source=BACHTHONG),
    Producer("hop_giang", "HTX Hợp Giang", COOPERATIVE, "01990", source=BACHTHONG),
    Producer("dai_ha", "HTX Đại Hà", COOPERATIVE, "02017", source=BACHTHONG),
    Producer("quan_ha", "Tổ hợp tác Quân Hà", GROUP, "02005", source=BACHTHONG),
    Producer("quang_thuan", "HTX Quýt Quang Thuận", COOPERATIVE, "02017", "Hà Văn Khiêm", "male", "Tày"),
    Producer("duong_phong", "HTX Cam Dương Phong", COOPERATIVE, "02014", "Lục Văn Tình", "male", "Tày"),
    Producer("la_tuan", "Hộ kinh doanh La Văn Tuấn", HOUSEHOLD, "01975", "La Văn Tuấn", "male", "Tày"),
    Producer("si_binh", "HTX Nông nghiệp Sĩ Bình", COOPERATIVE, "01978", "Hoàng Văn Dũng", "male", "Tày"),
    Producer("vu_muon", "HTX Vũ Muộn", COOPERATIVE, "01981", "Nông Thị Yến", "female", "Tày"),
    Producer("luong_nga", "Hộ kinh doanh Lường Thị Nga", HOUSEHOLD, "01993", "Lường Thị Nga", "female", "Tày"),
    Producer("cam_giang", "Tổ hợp tác mây tre đan Cẩm Giàng", GROUP, "02008", "Ma Thị Xuân", "female", "Tày"),
    Producer("loc_son", "Hộ kinh doanh Lộc Văn Sơn", HOUSEHOLD, "01984", "Lộc Văn Sơn", "male", "Tày"),
    Producer("my_thanh", "HTX Mỹ Thanh", COOPERATIVE, "02011", "Dương Thị Huế", "female", "Tày"),
    # --- Chợ Đồn (064) ------------------------------------------------------------------------
    Producer("thanh_tam", "HTX Rượu men lá Thanh Tâm", COOPERATIVE, "02041", source=KINHTEXANH),
    Producer("bang_phuc_ruou", "HTX Rượu men lá Bằng Phúc", COOPERATIVE, "02041", source=KINHTEXANH),
    Producer("bang_phuc_che", "HTX Chè Shan tuyết Bằng Phúc", COOPERATIVE, "02041", "Ma Văn Thuận", "male", "Tày"),
    Producer("phuong_vien", "HTX Nông nghiệp Phương Viên", COOPERATIVE, "02050", "Hà Thị Thu", "female", "Tày"),
    Producer("yen_thuong", "HTX Dịch vụ nông nghiệp Yên Thượng", COOPERATIVE, "02047", "Bế Văn Hòa", "male", "Tày"),
    Producer("dong_lac", "HTX Đồng Lạc", COOPERATIVE, "02029", "Hoàng Thị Vân", "female", "Tày"),
    Producer("ma_huong", "Hộ kinh doanh Ma Thị Hương", HOUSEHOLD, "02020", "Ma Thị Hương", "female", "Tày"),
    Producer("nam_cuong", "HTX Nam Cường", COOPERATIVE, "02026", "Lý Văn Thắng", "male", "Tày"),
    Producer("quang_bach", "Tổ hợp tác dệt thổ cẩm Quảng Bạch", GROUP, "02038", "Triệu Thị Hoa", "female", "Dao"),
    Producer("hua_kien", "Hộ kinh doanh Hứa Văn Kiên", HOUSEHOLD, "02062", "Hứa Văn Kiên", "male", "Nùng"),
    Producer("xuan_lac", "HTX Xuân Lạc", COOPERATIVE, "02023", "Bàn Văn Sơn", "male", "Dao"),
    Producer("ngoc_phai", "HTX Ngọc Phái", COOPERATIVE, "02053", "Đinh Văn Cường", "male", "Tày"),
    Producer("duong_manh", "Hộ kinh doanh Dương Văn Mạnh", HOUSEHOLD, "02071", "Dương Văn Mạnh", "male", "Tày"),
    Producer(
        "lam_san_cho_don",
        "Công ty TNHH Lâm sản Chợ Đồn",
        ENTERPRISE,
        "02065",
        "Trần Văn Bình",
        "male",
        "Kinh",
        enterprise_kind="llc",
    ),
    Producer("yen_my", "HTX Yên Mỹ", COOPERATIVE, "02077", "Hoàng Văn Chiến", "male", "Tày"),
    Producer("ban_thi", "HTX Dược liệu Bản Thi", COOPERATIVE, "02035", "Triệu Văn Kiều", "male", "Dao"),
    # --- Chợ Mới (065) ------------------------------------------------------------------------
    Producer("htx_20_10", "HTX 20/10", COOPERATIVE, "02107", source=BAOBACKAN),
    Producer("nhu_co", "HTX Nông nghiệp Thanh niên Như Cố", COOPERATIVE, "02122", source=BAOBACKAN),
    Producer("ban_chao", "HTX Chè Shan tuyết Bản Cháo", COOPERATIVE, "02110", source=BAOBACKAN),
    Producer("thanh_dat", "HTX Thành Đạt", COOPERATIVE, "02107", source=BAOBACKAN),
    Producer("tan_son", "HTX Nông nghiệp sạch Tân Sơn", COOPERATIVE, "02089", source=BAOBACKAN),
    Producer("tra_huong", "Tổ hợp tác Trà Hương", GROUP, "02125", source=BAOBACKAN),
    Producer("ong_thanh_thinh", "Tổ hợp tác nuôi ong Thanh Thịnh", GROUP, "02113", source=BAOBACKAN),
    Producer(
        "luong_thuy",
        "Hộ kinh doanh Lường Văn Thuỳ",
        HOUSEHOLD,
        "02086",
        "Lường Văn Thuỳ",
        "male",
        source=BAOBACKAN,
    ),
    Producer("ha_sang", "Hộ kinh doanh Hà Ngọc Sáng", HOUSEHOLD, "02098", "Hà Ngọc Sáng", "male", source=BAOBACKAN),
    Producer(
        "nguyen_hung",
        "Hộ kinh doanh Nguyễn Văn Hùng",
        HOUSEHOLD,
        "02101",
        "Nguyễn Văn Hùng",
        "male",
        source=BAOBACKAN,
    ),
    Producer("thanh_van", "HTX Nông nghiệp Thanh Vận", COOPERATIVE, "02092", "Lưu Văn Thành", "male", "Tày"),
    Producer("mai_lap", "HTX Mai Lạp", COOPERATIVE, "02095", "Hoàng Thị Duyên", "female", "Tày"),
    Producer("dinh_tam", "Hộ kinh doanh Đinh Văn Tâm", HOUSEHOLD, "02104", "Đinh Văn Tâm", "male", "Tày"),
    Producer("yen_han", "HTX Yên Hân", COOPERATIVE, "02116", "Lâm Văn Hưng", "male", "Nùng"),
    Producer("quang_chu", "HTX Quảng Chu", COOPERATIVE, "02131", "Nông Văn Bằng", "male", "Tày"),
    Producer("choi_chit", "Tổ hợp tác chổi chít Thanh Mai", GROUP, "02101", "Hà Thị Loan", "female", "Tày"),
    # --- Na Rì (066) --------------------------------------------------------------------------
    Producer("tai_hoan", "HTX Tài Hoan", COOPERATIVE, "02173", source="sonnptnt.backan.gov.vn; nongnghiep.vn"),
    Producer("bao_chau", "HTX Trồng và sản xuất dược liệu Bảo Châu", COOPERATIVE, "02140", source=BAOBACKAN),
    Producer("con_minh", "HTX Nông nghiệp Côn Minh", COOPERATIVE, "02173", "Hoàng Văn Hiếu", "male", "Tày"),
    Producer("hoang_nghia", "Hộ kinh doanh Hoàng Văn Nghĩa", HOUSEHOLD, "02176", "Hoàng Văn Nghĩa", "male", "Tày"),
    Producer("kim_hy", "HTX Kim Hỷ", COOPERATIVE, "02146", "Lương Văn Dũng", "male", "Nùng"),
    Producer("luong_thuong", "HTX Lương Thượng", COOPERATIVE, "02143", "Hà Thị Ngọc", "female", "Tày"),
    Producer("lam_binh", "Hộ kinh doanh Lâm Văn Bình", HOUSEHOLD, "02155", "Lâm Văn Bình", "male", "Nùng"),
    Producer("van_vu", "HTX Dược liệu Văn Vũ", COOPERATIVE, "02137", "Nông Văn Thiện", "male", "Tày"),
    Producer("kim_lu", "Tổ hợp tác thổ cẩm Kim Lư", GROUP, "02158", "Lục Thị Hạnh", "female", "Tày"),
    Producer("son_thanh", "HTX Sơn Thành", COOPERATIVE, "02161", "Hoàng Văn Tường", "male", "Tày"),
    Producer("nong_lan", "Hộ kinh doanh Nông Thị Lan", HOUSEHOLD, "02170", "Nông Thị Lan", "female", "Tày"),
    Producer("dong_xa", "HTX Đổng Xá", COOPERATIVE, "02194", "Triệu Văn Hùng", "male", "Dao"),
    Producer("xuan_duong", "HTX Xuân Dương", COOPERATIVE, "02191", "Lý Thị Nguyệt", "female", "Tày"),
    Producer("ly_mai", "Hộ kinh doanh Lý Thị Mai", HOUSEHOLD, "02197", "Lý Thị Mai", "female", "Tày"),
    Producer("quang_phong", "HTX Quang Phong", COOPERATIVE, "02185", "Hà Văn Bảy", "male", "Tày"),
    Producer("cuong_loi", "HTX Nông nghiệp Cường Lợi", COOPERATIVE, "02152", "Hoàng Thị Mến", "female", "Tày"),
]

PRODUCTS = [
    # --- Thành phố Bắc Kạn ----------------------------------------------------------------------
    Product("curcumin_bac_ha", "Vi-cumax Nano Curcumin", HERBAL, 18, D("82.40")),
    Product("htl", "Trịnh Năng Curcumin", HERBAL, 18, D("78.20")),
    Product("htl", "Trịnh Năng Gừng", HERBAL, 20, D("74.80")),
    Product(
        "nong_san_bac_kan",
        "Tinh nghệ Bắc Kạn",
        HERBAL,
        20,
        D("71.60"),
        "4 sao năm 2018 theo sanphamvungmien.vn; backancity.gov.vn ghi 3 sao.",
    ),
    Product("tan_thanh", "Tinh bột nghệ nếp đỏ Bắc Kạn", HERBAL, 20, D("67.40")),
    Product("tan_dan", "Rượu chuối men lá Mạnh Minh", BEVERAGE, 15, None),
    Product("tan_dan", "Giấm chuối Mạnh Minh", FOOD, 9, None),
    Product("minh_anh", "Nấm sò tươi Minh Anh", FOOD, 1, None, STAR_UNKNOWN),
    Product("kim_ngan", "Mật ong rừng Bắc Kạn", FOOD, 4, None, STAR_UNKNOWN),
    Product("duong_quang", "Lạp sườn gác bếp Dung Dinh", FOOD, 8, None, STAR_UNKNOWN),
    Product("thuc_pham_xanh", "Nem ngựa núi", FOOD, 8, None, STAR_UNKNOWN),
    Product("tam_cuong", "Lạp sườn, thịt treo gác bếp Tám Cương", FOOD, 8, None),
    Product("ha_diep", "Trà nụ vối Hà Diệp", BEVERAGE, 12, D("46.20")),
    Product("hoang_thuy", "Bánh khảo Đức Xuân", FOOD, 6, D("44.60")),
    Product("huyen_tung", "Khoai lang mật Huyền Tụng", FOOD, 1, D("38.40")),
    Product("nong_toan", "Lợn quay mắc mật Nông Toàn", FOOD, 8, D("58.80")),
    Product("thao_moc_song_cau", "Cao giảo cổ lam Sông Cầu", HERBAL, 18, D("47.60")),
    Product("thao_moc_song_cau", "Trà túi lọc giảo cổ lam Sông Cầu", BEVERAGE, 12, None),
    Product("trieu_mai", "Túi thổ cẩm Dao đỏ", TEXTILE, 22, None),
    Product("luc_bao", "Đàn tính Bắc Kạn", SOUVENIR, 21, D("41.20")),
    # --- Pác Nặm ----------------------------------------------------------------------------------
    Product("bang_thanh", "Rượu ngô men lá Bằng Thành", BEVERAGE, 14, D("55.40")),
    Product("nhan_mon", "Gừng tươi Nhạn Môn", FOOD, 1, D("36.80")),
    Product("ban_chan", "Thịt lợn đen Bộc Bố", FOOD, 2, D("42.40")),
    Product("co_linh", "Khăn thổ cẩm Dao Cổ Linh", TEXTILE, 22, D("39.60")),
    Product("xuan_la", "Măng vầu khô Xuân La", FOOD, 7, None),
    Product("xuan_la", "Mật ong rừng Xuân La", FOOD, 4, None),
    Product("ma_chung", "Bánh coóc mò An Thắng", FOOD, 6, None),
    Product("giao_hieu", "Gạo nếp cẩm Giáo Hiệu", FOOD, 3, D("27.40")),
    Product("trieu_sinh", "Thớt gỗ nghiến Nghiên Loan", SOUVENIR, 21, None),
    Product("cao_tan", "Chè Shan tuyết Cao Tân", BEVERAGE, 11, D("53.60")),
    # --- Ba Bể --------------------------------------------------------------------------------------
    Product("hoang_huynh", "Thịt trâu khô Hoàng Huynh", FOOD, 8, D("63.20")),
    Product("hoang_huynh", "Thịt lợn sấy khô Hoàng Huynh", FOOD, 8, D("56.60")),
    Product("dia_linh", "Bí xanh thơm Ba Bể", FOOD, 1, None, STAR_UNKNOWN),
    Product("hoang_thang", "Cá nướng hồ Ba Bể", FOOD, 8, D("57.20")),
    Product("quang_khe", "Hồng không hạt Quảng Khê", FOOD, 1, D("61.40")),
    Product("chu_huong", "Gạo Bao Thai Chu Hương", FOOD, 3, D("45.80")),
    Product("pac_ngoi", "Thổ cẩm Tày Pác Ngòi", TEXTILE, 22, D("43.40")),
    Product("ha_hieu", "Mật ong Hà Hiệu", FOOD, 4, D("48.20")),
    Product("nong_hoa", "Bánh gio Chợ Rã", FOOD, 6, None),
    Product("nong_hoa", "Khau nhục Chợ Rã", FOOD, 8, None),
    Product("my_phuong", "Gà đồi Mỹ Phương", FOOD, 2, D("28.60")),
    Product("dam_hiep", "Rượu thóc men lá Phúc Lộc", BEVERAGE, 14, D("40.80")),
    Product("dong_phuc", "Chè Shan tuyết Đồng Phúc", BEVERAGE, 11, D("54.20")),
    Product("ly_pao", "Dưa mèn Hoàng Trĩ", FOOD, 1, None),
    Product("thuong_giao", "Trà giảo cổ lam Thượng Giáo", BEVERAGE, 12, None),
    Product("ha_lam", "Đàn tính Yến Dương", SOUVENIR, 21, None),
    Product("cao_thuong", "Cam sành Cao Thượng", FOOD, 1, None),
    # --- Ngân Sơn -----------------------------------------------------------------------------------
    Product("khau_nua_lech", "Gạo nếp Khẩu Nua Lếch", FOOD, 3, D("62.60")),
    Product("quynh_nien", "Bún, phở khô Quỳnh Niên", FOOD, 6, D("59.40")),
    Product("hop_phat", "Hạt dẻ Hợp Phát", FOOD, 1, D("52.80")),
    Product("phong_phin", "Măng ớt Phong Phin", FOOD, 7, D("55.80")),
    Product("bang_van", "Chè Shan tuyết Bằng Vân", BEVERAGE, 11, D("51.60")),
    Product("nong_khai", "Thịt lợn hun khói Thượng Ân", FOOD, 8, D("46.80")),
    Product("coc_dan", "Tinh bột dong riềng Cốc Đán", FOOD, 7, D("37.20")),
    Product("trung_hoa", "Khoai môn Trung Hòa", FOOD, 1, None),
    Product("trieu_lien", "Thuốc tắm người Dao Hiệp Lực", HERBAL, 20, D("44.20")),
    Product("ban_quy", "Thớt nghiến Thuần Mang", SOUVENIR, 21, None),
    Product("van_tung", "Mật ong rừng Vân Tùng", FOOD, 4, None),
    # --- Bạch Thông ---------------------------------------------------------------------------------
    Product(
        "thien_an", "Chuối sấy khô Thiên An", FOOD, 7, D("54.60"), "Huyện chọn dự thi cấp tỉnh 2018; hạng sao giả định."
    ),
    Product(
        "huong_ngan", "Tinh dầu sả chanh Hương Ngàn", HERBAL, 20, D("47.40"), "Huyện chọn dự thi 2018; hạng giả định."
    ),
    Product("hop_giang", "Nấm sò Hợp Giang", FOOD, 1, D("45.20"), "Huyện chọn dự thi 2018; hạng giả định."),
    Product("dai_ha", "Măng sấy khô Đại Hà", FOOD, 7, D("52.20"), "Huyện chọn dự thi 2018; hạng giả định."),
    Product("quan_ha", "Trà hoa đu đủ đực Quân Hà", BEVERAGE, 12, None),
    Product("quang_thuan", "Quýt Quang Thuận", FOOD, 1, D("64.80")),
    Product("duong_phong", "Cam sành Dương Phong", FOOD, 1, D("43.80")),
    Product("la_tuan", "Bánh chưng đen Vi Hương", FOOD, 6, D("56.20")),
    Product("si_binh", "Gạo Bao Thai Sĩ Bình", FOOD, 3, D("41.60")),
    Product("vu_muon", "Lạc đỏ Vũ Muộn", FOOD, 3, None),
    Product("luong_nga", "Tương ớt Tân Tú", FOOD, 9, None),
    Product("cam_giang", "Giỏ mây tre đan Cẩm Giàng", SOUVENIR, 21, D("39.20")),
    Product("loc_son", "Rượu men lá Đôn Phong", BEVERAGE, 14, D("26.80")),
    Product("my_thanh", "Hồng không hạt Mỹ Thanh", FOOD, 1, None),
    # --- Chợ Đồn ------------------------------------------------------------------------------------
    Product("thanh_tam", "Rượu men lá Thanh Tâm", BEVERAGE, 14, D("66.40")),
    Product("bang_phuc_ruou", "Rượu men lá Bằng Phúc", BEVERAGE, 14, D("65.80")),
    Product("bang_phuc_che", "Chè Shan tuyết Bằng Phúc", BEVERAGE, 11, D("60.20")),
    Product("bang_phuc_che", "Trà xanh Bằng Phúc", BEVERAGE, 11, D("52.40")),
    Product("phuong_vien", "Gạo Bao Thai Chợ Đồn", FOOD, 3, D("62.20")),
    Product("yen_thuong", "Gạo nếp vải Yên Thượng", FOOD, 3, D("42.80")),
    Product("dong_lac", "Tinh bột nghệ Đồng Lạc", HERBAL, 20, D("45.60")),
    Product("ma_huong", "Bánh khảo Chợ Đồn", FOOD, 6, D("40.20")),
    Product("ma_huong", "Bánh gio Chợ Đồn", FOOD, 6, None),
    Product("nam_cuong", "Hồng không hạt Nam Cường", FOOD, 1, D("58.40")),
    Product("quang_bach", "Thổ cẩm Quảng Bạch", TEXTILE, 22, None),
    Product("hua_kien", "Vịt bầu Lương Bằng", FOOD, 2, D("43.20")),
    Product("xuan_lac", "Chè Shan tuyết Xuân Lạc", BEVERAGE, 11, None),
    Product("ngoc_phai", "Lợn đen Ngọc Phái", FOOD, 2, None),
    Product("duong_manh", "Mật ong Nghĩa Tá", FOOD, 4, D("47.80")),
    Product("lam_san_cho_don", "Sản phẩm gỗ mỹ nghệ Bằng Lãng", SOUVENIR, 21, None),
    Product("yen_my", "Cá chép ruộng Yên Mỹ", FOOD, 2, None),
    Product("ban_thi", "Cao đinh lăng Bản Thi", HERBAL, 18, D("38.80")),
    # --- Chợ Mới ------------------------------------------------------------------------------------
    Product("htx_20_10", "Bún khô Huyền Nga", FOOD, 6, D("60.80")),
    Product("nhu_co", "Trà Như Cố", BEVERAGE, 12, D("59.60")),
    Product("nhu_co", "Trà mướp đắng rừng Như Cố", BEVERAGE, 12, D("55.20")),
    Product("ban_chao", "Trà Shan tuyết Khau Bjooc", BEVERAGE, 11, D("63.60")),
    Product("thanh_dat", "Mật ong rừng nguyên chất Thành Đạt", FOOD, 4, D("57.80")),
    Product("tan_son", "Gạo nếp Tân Sơn", FOOD, 3, None),
    Product("tra_huong", "Trà Shan tuyết Bản Nà", BEVERAGE, 11, None),
    Product("ong_thanh_thinh", "Mật ong Thanh Thịnh", FOOD, 4, None),
    Product("luong_thuy", "Bánh gio Pắc San", FOOD, 6, None),
    Product("ha_sang", "Cơm lam nướng Sáng Lê", FOOD, 6, None),
    Product("nguyen_hung", "Cam ngọt Thanh Mai", FOOD, 1, None),
    Product("thanh_van", "Bưởi Thanh Vận", FOOD, 1, D("42.20")),
    Product("mai_lap", "Măng khô Mai Lạp", FOOD, 7, D("44.80")),
    Product("dinh_tam", "Thịt lợn gác bếp Cao Kỳ", FOOD, 8, D("53.20")),
    Product("yen_han", "Chuối ngự Yên Hân", FOOD, 1, None),
    Product("quang_chu", "Rượu nếp cẩm Quảng Chu", BEVERAGE, 15, D("40.40")),
    Product("choi_chit", "Chổi chít Thanh Mai", SOUVENIR, 21, D("35.60")),
    # --- Na Rì --------------------------------------------------------------------------------------
    Product("tai_hoan", "Miến dong Tài Hoan", FOOD, 6, D("84.60")),
    Product("bao_chau", "Trà Cà gai leo Bảo Châu", HERBAL, 12, None),
    Product("con_minh", "Miến dong Côn Minh", FOOD, 6, D("48.60")),
    Product("hoang_nghia", "Miến dong Cư Lễ", FOOD, 6, D("46.40")),
    Product("kim_hy", "Trám đen Kim Hỷ", FOOD, 1, D("53.80")),
    Product("luong_thuong", "Gạo nếp cái hoa vàng Lương Thượng", FOOD, 3, D("41.80")),
    Product("lam_binh", "Khau nhục Yến Lạc", FOOD, 8, D("57.40")),
    Product("van_vu", "Ba kích tím Văn Vũ", HERBAL, 20, D("43.60")),
    Product("van_vu", "Rượu ba kích Văn Vũ", BEVERAGE, 15, None),
    Product("kim_lu", "Thổ cẩm Tày Kim Lư", TEXTILE, 22, None),
    Product("son_thanh", "Gừng Sơn Thành", FOOD, 1, D("25.60")),
    Product("nong_lan", "Lạp sườn Văn Minh", FOOD, 8, None),
    Product("dong_xa", "Tinh dầu quế Đổng Xá", HERBAL, 20, None),
    Product("xuan_duong", "Rượu ngô Xuân Dương", BEVERAGE, 14, None),
    Product("ly_mai", "Mành trúc Liêm Thủy", SOUVENIR, 21, None),
    Product("quang_phong", "Gà thả đồi Quang Phong", FOOD, 2, None),
    Product("cuong_loi", "Miến dong Cường Lợi", FOOD, 6, D("51.20")),
]

# Organisations commended by UBND tỉnh Bắc Kạn for their 2018 OCOP work (7, as the article says).
COMMENDED = ["tai_hoan", "curcumin_bac_ha", "htl", "nong_san_bac_kan", "hoang_huynh", "nhu_co", "htx_20_10"]
COMMENDATION_DECISION = "2358/QĐ-UBND"  # invented number; the article gives none

# What the catalogue shows for the best-known real products (kept to what their names and §9 say).
DETAILS = {
    "Miến dong Tài Hoan": {
        "description": "Miến dong làm từ tinh bột củ dong riềng của thôn Chè Cọ, xã Côn Minh, huyện Na Rì; "
        "sợi miến dai, màu nâu trong tự nhiên.",
        "raw_materials": "Tinh bột củ dong riềng",
        "packaging": "Túi 500 g, hộp giấy",
        "shelf_life": "12 tháng",
    },
    "Vi-cumax Nano Curcumin": {
        "description": "Thực phẩm bảo vệ sức khỏe chứa curcumin dạng nano chiết xuất từ củ nghệ vàng Bắc Kạn.",
        "raw_materials": "Củ nghệ vàng",
        "packaging": "Lọ 30 viên",
    },
    "Trịnh Năng Curcumin": {
        "description": "Curcumin chiết xuất từ củ nghệ vàng trồng tại Bắc Kạn.",
        "raw_materials": "Củ nghệ vàng",
    },
    "Vicumax Limited Nano Curcumin": {
        "description": "Thực phẩm bảo vệ sức khỏe chứa curcumin dạng nano, dòng sản phẩm cao cấp của Curcumin Bắc Hà.",
        "raw_materials": "Củ nghệ vàng",
    },
    "Vicumax Mật ong Nano Curcumin": {
        "description": "Curcumin dạng nano kết hợp mật ong, của Curcumin Bắc Hà.",
        "raw_materials": "Củ nghệ vàng, mật ong",
    },
    "Tinh nghệ Bắc Kạn": {"description": "Tinh bột nghệ vàng lọc từ củ nghệ Bắc Kạn.", "raw_materials": "Củ nghệ"},
    "Thịt trâu khô Hoàng Huynh": {
        "description": "Thịt trâu tẩm gia vị, sấy khô kiểu gác bếp của người Tày Ba Bể.",
        "raw_materials": "Thịt trâu, mắc khén, gừng, sả",
        "packaging": "Túi hút chân không 250 g và 500 g",
    },
    "Bún khô Huyền Nga": {
        "description": "Bún gạo sấy khô từ gạo của xã Nông Hạ, huyện Chợ Mới.",
        "raw_materials": "Gạo tẻ địa phương",
        "packaging": "Túi 500 g",
        "shelf_life": "12 tháng",
    },
    "Trà Shan tuyết Khau Bjooc": {
        "description": "Chè Shan tuyết từ cây chè cổ thụ vùng núi Khau Bjooc, xã Yên Cư, huyện Chợ Mới.",
        "raw_materials": "Búp chè Shan tuyết",
    },
    "Mật ong rừng nguyên chất Thành Đạt": {
        "description": "Mật ong từ đàn ong nuôi ven rừng tự nhiên xã Nông Hạ.",
        "raw_materials": "Mật ong",
        "packaging": "Chai thủy tinh 500 ml",
    },
    "Gạo nếp Khẩu Nua Lếch": {
        "description": "Gạo nếp giống Khẩu Nua Lếch trồng tại xã Thượng Quan, huyện Ngân Sơn.",
        "raw_materials": "Lúa nếp Khẩu Nua Lếch",
        "packaging": "Túi 2 kg, 5 kg",
    },
    "Rượu men lá Thanh Tâm": {
        "description": "Rượu gạo nấu thủ công bằng men lá truyền thống của xã Bằng Phúc, huyện Chợ Đồn.",
        "raw_materials": "Gạo nếp, men lá rừng",
        "packaging": "Chai thủy tinh 500 ml",
    },
    "Gạo Bao Thai Chợ Đồn": {
        "description": "Gạo giống Bao Thai trồng trên ruộng bậc thang huyện Chợ Đồn; cơm dẻo, thơm.",
        "raw_materials": "Lúa Bao Thai",
        "packaging": "Túi 5 kg",
    },
    "Quýt Quang Thuận": {
        "description": "Quýt trồng tại xã Quang Thuận, huyện Bạch Thông; vỏ mỏng, vị ngọt thanh.",
        "raw_materials": "Quả quýt tươi",
    },
    "Hồng không hạt Quảng Khê": {
        "description": "Hồng không hạt trồng tại xã Quảng Khê, huyện Ba Bể.",
        "raw_materials": "Quả hồng tươi",
    },
}
