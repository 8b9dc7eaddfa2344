"""Producers: tax code, legal-form rules, the history of legal-form changes, and scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from organizations.models import LegalFormChange, Producer
from organizations.services import producer_create, producer_update
from tests import factories

pytestmark = pytest.mark.django_db
Form, Kind = Producer.LegalForm, Producer.EnterpriseKind


@pytest.fixture
def tree():
    return factories.bac_kan_tree()


@pytest.fixture
def staff(tree):
    return factories.area_staff(tree["na_ri"])


def create(user, commune, **fields):
    fields.setdefault("name", "HTX Nông nghiệp Côn Minh")
    fields.setdefault("legal_form", Form.COOPERATIVE)
    return producer_create(user=user, commune=commune, **fields)


@pytest.mark.parametrize("tax_code", ["4700123456", "4700123456-001"])
def test_valid_tax_codes(staff, tree, tax_code):
    assert create(staff, tree["con_minh"], tax_code=tax_code).tax_code == tax_code


def test_a_tax_code_typed_with_spaces_is_stripped(staff, tree):
    assert create(staff, tree["con_minh"], tax_code=" 4700123456 ").tax_code == "4700123456"


@pytest.mark.parametrize("tax_code", ["470012345", "47001234567", "4700123456-01", "4700123456-0011", "47OO123456"])
def test_invalid_tax_codes_are_refused_with_the_rule(staff, tree, tax_code):
    with pytest.raises(ValidationError) as caught:
        create(staff, tree["con_minh"], tax_code=tax_code)
    assert (
        "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc)."
        in caught.value.message_dict["tax_code"]
    )
    assert not Producer.objects.exists()


def test_the_database_refuses_a_malformed_tax_code(tree):
    with pytest.raises(IntegrityError):
        factories.producer(tree["con_minh"], tax_code="12345")


def test_a_tax_code_belongs_to_one_producer(staff, tree):
    create(staff, tree["con_minh"], tax_code="4700123456")
    with pytest.raises(ValidationError) as caught:
        create(staff, tree["con_minh"], name="HTX khác", tax_code="4700123456")
    assert caught.value.message_dict["tax_code"] == ["Mã số thuế 4700123456 đã được dùng cho chủ thể khác."]
    with pytest.raises(IntegrityError):
        factories.producer(tree["con_minh"], tax_code="4700123456")


def test_many_producers_may_have_no_tax_code(staff, tree):
    create(staff, tree["con_minh"], tax_code="")
    second = create(staff, tree["con_minh"], name="Tổ hợp tác Côn Minh", legal_form=Form.COOPERATIVE_GROUP)
    assert second.tax_code is None
    assert Producer.objects.filter(tax_code__isnull=True).count() == 2


class TestLegalForm:
    def test_community_capital_flag_only_for_a_joint_stock_company(self, staff, tree):
        with pytest.raises(ValidationError) as caught:
            create(
                staff,
                tree["con_minh"],
                legal_form=Form.ENTERPRISE,
                enterprise_kind=Kind.LLC,
                community_capital_majority=True,
            )
        assert "công ty cổ phần" in caught.value.message_dict["community_capital_majority"][0]
        jsc = create(
            staff,
            tree["con_minh"],
            legal_form=Form.ENTERPRISE,
            enterprise_kind=Kind.JSC,
            community_capital_majority=True,
        )
        assert jsc.community_capital_majority

    def test_the_database_refuses_the_flag_without_jsc(self, tree):
        with pytest.raises(IntegrityError):
            factories.producer(tree["con_minh"], community_capital_majority=True)

    def test_an_enterprise_names_its_kind(self, staff, tree):
        with pytest.raises(ValidationError) as caught:
            create(staff, tree["con_minh"], legal_form=Form.ENTERPRISE)
        assert "enterprise_kind" in caught.value.message_dict

    def test_only_an_enterprise_has_a_kind(self, staff, tree):
        with pytest.raises(ValidationError) as caught:
            create(staff, tree["con_minh"], legal_form=Form.FARM, enterprise_kind=Kind.PRIVATE)
        assert caught.value.message_dict["enterprise_kind"] == ["Chỉ doanh nghiệp mới có loại doanh nghiệp."]

    def test_a_change_of_legal_form_is_recorded(self, staff, tree):
        household = create(staff, tree["con_minh"], name="Hộ kinh doanh Hoàng Văn A", legal_form=Form.HOUSEHOLD)
        cooperative = producer_update(
            user=staff,
            producer=household,
            legal_form=Form.COOPERATIVE,
            name="HTX Hoàng Gia",
            legal_form_changed_on=datetime.date(2024, 3, 1),
            legal_form_note="Thành lập HTX theo Luật HTX 2023",
        )
        assert (cooperative.legal_form, cooperative.name) == (Form.COOPERATIVE, "HTX Hoàng Gia")
        change = LegalFormChange.objects.get(producer=household)
        assert (change.previous_form, change.new_form) == (Form.HOUSEHOLD, Form.COOPERATIVE)
        assert (change.changed_on, change.note) == (datetime.date(2024, 3, 1), "Thành lập HTX theo Luật HTX 2023")

    def test_the_change_is_dated_today_by_default(self, staff, tree):
        household = create(staff, tree["con_minh"], legal_form=Form.HOUSEHOLD)
        producer_update(user=staff, producer=household, legal_form=Form.COOPERATIVE)
        assert LegalFormChange.objects.get().changed_on == timezone.localdate()

    def test_other_changes_leave_no_legal_form_record(self, staff, tree):
        cooperative = create(staff, tree["con_minh"])
        producer_update(user=staff, producer=cooperative, phone="0209 3870 123", legal_form=Form.COOPERATIVE)
        assert not LegalFormChange.objects.exists()

    def test_leaving_the_enterprise_form_drops_its_kind(self, staff, tree):
        company = create(
            staff,
            tree["con_minh"],
            legal_form=Form.ENTERPRISE,
            enterprise_kind=Kind.JSC,
            community_capital_majority=True,
        )
        cooperative = producer_update(user=staff, producer=company, legal_form=Form.COOPERATIVE)
        assert (cooperative.enterprise_kind, cooperative.community_capital_majority) == ("", False)
        assert LegalFormChange.objects.get().previous_form == Form.ENTERPRISE


def test_workforce_parts_cannot_exceed_the_total(staff, tree):
    with pytest.raises(ValidationError) as caught:
        create(staff, tree["con_minh"], workforce_total=10, workforce_local=12, workforce_women=11)
    assert set(caught.value.message_dict) == {"workforce_local", "workforce_women"}


class TestScope:
    def test_staff_cannot_create_a_producer_in_another_district(self, staff, tree):
        with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
            create(staff, tree["nong_ha"])
        assert not Producer.objects.exists()

    def test_staff_cannot_move_a_producer_out_of_their_area(self, staff, tree):
        producer = create(staff, tree["con_minh"])
        with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
            producer_update(user=staff, producer=producer, commune=tree["nong_ha"], legal_form=Form.HOUSEHOLD)
        producer.refresh_from_db()
        assert (producer.commune, producer.legal_form) == (tree["con_minh"], Form.COOPERATIVE)
        assert not LegalFormChange.objects.exists()

    def test_staff_cannot_change_a_neighbours_producer(self, staff, tree):
        neighbour = factories.producer(tree["nong_ha"])
        with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
            producer_update(user=staff, producer=neighbour, phone="0209 000 000")
