"""Reads on units and producers: the province's areas, successors across the reform, list rows."""

import io

import pytest
from django.core.management import call_command

from organizations import selectors
from organizations.models import AdministrativeUnit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def bac_kan():
    call_command("load_units", "--province", "06", stdout=io.StringIO())


def unit(era, code):
    return AdministrativeUnit.objects.get(era=era, code=code)


def test_home_areas_are_the_8_old_districts_then_the_new_province(bac_kan, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        areas = selectors.home_areas("06")
    assert [str(a) for a in areas] == [
        "Thành phố Bắc Kạn",
        "Huyện Pác Nặm",
        "Huyện Ba Bể",
        "Huyện Ngân Sơn",
        "Huyện Bạch Thông",
        "Huyện Chợ Đồn",
        "Huyện Chợ Mới",
        "Huyện Na Rì",
        "Tỉnh Thái Nguyên",
    ]


def test_home_areas_from_the_new_code_include_the_merged_province(bac_kan):
    areas = selectors.home_areas("19")
    assert areas[-1] == unit("new", "19")
    assert unit("old", "066") in areas


def test_a_commune_successor_and_a_districts_successors(bac_kan):
    assert selectors.unit_successors(unit("old", "02173")) == [unit("new", "02185")]
    na_ri_now = selectors.unit_successors(unit("old", "066"))
    assert unit("new", "02185") in na_ri_now
    assert {u.parent.code for u in na_ri_now} == {"19"}
    assert len(na_ri_now) == len(set(na_ri_now))
    assert selectors.unit_successors(unit("new", "02185")) == [unit("new", "02185")]


def test_producer_list_rows_need_no_extra_queries(django_assert_num_queries):
    tree = factories.bac_kan_tree()
    for _ in range(3):
        factories.producer(tree["con_minh"])
    officer = factories.officer(tree["province"])
    officer.is_superuser = True
    with django_assert_num_queries(1):
        rows = [(p.name, p.commune.parent.name) for p in selectors.producer_list(user=officer)]
    assert len(rows) == 3
