"""Every write that carries a scoring or certification rule (ocop.md §3, §4, §12).

The admin, the API, the pages, the importers and the demo data call these functions, so a star is
always computed the same way: score sheets in, the council's average, star, outcome and
certificate out. ``Product.current_star`` is written here and nowhere else.

Locking: each function locks the row it decides on (``select_for_update``) before reading the
state it checks, so two members saving sheets are both counted, an evaluation is finalised once,
and a certificate number is drawn once.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations import criteria, rules
from evaluations.models import (
    Certificate,
    CertificateSeries,
    Council,
    CouncilMember,
    CriteriaSheet,
    Criterion,
    CriterionOption,
    Disqualifier,
    Evaluation,
    ScoreLine,
    ScoreSheet,
)
from evaluations.selectors import default_sheet
from ocop_portal.errors import Conflict, TransitionNotAllowed
from organizations import access
from products.models import Product, Registration

TRANSITIONAL_GRACE_DAYS = 180
DECIDED = (Evaluation.Outcome.RECOGNISED, Evaluation.Outcome.NOT_RECOGNISED, Evaluation.Outcome.DISQUALIFIED)
PENDING_REGISTRATION = (
    Registration.Status.SUBMITTED,
    Registration.Status.RESUBMITTED,
    Registration.Status.ACCEPTED,
)


def _refuse() -> None:
    raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _require(user, permission: str) -> None:
    """A plain model permission, for the steps that are not named workflow actions."""
    if not user.has_perm(f"evaluations.{permission}"):
        _refuse()


def _require_action(user, action: str, obj) -> None:
    """A named workflow action: the role's permission and the object's scope (organizations.access)."""
    if not access.can(user, action, obj):
        _refuse()


def _locked(model, obj, *related):
    queryset = model.objects.select_for_update(of=("self",))
    return (queryset.select_related(*related) if related else queryset).get(pk=obj.pk)


# --- Councils and criteria -----------------------------------------------------------------


@transaction.atomic
def council_create(*, user, recognisable_stars=None, **fields) -> Council:
    """A council; unless told otherwise, it may recognise what its level recognised in its era."""
    _require(user, "add_council")
    council = Council(**fields)
    if recognisable_stars is None:
        recognisable_stars = rules.recognisable_stars(council.era, council.level)
    council.recognisable_stars = sorted(set(recognisable_stars))
    council.full_clean()
    council.save()
    return council


def _refuse_if_version_in_use(sheet: CriteriaSheet) -> None:
    if criteria.version_in_use(sheet.version):
        raise Conflict(
            _("Bộ tiêu chí %(version)s đã được dùng để chấm điểm nên không thể sửa.") % {"version": sheet.version}
        )


@transaction.atomic
def criterion_option_correct(*, user, option: CriterionOption, points: int) -> CriterionOption:
    """An officer fixes a misprinted or blank option of a draft sheet (e.g. 26/2026 sheet 4, 13 → 3)."""
    _require(user, "change_criteriasheet")
    option = _locked(CriterionOption, option)
    sheet = CriteriaSheet.objects.select_related("version").get(parts__sections__criteria=option.criterion_id)
    if sheet.status != CriteriaSheet.Status.DRAFT:
        raise TransitionNotAllowed(_("Chỉ sửa được phiếu tiêu chí đang ở trạng thái nháp."))
    _refuse_if_version_in_use(sheet)
    option.points = points
    option.full_clean()
    option.save(update_fields=["points"])
    return option


@transaction.atomic
def criteria_sheet_mark_ready(*, user, sheet: CriteriaSheet) -> CriteriaSheet:
    """Put a corrected draft sheet into use, after the same checks the loader runs."""
    _require(user, "change_criteriasheet")
    sheet = _locked(CriteriaSheet, sheet, "version")
    if sheet.status != CriteriaSheet.Status.DRAFT:
        raise TransitionNotAllowed(_("Phiếu tiêu chí này đã sẵn sàng."))
    problems = criteria.sheet_problems(sheet)
    if problems:
        raise ValidationError(problems)
    sheet.problems = []
    sheet.status = CriteriaSheet.Status.READY
    sheet.full_clean()
    sheet.save(update_fields=["problems", "status"])
    return sheet


# --- Evaluations ---------------------------------------------------------------------------


@transaction.atomic
def evaluation_open(*, user, registration, council, sheet=None) -> Evaluation:
    """Put an accepted registration before a council, on the sheet of its product set and era."""
    _require(user, "add_evaluation")
    registration = _locked(Registration, registration, "product")
    if registration.status != Registration.Status.ACCEPTED:
        raise TransitionNotAllowed(_("Chỉ đánh giá hồ sơ đã được tiếp nhận."))
    earlier = list(Evaluation.objects.filter(registration=registration))
    if any(evaluation.status == Evaluation.Status.OPEN for evaluation in earlier):
        raise Conflict(_("Hồ sơ này đang được một hội đồng chấm điểm."))
    if any(evaluation.outcome == Evaluation.Outcome.RECOGNISED for evaluation in earlier):
        raise Conflict(_("Hồ sơ này đã có kết quả công nhận."))
    sheet = sheet or default_sheet(registration=registration, council=council)
    if sheet is None:
        raise ValidationError(_("Không tìm thấy phiếu tiêu chí phù hợp với sản phẩm: hãy chọn phiếu."))
    if sheet.status != CriteriaSheet.Status.READY:
        raise ValidationError(
            _("Phiếu tiêu chí «%(sheet)s» còn vấn đề chưa xử lý, chưa dùng để chấm được.") % {"sheet": sheet}
        )
    evaluation = Evaluation(registration=registration, council=council, sheet=sheet)
    evaluation.full_clean()
    evaluation.save()
    Evaluation.objects.filter(
        registration=registration, outcome=Evaluation.Outcome.FORWARDED, forwarded_to__isnull=True
    ).exclude(pk=evaluation.pk).update(forwarded_to=evaluation)
    return evaluation


def _decimal_part(value, code: str, maximum: int) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("Điểm phần %(part)s «%(value)s» không phải là số.") % {"part": code, "value": value}
        ) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise ValidationError(
            _("Điểm phần %(part)s phải từ 0 đến %(max)s, nhận được %(value)s.")
            % {"part": code, "max": maximum, "value": value}
        )
    if number != number.quantize(rules.TWO_PLACES):
        raise ValidationError(_("Điểm phần %(part)s chỉ lấy hai chữ số thập phân.") % {"part": code})
    return number


def _legacy_parts(parts, sheet: CriteriaSheet, *, submit: bool) -> tuple[Decimal, Decimal, Decimal]:
    version = sheet.version
    if parts is None:
        if submit:
            raise ValidationError(_("Phiếu tổng điểm phần cần đủ điểm ba phần A, B, C."))
        return Decimal(0), Decimal(0), Decimal(0)
    if len(parts) != 3:
        raise ValidationError(_("Phiếu tổng điểm phần cần đúng ba điểm: A, B, C."))
    maxima = (version.part_a_max, version.part_b_max, version.part_c_max)
    return tuple(_decimal_part(v, code, m) for v, code, m in zip(parts, "ABC", maxima, strict=True))


def _as_id(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Mã %(what)s «%(value)s» không hợp lệ.") % {"what": what, "value": value}) from None


def _choice_lines(sheet: CriteriaSheet, choices: dict, *, submit: bool) -> list[ScoreLine]:
    """One line per chosen option; every criterion of this sheet and nothing else, one option each."""
    sheet_criteria = {
        criterion.pk: criterion
        for criterion in Criterion.objects.filter(section__part__sheet=sheet)
        .select_related("section__part")
        .prefetch_related("options")
    }
    chosen = {_as_id(key, _("tiêu chí")): _as_id(value, _("phương án")) for key, value in choices.items()}
    foreign = sorted(set(chosen) - set(sheet_criteria))
    if foreign:
        raise ValidationError(
            _("Tiêu chí %(ids)s không thuộc phiếu «%(sheet)s».") % {"ids": ", ".join(map(str, foreign)), "sheet": sheet}
        )
    lines = []
    for criterion_id, option_id in chosen.items():
        criterion = sheet_criteria[criterion_id]
        option = next((o for o in criterion.options.all() if o.pk == option_id), None)
        if option is None:
            raise ValidationError(
                _("Phương án %(option)s không thuộc tiêu chí %(criterion)s.")
                % {"option": option_id, "criterion": criterion.code}
            )
        lines.append(ScoreLine(criterion=criterion, option=option, points=option.points or 0))
    missing = [c.code for c in sheet_criteria.values() if c.pk not in chosen]
    if submit and missing:
        raise ValidationError(_("Chưa chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)})
    return lines


@transaction.atomic
def score_sheet_save(
    *, user, evaluation, member, choices=None, parts=None, disqualifier_ids=(), comment="", submit=False
) -> ScoreSheet:
    """A member saves (draft) or submits their own sheet while the evaluation is open.

    The evaluation row is locked first, so a finalisation either sees this sheet or has already
    locked the evaluation and this save is refused; two members saving at once are serialised on
    that lock and both sheets count.
    """
    evaluation = _locked(Evaluation, evaluation, "sheet__version")
    if evaluation.status != Evaluation.Status.OPEN:
        raise TransitionNotAllowed(_("Phiên đánh giá đã hoàn tất: các phiếu chấm đã khóa."))
    if member.council_id != evaluation.council_id:
        raise ValidationError(_("%(member)s không phải thành viên hội đồng này.") % {"member": member.full_name})
    if member.user_id != user.pk:
        raise PermissionDenied(_("Chỉ thành viên hội đồng tự chấm phiếu của mình."))
    if not member.scores:
        raise ValidationError(_("Thư ký hội đồng không chấm điểm."))
    sheet = evaluation.sheet
    if sheet.version.is_legacy:
        if choices:
            raise ValidationError(_("Phiếu tổng điểm phần chỉ nhận điểm ba phần A, B, C."))
        part_a, part_b, part_c = _legacy_parts(parts, sheet, submit=submit)
        lines = []
    else:
        if parts is not None:
            raise ValidationError(_("Phiếu này chấm theo từng tiêu chí, không nhận tổng điểm phần."))
        lines = _choice_lines(sheet, choices or {}, submit=submit)
        totals = {"A": 0, "B": 0, "C": 0}
        for line in lines:
            totals[line.criterion.section.part.code] += line.points
        part_a, part_b, part_c = (Decimal(totals[code]) for code in "ABC")
    ids = {_as_id(pk, _("điều kiện loại")) for pk in disqualifier_ids}
    disqualifiers = list(Disqualifier.objects.filter(sheet=sheet, pk__in=ids))
    if len(disqualifiers) != len(ids):
        raise ValidationError(_("Điều kiện loại hồ sơ không thuộc phiếu «%(sheet)s».") % {"sheet": sheet})

    score_sheet, _created = ScoreSheet.objects.get_or_create(evaluation=evaluation, member=member)
    score_sheet.part_a, score_sheet.part_b, score_sheet.part_c = part_a, part_b, part_c
    score_sheet.total = part_a + part_b + part_c
    score_sheet.comment = comment
    score_sheet.status = ScoreSheet.Status.SUBMITTED if submit else ScoreSheet.Status.DRAFT
    score_sheet.submitted_at = timezone.now() if submit else None
    score_sheet.full_clean()
    score_sheet.save()
    score_sheet.lines.all().delete()
    for line in lines:
        line.score_sheet = score_sheet
    ScoreLine.objects.bulk_create(lines)
    score_sheet.disqualifiers.set(disqualifiers)
    return score_sheet


def _minimums_star(evaluation: Evaluation, sheets: list[ScoreSheet]) -> int:
    options = CriterionOption.objects.filter(
        criterion__section__part__sheet=evaluation.sheet, criterion__options__min_star__isnull=False
    ).values_list("criterion_id", "points", "min_star")
    by_criterion: dict[int, list] = {}
    for criterion_id, points, min_star in options.distinct():
        by_criterion.setdefault(criterion_id, []).append((points, min_star))
    thresholds = {pk: rules.minimum_thresholds(pairs) for pk, pairs in by_criterion.items()}
    sheet_stars = [
        rules.sheet_minimums_star(thresholds, {line.criterion_id: line.points for line in sheet.lines.all()})
        for sheet in sheets
    ]
    return rules.council_minimums_star(sheet_stars)


@transaction.atomic
def evaluation_finalize(*, user, evaluation, spread_override_reason="") -> Evaluation:
    """The council's result from the submitted sheets; the evaluation and its sheets lock.

    Average of the members' totals (two decimals, half up) → star band → lowered to the
    minimums most members' sheets meet → no star if any member ticked a disqualifier →
    recognised, forwarded (above what this level may recognise) or not recognised.
    """
    _require_action(user, "evaluation.finalize", evaluation)
    evaluation = _locked(Evaluation, evaluation, "council", "sheet__version", "registration")
    if evaluation.status != Evaluation.Status.OPEN:
        raise TransitionNotAllowed(_("Phiên đánh giá này đã hoàn tất."))
    council = evaluation.council
    members = [member for member in council.members.all() if member.scores]
    sheets = list(
        evaluation.score_sheets.filter(status=ScoreSheet.Status.SUBMITTED).prefetch_related("lines", "disqualifiers")
    )
    present = {sheet.member_id for sheet in sheets}
    chair = next((m for m in members if m.role == CouncilMember.Role.CHAIR), None)
    if not rules.quorum_met(
        scoring_members=len(members),
        present=len(present),
        chair_present=chair is not None and chair.pk in present,
        percent=council.quorum_percent,
    ):
        raise ValidationError(
            _(
                "Chưa đủ điều kiện họp: %(present)s/%(total)s thành viên đã nộp phiếu, cần ít nhất %(percent)s%% "
                "và có Chủ tịch hội đồng."
            )
            % {"present": len(present), "total": len(members), "percent": council.quorum_percent}
        )
    totals = [sheet.total for sheet in sheets]
    spread = rules.score_spread(totals)
    flagged = spread > council.max_spread
    reason = spread_override_reason.strip()
    if flagged and not reason:
        raise ValidationError(
            _(
                "Điểm của các thành viên chênh nhau %(spread)s điểm, vượt mức %(max)s: cần chấm lại, "
                "hoặc ghi lý do chấp nhận chênh lệch."
            )
            % {"spread": spread, "max": council.max_spread}
        )
    evaluation.average_score = rules.mean_score(totals)
    evaluation.score_star = rules.star_for_score(evaluation.average_score)
    evaluation.minimums_checked = not evaluation.sheet.version.is_legacy
    evaluation.minimums_star = _minimums_star(evaluation, sheets) if evaluation.minimums_checked else None
    evaluation.disqualified = any(sheet.disqualifiers.all() for sheet in sheets)
    evaluation.final_star = rules.final_star(
        score_star=evaluation.score_star, minimums_star=evaluation.minimums_star, disqualified=evaluation.disqualified
    )
    evaluation.outcome = rules.outcome_for(evaluation.final_star, council.recognisable_stars)
    evaluation.spread_flagged = flagged
    evaluation.spread_override_reason = reason if flagged else ""
    evaluation.status = Evaluation.Status.FINALISED
    evaluation.finalised_at = timezone.now()
    evaluation.finalised_by = user
    evaluation.full_clean()
    evaluation.save()
    if evaluation.outcome in (Evaluation.Outcome.NOT_RECOGNISED, Evaluation.Outcome.DISQUALIFIED):
        _product_after_refusal(evaluation.registration.product_id)
    return evaluation


def _product_after_refusal(product_id: int) -> None:
    """An upgrade or re-evaluation that failed leaves the product on the recognition it still holds."""
    product = Product.objects.select_for_update().get(pk=product_id)
    if product.certificates.filter(status=Certificate.Status.ACTIVE).exists():
        _save_product(product, status=Product.Status.RATED)


def _save_product(product: Product, **values) -> None:
    for name, value in values.items():
        setattr(product, name, value)
    product.full_clean(validate_unique=False)
    product.save(update_fields=[*values, "updated_at"])


# --- Certificates --------------------------------------------------------------------------


def _check_authority(authority, issued_on) -> None:
    if authority is None:
        raise ValidationError(_("Cần chọn cơ quan công nhận."))
    if (authority.valid_from and issued_on < authority.valid_from) or (
        authority.valid_to and issued_on > authority.valid_to
    ):
        raise ValidationError(
            _("%(authority)s không còn (hoặc chưa) hoạt động vào ngày %(date)s.")
            % {"authority": authority, "date": issued_on.strftime("%d/%m/%Y")}
        )


def _default_pattern(province_code: str) -> str:
    latest = CertificateSeries.objects.filter(province_code=province_code).order_by("-year").first()
    if latest:
        return latest.pattern
    return getattr(settings, "OCOP_CERTIFICATE_NUMBER_PATTERN", rules.DEFAULT_CERTIFICATE_PATTERN)


def _next_number(product: Product, year: int) -> str:
    """Draw the next number of the product's province for the year, under a row lock."""
    province_code = rules.province_code_of(product.origin_commune.path)
    series, _created = CertificateSeries.objects.get_or_create(
        province_code=province_code, year=year, defaults={"pattern": _default_pattern(province_code)}
    )
    series = CertificateSeries.objects.select_for_update().get(pk=series.pk)
    while True:
        series.last_seq += 1
        number = rules.certificate_number(series.pattern, seq=series.last_seq, province_code=province_code, year=year)
        if not Certificate.objects.filter(number=number).exists():  # skip numbers taken by imported records
            break
    series.save(update_fields=["last_seq"])
    return number


def _certificate_create(*, product, star, number, evaluation=None, score=None, **fields) -> Certificate:
    product = Product.objects.select_for_update().select_related("origin_commune").get(pk=product.pk)
    issued_on = fields["issued_on"]
    _check_authority(fields["authority"], issued_on)
    if fields["decision_date"] > issued_on:
        raise ValidationError(_("Ngày cấp giấy chứng nhận không thể trước ngày quyết định công nhận."))
    number = number or _next_number(product, issued_on.year)
    if Certificate.objects.filter(number=number).exists():
        raise Conflict(_("Số giấy chứng nhận %(number)s đã được dùng.") % {"number": number})
    expires_on = rules.certificate_expiry(issued_on)
    historical = expires_on < timezone.localdate()
    previous = Certificate.objects.select_for_update().filter(product=product, status=Certificate.Status.ACTIVE).first()
    if previous and not historical:
        previous.status = Certificate.Status.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
    certificate = Certificate(
        product=product,
        evaluation=evaluation,
        star=star,
        number=number,
        score=score,
        expires_on=expires_on,
        status=Certificate.Status.EXPIRED if historical else Certificate.Status.ACTIVE,
        **fields,
    )
    certificate.full_clean()
    certificate.save()
    if previous and not historical:
        previous.superseded_by = certificate
        previous.save(update_fields=["superseded_by", "updated_at"])
    if not historical:
        _save_product(product, current_star=star, star_valid_until=expires_on, status=Product.Status.RATED)
    elif previous is None:
        _save_product(product, current_star=None, star_valid_until=None, status=Product.Status.LAPSED)
    return certificate


@transaction.atomic
def certificate_issue(
    *, user, evaluation, decision_number, decision_date, issued_on, authority=None, number=None
) -> Certificate:
    """The certificate of a recognised evaluation; it supersedes the product's active one.

    A certificate whose 36 months already ended (a past round entered today) is stored as expired
    and leaves the product's current recognition alone.
    """
    _require_action(user, "certificate.issue", evaluation)
    evaluation = _locked(Evaluation, evaluation, "council__authority", "registration__product")
    if evaluation.status != Evaluation.Status.FINALISED or evaluation.outcome != Evaluation.Outcome.RECOGNISED:
        raise TransitionNotAllowed(_("Chỉ cấp giấy chứng nhận cho kết quả đã hoàn tất và được công nhận."))
    if evaluation.final_star not in rules.CERTIFIABLE_STARS:
        raise ValidationError(_("Chỉ sản phẩm đạt 3 đến 5 sao được cấp giấy chứng nhận."))
    if Certificate.objects.filter(evaluation=evaluation).exists():
        raise Conflict(_("Kết quả đánh giá này đã được cấp giấy chứng nhận."))
    return _certificate_create(
        product=evaluation.registration.product,
        star=evaluation.final_star,
        number=number,
        evaluation=evaluation,
        score=evaluation.average_score,
        decision_number=decision_number,
        decision_date=decision_date,
        issued_on=issued_on,
        authority=authority or evaluation.council.authority,
    )


@transaction.atomic
def certificate_record(
    *, user, product, star, number, decision_number, decision_date, issued_on, authority
) -> Certificate:
    """A recognition known from the records only (no score sheets), e.g. an imported past decision."""
    _require_action(user, "certificate.issue", product)
    if star not in rules.CERTIFIABLE_STARS:
        raise ValidationError(_("Chỉ sản phẩm đạt 3 đến 5 sao được cấp giấy chứng nhận."))
    return _certificate_create(
        product=product,
        star=star,
        number=number,
        decision_number=decision_number,
        decision_date=decision_date,
        issued_on=issued_on,
        authority=authority,
    )


@transaction.atomic
def certificate_revoke(*, user, certificate, ground, decision, revoked_on) -> Certificate:
    """Revoke on one of the six grounds of 26/2026 Art. 8; the product loses its star."""
    _require_action(user, "certificate.revoke", certificate)
    certificate = _locked(Certificate, certificate)
    if certificate.status != Certificate.Status.ACTIVE:
        raise TransitionNotAllowed(_("Chỉ thu hồi giấy chứng nhận còn hiệu lực."))
    if ground not in Certificate.RevocationGround.values:
        raise ValidationError(_("Căn cứ thu hồi không hợp lệ."))
    if not decision.strip():
        raise ValidationError(_("Cần ghi số quyết định thu hồi."))
    if revoked_on < certificate.issued_on:
        raise ValidationError(_("Ngày thu hồi không thể trước ngày cấp."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revocation_ground = ground
    certificate.revocation_decision = decision.strip()
    certificate.revoked_on = revoked_on
    certificate.full_clean()
    certificate.save()
    product = Product.objects.select_for_update().get(pk=certificate.product_id)
    _save_product(product, current_star=None, star_valid_until=None, status=Product.Status.REVOKED)
    return certificate


@transaction.atomic
def certificates_expire(*, today=None) -> int:
    """Expire active certificates whose last valid day has passed; returns how many.

    A certificate whose product has a re-evaluation dossier under way stays valid until the
    decision, at most 180 days after its expiry (26/2026 Art. 12, transitional rule).
    """
    today = today or timezone.localdate()
    due = Certificate.objects.select_for_update().filter(status=Certificate.Status.ACTIVE, expires_on__lt=today)
    expired = 0
    for certificate in due:
        grace_until = certificate.expires_on + timedelta(days=TRANSITIONAL_GRACE_DAYS)
        re_evaluating = (
            Registration.objects.filter(
                product_id=certificate.product_id,
                evaluation_type=Registration.EvaluationType.RE_EVALUATION,
                status__in=PENDING_REGISTRATION,
                year__gte=certificate.expires_on.year - 1,
            )
            .exclude(evaluations__outcome__in=DECIDED)  # decided: the grace ends with the decision
            .exists()
        )
        if re_evaluating and today <= grace_until:
            continue
        certificate.status = Certificate.Status.EXPIRED
        certificate.save(update_fields=["status", "updated_at"])
        product = Product.objects.select_for_update().get(pk=certificate.product_id)
        _save_product(product, current_star=None, star_valid_until=None, status=Product.Status.LAPSED)
        expired += 1
    return expired


# --- What a user may do next (API ``allowed_actions`` and pages) ----------------------------


def evaluation_allowed_actions(*, user, evaluation) -> list[str]:
    actions = []
    if evaluation.status == Evaluation.Status.OPEN:
        if evaluation.council.members.filter(user_id=user.pk).exclude(role=CouncilMember.Role.SECRETARY).exists():
            actions.append("score")
        if access.can(user, "evaluation.finalize", evaluation):
            actions.append("finalize")
    elif (
        evaluation.outcome == Evaluation.Outcome.RECOGNISED
        and access.can(user, "certificate.issue", evaluation)
        and not Certificate.objects.filter(evaluation=evaluation).exists()
    ):
        actions.append("issue_certificate")
    return actions


def certificate_allowed_actions(*, user, certificate) -> list[str]:
    actions = ["print"]
    if certificate.status == Certificate.Status.ACTIVE and access.can(user, "certificate.revoke", certificate):
        actions.append("revoke")
    return actions
