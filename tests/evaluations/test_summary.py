"""The year summary: headline figures, breakdowns, plan targets, the command in three formats."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from evaluations import plans, snapshots
from evaluations import summary as summary_module
from evaluations.models import Certificate, Evaluation, SummaryChange, SummarySnapshot, Target
from evaluations.summary import compute_year_summary, resolve_area, year_summary
from organizations.models import AdministrativeUnit, Producer, UnitSuccession
from products.models import Branch
from tests import factories
from tests.evaluations import plan_builders as b

pytestmark = pytest.mark.django_db
D = datetime.date
I = Target.Indicator  # noqa: E741 - reads like the model's own Indicator


@pytest.fixture
def year_2018():
    """A small 2018 in two districts, with the edges the definitions speak of, and a neighbour province."""
    area = factories.bac_kan_tree()
    groups = {branch.code: branch for branch in Branch.objects.filter(scheme__code="2018")}
    food, drinks, herbal = groups["1"], groups["2"], groups["3"]
    coop = factories.producer(area["con_minh"], name="HTX Tài Hoan", legal_form=Producer.LegalForm.COOPERATIVE)
    household = factories.producer(area["con_minh"], name="Hộ Hoàng", legal_form=Producer.LegalForm.HOUSEHOLD)
    company = factories.producer(area["nong_ha"], name="CT Curcumin", legal_form=Producer.LegalForm.ENTERPRISE)
    late = factories.producer(area["nong_ha"], name="HTX 20/10", legal_form=Producer.LegalForm.COOPERATIVE)

    def product(producer, name, group, survey_group=None):
        made = factories.product(producer, name=name, group_2018=group)
        b.survey(made, 2018, survey_group)
        return made

    vermicelli = product(coop, "Miến dong", food)
    noodles = product(coop, "Bún khô", food)
    wine = product(household, "Rượu chuối", drinks)
    curcumin = product(company, "Curcumin", herbal)
    ginger = product(company, "Tinh gừng", herbal)
    product(company, "Tinh dầu", None, survey_group=herbal)  # the group only on the survey entry
    turmeric = product(late, "Tinh nghệ", herbal)
    honey = product(late, "Mật ong", food)

    for made in (vermicelli, noodles, curcumin, ginger, turmeric, honey):
        b.evaluation(made, 2018, final_star=3, outcome=Evaluation.Outcome.RECOGNISED, held_on=D(2018, 11, 20))
    b.evaluation(wine, 2018, final_star=2, outcome=Evaluation.Outcome.NOT_RECOGNISED, held_on=D(2018, 11, 20))
    b.registration(product(late, "Hồ sơ nháp", food), 2018, status="draft")
    b.registration(product(late, "Hồ sơ đã rút", food), 2018, status="withdrawn")

    b.certificate(vermicelli, 4, D(2018, 12, 12))
    b.certificate(noodles, 3, D(2018, 12, 12))
    b.certificate(curcumin, 3, D(2018, 12, 12), revoked_on=D(2019, 5, 1))  # revoked later: still 2018's
    b.supersede(b.certificate(ginger, 3, D(2018, 3, 1)), 4, D(2018, 11, 1))  # twice in 2018: once, as 4★
    b.certificate(turmeric, 3, D(2018, 12, 31))  # the last day counts
    b.certificate(honey, 3, D(2019, 1, 1))  # the next year's

    b.commendation(coop, 2018)
    b.commendation(coop, 2018)
    b.commendation(company, 2018)
    b.commendation(late, 2019)

    neighbour = factories.unit("19", "Thái Nguyên", level="province", unit_type="tinh")
    district = factories.unit("164", "Võ Nhai", level="district", unit_type="huyen", parent=neighbour)
    commune = factories.unit("05443", "La Hiên", level="commune", unit_type="xa", parent=district)
    elsewhere = b.product(commune, name="Chè Thái", group_2018=food)
    b.survey(elsewhere, 2018)
    b.certificate(elsewhere, 3, D(2018, 12, 12))
    return area


def test_headline_figures(year_2018):
    summary = year_summary(year=2018, unit=year_2018["province"])
    assert summary["surveyed"] == {"products": 10, "groups": 3, "organizations": 4}
    assert summary["registered"]["products"] == 7
    assert summary["registered"]["organizations"] == 4
    assert (summary["registered"]["draft"], summary["registered"]["withdrawn"]) == (1, 1)
    assert summary["registered"]["by_type"] == {"first": 7, "upgrade": 0, "re_evaluation": 0}
    assert summary["evaluations"]["total"] == 7
    assert summary["evaluations"]["by_outcome"]["not_recognised"] == 1
    assert summary["recognised"]["4"] == {"products": 2, "organizations": 2}
    assert summary["recognised"]["3"] == {"products": 3, "organizations": 3}
    assert summary["recognised"]["5"] == {"products": 0, "organizations": 0}
    assert summary["recognised"]["total"] == {"products": 5, "organizations": 3}
    assert summary["commended_organizations"] == 2
    assert summary["certificates"] == {"issued": 6, "expired": 0, "revoked": 0, "superseded": 1, "in_force": 5}
    assert summary["as_of"] == D(2018, 12, 31)
    assert summary["plan"] is None and summary["targets"] == []


def test_the_next_year_sees_the_revocation_and_the_1_january_recognition(year_2018):
    summary = year_summary(year=2019, unit=year_2018["province"])
    assert summary["certificates"]["revoked"] == 1
    assert summary["recognised"]["3"] == {"products": 1, "organizations": 1}
    assert summary["commended_organizations"] == 1
    assert year_summary(year=2018, unit=year_2018["province"])["recognised"]["3"]["products"] == 3


def test_district_area_and_user_scope(year_2018):
    na_ri = year_summary(year=2018, unit=year_2018["na_ri"])
    assert na_ri["surveyed"]["products"] == 3
    assert na_ri["recognised"]["4"]["products"] == 1
    staff = factories.user(role="area_staff", unit_obj=year_2018["cho_moi"])
    seen = year_summary(year=2018, unit=year_2018["province"], user=staff)
    assert seen["surveyed"]["products"] == 7
    assert seen["commended_organizations"] == 1


def test_breakdowns_by_district_group_and_legal_form(year_2018):
    breakdowns = year_summary(year=2018, unit=year_2018["province"])["breakdowns"]
    districts = {row["name"]: row for row in breakdowns["district"]}
    assert list(districts) == ["Huyện Chợ Mới", "Huyện Na Rì"]
    assert districts["Huyện Na Rì"] == {
        "key": year_2018["na_ri"].path,
        "name": "Huyện Na Rì",
        "surveyed": 3,
        "registered": 3,
        "evaluated": 3,
        "recognised_3": 1,
        "recognised_4": 1,
        "recognised_5": 0,
        "commended_organizations": 1,
    }
    assert (districts["Huyện Chợ Mới"]["surveyed"], districts["Huyện Chợ Mới"]["recognised_3"]) == (7, 2)
    groups = {row["name"]: row for row in breakdowns["group"]}
    assert {name: row["surveyed"] for name, row in groups.items()} == {
        "Thực phẩm": 5,
        "Đồ uống": 1,
        "Thảo dược": 4,
    }
    assert "commended_organizations" not in groups["Thực phẩm"]
    assert groups["Thảo dược"]["recognised_4"] == 1
    forms = {row["key"]: row for row in breakdowns["legal_form"]}
    assert forms["cooperative"]["surveyed"] == 6
    assert forms["cooperative"]["commended_organizations"] == 1
    assert forms["enterprise"]["recognised_3"] == 1
    assert forms["household"]["recognised_3"] == 0
    assert sum(row["surveyed"] for row in breakdowns["legal_form"]) == 10


def test_plan_targets_with_actuals(year_2018):
    plan = plans.plan_create(
        user=None,
        year=2019,
        unit=year_2018["province"],
        title="Kế hoạch 2019",
        targets=[
            {"indicator": I.ORGANISATIONS_SUPPORTED, "target_min": 10, "target_max": 15},
            {"indicator": I.UPGRADE_3_TO_4, "target_min": 16},
        ],
    )
    noodles = year_2018["con_minh"].products.get(name="Bún khô")
    b.supersede(noodles.certificates.get(), 4, D(2019, 7, 1))
    summary = year_summary(year=2019, unit=year_2018["province"], as_of=D(2019, 12, 31))
    assert summary["plan"]["title"] == "Kế hoạch 2019" and summary["plan"]["status"] == "draft"
    lines = {t["indicator"]: t for t in summary["targets"]}
    areas = lines[I.UPGRADE_3_TO_4].pop("areas")
    assert [(a["unit_name"], a["actual"], a["target_min"], a["status"]) for a in areas] == [
        ("Huyện Chợ Mới", 0, None, None),
        ("Huyện Na Rì", 1, None, None),
    ]
    assert lines[I.UPGRADE_3_TO_4] | {"definition": "…"} == {
        "indicator": "upgrade_3_4",
        "label": "Nâng hạng 3→4 sao",
        "definition": "…",
        "unit": "06",
        "unit_name": "Tỉnh Bắc Kạn",
        "legal_form": "",
        "target_min": 16,
        "target_max": None,
        "actual": 1,
        "percent": 6.3,  # 1/16 rounded half up
        "expected": 16.0,
        "status": "behind",
        "status_label": "Chậm tiến độ",
        "source": "",
        "note": "",
    }
    assert "31/12/2018" in lines[I.UPGRADE_3_TO_4]["definition"]
    assert (lines[I.ORGANISATIONS_SUPPORTED]["target_max"], lines[I.ORGANISATIONS_SUPPORTED]["actual"]) == (15, 0)
    assert plan.pk == summary["plan"]["id"]


def test_query_count_does_not_grow_with_the_products(year_2018, django_assert_max_num_queries):
    """The live computation (a cold store, or any change): a fixed number of aggregate statements."""
    unit = year_2018["province"]
    compute_year_summary(year=2018, unit=unit)
    with django_assert_max_num_queries(30) as small:
        compute_year_summary(year=2018, unit=unit)
    coop = Producer.objects.get(name="HTX Tài Hoan")
    food = Branch.objects.get(scheme__code="2018", code="1")
    for n in range(30):
        made = factories.product(coop, name=f"Sản phẩm thêm {n}", group_2018=food)
        b.survey(made, 2018)
        b.evaluation(made, 2018, final_star=3, outcome=Evaluation.Outcome.RECOGNISED)
        b.certificate(made, 3, D(2018, 12, 12))
    with django_assert_max_num_queries(len(small.captured_queries)):
        summary = compute_year_summary(year=2018, unit=unit)
    assert summary["recognised"]["3"]["products"] == 33
    assert year_summary(year=2018, unit=unit)["recognised"]["3"]["products"] == 33  # the stored one moved on


def test_resolve_area_by_code_path_and_era(year_2018):
    new_bac_kan = factories.unit("06", "Bắc Kạn (mới)", level="province", unit_type="tinh", era="new")
    assert resolve_area("06", 2018) == year_2018["province"]
    assert resolve_area("06", 2026) == new_bac_kan
    assert resolve_area("old/06/", 2026) == year_2018["province"]
    assert resolve_area("066", 2018) == year_2018["na_ri"]
    with pytest.raises(Exception, match="Không có đơn vị hành chính mã “99”"):
        resolve_area("99", 2018)


# --- The command ---------------------------------------------------------------------------------


def test_command_json(year_2018):
    out = io.StringIO()
    call_command("year_summary", "--year", "2018", "--area", "06", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["surveyed"] == {"products": 10, "groups": 3, "organizations": 4}
    assert data["recognised"]["4"] == {"products": 2, "organizations": 2}
    assert data["as_of"] == "2018-12-31"
    assert "Huyện Chợ Mới" in out.getvalue()  # Vietnamese as such, not \u escapes


def test_command_xlsx(year_2018, tmp_path):
    target = tmp_path / "tong-ket-2018.xlsx"
    call_command("year_summary", "--year", "2018", "--area", "06", "--format", "xlsx", "--output", str(target))
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Kế hoạch",
        "Kế hoạch theo địa bàn",
        "Theo huyện",
        "Theo nhóm sản phẩm",
        "Theo loại hình",
        "Cách tính",
    ]
    summary = {(row[0], row[1]): row[2] for row in workbook["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary[("Điều tra", "Sản phẩm")] == 10
    assert summary[("Công nhận 4 sao", "Tổ chức")] == 2
    assert summary[("Khen thưởng", "Tổ chức được khen thưởng")] == 2
    districts = list(workbook["Theo huyện"].iter_rows(values_only=True))
    assert districts[0][:3] == ("Tên", "Sản phẩm điều tra", "Sản phẩm đăng ký")
    assert districts[2][:2] == ("Huyện Na Rì", 3)
    assert workbook["Tổng hợp"]["C1"].value == "Tỉnh Bắc Kạn — năm 2018"
    assert "Quy ước chung" in [row[0] for row in workbook["Cách tính"].iter_rows(values_only=True)]


def test_command_csv(year_2018, tmp_path):
    target = tmp_path / "tong-ket.csv"
    call_command("year_summary", "--year", "2018", "--area", "06", "--format", "csv", "--output", str(target))
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Phần", "Dòng", "Chỉ số", "Giá trị"]
    assert ["Tổng hợp", "Điều tra", "Sản phẩm", "10"] in rows
    assert ["Theo huyện", "Huyện Na Rì", "Sản phẩm 4 sao", "1"] in rows


def test_command_bad_input(year_2018):
    with pytest.raises(CommandError, match="Không có đơn vị hành chính"):
        call_command("year_summary", "--year", "2018", "--area", "99")
    with pytest.raises(CommandError, match="xlsx cần --output"):
        call_command("year_summary", "--year", "2018", "--area", "06", "--format", "xlsx")
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("year_summary", "--year", "2018", "--area", "06", "--as-of", "31/13/2018")


# --- Stored figures --------------------------------------------------------------------------------


def test_stored_summary_is_the_computed_one_in_one_query(year_2018, django_assert_num_queries):
    unit = year_2018["province"]
    first = year_summary(year=2018, unit=unit)
    with django_assert_num_queries(1):  # the stored figures and the data version, in one statement
        again = year_summary(year=2018, unit=unit)
    assert again == first == compute_year_summary(year=2018, unit=unit)  # dates are dates again
    assert SummarySnapshot.objects.get().kind == "summary"


def _revoke_in_2018(area):
    Certificate.objects.filter(product__name="Miến dong").update(revoked_on=D(2018, 12, 20))


def _move_to_the_neighbour(area):
    with connection.cursor() as cursor:  # raw SQL: no service, no signal, the trigger still sees it
        cursor.execute(
            "UPDATE products_product SET origin_commune_id = %s WHERE name = %s",
            [AdministrativeUnit.objects.get(code="05443").pk, "Miến dong"],
        )


def _rename_a_group(area):
    Branch.objects.filter(scheme__code="2018", code="1").update(name_vi="Thực phẩm (sửa)")


def _change_a_legal_form(area):
    Producer.objects.filter(name="HTX Tài Hoan").update(legal_form=Producer.LegalForm.ENTERPRISE)


@pytest.mark.parametrize(
    ("write", "figure"),
    [
        (_revoke_in_2018, lambda s: s["certificates"]["revoked"]),
        (_move_to_the_neighbour, lambda s: s["surveyed"]["products"]),
        (_rename_a_group, lambda s: [row["name"] for row in s["breakdowns"]["group"]]),
        (_change_a_legal_form, lambda s: {row["key"]: row["surveyed"] for row in s["breakdowns"]["legal_form"]}),
    ],
    ids=["revocation", "raw-sql-move", "group-label", "legal-form"],
)
def test_any_counted_write_moves_the_stored_figures_on(year_2018, write, figure):
    unit = year_2018["province"]
    before = year_summary(year=2018, unit=unit)
    write(year_2018)
    after = year_summary(year=2018, unit=unit)
    assert figure(after) != figure(before)
    assert after == compute_year_summary(year=2018, unit=unit)


def test_a_new_succession_brings_its_records_in(year_2018):
    new = factories.unit("19", "Thái Nguyên (mới)", level="province", unit_type="tinh", era="new")
    commune = factories.unit("05444", "Xã mới", level="commune", unit_type="xa", parent=new, era="new")
    b.survey(b.product(commune, name="Chè xã mới"), 2018)
    unit = year_2018["province"]
    before = year_summary(year=2018, unit=unit)["surveyed"]["products"]
    UnitSuccession.objects.create(predecessor=year_2018["con_minh"], successor=commune, effective_on=D(2025, 7, 1))
    unit = AdministrativeUnit.objects.get(pk=unit.pk)  # a unit object keeps its area for a request
    assert year_summary(year=2018, unit=unit)["surveyed"]["products"] == before + 1


def test_a_write_during_the_computation_is_not_hidden(year_2018, monkeypatch):
    """The version is read before the figures: a write that lands meanwhile makes the next reader recompute."""
    unit = year_2018["province"]
    computed = summary_module.compute_year_summary

    def racing(**options):
        result = computed(**options)
        b.certificate(b.product(year_2018["con_minh"], name="Mới"), 3, D(2018, 12, 30))
        return result

    monkeypatch.setattr(summary_module, "compute_year_summary", racing)
    stale = year_summary(year=2018, unit=unit)
    monkeypatch.undo()
    assert year_summary(year=2018, unit=unit)["recognised"]["3"]["products"] == stale["recognised"]["3"]["products"] + 1


def test_each_scope_has_its_own_figures(year_2018):
    unit = year_2018["province"]
    officer = factories.user(role="officer", unit_obj=unit)
    staff = factories.user(role="area_staff", unit_obj=year_2018["cho_moi"])
    assert year_summary(year=2018, unit=unit, user=officer)["surveyed"]["products"] == 10
    assert year_summary(year=2018, unit=unit, user=staff)["surveyed"]["products"] == 7
    assert year_summary(year=2018, unit=unit, user=officer)["surveyed"]["products"] == 10
    assert SummarySnapshot.objects.count() == 2


def test_a_load_with_triggers_off_must_invalidate(year_2018):
    """What bench/generate.py does: rows written in replica mode move nothing until ``invalidate()``."""
    unit = year_2018["province"]
    year_summary(year=2018, unit=unit)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM organizations_commendation")
        cursor.execute("SET LOCAL session_replication_role = origin")
    assert year_summary(year=2018, unit=unit)["commended_organizations"] == 2  # the trigger did not fire
    snapshots.invalidate()
    assert year_summary(year=2018, unit=unit)["commended_organizations"] == 0


def test_compacting_the_change_log_keeps_the_version(year_2018):
    for _ in range(5):
        snapshots.invalidate()
    year_summary(year=2018, unit=year_2018["province"])
    for _ in range(3):
        SummaryChange.objects.create(weight=0)  # rows that do not move the version, to fold
    version = SummaryChange.objects.aggregate(n=Sum("weight"))["n"]
    snapshots.compact()
    assert SummaryChange.objects.aggregate(n=Sum("weight"))["n"] == version
    assert SummaryChange.objects.count() == 2  # the newest row and the folded rest
    with CaptureQueriesContext(connection) as queries:
        year_summary(year=2018, unit=year_2018["province"])
    assert len(queries) == 1  # still served: the version did not move
