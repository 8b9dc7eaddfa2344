"""Products: validation, the 26/2026 product code, computed fields, status and scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from organizations.models import AdministrativeUnit, Producer
from products import services
from products.models import Branch, Product, ProductSet
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("classification")]


@pytest.fixture
def producer(tree):
    return factories.producer(tree["con_minh"])


@pytest.fixture
def new_commune():
    """Xã Côn Minh of the new Thái Nguyên (19), code 02185 under Decision 19/2025/QĐ-TTg."""
    province = factories.unit("19", "Thái Nguyên", level="province", unit_type="tinh", era="new")
    return factories.unit("02185", "Côn Minh", level="commune", unit_type="xa", parent=province, era="new")


def create(user, producer, **fields):
    return services.product_create(
        user=user, producer=producer, origin_commune=fields.pop("origin_commune", producer.commune), **fields
    )


def test_create_with_classification(staff, producer):
    honey = ProductSet.objects.get(group__branch__scheme__code="148-2023", number=4)
    food_2018 = Branch.objects.get(scheme__code="2018", code="1")
    product = create(staff, producer, name="Mật ong bạc hà", product_set=honey, group_2018=food_2018)
    assert (product.status, product.current_star) == (Product.Status.DEVELOPING, None)
    assert product.product_set.lead_ministry == "Bộ Nông nghiệp và Môi trường"


def test_the_2018_group_must_come_from_the_2018_scheme(staff, producer):
    not_2018 = Branch.objects.get(scheme__code="148-2023", code="I")
    with pytest.raises(ValidationError) as caught:
        create(staff, producer, name="Miến dong", group_2018=not_2018)
    assert "group_2018" in caught.value.message_dict


@pytest.mark.parametrize("code", ["19-2185-001-2026", "19-02185-01-2026", "1902185-001-2026", "19-02185-001-26"])
def test_product_code_format(staff, producer, code):
    with pytest.raises(ValidationError) as caught:
        create(staff, producer, name="Miến dong", code=code)
    assert "T-X-STT-Năm" in caught.value.message_dict["code"][0]


def test_product_code_must_name_the_new_era_commune(producer, new_commune):
    product = create(None, producer, name="Miến dong", origin_commune=new_commune, code="19-02185-001-2026")
    assert product.code == "19-02185-001-2026"
    with pytest.raises(ValidationError) as caught:
        create(None, producer, name="Bún khô", origin_commune=new_commune, code="19-02107-002-2026")
    assert "(19-02185-)" in caught.value.message_dict["code"][0]


def test_the_database_refuses_a_malformed_code(producer):
    with pytest.raises(IntegrityError):
        factories.product(producer, code="not-a-code")


def test_name_is_unique_per_producer(staff, producer):
    create(staff, producer, name="Miến dong")
    with pytest.raises(ValidationError):
        create(staff, producer, name="Miến dong")
    with pytest.raises(IntegrityError):
        factories.product(producer, name="Miến dong")


def test_the_star_is_never_typed(staff, producer):
    with pytest.raises(ValidationError) as caught:
        create(staff, producer, name="Miến dong", current_star=5)
    assert "không nhập tay" in caught.value.message_dict["current_star"][0]
    product = create(staff, producer, name="Bún khô")
    with pytest.raises(ValidationError):
        services.product_update(user=staff, product=product, star_valid_until="2030-01-01")


def test_unknown_fields_are_a_programming_error(staff, producer):
    with pytest.raises(TypeError, match="colour"):
        create(staff, producer, name="Miến dong", colour="red")


def test_outcome_statuses_are_not_chosen_by_hand(staff, producer):
    product = create(staff, producer, name="Miến dong")
    with pytest.raises(ValidationError) as caught:
        services.product_update(user=staff, product=product, status=Product.Status.RATED)
    assert "“Đã phân hạng”" in caught.value.message_dict["status"][0]
    stopped = services.product_update(user=staff, product=product, status=Product.Status.DISCONTINUED)
    assert stopped.status == Product.Status.DISCONTINUED


def test_update_changes_fields(staff, producer):
    product = create(staff, producer, name="Miến dong")
    updated = services.product_update(user=staff, product=product, packaging="Túi 500 g", certifications=["vietgap"])
    assert (updated.packaging, updated.certifications) == ("Túi 500 g", ["vietgap"])


def test_an_association_may_only_offer_tourism(staff, tree):
    association = factories.producer(tree["con_minh"], legal_form=Producer.LegalForm.ASSOCIATION)
    honey = ProductSet.objects.get(group__branch__scheme__code="148-2023", number=4)
    with pytest.raises(ValidationError) as caught:
        create(staff, association, name="Mật ong", product_set=honey)
    assert "dịch vụ du lịch" in caught.value.message_dict["product_set"][0]
    tourism = ProductSet.objects.get(group__branch__scheme__code="148-2023", number=26)
    assert create(staff, association, name="Du lịch hồ Ba Bể", product_set=tourism).product_set == tourism


class TestScope:
    def test_staff_cannot_create_in_another_district(self, other_staff, producer):
        with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
            create(other_staff, producer, name="Miến dong")
        assert not Product.objects.exists()

    def test_moving_a_product_out_of_the_area_is_rolled_back(self, staff, producer, tree):
        product = create(staff, producer, name="Miến dong")
        with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
            services.product_update(user=staff, product=product, origin_commune=tree["nong_ha"])
        assert Product.objects.get(pk=product.pk).origin_commune == tree["con_minh"]

    def test_re_pointing_to_an_out_of_scope_producer_is_rolled_back(self, staff, producer, tree):
        product = create(staff, producer, name="Miến dong")
        neighbour = factories.producer(tree["nong_ha"])
        with pytest.raises(ValidationError) as caught:
            services.product_update(user=staff, product=product, producer=neighbour)
        assert "nằm ngoài địa bàn" in caught.value.message_dict["producer"][0]
        assert Product.objects.get(pk=product.pk).producer == producer

    def test_an_officer_may_work_anywhere_in_the_province(self, officer, producer, tree):
        product = create(officer, producer, name="Miến dong")
        moved = services.product_update(user=officer, product=product, origin_commune=tree["nong_ha"])
        assert moved.origin_commune == tree["nong_ha"]

    def test_a_user_without_the_role_permission_is_refused(self, producer):
        nobody = factories.user()
        with pytest.raises(PermissionDenied, match="Vai trò"):
            create(nobody, producer, name="Miến dong")


def test_origin_must_be_a_commune(staff, producer, tree):
    with pytest.raises(ValidationError) as caught:
        create(staff, producer, name="Miến dong", origin_commune=tree["na_ri"])
    assert "origin_commune" in caught.value.message_dict
    assert tree["na_ri"].level == AdministrativeUnit.Level.DISTRICT
