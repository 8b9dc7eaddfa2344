"""Councils, score sheets, finalising and certificates through the pages."""

import pytest

from evaluations.models import Council, CouncilMember, Evaluation, ScoreSheet
from organizations import access
from tests import factories
from tests.evaluations.conftest import choices_for, load_legacy_version, load_small_version

pytestmark = pytest.mark.django_db

FULL_MARKS = {"1.1": 30, "1.2": 10, "4.1": 25, "6.1": 30}  # 95 points, all minimums met


@pytest.fixture
def setting(area, authority):
    sheet = load_small_version()
    officer = factories.user("officer", role="officer", unit_obj=area["province"])
    council = Council.objects.create(
        name="Hội đồng tỉnh 2026",
        level="province",
        era="2025",
        unit=area["province"],
        authority=authority,
        year=2026,
        recognisable_stars=[3, 4],
    )
    members = []
    for n, role in enumerate(("chair", "member")):
        account = factories.user(f"council_{n + 1}", role="council_member", unit_obj=area["province"])
        members.append(CouncilMember.objects.create(council=council, user=account, full_name=f"TV {n}", role=role))
    product = factories.product(
        factories.producer(area["con_minh"]), name="Miến dong Tài Hoan", product_set=sheet.product_set
    )
    registration = factories.registration(product, status="accepted")
    return {"sheet": sheet, "officer": officer, "council": council, "members": members, "registration": registration}


def score(client, member, evaluation, points, action="submit"):
    client.force_login(member.user)
    data = {f"c{k}": v for k, v in choices_for(evaluation.sheet, points).items()}
    return client.post(f"/evaluations/{evaluation.pk}/score/", {**data, "action": action}, follow=True)


def test_council_to_certificate_through_the_pages(client, setting):
    officer, council = setting["officer"], setting["council"]
    client.force_login(officer)
    assert client.get("/officer/councils/").status_code == 200
    response = client.post(f"/officer/councils/{council.pk}/", {"registration": setting["registration"].pk})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(registration=setting["registration"])
    chair, member = setting["members"]
    client.force_login(member.user)
    sessions = client.get("/my/sessions/")
    assert "Miến dong Tài Hoan" in sessions.content.decode()
    page = client.get(f"/evaluations/{evaluation.pk}/score/").content.decode()
    assert "1.2 Liên kết" in page and "****" in page and "Giả mạo hồ sơ" in page
    # Submitting half a sheet is refused with the service's message.
    client.force_login(member.user)
    half = {f"c{k}": v for k, v in list(choices_for(evaluation.sheet, FULL_MARKS).items())[:2]}
    response = client.post(f"/evaluations/{evaluation.pk}/score/", {**half, "action": "submit"})
    assert "Chưa chấm các tiêu chí" in response.content.decode()
    # A draft keeps the choices; then both members submit.
    response = score(client, member, evaluation, FULL_MARKS, action="draft")
    assert ScoreSheet.objects.get(member=member).status == "draft"
    assert "checked" in response.content.decode()
    score(client, member, evaluation, FULL_MARKS)
    score(client, chair, evaluation, FULL_MARKS)
    assert ScoreSheet.objects.filter(evaluation=evaluation, status="submitted").count() == 2
    # The chair finalises: 95 points, a 5★ product forwarded by a council that recognises 3–4★.
    client.force_login(chair.user)
    assert "finalize" in client.get(f"/evaluations/{evaluation.pk}/").context["actions"]
    client.post(f"/evaluations/{evaluation.pk}/finalize/")
    evaluation.refresh_from_db()
    assert evaluation.status == "finalised"
    assert evaluation.outcome == "forwarded"


def test_officer_issues_the_certificate_and_the_product_is_published(client, setting):
    officer, council = setting["officer"], setting["council"]
    evaluation = Evaluation.objects.create(
        registration=setting["registration"], council=council, sheet=setting["sheet"]
    )
    marks = {"1.1": 30, "1.2": 8, "4.1": 20, "6.1": 20}  # 78 points, 4★
    for member in setting["members"]:
        score(client, member, evaluation, marks)
    client.force_login(setting["members"][0].user)
    client.post(f"/evaluations/{evaluation.pk}/finalize/")
    evaluation.refresh_from_db()
    assert (evaluation.final_star, evaluation.outcome) == (4, "recognised")
    client.force_login(officer)
    response = client.post(
        f"/evaluations/{evaluation.pk}/certificate/",
        {"decision_number": "123/QĐ-UBND", "decision_date": "15/06/2026", "issued_on": "15/06/2026"},
    )
    certificate = evaluation.certificate
    assert response["Location"] == f"/certificates/{certificate.pk}/"
    assert access.published_products().filter(pk=setting["registration"].product_id).exists()
    client.logout()
    catalogue = client.get("/catalogue/", {"q": "mien dong"})
    assert [p.name for p in catalogue.context["page"].object_list] == ["Miến dong Tài Hoan"]
    assert "15/06/2026" in client.get(f"/certificates/{certificate.pk}/").content.decode()
    # Revoking takes it out of the catalogue again.
    client.force_login(officer)
    client.post(
        f"/officer/certificates/{certificate.pk}/revoke/",
        {"ground": "mark_misuse", "decision": "9/QĐ-UBND", "revoked_on": "01/07/2026"},
    )
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert not access.published_products().filter(pk=setting["registration"].product_id).exists()


def test_bad_certificate_dates_are_reported_not_500(client, setting):
    evaluation = Evaluation.objects.create(
        registration=setting["registration"], council=setting["council"], sheet=setting["sheet"]
    )
    client.force_login(setting["officer"])
    response = client.post(
        f"/evaluations/{evaluation.pk}/certificate/",
        {"decision_number": "1", "decision_date": "31/02/2026", "issued_on": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Ngày quyết định" in response.content.decode()


def test_other_people_cannot_score_or_see_the_session(client, setting, area):
    evaluation = Evaluation.objects.create(
        registration=setting["registration"], council=setting["council"], sheet=setting["sheet"]
    )
    outsider = factories.user(role="council_member", unit_obj=area["province"])
    staff = factories.user(role="area_staff", unit_obj=area["cho_moi"])
    for account in (outsider, staff):
        client.force_login(account)
        assert client.get(f"/evaluations/{evaluation.pk}/score/").status_code == 404
        assert client.get(f"/evaluations/{evaluation.pk}/").status_code == 404
        assert client.get("/officer/councils/").status_code == 404
        client.post(f"/evaluations/{evaluation.pk}/finalize/")
    evaluation.refresh_from_db()
    assert evaluation.status == "open"


def test_legacy_sheet_takes_three_part_totals(client, setting):
    legacy = load_legacy_version()
    evaluation = Evaluation.objects.create(
        registration=setting["registration"], council=setting["council"], sheet=legacy
    )
    member = setting["members"][1]
    client.force_login(member.user)
    page = client.get(f"/evaluations/{evaluation.pk}/score/").content.decode()
    assert 'name="part_a"' in page
    client.post(
        f"/evaluations/{evaluation.pk}/score/", {"part_a": "30", "part_b": "20", "part_c": "35.5", "action": "submit"}
    )
    assert ScoreSheet.objects.get(member=member).total == 85.5
    response = client.post(
        f"/evaluations/{evaluation.pk}/score/", {"part_a": "99", "part_b": "0", "part_c": "0", "action": "draft"}
    )
    assert response.status_code == 200
    assert response.context["errors"]
