"""The registry admin: lists without N+1, registrations through the service, workflow actions, uploads."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from products import services
from products.models import DossierDocument, Product, ProductSet, Registration, RegistrationTransition, SurveyEntry
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("classification")]
S = Registration.Status


@pytest.fixture
def officer_client(client, officer):
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    client.force_login(officer)
    return client


def form_data(response, **changes):
    """What the browser would post back: the main form's and every inline's current values."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms.extend(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or name in ("upload",):
                continue
            data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    return data


def make_rows(tree, n):
    for _ in range(n):
        product = factories.product(factories.producer(tree["con_minh"]))
        registration = factories.registration(product, year=2026)
        DossierDocument.objects.create(registration=registration, kind="form_01", required=True)
        SurveyEntry.objects.create(year=2018, product=product)


@pytest.mark.parametrize(
    "model", ["product", "registration", "surveyentry", "dossierdocument", "registrationtransition", "productphoto"]
)
def test_changelist_queries_do_not_grow_with_the_rows(model, tree, officer_client):
    url = reverse(f"admin:products_{model}_changelist")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200
        return len(queries)

    make_rows(tree, 2)
    few = count()
    make_rows(tree, 8)
    assert count() == few
    assert few <= 20


def test_product_list_filters_offer_area_star_status_and_set(tree, officer_client):
    honey = ProductSet.objects.get(group__branch__scheme__code="148-2023", number=4)
    factories.product(factories.producer(tree["con_minh"]), product_set=honey)
    response = officer_client.get(reverse("admin:products_product_changelist"))
    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert titles[:3] == ["địa bàn", "hạng sao hiện tại", "trạng thái"]
    assert "bộ sản phẩm" in titles


def test_registration_made_in_the_admin_goes_through_the_service(product, officer, officer_client):
    response = officer_client.post(
        reverse("admin:products_registration_add"),
        {"product": product.pk, "year": 2026, "evaluation_type": "first", "_continue": "1"},
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    registration = Registration.objects.get()
    assert registration.created_by == officer
    assert registration.documents.count() == 17
    assert registration.documents.filter(required=True).count() == 2


def test_a_second_registration_for_the_year_is_a_form_error(product, officer_client):
    factories.registration(product, year=2026)
    response = officer_client.post(
        reverse("admin:products_registration_add"), {"product": product.pk, "year": 2026, "evaluation_type": "first"}
    )
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def complete(registration, user):
    for kind in ("form_01", "form_02"):
        services.document_attach(
            user=user,
            document=registration.documents.get(kind=kind),
            uploaded_file=SimpleUploadedFile("mau.pdf", factories.pdf_bytes()),
        )


def run_action(client, action, *registrations, **extra):
    return client.post(
        reverse("admin:products_registration_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in registrations], "index": 0, **extra},
        follow=True,
    )


def test_workflow_actions_call_the_services(product, officer, officer_client):
    registration = services.registration_create(user=officer, product=product, year=2026)
    complete(registration, officer)
    response = run_action(officer_client, "submit", registration)
    assert f"Đã nộp hồ sơ “{registration}”." in response.content.decode()
    response = run_action(officer_client, "accept", registration)
    registration.refresh_from_db()
    assert registration.status == S.ACCEPTED
    assert list(registration.transitions.values_list("to_status", "actor")) == [
        (S.SUBMITTED, officer.pk),
        (S.ACCEPTED, officer.pk),
    ]


def test_a_refused_step_is_an_error_message_not_a_500(product, officer, officer_client):
    registration = services.registration_create(user=officer, product=product, year=2026)
    response = run_action(officer_client, "submit", registration)
    assert response.status_code == 200
    assert "còn thiếu tệp của các mục bắt buộc" in response.content.decode()
    response = run_action(officer_client, "accept", registration)
    assert "Không thể tiếp nhận hồ sơ đang ở trạng thái “Nháp”." in response.content.decode()
    assert Registration.objects.get().status == S.DRAFT


def test_return_asks_for_the_reason_first(product, officer, officer_client):
    registration = services.registration_create(user=officer, product=product, year=2026)
    complete(registration, officer)
    services.registration_submit(user=officer, registration=registration)
    page = run_action(officer_client, "return_for_completion", registration)
    assert "lý do trả lại" in page.content.decode().lower()
    assert Registration.objects.get().status == S.SUBMITTED
    run_action(officer_client, "return_for_completion", registration, apply="1", reason="Thiếu phiếu kiểm nghiệm")
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == (S.RETURNED, "Thiếu phiếu kiểm nghiệm")


def test_the_change_form_offers_the_steps_as_buttons(product, officer, officer_client):
    registration = services.registration_create(user=officer, product=product, year=2026)
    complete(registration, officer)
    url = reverse("admin:products_registration_change", args=[registration.pk])
    response = officer_client.post(
        url, {"CHANGE_FORM-action": "submit", ACTION_CHECKBOX_NAME: [registration.pk], "CHANGE_FORM-index": 0}
    )
    assert response.status_code == 302
    assert Registration.objects.get().status == S.SUBMITTED


def test_district_staff_are_not_offered_accept(tree, staff, client):
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    response = client.get(reverse("admin:products_registration_changelist"))
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "submit" in choices and "withdraw" in choices
    assert "accept" not in choices and "return_for_completion" not in choices


def test_status_cannot_be_typed_in_the_form(product, officer, officer_client):
    registration = services.registration_create(user=officer, product=product, year=2026)
    url = reverse("admin:products_registration_change", args=[registration.pk])
    data = form_data(officer_client.get(url), status="accepted", number="01/PĐK-19-02185-2026")
    response = officer_client.post(url, data)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.number) == (S.DRAFT, "01/PĐK-19-02185-2026")
    assert not RegistrationTransition.objects.exists()


class TestDossierUploadInline:
    def post_upload(self, client, registration, name, content):
        url = reverse("admin:products_registration_change", args=[registration.pk])
        data = form_data(client.get(url))
        index = list(registration.documents.order_by("id").values_list("kind", flat=True)).index("form_01")
        data[f"documents-{index}-upload"] = SimpleUploadedFile(name, content)
        return client.post(url, data)

    def test_a_real_pdf_is_attached_through_the_service(self, product, officer, officer_client):
        registration = services.registration_create(user=officer, product=product, year=2026)
        response = self.post_upload(officer_client, registration, "Mẫu 01.pdf", factories.pdf_bytes())
        assert response.status_code == 302
        document = registration.documents.get(kind="form_01")
        assert (document.original_name, document.uploaded_by) == ("Mẫu 01.pdf", officer)
        assert document.file.name.endswith("/mau-01.pdf")

    def test_a_renamed_executable_is_a_form_error(self, product, officer, officer_client):
        registration = services.registration_create(user=officer, product=product, year=2026)
        response = self.post_upload(officer_client, registration, "mau-01.pdf", factories.executable_bytes())
        assert response.status_code == 200
        assert "thực chất là tệp EXE" in response.content.decode()
        assert not registration.documents.get(kind="form_01").file


def test_product_saved_in_the_admin_goes_through_the_service(tree, officer_client):
    producer = factories.producer(tree["con_minh"])
    response = officer_client.post(
        reverse("admin:products_product_add"),
        {
            "name": "Miến dong Côn Minh",
            "producer": producer.pk,
            "origin_commune": tree["con_minh"].pk,
            "status": "developing",
            "code": "bad code",
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
            "registrations-TOTAL_FORMS": 0,
            "registrations-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "T-X-STT-Năm" in response.content.decode()
    assert not Product.objects.exists()
