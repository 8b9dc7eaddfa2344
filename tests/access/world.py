"""One small province with every kind of record and one user per role: the stage of the permission matrix.

Bắc Kạn (06) with Na Rì (066: Côn Minh) and Chợ Mới (065: Nông Hạ); Cao Bằng (04) for an officer of
another province. From Na Rì staff's point of view ``nari`` records are theirs, ``chomoi`` records
are another district's, and ``published`` is a Chợ Mới product in the public catalogue. The
provincial council 2026 (chair and one member) is scoring the published product's re-evaluation.

``build_world()`` writes it all and returns a ``World``; ``world.objects[resource]`` is the record a
matrix row is about (resources are named in ``tests/access/matrix.py``), ``world.users[role]`` the
user (``None`` for anonymous). Builders write rows directly, as the services would leave them.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from evaluations.models import (
    Certificate,
    Council,
    CouncilMember,
    CriteriaSheet,
    CriteriaVersion,
    Evaluation,
    ScoreSheet,
    SupportActivity,
    Target,
    YearlyPlan,
)
from organizations import roles
from organizations.models import Commendation, IssuingAuthority, StaffAssignment
from products.models import DossierDocument, Registration, SurveyEntry
from tests import factories

Role = StaffAssignment.Role


@dataclass
class World:
    units: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def user(self, role):
        """A fresh copy of the role's user: nothing cached from an earlier request or check."""
        account = self.users[role]
        return None if account is None else get_user_model().objects.get(pk=account.pk)


def staff_account(username, role, unit, view_unit=None):
    """A user holding ``role`` in ``unit``, with the admin access the role comes with."""
    return factories.user(
        username, role=role, unit_obj=unit, view_unit=view_unit, is_staff=roles.ROLES[role].admin_access
    )


def build_world() -> World:
    world = World()
    units = world.units
    units.update(factories.bac_kan_tree())
    units["cao_bang"] = factories.unit("04", "Cao Bằng", level="province", unit_type="tinh")
    today = timezone.localdate()

    authority = IssuingAuthority.objects.create(
        name="UBND tỉnh Bắc Kạn (thử)", level="province", unit=units["province"]
    )
    producers = {
        "nari": factories.producer(units["con_minh"], name="HTX Côn Minh"),
        "chomoi": factories.producer(units["nong_ha"], name="HTX Nông Hạ"),
        "published": factories.producer(units["nong_ha"], name="HTX Miến Nông Hạ"),
    }
    products = {
        "nari": factories.product(producers["nari"], name="Miến dong Côn Minh"),
        "chomoi": factories.product(producers["chomoi"], name="Gạo nếp Nông Hạ"),
        "published": factories.product(
            producers["published"],
            name="Miến dong Nông Hạ",
            current_star=4,
            star_valid_until=today.replace(year=today.year + 2),
        ),
    }
    certificate = Certificate.objects.create(
        product=products["published"],
        star=4,
        number="1/GCN-OCOP-06-TEST",
        decision_number="1/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=365),
        authority=authority,
        issued_on=today - datetime.timedelta(days=365),
        expires_on=today.replace(year=today.year + 2),
    )
    registrations = {
        "nari": factories.registration(products["nari"]),
        "chomoi": factories.registration(products["chomoi"]),
        "council": factories.registration(
            products["published"], evaluation_type=Registration.EvaluationType.RE_EVALUATION, status="accepted"
        ),
    }
    documents = {
        key: DossierDocument.objects.create(registration=registrations[key], kind=DossierDocument.Kind.FORM_01)
        for key in ("nari", "chomoi", "council")
    }

    users = world.users
    users["superuser"] = get_user_model().objects.create_superuser("root", password="a-long-test-password")
    users["officer"] = staff_account("officer_06", Role.OFFICER, units["province"])
    users["officer_other"] = staff_account("officer_04", Role.OFFICER, units["cao_bang"])
    users["staff_nari"] = staff_account("staff_066", Role.AREA_STAFF, units["na_ri"])
    users["staff_chomoi"] = staff_account("staff_065", Role.AREA_STAFF, units["cho_moi"])
    users["council_chair"] = staff_account("council_chair", Role.COUNCIL_MEMBER, units["province"])
    users["council_member"] = staff_account("council_member", Role.COUNCIL_MEMBER, units["province"])
    users["api_client"] = staff_account("api_066", Role.API_CLIENT, units["na_ri"])
    users["anonymous"] = None

    version = CriteriaVersion.objects.create(
        code="TEST-ACCESS",
        name="Phiếu tổng điểm (thử)",
        effective_from=datetime.date(2018, 1, 1),
        part_a_max=35,
        part_b_max=25,
        part_c_max=40,
        is_legacy=True,
    )
    sheet = CriteriaSheet.objects.create(version=version, name="Tổng điểm phần (thử)")
    council = Council.objects.create(
        name="Hội đồng cấp tỉnh 2026 (thử)",
        level=Council.Level.PROVINCE,
        era=Council.Era.RULES_2025,
        unit=units["province"],
        authority=authority,
        year=today.year,
        recognisable_stars=[3, 4],
    )
    chair = CouncilMember.objects.create(
        council=council, user=users["council_chair"], full_name="Chủ tịch hội đồng", role=CouncilMember.Role.CHAIR
    )
    member = CouncilMember.objects.create(council=council, user=users["council_member"], full_name="Thành viên")
    evaluation = Evaluation.objects.create(registration=registrations["council"], council=council, sheet=sheet)
    score_sheets = {
        "chair": ScoreSheet.objects.create(evaluation=evaluation, member=chair),
        "member": ScoreSheet.objects.create(evaluation=evaluation, member=member),
    }
    plans = {
        "province": YearlyPlan.objects.create(year=today.year, unit=units["province"], title="Kế hoạch OCOP tỉnh"),
        "chomoi": YearlyPlan.objects.create(year=today.year, unit=units["cho_moi"], title="Kế hoạch OCOP Chợ Mới"),
    }

    objects = world.objects
    objects.update({f"producer:{key}": value for key, value in producers.items()})
    objects.update({f"product:{key}": value for key, value in products.items()})
    objects.update({f"registration:{key}": value for key, value in registrations.items()})
    objects.update({f"document:{key}": value for key, value in documents.items()})
    objects.update(
        {
            "survey:nari": SurveyEntry.objects.create(year=2018, product=products["nari"]),
            "survey:chomoi": SurveyEntry.objects.create(year=2018, product=products["chomoi"]),
            "commendation:nari": Commendation.objects.create(
                producer=producers["nari"], year=2018, issuer=authority, decision_number="7/QĐ-UBND"
            ),
            "commendation:chomoi": Commendation.objects.create(
                producer=producers["chomoi"], year=2018, issuer=authority, decision_number="7/QĐ-UBND"
            ),
            "council:province": council,
            "member:chair": chair,
            "evaluation:council": evaluation,
            "scoresheet:chair": score_sheets["chair"],
            "scoresheet:member": score_sheets["member"],
            "certificate:published": certificate,
            "plan:province": plans["province"],
            "plan:chomoi": plans["chomoi"],
            "target:nari": Target.objects.create(
                plan=plans["province"],
                indicator=Target.Indicator.NEW_PRODUCTS_3_STAR,
                unit=units["na_ri"],
                target_min=2,
            ),
            "support:nari": SupportActivity.objects.create(
                producer=producers["nari"], year=today.year, kind=SupportActivity.Kind.TRAINING
            ),
            "support:chomoi": SupportActivity.objects.create(
                producer=producers["chomoi"], year=today.year, kind=SupportActivity.Kind.TRAINING
            ),
            "unit:con_minh": units["con_minh"],
            "unit:nong_ha": units["nong_ha"],
            "authority:province": authority,
            "account:staff_chomoi": users["staff_chomoi"],
            "account:officer_other": users["officer_other"],
        }
    )
    return world
