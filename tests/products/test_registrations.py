"""The registration workflow: every allowed and every forbidden step, its record, scope and role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from ocop_portal.errors import TransitionNotAllowed
from products import services
from products.models import DossierDocument, Product, Registration, RegistrationTransition
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


def complete(registration, user):
    """Upload Form 01 and Form 02, the two required items."""
    for kind in (DossierDocument.Kind.FORM_01, DossierDocument.Kind.FORM_02):
        document = registration.documents.get(kind=kind)
        services.document_attach(
            user=user, document=document, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", factories.pdf_bytes())
        )


@pytest.fixture
def registration(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    complete(registration, staff)
    return registration


def put_in(registration, status):
    """Place a registration in a status directly, to test the step from there."""
    reason = "Thiếu phiếu kiểm nghiệm" if status == S.RETURNED else ""
    Registration.objects.filter(pk=registration.pk).update(status=status, return_reason=reason)
    registration.refresh_from_db()
    return registration


def run(action, user, registration):
    if action == "return":
        return services.registration_return(user=user, registration=registration, reason="Bổ sung phiếu kiểm nghiệm")
    return getattr(services, f"registration_{action}")(user=user, registration=registration)


ALLOWED = [
    ("submit", S.DRAFT, S.SUBMITTED),
    ("submit", S.RETURNED, S.RESUBMITTED),
    ("return", S.SUBMITTED, S.RETURNED),
    ("return", S.RESUBMITTED, S.RETURNED),
    ("accept", S.SUBMITTED, S.ACCEPTED),
    ("accept", S.RESUBMITTED, S.ACCEPTED),
    ("withdraw", S.DRAFT, S.WITHDRAWN),
    ("withdraw", S.SUBMITTED, S.WITHDRAWN),
    ("withdraw", S.RETURNED, S.WITHDRAWN),
    ("withdraw", S.RESUBMITTED, S.WITHDRAWN),
]
FORBIDDEN = [
    (action, status)
    for action in ("submit", "return", "accept", "withdraw")
    for status in S.values
    if (action, status) not in {(a, s) for a, s, _ in ALLOWED}
]


@pytest.mark.parametrize(("action", "status", "target"), ALLOWED)
def test_allowed_step_moves_and_is_recorded(action, status, target, registration, officer):
    put_in(registration, status)
    result = run(action, officer, registration)
    assert result.status == target
    assert Registration.objects.get(pk=registration.pk).status == target
    transition = RegistrationTransition.objects.get(registration=registration)
    assert (transition.from_status, transition.to_status) == (status, target)
    assert transition.actor == officer
    assert transition.actor_name == officer.username
    assert transition.at is not None


@pytest.mark.parametrize(("action", "status"), FORBIDDEN)
def test_forbidden_step_is_a_clear_error_and_changes_nothing(action, status, registration, officer):
    put_in(registration, status)
    revision = registration.revision
    with pytest.raises(TransitionNotAllowed) as caught:
        run(action, officer, registration)
    assert f"đang ở trạng thái “{S(status).label}”" in caught.value.messages[0]
    registration.refresh_from_db()
    assert (registration.status, registration.revision) == (status, revision)
    assert not RegistrationTransition.objects.exists()


def test_forbidden_list_covers_the_rest_of_the_table():
    assert len(ALLOWED) + len(FORBIDDEN) == 4 * len(S.values)
    assert ("accept", S.DRAFT) in FORBIDDEN
    assert ("withdraw", S.ACCEPTED) in FORBIDDEN


def test_full_round_trip_keeps_who_and_why(registration, staff, officer):
    services.registration_submit(user=staff, registration=registration)
    services.registration_return(user=officer, registration=registration, reason="  Thiếu phiếu kiểm nghiệm  ")
    services.registration_submit(user=staff, registration=registration)
    accepted = services.registration_accept(user=officer, registration=registration)
    assert accepted.status == S.ACCEPTED
    assert accepted.accepted_at is not None and accepted.submitted_at is not None
    assert accepted.return_reason == "Thiếu phiếu kiểm nghiệm"
    steps = list(registration.transitions.values_list("from_status", "to_status", "actor", "reason"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED, staff.pk, ""),
        (S.SUBMITTED, S.RETURNED, officer.pk, "Thiếu phiếu kiểm nghiệm"),
        (S.RETURNED, S.RESUBMITTED, staff.pk, ""),
        (S.RESUBMITTED, S.ACCEPTED, officer.pk, ""),
    ]
    assert Product.objects.get(pk=registration.product_id).status == Product.Status.REGISTERED


def test_return_needs_a_reason(registration, officer):
    put_in(registration, S.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        services.registration_return(user=officer, registration=registration, reason="   ")
    assert "Phải ghi lý do trả lại" in caught.value.message_dict["reason"][0]
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED


def test_withdraw_keeps_its_reason(registration, staff):
    services.registration_withdraw(user=staff, registration=registration, reason="Chủ thể chưa sẵn sàng")
    assert registration.transitions.get().reason == "Chủ thể chưa sẵn sàng"


def test_submit_refuses_a_dossier_without_its_required_files(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    with pytest.raises(ValidationError) as caught:
        services.registration_submit(user=staff, registration=registration)
    message = caught.value.messages[0]
    assert "Mẫu 01: Phiếu đăng ký sản phẩm" in message
    assert "Mẫu 02: Báo cáo tự đánh giá" in message
    assert Registration.objects.get(pk=registration.pk).status == S.DRAFT
    assert not RegistrationTransition.objects.exists()


def test_submit_with_only_form_01_names_form_02(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    services.document_attach(
        user=staff,
        document=registration.documents.get(kind=DossierDocument.Kind.FORM_01),
        uploaded_file=SimpleUploadedFile("mau-01.pdf", factories.pdf_bytes()),
    )
    with pytest.raises(ValidationError, match="Mẫu 02") as caught:
        services.registration_submit(user=staff, registration=registration)
    assert "Mẫu 01" not in caught.value.messages[0]


def test_create_makes_the_checklist_of_26_2026(product, staff):
    registration = services.registration_create(user=staff, product=product, year=2026)
    documents = registration.documents.all()
    required = {d.kind for d in documents if d.required}
    assert required == {DossierDocument.Kind.FORM_01, DossierDocument.Kind.FORM_02}
    assert documents.filter(required=False).count() == 15
    assert registration.created_by == staff
    assert (registration.status, registration.revision) == (S.DRAFT, 1)


@pytest.mark.parametrize("evaluation_type", ["upgrade", "re_evaluation"])
def test_upgrade_and_re_evaluation_use_the_same_forms_with_guidance(evaluation_type, product, staff):
    Product.objects.filter(pk=product.pk).update(current_star=3)
    product.refresh_from_db()
    registration = services.registration_create(user=staff, product=product, year=2026, evaluation_type=evaluation_type)
    form_02 = registration.documents.get(kind=DossierDocument.Kind.FORM_02)
    assert form_02.required and form_02.note
    assert registration.documents.filter(required=True).count() == 2


def test_upgrade_needs_a_recognised_product(product, staff):
    with pytest.raises(ValidationError) as caught:
        services.registration_create(user=staff, product=product, year=2026, evaluation_type="upgrade")
    assert "chưa có hạng sao" in caught.value.message_dict["evaluation_type"][0]


def test_one_registration_per_product_and_year_is_a_friendly_message(product, staff):
    services.registration_create(user=staff, product=product, year=2026)
    with pytest.raises(ValidationError) as caught:
        services.registration_create(user=staff, product=product, year=2026)
    assert caught.value.message_dict["year"] == [f"Sản phẩm “{product}” đã có hồ sơ đăng ký năm 2026."]
    assert Registration.objects.count() == 1
    services.registration_create(user=staff, product=product, year=2025)  # another year is fine


def test_the_database_refuses_a_second_registration_for_the_year(product):
    factories.registration(product, year=2026)
    with pytest.raises(IntegrityError):
        factories.registration(product, year=2026)


def test_year_outside_the_programme_is_refused(product, staff):
    with pytest.raises(ValidationError, match="Năm đăng ký phải từ 2018"):
        services.registration_create(user=staff, product=product, year=2017)


def test_staff_of_another_district_cannot_register_or_submit(product, registration, other_staff):
    with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
        services.registration_create(user=other_staff, product=product, year=2027)
    with pytest.raises(ValidationError, match="nằm ngoài địa bàn"):
        services.registration_submit(user=other_staff, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == S.DRAFT


def test_district_staff_cannot_accept_or_return(registration, staff):
    put_in(registration, S.SUBMITTED)
    with pytest.raises(PermissionDenied, match="tiếp nhận"):
        services.registration_accept(user=staff, registration=registration)
    with pytest.raises(PermissionDenied, match="trả lại"):
        services.registration_return(user=staff, registration=registration, reason="x")
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED


def test_upgrade_accepted_marks_the_product_upgrading(product, staff, officer):
    Product.objects.filter(pk=product.pk).update(current_star=3, status=Product.Status.RATED)
    product.refresh_from_db()
    registration = services.registration_create(user=staff, product=product, year=2026, evaluation_type="upgrade")
    complete(registration, staff)
    services.registration_submit(user=staff, registration=registration)
    services.registration_accept(user=officer, registration=registration)
    assert Product.objects.get(pk=product.pk).status == Product.Status.UPGRADING


def test_management_commands_act_as_the_system(product):
    registration = services.registration_create(user=None, product=product, year=2026)
    services.registration_withdraw(user=None, registration=registration)
    transition = registration.transitions.get()
    assert (transition.actor, transition.actor_name) == (None, "Hệ thống")


class TestAllowedActions:
    def test_staff_on_a_draft(self, registration, staff):
        assert services.registration_allowed_actions(user=staff, registration=registration) == ["submit", "withdraw"]

    def test_officer_on_a_submitted_one(self, registration, officer):
        put_in(registration, S.SUBMITTED)
        actions = services.registration_allowed_actions(user=officer, registration=registration)
        assert actions == ["return", "accept", "withdraw"]

    def test_staff_on_a_submitted_one_may_only_withdraw(self, registration, staff):
        put_in(registration, S.SUBMITTED)
        assert services.registration_allowed_actions(user=staff, registration=registration) == ["withdraw"]

    def test_nothing_on_an_accepted_one(self, registration, officer, django_assert_num_queries):
        put_in(registration, S.ACCEPTED)
        with django_assert_num_queries(0):
            assert services.registration_allowed_actions(user=officer, registration=registration) == []

    def test_nothing_outside_the_area(self, registration, other_staff):
        assert services.registration_allowed_actions(user=other_staff, registration=registration) == []
