"""Classification, products, the yearly survey and the yearly registrations with their dossier.

This app knows nothing of scoring: the evaluation service writes ``Product.current_star``.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import AdministrativeUnit, Producer
from organizations.querysets import ScopedQuerySet
from products.uploads import validate_photo

PRODUCT_CODE_REGEX = r"^\d{2}-\d{5}-\d{3,4}-\d{4}$"
# Branches whose only sets are tourism services: the one place an association may be the producer.
TOURISM_BRANCHES = {("148-2023", "VI"), ("1048-2019", "6")}


class ClassificationScheme(models.Model):
    """A classification by legal act: the 2018 six groups, 1048-2019, 148-2023 (= 26/2026)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    legal_act = models.CharField(_("văn bản"), max_length=100, blank=True)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Nguồn và mức độ đầy đủ của danh mục."))

    class Meta:
        verbose_name = _("hệ thống phân loại")
        verbose_name_plural = _("hệ thống phân loại")
        ordering = ["valid_from"]

    def __str__(self):
        return self.name


class Branch(models.Model):
    """A product branch ("ngành/sản phẩm"): six per scheme; in the 2018 scheme, the six groups."""

    scheme = models.ForeignKey(ClassificationScheme, on_delete=models.PROTECT, related_name="branches")
    code = models.CharField(_("mã"), max_length=10)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200)

    class Meta:
        verbose_name = _("ngành sản phẩm")
        verbose_name_plural = _("ngành sản phẩm")
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="branch_unique_code")]

    def __str__(self):
        return self.name_vi


class ProductGroup(models.Model):
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="groups")
    code = models.CharField(_("mã"), max_length=10)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200)

    class Meta:
        verbose_name = _("nhóm sản phẩm")
        verbose_name_plural = _("nhóm sản phẩm")
        ordering = ["branch", "code"]
        constraints = [models.UniqueConstraint(fields=["branch", "code"], name="group_unique_code")]

    def __str__(self):
        return self.name_vi


class ProductSet(models.Model):
    """A "bộ sản phẩm": the leaf of the classification, each with its own criteria sheet."""

    group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="sets")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255)
    lead_ministry = models.CharField(_("cơ quan chủ trì"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bộ sản phẩm")
        verbose_name_plural = _("bộ sản phẩm")
        ordering = ["group__branch__scheme", "number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="set_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.name_vi}"

    @property
    def is_tourism(self) -> bool:
        branch = self.group.branch
        return (branch.scheme.code, branch.code) in TOURISM_BRANCHES


@pghistory.track()
class Product(models.Model):
    """An OCOP product. ``current_star`` is written only by the evaluation service."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Ý tưởng")
        DEVELOPING = "developing", _("Đang phát triển")
        REGISTERED = "registered", _("Đã đăng ký")
        RATED = "rated", _("Đã phân hạng")
        UPGRADING = "upgrading", _("Đang nâng hạng")
        RE_EVALUATING = "re_evaluating", _("Đang đánh giá lại")
        LAPSED = "lapsed", _("Hết hiệu lực")
        REVOKED = "revoked", _("Bị thu hồi")
        DISCONTINUED = "discontinued", _("Ngừng sản xuất")

    class Certification(models.TextChoices):
        VIETGAP = "vietgap", "VietGAP"
        GLOBALGAP = "globalgap", "GlobalGAP"
        ORGANIC = "organic", _("Hữu cơ")
        HACCP = "haccp", "HACCP"
        ISO_22000 = "iso22000", "ISO 22000"
        ISO_9001 = "iso9001", "ISO 9001"
        GMP = "gmp", "GMP"
        FOOD_SAFETY = "food_safety", _("Cơ sở đủ điều kiện ATTP")

    name = models.CharField(_("tên sản phẩm"), max_length=255)
    producer = models.ForeignKey(Producer, verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="products")
    product_set = models.ForeignKey(
        ProductSet,
        verbose_name=_("bộ sản phẩm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    group_2018 = models.ForeignKey(
        Branch,
        verbose_name=_("nhóm sản phẩm 2018"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products_2018",
        limit_choices_to={"scheme__code": "2018"},
    )
    origin_commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã/phường nơi sản xuất"),
        on_delete=models.PROTECT,
        related_name="products",
        limit_choices_to={"level": AdministrativeUnit.Level.COMMUNE},
    )
    code = models.CharField(
        _("mã sản phẩm"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        validators=[
            RegexValidator(PRODUCT_CODE_REGEX, _("Mã sản phẩm theo mẫu T-X-STT-Năm, ví dụ 19-05443-001-2026."))
        ],
    )
    description = models.TextField(_("mô tả"), blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True)
    raw_materials = models.CharField(_("nguyên liệu"), max_length=255, blank=True)
    raw_material_area_ha = models.DecimalField(
        _("diện tích vùng nguyên liệu (ha)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    packaging = models.CharField(_("bao bì"), max_length=255, blank=True)
    shelf_life = models.CharField(_("hạn sử dụng"), max_length=100, blank=True)
    quality_standard = models.CharField(_("tiêu chuẩn công bố"), max_length=150, blank=True)
    certifications = ArrayField(
        models.CharField(max_length=20, choices=Certification.choices),
        verbose_name=_("chứng nhận"),
        default=list,
        blank=True,
    )
    trademark = models.CharField(_("nhãn hiệu"), max_length=150, blank=True)
    geographical_indication = models.CharField(_("chỉ dẫn địa lý"), max_length=150, blank=True)
    traceability_url = models.URLField(_("truy xuất nguồn gốc"), blank=True)
    # How it is made and what vouches for it: one group in the admin, the area form and the API.
    PRODUCTION_FIELDS = (
        "raw_materials",
        "raw_material_area_ha",
        "packaging",
        "shelf_life",
        "quality_standard",
        "certifications",
        "trademark",
        "geographical_indication",
        "traceability_url",
    )
    status = models.CharField(_("trạng thái"), max_length=15, choices=Status.choices, default=Status.DEVELOPING)
    current_star = models.PositiveSmallIntegerField(
        _("hạng sao hiện tại"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    star_valid_until = models.DateField(_("hạng sao hiệu lực đến"), null=True, blank=True, editable=False)
    is_archived = models.BooleanField(_("lưu trữ"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "origin_commune__path"

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "name"], name="product_unique_name_per_producer"),
            models.CheckConstraint(
                condition=Q(current_star__isnull=True) | Q(current_star__gte=1, current_star__lte=5),
                name="product_star_range",
            ),
            models.CheckConstraint(
                condition=Q(code__isnull=True) | Q(code__regex=PRODUCT_CODE_REGEX), name="product_code_format"
            ),
        ]
        indexes = [
            models.Index(fields=["current_star", "star_valid_until"], name="product_star_validity"),
            # The public catalogue's order: its page is the first rows of this index that are published,
            # not a sort of every published product (bench/README.md). Only 3★ and more are ever published.
            models.Index(
                fields=["-current_star", "name", "id"], name="product_catalogue_order", condition=Q(current_star__gte=3)
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.code and self.origin_commune_id and self.origin_commune.era == AdministrativeUnit.Era.NEW:
            # 26/2026: T-X-STT-YYYY with the codes of Decision 19/2025/QĐ-TTg, i.e. the new-era units.
            province_code = self.origin_commune.path.split("/")[1]
            prefix = f"{province_code}-{self.origin_commune.code}-"
            if not self.code.startswith(prefix):
                errors["code"] = _(
                    "Mã sản phẩm phải bắt đầu bằng mã tỉnh và mã xã nơi sản xuất (%(prefix)s), theo mẫu T-X-STT-Năm."
                ) % {"prefix": prefix}
        if (
            self.producer_id
            and self.producer.legal_form == Producer.LegalForm.ASSOCIATION
            and self.product_set_id
            and not self.product_set.is_tourism
        ):
            errors["product_set"] = _(
                "Hội, hiệp hội, trung tâm chỉ được làm chủ thể của sản phẩm dịch vụ du lịch (bộ sản phẩm số 26)."
            )
        if errors:
            raise ValidationError(errors)


def product_photo_path(instance, filename):
    return f"products/{instance.product_id}/{filename}"


class ProductPhoto(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to=product_photo_path, validators=[validate_photo])
    caption = models.CharField(_("chú thích"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh sản phẩm")
        verbose_name_plural = _("ảnh sản phẩm")
        ordering = ["product", "position", "id"]

    def __str__(self):
        return self.caption or self.image.name


class SurveyEntry(models.Model):
    """A product counted in the yearly survey of advantaged products ("sản phẩm lợi thế")."""

    year = models.PositiveSmallIntegerField(_("năm điều tra"))
    product = models.ForeignKey(Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="surveys")
    group_2018 = models.ForeignKey(
        Branch,
        verbose_name=_("nhóm sản phẩm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "product__origin_commune__path"

    class Meta:
        verbose_name = _("sản phẩm điều tra")
        verbose_name_plural = _("điều tra sản phẩm lợi thế")
        ordering = ["-year", "product"]
        constraints = [models.UniqueConstraint(fields=["year", "product"], name="survey_unique_product_year")]

    def __str__(self):
        return f"{self.product} ({self.year})"


@pghistory.track()
class Registration(models.Model):
    """A product's registration for the evaluation of one year, with its dossier.

    Status changes only through ``products.services``; ``revision`` guards against two people
    saving the same dossier at once.
    """

    class EvaluationType(models.TextChoices):
        FIRST = "first", _("Đánh giá lần đầu")
        UPGRADE = "upgrade", _("Nâng hạng")
        RE_EVALUATION = "re_evaluation", _("Đánh giá lại")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Trả lại để bổ sung")
        RESUBMITTED = "resubmitted", _("Đã nộp lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        WITHDRAWN = "withdrawn", _("Đã rút")

    product = models.ForeignKey(
        Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    evaluation_type = models.CharField(
        _("loại đánh giá"), max_length=15, choices=EvaluationType.choices, default=EvaluationType.FIRST
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    number = models.CharField(_("số phiếu đăng ký"), max_length=60, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True, editable=False)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    revision = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "product__origin_commune__path"

    class Meta:
        verbose_name = _("hồ sơ đăng ký")
        verbose_name_plural = _("hồ sơ đăng ký")
        ordering = ["-year", "product__name", "id"]
        permissions = [
            ("submit_registration", _("Nộp hồ sơ đăng ký")),
            ("accept_registration", _("Tiếp nhận hoặc trả lại hồ sơ")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["product", "year"], name="registration_unique_product_year"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="registration_returned_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="registration_year_status")]

    def __str__(self):
        return f"{self.product} — {self.year}"


class RegistrationTransition(models.Model):
    """Who moved a registration from one status to another, when and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("từ"), max_length=12, choices=Registration.Status.choices)
    to_status = models.CharField(_("sang"), max_length=12, choices=Registration.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử chuyển trạng thái")
        verbose_name_plural = _("lịch sử chuyển trạng thái")
        ordering = ["registration", "at", "id"]

    def __str__(self):
        return f"{self.registration}: {self.from_status} → {self.to_status}"


def dossier_path(instance, filename):
    return f"dossiers/{instance.registration.year}/{instance.registration_id}/{filename}"


@pghistory.track()
class DossierDocument(models.Model):
    """One item of the dossier checklist (26/2026 Art. 6 + Annex III), with its file when uploaded."""

    class Kind(models.TextChoices):
        FORM_01 = "form_01", _("Mẫu 01: Phiếu đăng ký sản phẩm")
        FORM_02 = "form_02", _("Mẫu 02: Báo cáo tự đánh giá")
        BUSINESS_REGISTRATION = "business_registration", _("Giấy đăng ký kinh doanh")
        PRODUCTION_CONDITIONS = "production_conditions", _("Giấy chứng nhận đủ điều kiện sản xuất")
        RAW_MATERIAL_ORIGIN = "raw_material_origin", _("Nguồn gốc nguyên liệu, hợp đồng liên kết")
        ENVIRONMENT = "environment", _("Hồ sơ bảo vệ môi trường")
        WORKFORCE = "workforce", _("Danh sách lao động")
        FINANCIAL = "financial", _("Báo cáo tài chính hoặc xếp loại HTX")
        INTELLECTUAL_PROPERTY = "intellectual_property", _("Nhãn hiệu, chỉ dẫn địa lý, sở hữu trí tuệ")
        DISTRIBUTION = "distribution", _("Hợp đồng phân phối, hóa đơn")
        PROMOTION = "promotion", _("Minh chứng quảng bá")
        STORY = "story", _("Tài liệu câu chuyện sản phẩm")
        QUALITY_DECLARATION = "quality_declaration", _("Công bố chất lượng")
        LAB_REPORT = "lab_report", _("Phiếu kiểm nghiệm")
        TRACEABILITY = "traceability", _("Mã vạch, tem truy xuất")
        QUALITY_SYSTEM = "quality_system", _("Chứng nhận hệ thống quản lý chất lượng")
        AWARDS = "awards", _("Giải thưởng")
        FORM_03 = "form_03", _("Mẫu 03: Báo cáo của UBND cấp xã")
        OTHER = "other", _("Tài liệu khác")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=25, choices=Kind.choices)
    required = models.BooleanField(_("bắt buộc"), default=False)
    file = models.FileField(_("tệp"), upload_to=dossier_path, blank=True, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("định dạng"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field = "registration__product__origin_commune__path"

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["registration", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], condition=~Q(kind="other"), name="document_unique_kind"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()
