"""Administrative units of both eras loaded from vietnam-provinces, their successions and subtrees."""

import datetime
import io
import time

import pytest
from django.core.management import CommandError, call_command

from organizations import unit_loader
from organizations.models import AdministrativeUnit, Producer, UnitSuccession
from tests import factories

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_units", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bac_kan():
    load("--province", "06")


def old(code):
    return AdministrativeUnit.objects.get(era="old", code=code)


def new(code):
    return AdministrativeUnit.objects.get(era="new", code=code)


def test_bac_kan_has_exactly_its_8_district_level_units(bac_kan):
    districts = old("06").children.order_by("code")
    assert [(d.code, str(d)) for d in districts] == [
        ("058", "Thành phố Bắc Kạn"),
        ("060", "Huyện Pác Nặm"),
        ("061", "Huyện Ba Bể"),
        ("062", "Huyện Ngân Sơn"),
        ("063", "Huyện Bạch Thông"),
        ("064", "Huyện Chợ Đồn"),
        ("065", "Huyện Chợ Mới"),
        ("066", "Huyện Na Rì"),
    ]
    assert {d.level for d in districts} == {"district"}
    assert AdministrativeUnit.objects.subtree(old("06")).filter(level="commune").count() == 108


def test_old_units_end_on_30_6_2025_and_new_ones_start_on_1_7_2025(bac_kan):
    assert set(AdministrativeUnit.objects.filter(era="old").values_list("valid_from", "valid_to")) == {
        (None, datetime.date(2025, 6, 30))
    }
    assert set(AdministrativeUnit.objects.filter(era="new").values_list("valid_from", "valid_to")) == {
        (datetime.date(2025, 7, 1), None)
    }


def test_thai_nguyen_new_has_its_92_communes_77_xa_and_15_phuong(bac_kan):
    thai_nguyen = new("19")
    assert str(thai_nguyen) == "Tỉnh Thái Nguyên"
    communes = AdministrativeUnit.objects.subtree(thai_nguyen).filter(level="commune")
    assert communes.count() == 92
    assert communes.filter(unit_type="xa").count() == 77
    assert communes.filter(unit_type="phuong").count() == 15
    assert not AdministrativeUnit.objects.filter(era="new", level="district").exists()


def test_an_old_commune_has_its_successor_with_the_legal_act(bac_kan):
    con_minh = old("02173")
    assert (str(con_minh), con_minh.path) == ("Xã Côn Minh", "old/06/066/02173/")
    succession = con_minh.successions.get()
    assert succession.successor.path == "new/19/02185/"
    assert str(succession.successor) == "Xã Côn Minh"
    assert succession.legal_act == "Nghị quyết 1683/NQ-UBTVQH15"
    assert succession.effective_on == datetime.date(2025, 7, 1)
    # a merged commune: Nông Hạ (Chợ Mới) went into the new Thanh Thịnh commune
    assert [str(s.successor) for s in old("02107").successions.all()] == ["Xã Thanh Thịnh"]


def test_bac_kan_province_succeeded_by_thai_nguyen(bac_kan):
    succession = UnitSuccession.objects.get(predecessor=old("06"))
    assert succession.successor == new("19")
    assert succession.legal_act == "Nghị quyết 202/2025/QH15 ngày 12/6/2025"


def test_every_old_bac_kan_commune_has_a_successor(bac_kan):
    communes = AdministrativeUnit.objects.filter(path__startswith="old/06/", level="commune")
    assert communes.count() > 100
    assert not communes.filter(successions__isnull=True).exists()


def test_subtree_is_the_unit_and_everything_under_it(bac_kan):
    na_ri = old("066")
    subtree = AdministrativeUnit.objects.subtree(na_ri)
    expected_communes = sum(1 for w in unit_loader.legacy.Ward.iter_all() if w.district_code.value == 66)
    assert subtree.count() == 1 + expected_communes
    assert set(subtree.values_list("parent__code", flat=True)) == {"06", "066"}
    # the path prefix does not leak into a sibling whose code starts alike
    assert not subtree.filter(path__startswith="old/06/065/").exists()


def test_scoped_records_follow_the_subtree(bac_kan):
    in_na_ri = factories.producer(old("02173"))
    factories.producer(old("02107"))  # Chợ Mới
    assert list(Producer.objects.in_areas([old("066").path])) == [in_na_ri]
    assert Producer.objects.in_areas([old("06").path]).count() == 2


def test_loading_twice_changes_nothing(bac_kan):
    before = list(AdministrativeUnit.objects.values_list("id", "path", "name", "parent_id"))
    output = load("--province", "06")
    assert "Đơn vị: 0 tạo mới, 0 cập nhật, 210 không đổi" in output
    assert "Sắp xếp cũ → mới: 0 tạo mới, 0 cập nhật" in output
    assert list(AdministrativeUnit.objects.values_list("id", "path", "name", "parent_id")) == before


def test_a_changed_name_is_put_back_and_counted(bac_kan):
    AdministrativeUnit.objects.filter(era="old", code="066").update(name="Na Ri")
    output = load("--province", "06")
    assert "0 tạo mới, 1 cập nhật" in output
    assert old("066").name == "Na Rì"


def test_loading_a_province_makes_a_constant_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        report = unit_loader.load_units(old_provinces={"06"}, new_provinces={"19"})
    assert report.units["created"] == 1 + 8 + 108 + 1 + 92


def test_new_code_loads_the_new_province_and_all_its_sources():
    assert unit_loader.provinces_for("19") == ({"06", "19"}, {"19"})
    assert unit_loader.provinces_for("6") == ({"06"}, {"19"})


def test_unknown_province_is_a_clear_error():
    with pytest.raises(CommandError, match="Không có tỉnh mã 99"):
        load("--province", "99")


def test_central_city_reads_as_people_write_it():
    hanoi = AdministrativeUnit(era="new", code="01", name="Hà Nội", level="province", unit_type="thanh_pho_tw")
    assert str(hanoi) == "Thành phố Hà Nội"


def test_whole_country_both_eras_in_well_under_a_minute():
    started = time.monotonic()
    load()
    elapsed = time.monotonic() - started
    counts = {
        (era, level): AdministrativeUnit.objects.filter(era=era, level=level).count()
        for era, level in [("old", "province"), ("old", "district"), ("old", "commune")]
        + [("new", "province"), ("new", "commune")]
    }
    assert counts == {
        ("old", "province"): 63,
        ("old", "district"): 696,
        ("old", "commune"): 10051,
        ("new", "province"): 34,
        ("new", "commune"): 3321,
    }
    assert elapsed < 30
    assert "0 tạo mới, 0 cập nhật, 14165 không đổi" in load()
