"""Plans with their progress, the dashboard's progress bars, and the year summary with its export."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from evaluations.models import Target, YearlyPlan
from tests import factories
from tests.pages.conftest import recognise

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(area):
    plan = YearlyPlan.objects.create(year=timezone.localdate().year, unit=area["province"], title="Kế hoạch OCOP năm")
    Target.objects.create(
        plan=plan, indicator=Target.Indicator.NEW_PRODUCTS_3_STAR, unit=area["province"], target_min=4
    )
    return plan


@pytest.fixture
def officer(area):
    return factories.user("officer", role="officer", unit_obj=area["province"])


def test_plan_page_shows_targets_with_progress(client, plan, officer, mien_dong):
    client.force_login(officer)
    assert plan.title in client.get("/officer/plans/").content.decode()
    response = client.get(f"/officer/plans/{plan.pk}/")
    assert response.status_code == 200
    (line,) = response.context["progress"]
    assert line.target_min == 4
    content = response.content.decode()
    assert "<progress" in content and "Sản phẩm mới đạt từ 3 sao" in content


def test_dashboard_shows_the_current_plans_progress(client, plan, officer):
    client.force_login(officer)
    response = client.get("/dashboard/")
    assert response.context["plan"] == plan
    assert "Chỉ tiêu và thực hiện" in response.content.decode()


def test_year_summary_page_and_its_exports(client, officer, area, authority, mien_dong):
    client.force_login(officer)
    year = timezone.localdate().year
    response = client.get("/officer/summary/", {"year": year, "area": "06"})
    assert response.status_code == 200
    assert response.context["summary"]["recognised"]["5"]["products"] == 1
    xlsx = client.get("/officer/summary/", {"year": year, "area": "06", "format": "xlsx"})
    assert xlsx["Content-Disposition"] == f'attachment; filename="bao-cao-ocop-06-{year}.xlsx"'
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "Tổng hợp" in workbook.sheetnames
    csv = client.get("/officer/summary/", {"year": year, "area": "06", "format": "csv"})
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.startswith("Phần,Dòng,Chỉ số,Giá trị")


def test_unknown_area_is_a_clear_message(client, officer):
    client.force_login(officer)
    response = client.get("/officer/summary/", {"year": 2018, "area": "99999"})
    assert response.status_code == 200
    assert "Không có đơn vị hành chính" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "0"}, "Năm phải là số nguyên từ 2000 đến 2100."),
        ({"year": "-1"}, "Năm phải là số nguyên từ 2000 đến 2100."),
        ({"year": "99999999999999999999"}, "Năm phải là số nguyên từ 2000 đến 2100."),
        ({"year": "abc"}, "Năm phải là số nguyên từ 2000 đến 2100."),
        ({"area": "06\x00"}, "Mã địa bàn chứa ký tự không hợp lệ."),
    ],
)
def test_a_bad_year_or_area_is_a_clear_message(client, officer, query, message):
    client.force_login(officer)
    response = client.get("/officer/summary/", query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["summary"] is None


def test_reports_are_for_officers(client, area):
    client.force_login(factories.user(role="area_staff", unit_obj=area["na_ri"]))
    assert client.get("/officer/summary/").status_code == 404
    assert client.get("/officer/plans/").status_code == 404


def test_district_dashboard_counts_their_recognised_products(client, area, authority, mien_dong):
    recognise(factories.product(mien_dong.producer, name="Rượu"), star=3, authority=authority)
    client.force_login(factories.user(role="area_staff", unit_obj=area["na_ri"]))
    assert client.get("/dashboard/").context["figures"]["recognised"] == 2
