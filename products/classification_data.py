"""The product classifications of the OCOP programme as data (ocop.md §2), loaded by a data migration.

Three schemes coexist because a product is classified under the act in force when it was evaluated
(ocop.md §2.5): the six groups of 490/QĐ-TTg (2018), the 1048/QĐ-TTg classification (2019–2022) and
the 148/QĐ-TTg classification (2023), which 26/2026/QĐ-TTg Annex I repeats with the ministries renamed.

The 148-2023 rows are Annex I of 26/2026/QĐ-TTg as transcribed in ``ocop-criteria/26-2026.json``
(``branch``, ``group``, ``subgroup``, ``managing_agency_vi``); a set's name is its sub-group, or its
group where the group has no sub-groups. Only what the sources confirm is loaded for 1048-2019; the
scheme's ``note`` says what is missing, so nobody mistakes the partial list for the full one.

The loader is an upsert on natural keys, so a later migration can call it again after a correction.
"""

import datetime

MAE = "Bộ Nông nghiệp và Môi trường"
MOIT = "Bộ Công Thương"
MOH = "Bộ Y tế"
MCST = "Bộ Văn hóa, Thể thao và Du lịch"

SCHEMES = [
    {
        "code": "2018",
        "name": "Sáu nhóm sản phẩm OCOP 2018 (Quyết định 490/QĐ-TTg)",
        "legal_act": "490/QĐ-TTg ngày 07/5/2018",
        "valid_from": datetime.date(2018, 5, 7),
        "note": "Sáu nhóm sản phẩm của Chương trình OCOP 2018–2020, lưu như sáu ngành, không có nhóm và bộ sản phẩm.",
        "branches": [
            ("1", "Thực phẩm", "Foodstuffs"),
            ("2", "Đồ uống", "Beverages"),
            ("3", "Thảo dược", "Herbal products"),
            ("4", "Vải và may mặc", "Fabric and garments"),
            ("5", "Lưu niệm – nội thất – trang trí", "Souvenirs, furniture, decoration"),
            ("6", "Dịch vụ du lịch nông thôn, bán hàng", "Rural tourism services and sales"),
        ],
        "groups": [],
        "sets": [],
    },
    {
        "code": "1048-2019",
        "name": "Phân loại sản phẩm OCOP theo Quyết định 1048/QĐ-TTg (2019)",
        "legal_act": "1048/QĐ-TTg ngày 21/8/2019; sửa đổi bởi 781/QĐ-TTg ngày 08/6/2020",
        "valid_from": datetime.date(2019, 8, 21),
        "note": (
            "Chưa đầy đủ: văn bản có 6 ngành và 26 bộ sản phẩm, nhưng nguồn tra cứu được chỉ xác nhận 6 ngành, "
            "4 nhóm đầu của ngành Thực phẩm và 9 bộ sản phẩm của các nhóm đó (số thứ tự theo thứ tự nguồn liệt kê). "
            "Chưa nạp vì chưa xác nhận: các phân nhóm của nhóm Gia vị, nhóm Chè, nhóm Cà phê – ca cao và các bộ "
            "sản phẩm của 5 ngành còn lại."
        ),
        "branches": [
            ("1", "Thực phẩm", "Foodstuffs"),
            ("2", "Đồ uống", "Beverages"),
            ("3", "Thảo dược", "Herbal products"),
            ("4", "Vải và may mặc", "Fabric and garments"),
            ("5", "Lưu niệm – nội thất – trang trí", "Souvenirs, furniture, decoration"),
            ("6", "Dịch vụ du lịch nông thôn, bán hàng", "Rural tourism services and sales"),
        ],
        "groups": [
            ("1", "1", "Thực phẩm tươi sống", "Fresh food"),
            ("1", "2", "Thực phẩm thô, sơ chế", "Raw and pre-processed food"),
            ("1", "3", "Thực phẩm chế biến", "Processed food"),
            ("1", "4", "Gia vị", "Seasonings"),
        ],
        "sets": [
            (1, "1", "1", "Rau, củ, quả, hạt tươi", "Fresh vegetables, tubers, fruits, nuts", ""),
            (2, "1", "1", "Thịt, trứng, sữa tươi", "Fresh meat, eggs, milk", ""),
            (3, "1", "2", "Gạo, ngũ cốc", "Rice and cereals", ""),
            (4, "1", "2", "Mật ong, sản phẩm từ mật ong, mật khác", "Honey, honey products and other syrups", ""),
            (5, "1", "3", "Đồ ăn nhanh", "Fast food", ""),
            (6, "1", "3", "Chế biến từ gạo, ngũ cốc", "Processed from rice, cereals", ""),
            (7, "1", "3", "Chế biến từ rau, củ, quả, hạt", "Processed from vegetables, tubers, fruits, nuts", ""),
            (8, "1", "3", "Chế biến từ thịt, trứng, sữa", "Processed from meat, eggs, milk", ""),
            (9, "1", "3", "Chế biến từ thủy sản", "Processed from aquatic products", ""),
        ],
    },
    {
        "code": "148-2023",
        "name": "Phân loại sản phẩm OCOP theo Quyết định 148/QĐ-TTg (2023) và 26/2026/QĐ-TTg",
        "legal_act": "148/QĐ-TTg ngày 24/02/2023; 26/2026/QĐ-TTg ngày 22/5/2026 (Phụ lục I)",
        "valid_from": datetime.date(2023, 2, 24),
        "note": (
            "6 sản phẩm (ngành) → 17 nhóm → 26 bộ sản phẩm theo Phụ lục I Quyết định 26/2026/QĐ-TTg; "
            "cơ quan chủ trì theo 26/2026 (trong 148 là Bộ Nông nghiệp và Phát triển nông thôn)."
        ),
        "branches": [
            ("I", "Thực phẩm", "Food"),
            ("II", "Đồ uống", "Beverages"),
            ("III", "Dược liệu và sản phẩm từ dược liệu", "Medicinal herbs and herbal products"),
            ("IV", "Hàng thủ công mỹ nghệ", "Handicrafts"),
            ("V", "Sinh vật cảnh", "Ornamental plants and animals"),
            (
                "VI",
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                "Community tourism, eco-tourism and tourist sites",
            ),
        ],
        "groups": [
            ("I", "1", "Thực phẩm tươi sống", "Fresh food"),
            ("I", "2", "Thực phẩm thô, sơ chế", "Raw and pre-processed food"),
            ("I", "3", "Thực phẩm chế biến", "Processed food"),
            ("I", "4", "Gia vị", "Seasonings"),
            ("I", "5", "Chè", "Tea"),
            ("I", "6", "Cà phê, ca cao", "Coffee, cocoa"),
            ("II", "1", "Đồ uống có cồn", "Alcoholic drinks"),
            ("II", "2", "Đồ uống không cồn", "Non-alcoholic drinks"),
            (
                "III",
                "1",
                "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
                "Functional foods, herbal and traditional medicines",
            ),
            ("III", "2", "Mỹ phẩm có thành phần từ dược liệu", "Cosmetics with herbal ingredients"),
            ("III", "3", "Tinh dầu và dược liệu khác", "Essential oils and other herbal products"),
            ("IV", "1", "Thủ công mỹ nghệ gia dụng, trang trí", "Household and decorative handicrafts"),
            ("IV", "2", "Vải, may mặc", "Fabrics and garments"),
            ("V", "1", "Hoa", "Flowers"),
            ("V", "2", "Cây cảnh", "Ornamental plants"),
            ("V", "3", "Động vật cảnh", "Ornamental animals"),
            (
                "VI",
                "1",
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                "Community tourism, eco-tourism and tourist sites",
            ),
        ],
        "sets": [
            (1, "I", "1", "Rau, củ, quả, hạt tươi", "Fresh vegetables, tubers, fruits, nuts", MAE),
            (2, "I", "1", "Thịt, thủy sản, trứng, sữa tươi", "Fresh meat, aquatic products, eggs, milk", MAE),
            (3, "I", "2", "Gạo, ngũ cốc, hạt sơ chế khác", "Rice, cereals, other pre-processed grains", MAE),
            (
                4,
                "I",
                "2",
                "Mật ong, mật khác và nông sản thực phẩm khác",
                "Honey, other syrups, other farm foods",
                MAE,
            ),
            (5, "I", "3", "Đồ ăn nhanh", "Fast and convenience food", MOIT),
            (6, "I", "3", "Chế biến từ gạo, ngũ cốc", "Processed from rice, cereals", f"{MAE}; {MOIT}"),
            (7, "I", "3", "Chế biến từ rau, củ, quả, hạt", "Processed from vegetables, tubers, fruits, nuts", MAE),
            (
                8,
                "I",
                "3",
                "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác và nông sản thực phẩm khác",
                "Processed from meat, eggs, milk, aquatic products, honey, other syrups and other farm foods",
                f"{MAE}; {MOIT}",
            ),
            (9, "I", "4", "Tương, nước mắm, gia vị dạng lỏng khác", "Sauces, fish sauce, other liquid seasonings", MAE),
            (10, "I", "4", "Gia vị khác", "Other seasonings (salt, onion, garlic, pepper)", MAE),
            (11, "I", "5", "Chè tươi, chế biến", "Fresh and processed tea", MAE),
            (12, "I", "5", "Sản phẩm chè từ thực vật khác", "Herbal infusions from other plants", MAE),
            (13, "I", "6", "Cà phê, ca cao", "Coffee, cocoa", MAE),
            (14, "II", "1", "Rượu trắng", "White (distilled) spirit", MOIT),
            (15, "II", "1", "Đồ uống có cồn khác", "Other alcoholic drinks", MOIT),
            (
                16,
                "II",
                "2",
                "Nước khoáng thiên nhiên, nước uống đóng chai",
                "Natural mineral water, bottled drinking water",
                MOH,
            ),
            (17, "II", "2", "Đồ uống không cồn", "Other non-alcoholic drinks", MOIT),
            (
                18,
                "III",
                "1",
                "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
                "Functional foods, herbal and traditional medicines",
                MOH,
            ),
            (19, "III", "2", "Mỹ phẩm có thành phần từ dược liệu", "Cosmetics with herbal ingredients", MOH),
            (
                20,
                "III",
                "3",
                "Tinh dầu và dược liệu khác",
                "Essential oils and other herbal products",
                f"{MOH}; {MOIT}",
            ),
            (
                21,
                "IV",
                "1",
                "Thủ công mỹ nghệ gia dụng, trang trí",
                "Household and decorative handicrafts",
                f"{MOIT}; {MAE}",
            ),
            (22, "IV", "2", "Vải, may mặc", "Fabrics and garments", MOIT),
            (23, "V", "1", "Hoa", "Flowers", MAE),
            (24, "V", "2", "Cây cảnh", "Ornamental plants", MAE),
            (25, "V", "3", "Động vật cảnh", "Ornamental animals", MAE),
            (
                26,
                "VI",
                "1",
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                "Community tourism, eco-tourism and tourist sites",
                f"{MCST}; {MAE}",
            ),
        ],
    },
]


def load_classification(scheme_model, branch_model, group_model, set_model):
    """Create or correct every scheme, branch, group and set above; rows not listed are left alone.

    Takes the model classes as arguments so that a migration can pass its historical models.
    """
    for scheme_data in SCHEMES:
        scheme, _ = scheme_model.objects.update_or_create(
            code=scheme_data["code"],
            defaults={key: scheme_data[key] for key in ("name", "legal_act", "valid_from", "note")},
        )
        branches = {}
        for code, name_vi, name_en in scheme_data["branches"]:
            branches[code], _ = branch_model.objects.update_or_create(
                scheme=scheme, code=code, defaults={"name_vi": name_vi, "name_en": name_en}
            )
        groups = {}
        for branch_code, code, name_vi, name_en in scheme_data["groups"]:
            groups[branch_code, code], _ = group_model.objects.update_or_create(
                branch=branches[branch_code], code=code, defaults={"name_vi": name_vi, "name_en": name_en}
            )
        for number, branch_code, group_code, name_vi, name_en, ministry in scheme_data["sets"]:
            set_model.objects.update_or_create(
                group=groups[branch_code, group_code],
                number=number,
                defaults={"name_vi": name_vi, "name_en": name_en, "lead_ministry": ministry},
            )
