"""Writes through the API call the same services as the admin: scope, dossier files, the workflow, stars."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations import services as evaluation_services
from evaluations.models import Certificate
from organizations.models import Producer
from products.models import Product
from tests import factories

pytestmark = pytest.mark.django_db


def test_district_staff_create_a_producer_in_their_area(world, as_role):
    response = as_role("staff_nari").post(
        "/api/v1/producers/",
        {"name": "HTX Mới Na Rì", "legal_form": "cooperative", "commune_id": world.units["con_minh"].pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["commune"]["district"]["code"] == "066"
    assert body["allowed_actions"] == ["change"]
    assert response["ETag"]


def test_nobody_creates_a_producer_in_another_district(world, as_role):
    response = as_role("staff_nari").post(
        "/api/v1/producers/",
        {"name": "HTX Lấn sân", "legal_form": "cooperative", "commune_id": world.units["nong_ha"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "nằm ngoài địa bàn" in response.json()["detail"]
    assert not Producer.objects.filter(name="HTX Lấn sân").exists()


def test_a_product_cannot_be_pointed_at_an_out_of_scope_producer(world, as_role):
    product = world.objects["product:nari"]
    response = as_role("staff_nari").patch(
        f"/api/v1/products/{product.pk}/", {"producer_id": world.objects["producer:chomoi"].pk}, format="json"
    )
    assert response.status_code == 400, response.json()
    product.refresh_from_db()
    assert product.producer == world.objects["producer:nari"]


def test_the_star_cannot_be_typed(world, as_role):
    product = world.objects["product:nari"]
    response = as_role("officer").patch(f"/api/v1/products/{product.pk}/", {"current_star": 5}, format="json")
    assert response.status_code == 200
    assert Product.objects.get(pk=product.pk).current_star is None


def test_a_producer_with_a_bad_tax_code_is_refused_field_by_field(world, as_role):
    response = as_role("staff_nari").post(
        "/api/v1/producers/",
        {"name": "HTX", "legal_form": "cooperative", "commune_id": world.units["con_minh"].pk, "tax_code": "12"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["tax_code"]


def upload(client, registration_id, document_id, content, name="mau.pdf"):
    return client.post(
        f"/api/v1/registrations/{registration_id}/documents/{document_id}/file/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_the_registration_workflow_end_to_end(world, as_role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff, officer = as_role("staff_nari"), as_role("officer")
    product = factories.product(world.objects["producer:nari"], name="Măng khô Côn Minh")

    created = staff.post("/api/v1/registrations/", {"product_id": product.pk, "year": 2026}, format="json")
    assert created.status_code == 201, created.json()
    registration = created.json()
    url = f"/api/v1/registrations/{registration['id']}/"
    required = [document for document in registration["documents"] if document["required"]]
    assert {document["kind"] for document in required} == {"form_01", "form_02"}
    assert registration["allowed_actions"] == ["submit", "withdraw"]

    blocked = staff.post(f"{url}submit/")
    assert blocked.status_code == 400
    assert "thiếu tệp" in blocked.json()["detail"]

    for document in required:
        answer = upload(staff, registration["id"], document["id"], factories.pdf_bytes(document["kind"]))
        assert answer.status_code == 200, answer.json()
        assert answer.json()["has_file"] and answer.json()["content_type"] == "application/pdf"
    download = staff.get(required[0]["file_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    submitted = staff.post(f"{url}submit/")
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["allowed_actions"] == ["withdraw"]
    assert upload(staff, registration["id"], required[0]["id"], factories.pdf_bytes()).status_code == 409

    assert officer.get(url).json()["allowed_actions"] == ["return", "accept", "withdraw"]
    no_reason = officer.post(f"{url}return/", {"reason": ""}, format="json")
    assert no_reason.status_code == 400 and list(no_reason.json()["errors"]) == ["reason"]
    returned = officer.post(f"{url}return/", {"reason": "Thiếu phiếu kiểm nghiệm"}, format="json")
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Thiếu phiếu kiểm nghiệm"

    assert staff.post(f"{url}submit/").json()["status"] == "resubmitted"
    accepted = officer.post(f"{url}accept/")
    assert accepted.json()["status"] == "accepted"
    assert [(t["from_status"], t["to_status"]) for t in accepted.json()["transitions"]] == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "resubmitted"),
        ("resubmitted", "accepted"),
    ]
    assert staff.post(f"{url}submit/").status_code == 409


def test_an_executable_dossier_file_is_refused(world, as_role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registration = world.objects["registration:nari"]
    document = world.objects["document:nari"]
    response = upload(as_role("staff_nari"), registration.pk, document.pk, factories.executable_bytes(), "mau.pdf")
    assert response.status_code == 400
    assert response.json()["detail"]


def score_everyone(world, parts):
    evaluation = world.objects["evaluation:council"]
    for role, key in (("council_chair", "scoresheet:chair"), ("council_member", "scoresheet:member")):
        evaluation_services.score_sheet_save(
            user=world.user(role),
            evaluation=evaluation,
            member=world.objects[key].member,
            parts=parts,
            submit=True,
        )
    return evaluation


def test_score_sheets_are_shown_to_those_allowed(world, as_role):
    evaluation = score_everyone(world, (30, 20, 30))
    url = f"/api/v1/evaluations/{evaluation.pk}/score-sheets/"
    assert len(as_role("council_chair").get(url).json()) == 2
    own = as_role("council_member").get(url).json()
    assert [sheet["member"]["full_name"] for sheet in own] == ["Thành viên"]
    assert own[0]["total"] == "80.00"
    assert as_role("staff_nari").get(url).status_code == 403  # district staff do not read evaluations


def test_finalize_issue_and_revoke(world, as_role):
    evaluation = score_everyone(world, (30, 20, 30))
    url = f"/api/v1/evaluations/{evaluation.pk}/"
    assert "finalize" in as_role("council_chair").get(url).json()["allowed_actions"]
    assert "finalize" not in as_role("council_member").get(url).json()["allowed_actions"]
    assert as_role("council_member").post(f"{url}finalize/").status_code == 403

    finalised = as_role("council_chair").post(f"{url}finalize/")
    assert finalised.status_code == 200, finalised.json()
    assert finalised.json()["average_score"] == "80.00"
    assert finalised.json()["final_star"] == 4
    assert finalised.json()["outcome"] == "recognised"
    assert as_role("council_chair").post(f"{url}finalize/").status_code == 409

    officer = as_role("officer")
    assert "issue" in officer.get(url).json()["allowed_actions"]
    issued = officer.post(
        f"{url}issue/",
        {"decision_number": "99/QĐ-UBND", "decision_date": "2026-11-20", "issued_on": "2026-11-20"},
        format="json",
    )
    assert issued.status_code == 201, issued.json()
    certificate = issued.json()
    assert certificate["star"] == 4 and certificate["score"] == "80.00"
    assert certificate["expires_on"] == "2029-11-20"
    assert certificate["filing_window"] == {"opens_on": "2029-05-24", "closes_on": "2029-07-23"}
    assert certificate["allowed_actions"] == ["print", "revoke"]
    old = world.objects["certificate:published"]
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED

    revoke_url = f"/api/v1/certificates/{certificate['id']}/revoke/"
    bad = officer.post(revoke_url, {"ground": "whim", "decision": "1/QĐ", "revoked_on": "2026-11-25"}, format="json")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["ground"]
    revoked = officer.post(
        revoke_url, {"ground": "mark_misuse", "decision": "5/QĐ-UBND", "revoked_on": "2026-11-25"}, format="json"
    )
    assert revoked.status_code == 200, revoked.json()
    assert revoked.json()["status"] == "revoked"
    assert Product.objects.get(pk=evaluation.registration.product_id).current_star is None
    again = officer.post(
        revoke_url, {"ground": "mark_misuse", "decision": "5/QĐ-UBND", "revoked_on": "2026-11-25"}, format="json"
    )
    assert again.status_code == 409


def test_plans_show_their_targets_and_actuals(world, as_role):
    plan = world.objects["plan:province"]
    detail = as_role("officer").get(f"/api/v1/plans/{plan.pk}/", {"as_of": "2026-06-30"}).json()
    assert [line["indicator"] for line in detail["targets"]] == ["new_3_star"]
    (line,) = detail["progress"]
    assert line["target_min"] == 2 and line["actual"] == 0 and line["computed"] is True
    assert line["as_of"] == "2026-06-30"
    listed = as_role("officer").get("/api/v1/plans/").json()["results"]
    assert all("progress" not in row for row in listed)


def test_the_year_summary(world, as_role):
    response = as_role("officer").get("/api/v1/reports/summary/", {"year": 2018, "area": "06"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["area"]["code"] == "06"
    assert body["commended_organizations"] == 2
    assert body["surveyed"]["products"] == 2
    assert as_role("officer").get("/api/v1/reports/summary/", {"year": 2018}).status_code == 400
    assert as_role("officer").get("/api/v1/reports/summary/", {"year": 2018, "area": "00000"}).status_code == 400
    assert Decimal(body["recognised"]["4"]["products"]) == 0
