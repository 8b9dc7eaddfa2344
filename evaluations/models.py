"""Criteria sets, councils, evaluations and score sheets, certificates, yearly plans and targets.

Stars are computed, never typed: ``evaluations.services`` turns score sheets into an average,
a star and, for 3★–5★, a certificate, and writes the product's current star.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from evaluations import rules
from organizations.models import AdministrativeUnit, IssuingAuthority, Producer
from organizations.querysets import ScopedQuerySet
from products.models import Product, ProductSet, Registration

STAR_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Star(models.IntegerChoices):
    ONE = 1, _("1 sao")
    TWO = 2, _("2 sao")
    THREE = 3, _("3 sao")
    FOUR = 4, _("4 sao")
    FIVE = 5, _("5 sao")


# --- Criteria -------------------------------------------------------------------------------


class CriteriaVersion(models.Model):
    """A rule book: OCOP-BK-2018, 1048-2019, 148-2023, 26/2026. Immutable once used."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    legal_act = models.CharField(_("văn bản"), max_length=100, blank=True)
    effective_from = models.DateField(_("áp dụng từ"))
    part_a_max = models.PositiveSmallIntegerField(_("điểm tối đa phần A"))
    part_b_max = models.PositiveSmallIntegerField(_("điểm tối đa phần B"))
    part_c_max = models.PositiveSmallIntegerField(_("điểm tối đa phần C"))
    is_legacy = models.BooleanField(
        _("phiếu tổng điểm phần"),
        default=False,
        help_text=_("Chấm theo tổng điểm từng phần A/B/C (ocop.md §12.7)."),
    )

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part_a_max__gte=0) & Q(part_b_max__gte=0) & Q(part_c_max__gte=0),
                name="version_parts",
            )
        ]

    def __str__(self):
        return self.name


class CriteriaSheet(models.Model):
    """The scoring form of one product set under one version (or the legacy part-totals sheet)."""

    class Status(models.TextChoices):
        READY = "ready", _("Sẵn sàng")
        DRAFT = "draft", _("Bản nháp (cần xử lý)")

    version = models.ForeignKey(CriteriaVersion, on_delete=models.PROTECT, related_name="sheets")
    product_set = models.ForeignKey(
        ProductSet, null=True, blank=True, on_delete=models.PROTECT, related_name="criteria_sheets"
    )
    name = models.CharField(_("tên phiếu"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.READY)
    problems = models.JSONField(_("vấn đề cần xử lý"), default=list, blank=True)
    star_legend = models.TextField(_("ghi chú dấu sao"), blank=True)
    source_digest = models.CharField(
        _("dấu vân tay dữ liệu nguồn"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Để nạp lại dữ liệu mà không ghi đè phần cán bộ đã sửa khi nguồn không đổi."),
    )

    class Meta:
        verbose_name = _("phiếu tiêu chí")
        verbose_name_plural = _("phiếu tiêu chí")
        ordering = ["version", "product_set__number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "product_set"], name="sheet_unique_per_set"),
            models.UniqueConstraint(
                fields=["version"], condition=Q(product_set__isnull=True), name="sheet_one_legacy_per_version"
            ),
        ]

    def __str__(self):
        return self.name


class SheetPart(models.Model):
    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="parts")
    code = models.CharField(_("phần"), max_length=1, choices=[("A", "A"), ("B", "B"), ("C", "C")])
    name = models.CharField(_("tên"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))

    class Meta:
        verbose_name = _("phần")
        verbose_name_plural = _("phần")
        ordering = ["sheet_id", "code"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="part_unique_code")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class SheetSection(models.Model):
    part = models.ForeignKey(SheetPart, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("số"), max_length=10)
    name = models.CharField(_("tên"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["part_id", "position"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Criterion(models.Model):
    section = models.ForeignKey(SheetSection, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    note = models.TextField(_("ghi chú"), blank=True)
    group_code = models.CharField(_("tiêu chí cha"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["section_id", "position"]

    def __str__(self):
        return f"{self.code} {self.name}"


class CriterionOption(models.Model):
    """One tick box: its points and the star level for which it is the minimum (``***``)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("nội dung"))
    points = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    min_star = models.PositiveSmallIntegerField(
        _("yêu cầu tối thiểu cho hạng"),
        null=True,
        blank=True,
        choices=[(3, "***"), (4, "****"), (5, "*****")],
    )
    case_label = models.CharField(_("trường hợp"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("phương án chấm")
        verbose_name_plural = _("phương án chấm")
        # By the column, not the relation: the relation's own ordering would join every list of
        # options up to the sheet's version (thousands of rows per sheet load and scoring form).
        ordering = ["criterion_id", "position"]

    def __str__(self):
        return self.text[:80]


class Disqualifier(models.Model):
    """A "hồ sơ bị loại khi…" condition: ticked by any member, the product gets no star."""

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="disqualifiers")
    text = models.TextField(_("nội dung"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("điều kiện loại hồ sơ")
        verbose_name_plural = _("điều kiện loại hồ sơ")
        ordering = ["sheet_id", "position"]

    def __str__(self):
        return self.text[:80]


# --- Councils and evaluations ---------------------------------------------------------------


class Council(models.Model):
    """An evaluation council of one level, area, year and round, with its regulation settings."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã (đánh giá sơ bộ)")
        DISTRICT = "district", _("Cấp huyện")
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Trung ương")

    class Era(models.TextChoices):
        BK_2018 = "bk2018", _("OCOP-BK 2018 (Bắc Kạn)")
        RULES_1048 = "1048", _("QĐ 1048/2019 (huyện đánh giá, tỉnh 3–4★, TW 5★)")
        RULES_148 = "148", _("QĐ 148/2023 (huyện 3★, tỉnh 4★, TW 5★)")
        RULES_2025 = "2025", _("Từ 7/2025 (xã sơ bộ, tỉnh 3–4★, TW 5★)")

    name = models.CharField(_("tên hội đồng"), max_length=255)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    era = models.CharField(_("quy định áp dụng"), max_length=10, choices=Era.choices)
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        IssuingAuthority, verbose_name=_("cơ quan công nhận"), null=True, blank=True, on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    round = models.PositiveSmallIntegerField(_("đợt"), default=1)
    decision_number = models.CharField(_("quyết định thành lập"), max_length=60, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ có mặt tối thiểu (%)"), default=75, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_spread = models.DecimalField(_("chênh lệch điểm tối đa"), max_digits=5, decimal_places=2, default=10)
    recognisable_stars = ArrayField(
        models.PositiveSmallIntegerField(validators=STAR_VALIDATORS),
        verbose_name=_("hạng sao được công nhận"),
        default=list,
        blank=True,
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "unit__path"

    class Meta:
        verbose_name = _("hội đồng đánh giá")
        verbose_name_plural = _("hội đồng đánh giá")
        ordering = ["-year", "level", "round"]
        permissions = [("manage_plans", _("Quản lý kế hoạch và chỉ tiêu"))]
        constraints = [
            models.UniqueConstraint(fields=["level", "unit", "year", "round"], name="council_unique_round"),
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_memberships")
    full_name = models.CharField(_("họ tên"), max_length=150)
    title = models.CharField(_("chức vụ, đơn vị"), max_length=200, blank=True)
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="member_unique_user"),
            models.UniqueConstraint(fields=["council"], condition=Q(role="chair"), name="member_one_chair"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def scores(self) -> bool:
        """Secretaries keep the minutes; they do not score."""
        return self.role != self.Role.SECRETARY


@pghistory.track()
class Evaluation(models.Model):
    """One council's evaluation of an accepted registration; locked once finalised."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang chấm điểm")
        FINALISED = "finalised", _("Đã hoàn tất")

    class Outcome(models.TextChoices):
        RECOGNISED = "recognised", _("Được công nhận")
        NOT_RECOGNISED = "not_recognised", _("Không đạt 3 sao")
        FORWARDED = "forwarded", _("Chuyển cấp trên đánh giá")
        DISQUALIFIED = "disqualified", _("Bị loại")

    registration = models.ForeignKey(
        Registration, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="evaluations"
    )
    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.PROTECT, related_name="evaluations"
    )
    sheet = models.ForeignKey(
        CriteriaSheet, verbose_name=_("phiếu tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    average_score = models.DecimalField(_("điểm trung bình"), max_digits=5, decimal_places=2, null=True, editable=False)
    score_star = models.PositiveSmallIntegerField(_("hạng theo điểm"), null=True, editable=False)
    minimums_star = models.PositiveSmallIntegerField(_("hạng theo yêu cầu tối thiểu"), null=True, editable=False)
    final_star = models.PositiveSmallIntegerField(_("hạng sao"), null=True, editable=False)
    disqualified = models.BooleanField(_("bị loại"), default=False, editable=False)
    outcome = models.CharField(_("kết quả"), max_length=15, choices=Outcome.choices, blank=True, editable=False)
    spread_flagged = models.BooleanField(_("chênh lệch vượt mức"), default=False, editable=False)
    spread_override_reason = models.TextField(_("lý do chấp nhận chênh lệch"), blank=True)
    minimums_checked = models.BooleanField(_("đã kiểm tra yêu cầu tối thiểu"), default=True, editable=False)
    forwarded_to = models.ForeignKey(
        "self",
        verbose_name=_("chuyển đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("ngày họp"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("hoàn tất lúc"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "registration__product__origin_commune__path"

    class Meta:
        verbose_name = _("phiên đánh giá")
        verbose_name_plural = _("phiên đánh giá")
        ordering = ["-council__year", "registration__product__name", "id"]
        permissions = [
            ("score_evaluation", _("Chấm điểm sản phẩm")),
            ("finalize_evaluation", _("Hoàn tất kết quả đánh giá")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["registration", "council"], name="evaluation_unique_per_council"),
            models.CheckConstraint(
                condition=Q(final_star__isnull=True) | Q(final_star__gte=1, final_star__lte=5),
                name="evaluation_star_range",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(outcome__gt=""), name="evaluation_finalised_has_outcome"
            ),
        ]

    def __str__(self):
        return f"{self.registration} — {self.council}"


@pghistory.track()
class ScoreSheet(models.Model):
    """One member's sheet: one option per criterion (or, on a legacy sheet, three part totals)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã nộp")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="score_sheets")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="score_sheets")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    part_a = models.DecimalField(_("điểm phần A"), max_digits=5, decimal_places=2, default=0)
    part_b = models.DecimalField(_("điểm phần B"), max_digits=5, decimal_places=2, default=0)
    part_c = models.DecimalField(_("điểm phần C"), max_digits=5, decimal_places=2, default=0)
    total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, default=0, editable=False)
    disqualifiers = models.ManyToManyField(Disqualifier, verbose_name=_("điều kiện loại"), blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["evaluation_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "member"], name="scoresheet_unique_member"),
            models.CheckConstraint(condition=Q(total__gte=0, total__lte=100), name="scoresheet_total_range"),
        ]

    def __str__(self):
        return f"{self.member} — {self.evaluation}"


class ScoreLine(models.Model):
    score_sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(CriterionOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("điểm"), default=0)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["score_sheet_id", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["score_sheet", "criterion"], name="scoreline_unique")]

    def __str__(self):
        return f"{self.criterion.code}: {self.points}"


# --- Certificates ---------------------------------------------------------------------------


@pghistory.track()
class Certificate(models.Model):
    """A recognition (3★–5★) and its certificate; history, never overwritten."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Còn hiệu lực")
        EXPIRED = "expired", _("Hết hạn")
        SUPERSEDED = "superseded", _("Đã thay thế")
        REVOKED = "revoked", _("Bị thu hồi")

    class RevocationGround(models.TextChoices):
        FORGED = "forged", _("Gian lận, giả mạo thông tin hồ sơ")
        NO_LONGER_MEETS = "no_longer_meets", _("Không còn đáp ứng tiêu chí theo kết luận kiểm tra")
        LEGAL_VIOLATION = (
            "legal_violation",
            _("Vi phạm pháp luật về chất lượng, ATTP, môi trường, SHTT, nhãn"),
        )
        MARK_MISUSE = "mark_misuse", _("Sử dụng sai biểu trưng OCOP gây nhầm lẫn")
        STOPPED = "stopped", _("Chủ thể không còn sản xuất sản phẩm")
        OTHER = "other", _("Trường hợp khác theo kết luận của cơ quan có thẩm quyền")

    product = models.ForeignKey(
        Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="certificates"
    )
    evaluation = models.OneToOneField(
        Evaluation, null=True, blank=True, on_delete=models.PROTECT, related_name="certificate"
    )
    star = models.PositiveSmallIntegerField(_("hạng sao"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    number = models.CharField(_("số giấy chứng nhận"), max_length=60, unique=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.ForeignKey(IssuingAuthority, verbose_name=_("cơ quan công nhận"), on_delete=models.PROTECT)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("hiệu lực đến hết ngày"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revocation_ground = models.CharField(
        _("căn cứ thu hồi"), max_length=20, choices=RevocationGround.choices, blank=True
    )
    revocation_decision = models.CharField(_("quyết định thu hồi"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "product__origin_commune__path"

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-issued_on", "number"]
        permissions = [
            ("issue_certificate", _("Cấp giấy chứng nhận")),
            ("revoke_certificate", _("Thu hồi giấy chứng nhận")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(star__gte=3, star__lte=5), name="certificate_star_certifiable"),
            models.CheckConstraint(condition=Q(expires_on__gt=models.F("issued_on")), name="certificate_dates"),
            models.CheckConstraint(
                condition=~Q(status="revoked") | (Q(revoked_on__isnull=False) & ~Q(revocation_ground="")),
                name="certificate_revocation_complete",
            ),
            models.UniqueConstraint(
                fields=["product"], condition=Q(status="active"), name="certificate_one_active_per_product"
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="certificate_status_expiry")]
        # History: a certificate is revoked, expires or is superseded, never deleted — not even by raw SQL.
        triggers = [pgtrigger.Protect(name="certificate_never_deleted", operation=pgtrigger.Delete)]

    def __str__(self):
        return self.number

    @property
    def refiling_window(self) -> tuple:
        """First and last day to file the re-evaluation dossier (180 → 120 days before expiry)."""
        return rules.refiling_window(self.expires_on)


class CertificateSeries(models.Model):
    """The running number of a province's certificates in one year, and the pattern that formats it.

    A row per (province, year) is locked while a number is drawn, so two officers issuing at the
    same moment never get the same number; a province changes its pattern here, without code.
    """

    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    year = models.PositiveSmallIntegerField(_("năm"))
    pattern = models.CharField(
        _("mẫu số giấy chứng nhận"),
        max_length=60,
        help_text=_("Các trường: {seq}, {seq:03d}, {province_code}, {year}."),
    )
    last_seq = models.PositiveIntegerField(_("số thứ tự đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ cấp số giấy chứng nhận")
        verbose_name_plural = _("sổ cấp số giấy chứng nhận")
        ordering = ["province_code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["province_code", "year"], name="certificate_series_unique_year"),
        ]

    def __str__(self):
        return f"{self.province_code}/{self.year}: {self.last_seq}"


# --- Plans and targets ----------------------------------------------------------------------


@pghistory.track()
class YearlyPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã phê duyệt")
        CLOSED = "closed", _("Đã tổng kết")

    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "unit__path"

    class Meta:
        verbose_name = _("kế hoạch năm")
        verbose_name_plural = _("kế hoạch năm")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="plan_unique_year_unit")]

    def __str__(self):
        return self.title


@pghistory.track()
class Target(models.Model):
    """A target line: an indicator, a number or a range ("10–15"), for an area."""

    class Indicator(models.TextChoices):
        NEW_PRODUCTS_3_STAR = "new_3_star", _("Sản phẩm mới đạt từ 3 sao")
        UPGRADE_2_TO_3 = "upgrade_2_3", _("Nâng hạng 2→3 sao")
        UPGRADE_3_TO_4 = "upgrade_3_4", _("Nâng hạng 3→4 sao")
        UPGRADE_4_TO_5 = "upgrade_4_5", _("Nâng hạng 4→5 sao")
        PROPOSED_5_STAR = "proposed_5_star", _("Sản phẩm đề nghị đánh giá 5 sao")
        RE_EVALUATED = "re_evaluated", _("Sản phẩm đánh giá lại khi hết hạn")
        ORGANISATIONS_SUPPORTED = "orgs_supported", _("Tổ chức kinh tế được hỗ trợ, tái cơ cấu")
        NEW_ORGANISATIONS = "new_orgs", _("Tổ chức kinh tế mới tham gia")
        NOT_EVALUATED_BEFORE = "not_evaluated_before", _("Sản phẩm chưa đánh giá năm trước tham gia đánh giá")
        SALES_POINTS = "sales_points", _("Điểm giới thiệu và bán sản phẩm OCOP")
        TRACEABILITY = "traceability", _("Sản phẩm có truy xuất nguồn gốc điện tử")
        NEW_PRODUCTS_DEVELOPED = "new_products", _("Sản phẩm mới được phát triển")

    plan = models.ForeignKey(YearlyPlan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("chỉ tiêu"), max_length=25, choices=Indicator.choices)
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+")
    legal_form = models.CharField(
        _("loại hình"),
        max_length=20,
        choices=Producer.LegalForm.choices,
        blank=True,
        help_text=_("Chỉ dùng cho chỉ tiêu tổ chức mới theo loại hình."),
    )
    target_min = models.PositiveIntegerField(_("chỉ tiêu tối thiểu"))
    target_max = models.PositiveIntegerField(_("chỉ tiêu tối đa"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "plan__unit__path"

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "indicator", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "unit", "legal_form"], name="target_unique_line"),
            models.CheckConstraint(
                condition=Q(target_max__isnull=True) | Q(target_max__gte=models.F("target_min")),
                name="target_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()}: {self.target_min}" + (f"–{self.target_max}" if self.target_max else "")


class ReportedValue(models.Model):
    """A figure the records cannot compute (e.g. sales points built), entered with its source."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reported_values")
    value = models.PositiveIntegerField(_("giá trị"))
    as_of = models.DateField(_("tính đến ngày"))
    source = models.CharField(_("nguồn số liệu"), max_length=255)

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["target", "-as_of"]

    def __str__(self):
        return f"{self.value} ({self.as_of})"


class SupportActivity(models.Model):
    """Support given to an organisation in a year: counted by the "organisations supported" indicator."""

    class Kind(models.TextChoices):
        RESTRUCTURING = "restructuring", _("Tái cơ cấu, củng cố tổ chức")
        TRAINING = "training", _("Đào tạo, tập huấn")
        TRADE_FAIR = "trade_fair", _("Hội chợ, xúc tiến thương mại")
        PACKAGING = "packaging", _("Thiết kế bao bì, nhãn mác")
        CERTIFICATION = "certification", _("Hỗ trợ chứng nhận chất lượng, SHTT")
        EQUIPMENT = "equipment", _("Hỗ trợ máy móc, công nghệ")
        OTHER = "other", _("Khác")

    producer = models.ForeignKey(
        Producer, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="support_activities"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("hình thức"), max_length=15, choices=Kind.choices)
    description = models.CharField(_("nội dung"), max_length=255, blank=True)
    happened_on = models.DateField(_("ngày"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "producer__commune__path"

    class Meta:
        verbose_name = _("hoạt động hỗ trợ")
        verbose_name_plural = _("hoạt động hỗ trợ")
        ordering = ["-year", "producer"]

    def __str__(self):
        return f"{self.producer} — {self.get_kind_display()} ({self.year})"


# --- Stored summaries ------------------------------------------------------------------------------


class SummaryChange(models.Model):
    """One committed write to a table the year summary and the dashboard count (a database trigger adds it).

    The sum of ``weight`` is the figures' version: a write adds a row in its own transaction, so the
    row becomes visible exactly when the data does, and writers never wait for each other (inserts,
    no shared counter row). Rows are folded into one now and then (``snapshots.compact``), keeping
    the sum (see ``evaluations.snapshots``).
    """

    weight = models.BigIntegerField(db_default=1)
    changed_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = _("thay đổi số liệu tổng hợp")
        verbose_name_plural = _("thay đổi số liệu tổng hợp")

    def __str__(self):
        return f"+{self.weight}"


class SummarySnapshot(models.Model):
    """Stored figures (a year summary, a dashboard) for one key, valid while the version has not moved.

    ``key`` digests everything the figures depend on besides the data: kind, year, area, counting
    date, today, language and the reader's scope (``evaluations.snapshots.key_for``).
    """

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(null=True)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, null=True, related_name="+")
    version = models.BigIntegerField()
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    computed_at = models.DateTimeField(auto_now=True)
    compute_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp lưu sẵn")
        verbose_name_plural = _("số liệu tổng hợp lưu sẵn")

    def __str__(self):
        return f"{self.kind} {self.year or ''} ({self.computed_at:%d/%m/%Y %H:%M})"
