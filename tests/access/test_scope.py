"""Scopes across the 1/7/2025 reform: a unit's subtree plus the units that preceded or succeeded it."""

import datetime

import pytest

from evaluations.models import YearlyPlan
from organizations import access
from organizations.models import AdministrativeUnit, Producer, StaffAssignment, UnitSuccession
from tests import factories
from tests.conftest import role_user

pytestmark = pytest.mark.django_db
Role = StaffAssignment.Role
REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def reform(bac_kan):
    """New Thái Nguyên (19): Côn Minh (Na Rì) → xã Na Rì mới, Nông Hạ (Chợ Mới) → xã Chợ Mới mới.

    Na Rì keeps an old commune (Cư Lễ) that went elsewhere, and new Thái Nguyên has a commune that
    came from old Thái Nguyên: neither old Na Rì nor new Thái Nguyên is wholly the other's.
    """
    thai_nguyen = factories.unit("19", "Thái Nguyên", level="province", unit_type="tinh", era="new")
    new_na_ri = factories.unit("05443", "Na Rì", level="commune", unit_type="xa", parent=thai_nguyen, era="new")
    new_cho_moi = factories.unit("05440", "Chợ Mới", level="commune", unit_type="xa", parent=thai_nguyen, era="new")
    factories.unit("05500", "Phú Lương", level="commune", unit_type="xa", parent=thai_nguyen, era="new")
    cu_le = factories.unit("02176", "Cư Lễ", level="commune", unit_type="xa", parent=bac_kan["na_ri"])
    link(bac_kan["con_minh"], new_na_ri)
    link(bac_kan["nong_ha"], new_cho_moi)
    return {**bac_kan, "thai_nguyen": thai_nguyen, "new_na_ri": new_na_ri, "new_cho_moi": new_cho_moi, "cu_le": cu_le}


def link(old, new):
    UnitSuccession.objects.create(predecessor=old, successor=new, legal_act="1683/NQ-UBTVQH15", effective_on=REFORM)


def test_a_unit_without_successions_is_its_subtree(bac_kan):
    assert access.scope_paths(bac_kan["na_ri"]) == ("old/06/066/",)


def test_an_old_district_covers_the_new_communes_that_succeeded_its_communes(reform):
    assert access.scope_paths(reform["na_ri"]) == ("new/19/05443/", "old/06/066/")


def test_an_old_province_covers_every_successor_of_its_communes(reform):
    assert access.scope_paths(reform["province"]) == ("new/19/05440/", "new/19/05443/", "old/06/")


def test_a_new_province_covers_the_old_units_wholly_merged_into_it(reform):
    # Chợ Mới's only commune went to Thái Nguyên: old Chợ Mới (with its district records) comes along;
    # Na Rì's Cư Lễ did not, so only Côn Minh does.
    assert access.scope_paths(reform["thai_nguyen"]) == ("new/19/", "old/06/065/", "old/06/066/02173/")


def test_rolls_up_to_the_old_province_once_every_commune_is_linked(reform):
    link(reform["cu_le"], reform["new_na_ri"])
    assert access.scope_paths(reform["thai_nguyen"]) == ("new/19/", "old/06/")


def test_a_new_commune_covers_the_old_communes_merged_into_it(reform):
    assert access.scope_paths(reform["new_na_ri"]) == ("new/19/05443/", "old/06/066/02173/")


def test_ancestors_are_the_units_above_the_scope():
    scope = access.Scope(role=Role.AREA_STAFF, view=("old/06/066/02173/", "new/19/05443/"))
    assert scope.ancestors == ("new/19/", "old/06/", "old/06/066/")


def test_district_staff_follow_their_communes_into_the_new_era(reform):
    staff = role_user(Role.AREA_STAFF, reform["na_ri"])
    neighbour = role_user(Role.AREA_STAFF, reform["cho_moi"])
    old_record = factories.producer(reform["con_minh"])
    new_record = factories.producer(reform["new_na_ri"])
    elsewhere = factories.producer(reform["new_cho_moi"])
    assert set(Producer.objects.editable_by(staff)) == {old_record, new_record}
    assert set(Producer.objects.visible_to(neighbour)) == {elsewhere}


def test_officers_of_the_old_and_the_new_province_see_both_eras(reform):
    old_officer = role_user(Role.OFFICER, reform["province"])
    new_officer = role_user(Role.OFFICER, reform["thai_nguyen"])
    records = {factories.producer(reform[key]) for key in ("con_minh", "nong_ha", "new_na_ri", "new_cho_moi")}
    for officer in (old_officer, new_officer):
        assert set(Producer.objects.visible_to(officer)) == records
    link(reform["cu_le"], reform["new_na_ri"])  # the whole of old Bắc Kạn went into Thái Nguyên
    plan_2019 = YearlyPlan.objects.create(year=2019, unit=reform["province"], title="Kế hoạch OCOP 2019")
    new_officer = role_user(Role.OFFICER, reform["thai_nguyen"])
    assert list(YearlyPlan.objects.visible_to(new_officer)) == [plan_2019]


def test_an_officer_of_another_province_sees_none_of_it(reform):
    cao_bang = factories.unit("04", "Cao Bằng", level="province", unit_type="tinh")
    officer = role_user(Role.OFFICER, cao_bang)
    factories.producer(reform["con_minh"])
    assert not Producer.objects.visible_to(officer).exists()
    assert not AdministrativeUnit.objects.editable_by(officer).filter(path__startswith="old/06/").exists()


def test_a_wider_view_unit_widens_what_staff_see_not_what_they_change(bac_kan):
    staff = role_user(Role.AREA_STAFF, bac_kan["na_ri"], view_unit=bac_kan["province"])
    own, neighbours = factories.producer(bac_kan["con_minh"]), factories.producer(bac_kan["nong_ha"])
    assert set(Producer.objects.visible_to(staff)) == {own, neighbours}
    assert list(Producer.objects.editable_by(staff)) == [own]


def test_units_everyone_sees_and_the_edit_scope_a_form_offers(bac_kan):
    staff = role_user(Role.AREA_STAFF, bac_kan["na_ri"])
    assert AdministrativeUnit.objects.visible_to(staff).count() == AdministrativeUnit.objects.count()
    assert set(AdministrativeUnit.objects.editable_by(staff)) == {bac_kan["na_ri"], bac_kan["con_minh"]}
    assert set(AdministrativeUnit.objects.in_scope_of(staff, view=True)) == {bac_kan["na_ri"], bac_kan["con_minh"]}


def test_scope_queries_stay_constant_whatever_the_size_of_the_province(reform, django_assert_max_num_queries):
    for code in range(100, 160):
        old = factories.unit(f"02{code}", f"Xã {code}", level="commune", unit_type="xa", parent=reform["na_ri"])
        new = factories.unit(
            f"05{code}", f"Xã mới {code}", level="commune", unit_type="xa", parent=reform["thai_nguyen"]
        )
        link(old, new)
    officer = role_user(Role.OFFICER, reform["thai_nguyen"])
    with django_assert_max_num_queries(6):  # assignment, successions, roll-up per level, the list
        list(Producer.objects.visible_to(officer))
