"""The whole programme cycle in a real browser, each person in their own browser session.

District staff register a new product with its dossier and submit it; an officer accepts it and
puts it before a council; two members score it and the chair finalises; the officer issues the
certificate; the product then shows its star in the public catalogue.
"""

import re

import pytest
from playwright.sync_api import expect

from evaluations.models import Council, CouncilMember
from organizations.models import IssuingAuthority
from products.models import Registration
from tests import factories
from tests.evaluations.conftest import load_small_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKS = {"1.1": "30", "1.2": "8", "4.1": "20", "6.1": "20"}  # 78 points: 4★, every minimum met


@pytest.fixture
def world():
    area = factories.bac_kan_tree()
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=area["province"])
    sheet = load_small_version()
    council = Council.objects.create(
        name="Hội đồng OCOP tỉnh 2026",
        level="province",
        era="2025",
        unit=area["province"],
        authority=authority,
        year=2026,
        recognisable_stars=[3, 4],
    )
    for username, role in (("council_1", "chair"), ("council_2", "member")):
        account = factories.user(username, role="council_member", unit_obj=area["province"])
        CouncilMember.objects.create(council=council, user=account, full_name=username, role=role)
    factories.user("officer", role="officer", unit_obj=area["province"])
    factories.user("staff_nari", role="area_staff", unit_obj=area["na_ri"])
    factories.user("staff_chomoi", role="area_staff", unit_obj=area["cho_moi"])
    return {"area": area, "sheet": sheet, "council": council}


def score(page, live_server, marks):
    page.goto(f"{live_server.url}/my/sessions/")
    page.get_by_role("link", name="Chấm điểm", exact=True).first.click()
    for code, points in marks.items():
        criterion = page.locator("fieldset.criterion", has=page.locator("legend", has_text=re.compile(f"^{code} ")))
        criterion.locator(f"input[type=radio][data-points='{points}']").check()
    expect(page.locator("[data-total]")).to_have_text("78")
    expect(page.locator("[data-final-star]")).to_have_text("4 sao")
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.locator(".messages")).to_contain_text("Đã nộp phiếu chấm: 78")


def test_register_accept_score_finalise_certify_then_catalogue(people, live_server, world, tmp_path):
    area = world["area"]
    form_pdf = tmp_path / "mau-01.pdf"
    form_pdf.write_bytes(factories.pdf_bytes())

    # District staff: producer → product → registration → dossier → submit.
    staff = people("staff_nari")
    staff.goto(f"{live_server.url}/area/register/")
    staff.get_by_role("link", name="Thêm chủ thể mới").click()
    staff.get_by_label("Tên chủ thể").fill("HTX Miến dong Côn Minh")
    staff.get_by_label("Loại hình").select_option("cooperative")
    staff.get_by_label("Xã/phường").select_option(str(area["con_minh"].pk))
    staff.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(staff.locator("h2")).to_contain_text("Bước 2")
    staff.get_by_role("link", name="Thêm sản phẩm mới").click()
    staff.get_by_label("Tên sản phẩm").fill("Miến dong Côn Minh")
    staff.get_by_label("Bộ sản phẩm").select_option(str(world["sheet"].product_set_id))
    staff.get_by_role("button", name="Lưu và tiếp tục").click()
    staff.get_by_role("button", name="Tạo hồ sơ").click()
    expect(staff.locator("#missing-summary")).to_contain_text("Còn thiếu 2 tài liệu bắt buộc")
    for label in ("Mẫu 01", "Mẫu 02"):
        item = staff.locator(".checklist > li", has_text=label).first
        item.locator("input[type=file]").set_input_files(str(form_pdf))
        item.get_by_role("button", name="Tải lên").click()
        staff.wait_for_load_state("load")
        expect(staff.locator(".checklist > li", has_text=label).first.locator(".mark.done")).to_be_visible()
    expect(staff.locator("#missing-summary")).to_have_count(0)
    staff.get_by_role("button", name="Nộp hồ sơ").click()
    expect(staff.locator(".page-head .badge")).to_have_text("Đã nộp")

    # Officer: accept from the review queue, then open the council's session.
    officer = people("officer")
    officer.goto(f"{live_server.url}/review/")
    officer.get_by_role("link", name="Miến dong Côn Minh").click()
    officer.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(officer.locator(".messages")).to_contain_text("Đã tiếp nhận hồ sơ.")
    registration = Registration.objects.get(product__name="Miến dong Côn Minh")
    assert registration.status == "accepted"
    officer.goto(f"{live_server.url}/officer/councils/{world['council'].pk}/")
    officer.get_by_label("Hồ sơ đã tiếp nhận").select_option(str(registration.pk))
    officer.get_by_role("button", name="Mở phiên đánh giá").click()
    expect(officer.locator(".messages")).to_contain_text("Đã mở phiên đánh giá")

    # Two council members score; the chair finalises.
    member = people("council_2")
    score(member, live_server, MARKS)
    chair = people("council_1")
    score(chair, live_server, MARKS)
    chair.goto(f"{live_server.url}/my/sessions/")
    chair.get_by_role("link", name="Kết quả").first.click()
    chair.get_by_role("button", name="Hoàn tất kết quả").click()
    expect(chair.locator(".messages")).to_contain_text("Được công nhận")

    # Officer issues the certificate; it prints with the QR code of the product page.
    officer.reload()
    officer.goto(chair.url)
    officer.get_by_label("Số quyết định công nhận").fill("88/QĐ-UBND")
    officer.get_by_role("button", name="Cấp giấy chứng nhận").click()
    expect(officer.locator(".certificate .product-name")).to_have_text("Miến dong Côn Minh")
    expect(officer.locator(".certificate .qr svg")).to_be_visible()

    # The public catalogue shows the product with its four stars.
    public = people()
    public.goto(f"{live_server.url}/catalogue/?q=mien+dong+con+minh")
    card = public.locator(".product-card", has_text="Miến dong Côn Minh")
    expect(card).to_have_count(1)
    expect(card.locator(".stars")).to_have_attribute("aria-label", "4 sao")
    assert people.errors == []


def test_a_district_users_pages_never_show_another_districts_drafts(people, live_server, world):
    area = world["area"]
    other = factories.registration(
        factories.product(factories.producer(area["nong_ha"], name="HTX Nông Hạ"), name="Nháp Chợ Mới")
    )
    own = factories.registration(factories.product(factories.producer(area["con_minh"]), name="Nháp Na Rì"))
    page = people("staff_nari")
    for path in ("/area/registrations/", "/area/products/", "/area/producers/", "/dashboard/", "/area/register/"):
        page.goto(f"{live_server.url}{path}")
        assert "Nháp Chợ Mới" not in page.content()
        assert "HTX Nông Hạ" not in page.content()
    page.goto(f"{live_server.url}/area/registrations/")
    expect(page.get_by_role("link", name="Nháp Na Rì")).to_be_visible()
    response = page.goto(f"{live_server.url}/registrations/{other.pk}/")
    assert response.status == 404
    assert page.goto(f"{live_server.url}/registrations/{own.pk}/").status == 200
    assert [error for error in people.errors if "404" not in error] == []
