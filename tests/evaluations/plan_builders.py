"""Rows for the plan, target and summary tests: recognitions, evaluations, surveys, support.

The selectors under test read history (certificates with their dates, finalised evaluations),
so these helpers write those rows directly with the dates a test needs, the way an import of
historical records leaves them; the evaluation services have their own tests.
"""

import datetime
import itertools

from evaluations.models import Certificate, Council, CriteriaSheet, CriteriaVersion, Evaluation, SupportActivity
from organizations.models import Commendation, IssuingAuthority
from products.models import Registration, SurveyEntry
from tests import factories

_seq = itertools.count(1)
D = datetime.date


def authority():
    obj, _ = IssuingAuthority.objects.get_or_create(name="UBND tỉnh Bắc Kạn", defaults={"level": "province"})
    return obj


def legacy_sheet():
    version, _ = CriteriaVersion.objects.get_or_create(
        code="TEST-LEGACY",
        defaults={
            "name": "Phiếu tổng điểm (thử)",
            "effective_from": D(2018, 1, 1),
            "part_a_max": 35,
            "part_b_max": 25,
            "part_c_max": 40,
            "is_legacy": True,
        },
    )
    sheet, _ = CriteriaSheet.objects.get_or_create(version=version, product_set=None, defaults={"name": "Tổng điểm"})
    return sheet


def council(unit, year, level=Council.Level.PROVINCE, round=1):
    obj, _ = Council.objects.get_or_create(
        level=level,
        unit=unit,
        year=year,
        round=round,
        defaults={"name": f"Hội đồng {level} {year}", "era": Council.Era.RULES_1048},
    )
    return obj


def registration(product, year, *, evaluation_type="first", status="accepted", submitted_at=None):
    obj, _ = Registration.objects.get_or_create(
        product=product,
        year=year,
        defaults={"evaluation_type": evaluation_type, "status": status, "submitted_at": submitted_at},
    )
    return obj


def evaluation(
    product,
    year,
    *,
    final_star=None,
    outcome=Evaluation.Outcome.NOT_RECOGNISED,
    level=Council.Level.PROVINCE,
    council_unit=None,
    held_on=None,
    evaluation_type="first",
    finalised=True,
    forwarded_to=None,
):
    reg = registration(product, year, evaluation_type=evaluation_type)
    return Evaluation.objects.create(
        registration=reg,
        council=council(council_unit or product.origin_commune.parent.parent, year, level),
        sheet=legacy_sheet(),
        status=Evaluation.Status.FINALISED if finalised else Evaluation.Status.OPEN,
        final_star=final_star,
        outcome=outcome if finalised else "",
        held_on=held_on,
        forwarded_to=forwarded_to,
    )


def three_years_after(day):
    try:
        return day.replace(year=day.year + 3)
    except ValueError:  # 29/02
        return day.replace(year=day.year + 3, day=28)


def certificate(product, star, decided, *, expires_on=None, revoked_on=None, **fields):
    """A recognition decided on ``decided``, valid 36 months unless told otherwise."""
    n = next(_seq)
    if revoked_on:
        fields.update(status=Certificate.Status.REVOKED, revocation_ground=Certificate.RevocationGround.FORGED)
    return Certificate.objects.create(
        product=product,
        star=star,
        number=f"{n}/GCN-OCOP-06-{decided.year}",
        decision_number=f"{n}/QĐ-UBND",
        decision_date=decided,
        authority=authority(),
        issued_on=decided,
        expires_on=expires_on or three_years_after(decided),
        revoked_on=revoked_on,
        **fields,
    )


def supersede(old, star, decided):
    """An upgrade: a new recognition that replaces ``old`` (which keeps its history)."""
    old.status = Certificate.Status.EXPIRED  # a placeholder so the one-active constraint lets the new one in
    old.save(update_fields=["status"])
    new = certificate(old.product, star, decided)
    old.status = Certificate.Status.SUPERSEDED
    old.superseded_by = new
    old.save(update_fields=["status", "superseded_by"])
    return new


def survey(product, year, group=None):
    return SurveyEntry.objects.create(product=product, year=year, group_2018=group)


def support(producer, year, kind=SupportActivity.Kind.TRAINING, happened_on=None):
    return SupportActivity.objects.create(producer=producer, year=year, kind=kind, happened_on=happened_on)


def commendation(producer, year):
    return Commendation.objects.create(
        producer=producer, year=year, issuer=authority(), decision_number=f"{next(_seq)}/QĐ-UBND"
    )


def product(commune, **fields):
    return factories.product(factories.producer(commune), **fields)
