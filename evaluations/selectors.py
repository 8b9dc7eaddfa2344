"""Reads about evaluations and certificates that are more than a filter."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from evaluations import rules
from evaluations.models import (
    Certificate,
    Council,
    CriteriaSheet,
    CriteriaVersion,
    Criterion,
    Evaluation,
    ScoreSheet,
    SheetPart,
    SheetSection,
)

# Councils of these eras scored on a legacy part-totals sheet (ocop.md §12.7); later eras use the
# per-criterion sheet of the version in force on the council's date.
LEGACY_VERSION_OF_ERA = {Council.Era.BK_2018: "OCOP-BK-2018", Council.Era.RULES_1048: "1048-2019"}


def _reference_date(year: int) -> date:
    today = timezone.localdate()
    return today if year >= today.year else date(year, 12, 31)


def default_sheet(*, registration, council) -> CriteriaSheet | None:
    """The sheet a council of this era uses for the registration's product (None if there is none)."""
    sheets = CriteriaSheet.objects.select_related("version")
    if council.era in LEGACY_VERSION_OF_ERA:
        return sheets.filter(version__code=LEGACY_VERSION_OF_ERA[council.era], product_set__isnull=True).first()
    version = (
        CriteriaVersion.objects.filter(is_legacy=False, effective_from__lte=_reference_date(council.year))
        .order_by("-effective_from")
        .first()
    )
    product_set_id = registration.product.product_set_id
    if version is None or product_set_id is None:
        return None
    return sheets.filter(version=version, product_set_id=product_set_id).first()


def sheet_structure(sheet: CriteriaSheet):
    """Parts → sections → criteria → options of a sheet in four queries (scoring form, admin)."""
    return SheetPart.objects.filter(sheet=sheet).prefetch_related(
        Prefetch(
            "sections",
            queryset=SheetSection.objects.prefetch_related(
                Prefetch("criteria", queryset=Criterion.objects.prefetch_related("options"))
            ),
        )
    )


def evaluation_with_sheets(*, user, pk) -> Evaluation:
    """An evaluation the user may see, with its members' sheets, lines and disqualifiers."""
    return get_object_or_404(
        Evaluation.objects.visible_to(user)
        .select_related("council", "sheet__version", "registration__product__producer")
        .prefetch_related(
            Prefetch(
                "score_sheets",
                queryset=ScoreSheet.objects.select_related("member").prefetch_related(
                    "lines__criterion", "lines__option", "disqualifiers"
                ),
            )
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class DueCertificate:
    certificate: Certificate
    refiling_opens_on: date
    refiling_closes_on: date

    @property
    def expires_on(self) -> date:
        return self.certificate.expires_on


def certificates_due(*, days: int, today: date | None = None, user=None) -> list[DueCertificate]:
    """Active certificates that expire, or whose re-evaluation window opens, within ``days`` days."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    # The window opens 180 days before expiry, so "opens within N days" covers "expires within N days".
    queryset = Certificate.objects.filter(
        status=Certificate.Status.ACTIVE, expires_on__lte=horizon + timedelta(days=rules.REFILING_OPENS_DAYS)
    )
    if user is not None:
        queryset = queryset.visible_to(user)
    queryset = queryset.select_related("product__producer", "authority").order_by("expires_on", "number")
    return [DueCertificate(c, *rules.refiling_window(c.expires_on)) for c in queryset]


@dataclass(frozen=True)
class CertificatePrint:
    """What the printable certificate page shows; dates already in dd/mm/yyyy."""

    certificate: Certificate
    number: str
    star: int
    product_name: str
    product_id: int
    producer_name: str
    producer_address: str
    score: str
    decision_number: str
    decision_date: str
    authority_name: str
    issued_on: str
    expires_on: str
    status_label: str
    is_active: bool


def _dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def certificate_for_print(*, user, pk) -> CertificatePrint:
    """The data of a certificate page; 404 when the user may not see the certificate."""
    certificate = get_object_or_404(
        Certificate.objects.visible_to(user).select_related("product__producer", "authority"), pk=pk
    )
    producer = certificate.product.producer
    return CertificatePrint(
        certificate=certificate,
        number=certificate.number,
        star=certificate.star,
        product_name=certificate.product.name,
        product_id=certificate.product_id,
        producer_name=producer.name,
        producer_address=producer.address,
        score=f"{certificate.score:.2f}" if certificate.score is not None else "",
        decision_number=certificate.decision_number,
        decision_date=_dmy(certificate.decision_date),
        authority_name=certificate.authority.name,
        issued_on=_dmy(certificate.issued_on),
        expires_on=_dmy(certificate.expires_on),
        status_label=certificate.get_status_display(),
        is_active=certificate.status == Certificate.Status.ACTIVE,
    )


def current_certificate(*, product) -> Certificate | None:
    """The product's active certificate (at most one: a database constraint), the source of its star."""
    return product.certificates.filter(status=Certificate.Status.ACTIVE).select_related("authority").first()


def product_recognitions(*, product):
    """A product's star history: every certificate, newest first (never overwritten)."""
    return product.certificates.select_related("authority", "evaluation__council").order_by("-issued_on", "-id")
