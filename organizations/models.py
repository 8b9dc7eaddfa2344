"""Administrative units (both eras), producers ("chủ thể OCOP"), commendations and staff assignments.

This app knows nothing of products or scoring (see ../shared/design.md).
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.querysets import AdministrativeUnitQuerySet, ScopedQuerySet

TAX_CODE_REGEX = r"^\d{10}(-\d{3})?$"
tax_code_validator = RegexValidator(
    TAX_CODE_REGEX,
    _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc)."),
)


class AdministrativeUnit(models.Model):
    """A province, district or commune as the official list of its era defines it.

    Two eras coexist: the three-level list valid until 30/6/2025 and the two-level list valid
    from 1/7/2025. GSO codes repeat across eras, so a unit is identified by (era, code) and its
    materialised ``path`` starts with the era: ``old/06/066/02173/`` (xã Côn Minh). "Everything under Na Rì"
    is ``path LIKE 'old/06/066/%'`` on an indexed column.
    """

    class Era(models.TextChoices):
        OLD = "old", _("Trước 01/7/2025 (3 cấp)")
        NEW = "new", _("Từ 01/7/2025 (2 cấp)")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")

    class UnitType(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
        CITY = "thanh_pho", _("Thành phố")
        DISTRICT = "huyen", _("Huyện")
        TOWN = "thi_xa", _("Thị xã")
        URBAN_DISTRICT = "quan", _("Quận")
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        TOWNSHIP = "thi_tran", _("Thị trấn")
        SPECIAL_ZONE = "dac_khu", _("Đặc khu")

    era = models.CharField(_("thời kỳ"), max_length=3, choices=Era.choices)
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=150)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    unit_type = models.CharField(_("loại đơn vị"), max_length=15, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=60, unique=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["era", "code"], name="unit_unique_code_per_era"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="unit_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "era"], name="unit_level_era"),
        ]

    def __str__(self):
        # "Thành phố Hà Nội", as people write it, not the legal category's long label.
        kind = _("Thành phố") if self.unit_type == self.UnitType.CENTRAL_CITY else self.get_unit_type_display()
        return f"{kind} {self.name}"

    def save(self, *args, **kwargs):
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else f"{self.era}/"
        return f"{prefix}{self.code}/"


class UnitSuccession(models.Model):
    """Old unit → new unit after a reorganisation (e.g. 1/7/2025), with the legal act."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    legal_act = models.CharField(_("văn bản"), max_length=120, blank=True)
    effective_on = models.DateField(_("ngày hiệu lực"))

    class Meta:
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class IssuingAuthority(models.Model):
    """An authority that signs decisions, with its lifetime ("UBND tỉnh Bắc Kạn" ended 30/6/2025)."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        DISTRICT = "district", _("Cấp huyện")
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Trung ương")

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), null=True, blank=True, on_delete=models.PROTECT
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["name"]

    def __str__(self):
        return self.name


@pghistory.track()
class Producer(models.Model):
    """An OCOP producer ("chủ thể OCOP"): the six legal forms of 26/2026 Art. 2.3."""

    class LegalForm(models.TextChoices):
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
        ENTERPRISE = "enterprise", _("Doanh nghiệp nhỏ và vừa")
        FARM = "farm", _("Trang trại")
        HOUSEHOLD = "household", _("Hộ sản xuất, hộ kinh doanh có đăng ký")
        ASSOCIATION = "association", _("Hội, hiệp hội, trung tâm (du lịch)")

    class EnterpriseKind(models.TextChoices):
        LLC = "llc", _("Công ty TNHH")
        JSC = "jsc", _("Công ty cổ phần")
        PRIVATE = "private", _("Doanh nghiệp tư nhân")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        INACTIVE = "inactive", _("Ngừng hoạt động")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")

    name = models.CharField(_("tên chủ thể"), max_length=255)
    legal_form = models.CharField(_("loại hình"), max_length=20, choices=LegalForm.choices)
    enterprise_kind = models.CharField(
        _("loại doanh nghiệp"), max_length=10, choices=EnterpriseKind.choices, blank=True
    )
    community_capital_majority = models.BooleanField(
        _("vốn góp cộng đồng địa phương ≥ 51%"),
        default=False,
        help_text=_("Chỉ áp dụng cho công ty cổ phần."),
    )
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, null=True, blank=True, unique=True, validators=[tax_code_validator]
    )
    registration_number = models.CharField(_("số đăng ký kinh doanh"), max_length=50, blank=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã/phường"),
        on_delete=models.PROTECT,
        related_name="producers",
        limit_choices_to={"level": AdministrativeUnit.Level.COMMUNE},
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    representative_name = models.CharField(_("người đại diện"), max_length=150, blank=True)
    representative_title = models.CharField(_("chức vụ"), max_length=100, blank=True)
    representative_gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    representative_ethnicity = models.CharField(_("dân tộc"), max_length=50, blank=True)
    representative_disability = models.BooleanField(_("người khuyết tật"), default=False)
    workforce_total = models.PositiveIntegerField(_("tổng số lao động"), null=True, blank=True)
    workforce_local = models.PositiveIntegerField(_("lao động địa phương"), null=True, blank=True)
    workforce_women = models.PositiveIntegerField(_("lao động nữ"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "commune__path"

    class Meta:
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")
        ordering = ["name", "id"]
        permissions = [("manage_staff", _("Quản lý tài khoản cán bộ"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(tax_code__isnull=True) | Q(tax_code__regex=TAX_CODE_REGEX),
                name="producer_tax_code_format",
            ),
            models.CheckConstraint(
                condition=Q(community_capital_majority=False) | Q(enterprise_kind="jsc"),
                name="producer_community_capital_only_jsc",
            ),
            models.CheckConstraint(
                condition=Q(enterprise_kind="") | Q(legal_form="enterprise"),
                name="producer_enterprise_kind_only_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(workforce_local__isnull=True)
                | Q(workforce_total__isnull=True)
                | Q(workforce_local__lte=models.F("workforce_total")),
                name="producer_local_workforce_within_total",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The legal-form rules of 26/2026 Art. 2.3 (checked by the admin forms and the services alike)."""
        errors = {}
        is_enterprise = self.legal_form == self.LegalForm.ENTERPRISE
        if self.enterprise_kind and not is_enterprise:
            errors["enterprise_kind"] = _("Chỉ doanh nghiệp mới có loại doanh nghiệp.")
        if is_enterprise and not self.enterprise_kind:
            errors["enterprise_kind"] = _(
                "Doanh nghiệp phải chọn loại: công ty TNHH, công ty cổ phần hoặc doanh nghiệp tư nhân."
            )
        if self.community_capital_majority and self.enterprise_kind != self.EnterpriseKind.JSC:
            errors["community_capital_majority"] = _(
                "Chỉ công ty cổ phần mới có thể khai vốn góp của cộng đồng địa phương từ 51% trở lên."
            )
        total = self.workforce_total
        if total is not None:
            if self.workforce_local is not None and self.workforce_local > total:
                errors["workforce_local"] = _("Số lao động địa phương không được lớn hơn tổng số lao động.")
            if self.workforce_women is not None and self.workforce_women > total:
                errors["workforce_women"] = _("Số lao động nữ không được lớn hơn tổng số lao động.")
        if errors:
            raise ValidationError(errors)


class ProducerFinance(models.Model):
    """Revenue and profit of one year (Form 02 asks for the last two)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="finances")
    year = models.PositiveSmallIntegerField(_("năm"))
    revenue = models.DecimalField(_("doanh thu (đồng)"), max_digits=16, decimal_places=0, null=True, blank=True)
    profit = models.DecimalField(_("lợi nhuận (đồng)"), max_digits=16, decimal_places=0, null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả kinh doanh")
        verbose_name_plural = _("kết quả kinh doanh theo năm")
        ordering = ["producer", "-year"]
        constraints = [models.UniqueConstraint(fields=["producer", "year"], name="finance_unique_year")]

    def __str__(self):
        return f"{self.producer} {self.year}"


class LegalFormChange(models.Model):
    """A household business may become a cooperative: keep the change, never overwrite history."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="legal_form_changes")
    previous_form = models.CharField(_("loại hình cũ"), max_length=20, choices=Producer.LegalForm.choices)
    new_form = models.CharField(_("loại hình mới"), max_length=20, choices=Producer.LegalForm.choices)
    changed_on = models.DateField(_("ngày chuyển đổi"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chuyển đổi loại hình")
        verbose_name_plural = _("chuyển đổi loại hình")
        ordering = ["producer", "changed_on"]

    def __str__(self):
        return f"{self.producer}: {self.previous_form} → {self.new_form}"


class Commendation(models.Model):
    """A commendation ("bằng khen") given to an organisation for its OCOP work in a year."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="commendations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    issuer = models.ForeignKey(IssuingAuthority, verbose_name=_("cơ quan khen thưởng"), on_delete=models.PROTECT)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "producer__commune__path"

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-year", "producer"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "year", "decision_number"], name="commendation_unique"),
        ]

    def __str__(self):
        return f"{self.producer} ({self.year})"


@pghistory.track()
class StaffAssignment(models.Model):
    """User → role → administrative unit. Edit scope is the unit's subtree; view scope may be wider."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Cán bộ cấp tỉnh")
        AREA_STAFF = "area_staff", _("Cán bộ cấp huyện/xã")
        COUNCIL_MEMBER = "council_member", _("Thành viên hội đồng")
        API_CLIENT = "api_client", _("Hệ thống kết nối (API)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn phụ trách"), on_delete=models.PROTECT, related_name="+"
    )
    view_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn được xem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: chỉ xem địa bàn phụ trách."),
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_active=True), name="assignment_one_active_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
