"""Each plan indicator at its edges: dates at the turn of the year, revoked and superseded recognitions."""

import datetime

import pytest
from django.utils import timezone

from evaluations import targets
from evaluations.models import Council, Evaluation, Target
from organizations.models import Producer
from tests import factories
from tests.evaluations import plan_builders as b

pytestmark = pytest.mark.django_db
D = datetime.date
I = Target.Indicator  # noqa: E741 - reads like the model's own Indicator


@pytest.fixture
def area():
    return factories.bac_kan_tree()


def names(queryset):
    return sorted(obj.name for obj in queryset)


def count(indicator, year, area, as_of=None, **kwargs):
    return targets.actual(indicator, year=year, unit=area["province"], as_of=as_of or D(year + 5, 1, 1), **kwargs)


# --- Period and definitions --------------------------------------------------------------------


def test_period_is_clipped_to_the_year():
    assert targets.period(2019, D(2026, 5, 1)).end == D(2019, 12, 31)
    assert targets.period(2019, D(2026, 5, 1)).full_year
    mid = targets.period(2019, D(2019, 6, 30))
    assert (mid.start, mid.end, mid.full_year, mid.started) == (D(2019, 1, 1), D(2019, 6, 30), False, True)
    assert not targets.period(2019, D(2018, 12, 31)).started


def test_every_indicator_has_a_definition_with_the_year_filled_in():
    assert set(targets.INDICATORS) == set(I.values)
    for spec in targets.INDICATORS.values():
        text = spec.definition(2019)
        assert "%(" not in text and len(text) > 60, spec.indicator
        assert "2019" in text, spec.indicator
        assert "Y" in spec.definition()
    assert "31/12/2018" in targets.spec(I.UPGRADE_3_TO_4).definition(2019)
    assert not targets.spec(I.SALES_POINTS).computed
    assert targets.actual(I.SALES_POINTS, year=2019, unit=factories.bac_kan_tree()["province"]) is None


# --- New products reaching 3 stars ---------------------------------------------------------------


def test_new_3_star_turn_of_the_year_revocation_and_relapse(area):
    commune = area["con_minh"]
    dec31 = b.product(commune, name="Ngày 31/12")
    b.certificate(dec31, 3, D(2018, 12, 31))
    jan1 = b.product(commune, name="Ngày 01/01")
    b.certificate(jan1, 3, D(2019, 1, 1))
    lapsed = b.product(commune, name="Hết hạn rồi công nhận lại")
    b.certificate(lapsed, 3, D(2015, 3, 1), status="expired")
    b.certificate(lapsed, 3, D(2019, 3, 1))
    revoked = b.product(commune, name="Bị thu hồi trong năm")
    b.certificate(revoked, 4, D(2019, 3, 1), revoked_on=D(2019, 6, 1))
    later_revoked = b.product(commune, name="Thu hồi năm sau")
    b.certificate(later_revoked, 3, D(2019, 5, 1), revoked_on=D(2020, 2, 1))
    twice = b.product(commune, name="Nâng hai lần")
    b.supersede(b.certificate(twice, 3, D(2019, 3, 1)), 4, D(2019, 10, 1))
    dec31_next = b.product(commune, name="Ngày 31/12 năm sau")
    b.certificate(dec31_next, 3, D(2019, 12, 31))
    b.certificate(b.product(commune, name="Năm sau"), 3, D(2020, 1, 1))

    def new(as_of):
        return names(targets.new_products_3_star(year=2019, unit=area["province"], as_of=as_of))

    assert new(D(2026, 1, 1)) == ["Ngày 01/01", "Ngày 31/12 năm sau", "Nâng hai lần", "Thu hồi năm sau"]
    assert new(D(2019, 1, 1)) == ["Ngày 01/01"]
    assert new(D(2019, 5, 31)) == ["Bị thu hồi trong năm", "Ngày 01/01", "Nâng hai lần", "Thu hồi năm sau"]
    assert new(D(2018, 12, 31)) == []
    assert names(targets.new_products_3_star(year=2018, unit=area["province"], as_of=D(2026, 1, 1))) == ["Ngày 31/12"]


# --- Upgrades ----------------------------------------------------------------------------------


def test_upgrade_3_to_4_uses_the_star_held_on_31_december(area):
    commune = area["con_minh"]
    edge = b.product(commune, name="3 sao 31/12, 4 sao 01/01")
    b.supersede(b.certificate(edge, 3, D(2018, 12, 31)), 4, D(2019, 1, 1))
    early = b.product(commune, name="4 sao ngày 31/12 năm trước")
    b.supersede(b.certificate(early, 3, D(2018, 3, 1)), 4, D(2018, 12, 31))
    revoked_before = b.product(commune, name="3 sao đã thu hồi")
    b.certificate(revoked_before, 3, D(2018, 3, 1), revoked_on=D(2018, 11, 1))
    b.certificate(revoked_before, 4, D(2019, 4, 1))
    expired_before = b.product(commune, name="3 sao hết hạn")
    b.certificate(expired_before, 3, D(2015, 3, 1), expires_on=D(2018, 3, 1), status="expired")
    b.certificate(expired_before, 4, D(2019, 4, 1))
    jump = b.product(commune, name="3 lên thẳng 5")
    b.supersede(b.certificate(jump, 3, D(2018, 6, 1)), 5, D(2019, 9, 1))
    same = b.product(commune, name="Đánh giá lại vẫn 3 sao")
    b.supersede(b.certificate(same, 3, D(2018, 6, 1)), 3, D(2019, 9, 1))
    dec31 = b.product(commune, name="4 sao ngày 31/12")
    b.supersede(b.certificate(dec31, 3, D(2018, 6, 1)), 4, D(2019, 12, 31))
    jan1 = b.product(commune, name="4 sao ngày 01/01 năm sau")
    b.supersede(b.certificate(jan1, 3, D(2018, 6, 1)), 4, D(2020, 1, 1))

    def upgrades(as_of):
        return names(targets.upgrades_3_4(year=2019, unit=area["province"], as_of=as_of))

    assert upgrades(D(2026, 1, 1)) == ["3 lên thẳng 5", "3 sao 31/12, 4 sao 01/01", "4 sao ngày 31/12"]
    assert upgrades(D(2019, 7, 31)) == ["3 sao 31/12, 4 sao 01/01"]
    assert names(targets.upgrades_4_5(year=2019, unit=area["province"])) == []
    # "4 sao ngày 31/12 năm trước" was first recognised in 2018: new that year, not an upgrade.
    assert count(I.UPGRADE_3_TO_4, 2018, area) == 0
    assert "4 sao ngày 31/12 năm trước" in names(targets.new_products_3_star(year=2018, unit=area["province"]))
    assert count(I.UPGRADE_3_TO_4, 2020, area) == 1  # and "01/01 năm sau" in 2020


def test_revoked_upgrade_counts_until_its_revocation(area):
    product = b.product(area["con_minh"], name="Nâng hạng rồi bị thu hồi")
    old = b.certificate(product, 3, D(2018, 6, 1))
    new = b.supersede(old, 4, D(2019, 4, 1))
    new.status, new.revoked_on, new.revocation_ground = "revoked", D(2019, 8, 1), "forged"
    new.save()
    assert count(I.UPGRADE_3_TO_4, 2019, area, as_of=D(2019, 7, 31)) == 1
    assert count(I.UPGRADE_3_TO_4, 2019, area, as_of=D(2019, 8, 1)) == 0
    assert count(I.UPGRADE_3_TO_4, 2019, area) == 0


def test_upgraded_twice_in_a_year_counts_once_for_its_first_step(area):
    product = b.product(area["con_minh"], name="2 → 3 → 4 trong năm")
    b.evaluation(product, 2018, final_star=2, held_on=D(2018, 11, 20))
    three = b.certificate(product, 3, D(2019, 3, 1))
    b.supersede(three, 4, D(2019, 10, 1))
    assert count(I.UPGRADE_2_TO_3, 2019, area) == 1
    assert count(I.UPGRADE_3_TO_4, 2019, area) == 0
    assert count(I.NEW_PRODUCTS_3_STAR, 2019, area) == 1
    # The next year it starts from 4★.
    b.supersede(product.certificates.get(star=4), 5, D(2020, 5, 1))
    assert count(I.UPGRADE_4_TO_5, 2020, area) == 1


def test_upgrade_2_to_3_needs_a_2_star_result_and_no_certificate_in_force(area):
    commune = area["con_minh"]
    two = b.product(commune, name="2 sao năm trước")
    b.evaluation(two, 2018, final_star=2)
    b.certificate(two, 3, D(2019, 6, 1))
    one = b.product(commune, name="1 sao năm trước")
    b.evaluation(one, 2018, final_star=1)
    b.certificate(one, 3, D(2019, 6, 1))
    later_better = b.product(commune, name="2 sao rồi 1 sao")
    b.evaluation(later_better, 2017, final_star=2)
    b.evaluation(later_better, 2018, final_star=1)
    b.certificate(later_better, 3, D(2019, 6, 1))
    never = b.product(commune, name="Chưa đánh giá")
    b.certificate(never, 3, D(2019, 6, 1))
    certified = b.product(commune, name="Có 3 sao, đánh giá nâng hạng 2 sao")
    b.certificate(certified, 3, D(2017, 6, 1))
    b.evaluation(certified, 2018, final_star=2)
    b.supersede(certified.certificates.get(), 4, D(2019, 6, 1))
    assert names(targets.upgrades_2_3(year=2019, unit=area["province"])) == ["2 sao năm trước"]


def test_upgrade_4_to_5(area):
    product = b.product(area["con_minh"], name="Miến dong")
    b.supersede(b.certificate(product, 4, D(2018, 12, 12)), 5, D(2021, 6, 30))
    assert count(I.UPGRADE_4_TO_5, 2021, area) == 1
    assert count(I.UPGRADE_4_TO_5, 2021, area, as_of=D(2021, 6, 29)) == 0
    assert count(I.UPGRADE_3_TO_4, 2021, area) == 0


# --- Evaluations: proposed for 5 stars, re-evaluated, not evaluated the year before ----------------


def test_proposed_for_5_star(area):
    commune = area["con_minh"]
    province = b.product(commune, name="Tỉnh chuyển TW")
    b.evaluation(province, 2019, outcome=Evaluation.Outcome.FORWARDED, held_on=D(2019, 9, 10))
    district = b.product(commune, name="Huyện chuyển tỉnh")
    b.evaluation(
        district,
        2019,
        outcome=Evaluation.Outcome.FORWARDED,
        level=Council.Level.DISTRICT,
        council_unit=area["na_ri"],
    )
    earlier = b.product(commune, name="Chuyển năm trước")
    b.evaluation(earlier, 2018, outcome=Evaluation.Outcome.FORWARDED)
    open_one = b.product(commune, name="Đang chấm")
    b.evaluation(open_one, 2019, finalised=False)
    assert names(targets.proposed_5_star(year=2019, unit=area["province"])) == ["Tỉnh chuyển TW"]
    assert count(I.PROPOSED_5_STAR, 2019, area, as_of=D(2019, 9, 9)) == 0
    assert count(I.PROPOSED_5_STAR, 2019, area, as_of=D(2019, 9, 10)) == 1


def test_re_evaluated(area):
    commune = area["con_minh"]
    re_eval = b.product(commune, name="Đánh giá lại")
    b.evaluation(re_eval, 2021, final_star=3, evaluation_type="re_evaluation", outcome="recognised")
    b.evaluation(b.product(commune, name="Lần đầu"), 2021, final_star=3, outcome="recognised")
    b.evaluation(b.product(commune, name="Chưa xong"), 2021, evaluation_type="re_evaluation", finalised=False)
    b.evaluation(b.product(commune, name="Năm khác"), 2020, evaluation_type="re_evaluation", final_star=3)
    assert names(targets.re_evaluated(year=2021, unit=area["province"])) == ["Đánh giá lại"]


def test_mid_year_evaluations_count_from_their_meeting_day_backfilled_ones_at_year_end(area):
    product = b.product(area["con_minh"], name="Đánh giá lại cuối năm")
    b.evaluation(product, 2021, evaluation_type="re_evaluation", final_star=3)  # no held_on, finalised now
    assert count(I.RE_EVALUATED, 2021, area, as_of=D(2021, 6, 30)) == 0
    assert count(I.RE_EVALUATED, 2021, area, as_of=D(2021, 12, 31)) == 1


def test_not_evaluated_the_year_before(area):
    commune = area["con_minh"]
    evaluated = b.product(commune, name="Đã đánh giá 2018")
    b.evaluation(evaluated, 2018, final_star=2)
    b.registration(evaluated, 2019)
    withdrawn_before = b.product(commune, name="Rút hồ sơ 2018")
    b.registration(withdrawn_before, 2018, status="withdrawn")
    b.registration(withdrawn_before, 2019)
    b.registration(b.product(commune, name="Mới đăng ký 2019"), 2019, status="submitted")
    b.registration(b.product(commune, name="Nháp 2019"), 2019, status="draft")
    b.registration(b.product(commune, name="Rút 2019"), 2019, status="withdrawn")
    assert names(targets.not_evaluated_before(year=2019, unit=area["province"])) == [
        "Mới đăng ký 2019",
        "Rút hồ sơ 2018",
    ]


def test_registrations_count_from_their_submission_inside_the_year(area):
    product = b.product(area["con_minh"], name="Nộp tháng 4")
    b.registration(
        product, 2019, status="submitted", submitted_at=datetime.datetime(2019, 4, 2, 9, tzinfo=datetime.UTC)
    )
    assert count(I.NOT_EVALUATED_BEFORE, 2019, area, as_of=D(2019, 4, 1)) == 0
    assert count(I.NOT_EVALUATED_BEFORE, 2019, area, as_of=D(2019, 4, 2)) == 1


# --- Organisations -----------------------------------------------------------------------------------


def test_organisations_supported_are_distinct_and_dated(area):
    commune = area["con_minh"]
    twice = factories.producer(commune, name="HTX hỗ trợ hai lần")
    b.support(twice, 2019, "training", D(2019, 3, 1))
    b.support(twice, 2019, "restructuring", D(2019, 8, 1))
    late = factories.producer(commune, name="HTX hỗ trợ tháng 9")
    b.support(late, 2019, "packaging", D(2019, 9, 15))
    undated = factories.producer(commune, name="HTX không rõ ngày")
    b.support(undated, 2019, "trade_fair")
    b.support(factories.producer(commune, name="HTX năm trước"), 2018, "training", D(2018, 5, 1))
    assert count(I.ORGANISATIONS_SUPPORTED, 2019, area) == 3
    assert names(targets.organisations_supported(year=2019, unit=area["province"], as_of=D(2019, 6, 30))) == [
        "HTX hỗ trợ hai lần",
        "HTX không rõ ngày",
    ]


def test_new_organisations_by_legal_form(area):
    commune = area["con_minh"]
    new_coop = factories.producer(commune, name="HTX mới", legal_form=Producer.LegalForm.COOPERATIVE)
    b.registration(factories.product(new_coop), 2019)
    b.registration(factories.product(new_coop), 2019)
    new_household = factories.producer(commune, name="Hộ mới", legal_form=Producer.LegalForm.HOUSEHOLD)
    b.registration(factories.product(new_household), 2019)
    old = factories.producer(commune, name="HTX cũ")
    b.registration(factories.product(old), 2018)
    b.registration(factories.product(old), 2019)
    withdrew = factories.producer(commune, name="HTX rút năm trước")
    b.registration(factories.product(withdrew), 2018, status="withdrawn")
    b.registration(factories.product(withdrew), 2019)
    draft = factories.producer(commune, name="HTX mới có hồ sơ nháp")
    b.registration(factories.product(draft), 2019, status="draft")
    assert names(targets.new_organisations(year=2019, unit=area["province"])) == [
        "HTX mới",
        "HTX rút năm trước",
        "Hộ mới",
    ]
    assert count(I.NEW_ORGANISATIONS, 2019, area, legal_form="household") == 1
    assert count(I.NEW_ORGANISATIONS, 2019, area, legal_form="cooperative") == 2


# --- Traceability and new products -----------------------------------------------------------------


def test_traceability_among_products_recognised_at_the_date(area):
    commune = area["con_minh"]
    url = "https://truyxuat.example.vn/p/1"
    traced = b.product(commune, name="Có truy xuất", traceability_url=url)
    b.certificate(traced, 3, D(2022, 5, 1))
    b.certificate(b.product(commune, name="Không truy xuất"), 3, D(2022, 5, 1))
    expired = b.product(commune, name="Hết hạn", traceability_url=url)
    b.certificate(expired, 3, D(2019, 1, 10), status="expired")
    b.product(commune, name="Chưa công nhận", traceability_url=url)

    def traceable(year, as_of):
        return names(targets.traceable_products(year=year, unit=area["province"], as_of=as_of))

    assert traceable(2022, D(2022, 1, 10)) == ["Hết hạn"]  # valid through 10/01/2022
    assert traceable(2022, D(2022, 1, 11)) == []
    assert traceable(2022, D(2026, 1, 1)) == ["Có truy xuất"]


def test_new_products_developed_first_appear_in_the_year(area):
    commune = area["con_minh"]
    surveyed = b.product(commune, name="Điều tra 2019")
    b.survey(surveyed, 2019)
    registered = b.product(commune, name="Đăng ký 2019")
    b.registration(registered, 2019, status="draft")
    older = b.product(commune, name="Điều tra 2018, đăng ký 2019")
    b.survey(older, 2018)
    b.registration(older, 2019)
    recognised_before = b.product(commune, name="Công nhận 2017")
    b.certificate(recognised_before, 3, D(2017, 12, 1), status="expired")
    b.registration(recognised_before, 2019)
    assert names(targets.new_products_developed(year=2019, unit=area["province"])) == [
        "Điều tra 2019",
        "Đăng ký 2019",
    ]
    # A product only created on the portal counts in the year it was created (this year, in the test).
    this_year = timezone.localdate().year
    b.product(commune, name="Ý tưởng mới")
    assert names(targets.new_products_developed(year=this_year, unit=area["province"])) == ["Ý tưởng mới"]


# --- Area, drill-down and query counts ---------------------------------------------------------------


def test_area_and_drill_down_by_district(area):
    for commune, n in ((area["con_minh"], 2), (area["nong_ha"], 1)):
        for _ in range(n):
            b.certificate(b.product(commune), 3, D(2019, 6, 1))
    assert count(I.NEW_PRODUCTS_3_STAR, 2019, area) == 3
    assert targets.actual(I.NEW_PRODUCTS_3_STAR, year=2019, unit=area["na_ri"]) == 2
    by_child = targets.actual_by_child(I.NEW_PRODUCTS_3_STAR, year=2019, unit=area["province"])
    assert by_child == {area["na_ri"].path: 2, area["cho_moi"].path: 1}
    assert targets.actual_by_child(I.NEW_PRODUCTS_3_STAR, year=2019, unit=area["na_ri"]) == {area["con_minh"].path: 2}
    assert [u.name for u in targets.child_units(area["province"])] == ["Chợ Mới", "Na Rì"]


def test_user_scope_narrows_the_figures(area):
    b.certificate(b.product(area["con_minh"]), 3, D(2019, 6, 1))
    b.certificate(b.product(area["nong_ha"]), 3, D(2019, 6, 1))
    district_user = factories.user(role="area_staff", unit_obj=area["na_ri"])
    assert targets.actual(I.NEW_PRODUCTS_3_STAR, year=2019, unit=area["province"], user=district_user) == 1


@pytest.mark.parametrize("indicator", [i for i in I.values if i != I.SALES_POINTS])
def test_each_figure_is_one_query(area, indicator, django_assert_num_queries):
    b.certificate(b.product(area["con_minh"]), 3, D(2019, 6, 1))
    targets.area_paths(area["province"])  # the area is resolved once per report
    with django_assert_num_queries(1):
        targets.actual(indicator, year=2019, unit=area["province"], as_of=D(2019, 12, 31))
    with django_assert_num_queries(1):  # one grouped query
        targets.actual_by_child(indicator, year=2019, unit=area["province"], as_of=D(2019, 12, 31))


def test_area_scope_is_the_same_rows_as_in_areas_and_the_access_rules(area):
    """``scoped`` / ``editable`` leave out the access condition only where it holds for every row of the area."""
    from evaluations.models import Certificate, SupportActivity
    from products.models import Product, Registration

    today = timezone.localdate()
    for commune in (area["con_minh"], area["nong_ha"]):
        published = b.product(commune, current_star=4, star_valid_until=today + datetime.timedelta(days=400))
        b.certificate(published, 4, today - datetime.timedelta(days=30))
        b.evaluation(b.product(commune), 2019, final_star=2)
        b.support(published.producer, 2019)
    users = [
        None,
        factories.officer(area["province"]),
        factories.area_staff(area["na_ri"]),
        factories.user(role="area_staff", unit_obj=area["con_minh"], view_unit=area["province"]),
        factories.user(is_superuser=True),
        factories.user(),
    ]
    models = [Product, Producer, Registration, Evaluation, Certificate, SupportActivity]
    for model in models:
        for user in users:
            if user is not None:
                assert set(targets.editable(model.objects.all(), user)) == set(model.objects.editable_by(user))
            for unit in (area["province"], area["na_ri"], area["con_minh"]):
                in_area = model.objects.in_areas(targets.area_paths(unit))
                expected = in_area if user is None else in_area.visible_to(user)
                assert set(targets.scoped(model.objects.all(), unit, user)) == set(expected), (model, user, unit)
                if user is not None:
                    edit = set(targets.scoped(model.objects.all(), unit, user, edit=True))
                    assert edit == set(in_area.editable_by(user)), (model, user, unit)
