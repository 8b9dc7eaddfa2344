"""Historical recognitions in spreadsheets, and the list of every kind the portal imports and exports.

Provinces hold years of decisions in Excel: which product got how many stars, by which decision of
which authority, under which certificate number. A row is recorded through
``evaluations.services.certificate_record`` (star and dates checked, expiry computed, the product's
current star set when the certificate is still valid) and matched by its certificate number. A
certificate is history: a row that differs from the recorded certificate is an error, not an update.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluations import services
from evaluations.models import Certificate
from ocop_portal.importer import Choice, Column, Converter, Date, Kind, Text, cell_text, fold
from organizations.models import IssuingAuthority
from organizations.transfer import PRODUCERS
from products.transfer import PRODUCTS, REGISTRATIONS, product_columns, resolve_product, warm_products

_STARS = re.compile(r"^([1-5])(\s*sao|\s*★+|\s*stars?)?$")


class StarLevel(Converter):
    hint = gettext_lazy("3, 4 hoặc 5 (có thể ghi “4 sao”).")

    def parse(self, raw):
        text = cell_text(raw)
        if not text:
            return None
        if set(text) == {"★"}:
            return len(text)
        match = _STARS.match(fold(text))
        if not match:
            raise ValidationError(_("Hạng sao ghi bằng số từ 1 đến 5, ví dụ 4 hoặc “4 sao”."))
        return int(match[1])


class RecognitionKind(Kind):
    name = "recognitions"
    title = gettext_lazy("Công nhận OCOP")
    model = Certificate
    select_related = ("product__producer", "authority")
    key_columns = ("number",)
    columns = (
        Column(
            "number",
            gettext_lazy("Số giấy chứng nhận"),
            Text(60),
            required=True,
            help=gettext_lazy("Khóa nhận diện: mỗi giấy chứng nhận một dòng."),
            example="12/GCN-OCOP-06-2018",
        ),
        *product_columns(),
        Column("star", gettext_lazy("Hạng sao"), StarLevel(), required=True, example="4"),
        Column(
            "decision_number", gettext_lazy("Số quyết định công nhận"), Text(60), required=True, example="2370/QĐ-UBND"
        ),
        Column("decision_date", gettext_lazy("Ngày quyết định"), Date(), required=True, example="12/12/2018"),
        Column(
            "issued_on",
            gettext_lazy("Ngày cấp"),
            Date(),
            help=gettext_lazy("Để trống: ngày quyết định."),
            example="12/12/2018",
        ),
        Column(
            "authority",
            gettext_lazy("Cơ quan công nhận"),
            Text(200),
            value=lambda certificate: certificate.authority.name,
            required=True,
            help=gettext_lazy("Tên cơ quan đã có trong danh mục, như trên quyết định."),
            example="UBND tỉnh Bắc Kạn",
        ),
        Column("expires_on", gettext_lazy("Hiệu lực đến hết ngày"), importable=False),
        Column("status", gettext_lazy("Trạng thái"), Choice(Certificate.Status), importable=False),
    )
    instructions = (
        gettext_lazy(
            "Ghi nhận các quyết định công nhận đã ban hành (không kèm phiếu chấm); hạn hiệu lực do cổng tính "
            "(36 tháng kể từ ngày cấp)."
        ),
        gettext_lazy("Giấy chứng nhận đã ghi nhận không sửa được qua nhập tệp: dòng khác với bản đã ghi là lỗi."),
    )

    def warm(self, rows, ctx):
        warm_products(rows, ctx)

    def resolve(self, values, ctx):
        errors = {}
        try:
            resolve_product(values, ctx)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if values.get("star") is not None and values["star"] not in (3, 4, 5):
            errors["star"] = [_("Chỉ sản phẩm đạt 3 đến 5 sao được công nhận và cấp giấy chứng nhận.")]
        authority = values.get("authority")
        if authority:
            try:
                values["authority"] = self._authority(authority, ctx)
            except ValidationError as exc:
                errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)
        if values.get("issued_on") is None and "decision_date" in values:
            values["issued_on"] = values["decision_date"]
        return values

    def _authority(self, name, ctx):
        def load():
            for authority in IssuingAuthority.objects.all():
                if fold(authority.name) == fold(name):
                    return authority
            raise ValidationError(
                {"authority": _("Không có cơ quan “%(name)s” trong danh mục cơ quan ban hành.") % {"name": name}}
            )

        return ctx.cached("authority", fold(name), load)

    def natural_key(self, values):
        return ("certificate", values["number"])

    def match_keys(self, values):
        return [self.natural_key(values)]

    def record_keys(self, certificate):
        return [("certificate", certificate.number)]

    def candidates(self, rows):
        return Certificate.objects.filter(number__in={values["number"] for values in rows})

    def create(self, values, ctx):
        return services.certificate_record(
            user=ctx.user,
            product=values["product"],
            star=values["star"],
            number=values["number"],
            decision_number=values["decision_number"],
            decision_date=values["decision_date"],
            issued_on=values["issued_on"],
            authority=values["authority"],
        )

    def update(self, instance, changes, ctx):
        headings = ", ".join(self.column_label(key) for key in changes)
        raise ValidationError(
            {
                "number": _(
                    "Giấy chứng nhận %(number)s đã được ghi nhận với nội dung khác (%(columns)s); "
                    "giấy chứng nhận là lịch sử, không sửa qua nhập tệp."
                )
                % {"number": instance.number, "columns": headings}
            }
        )


RECOGNITIONS = RecognitionKind()

# Every kind, in the order a province loads them: producers, then their products, then the rest.
KINDS = {kind.name: kind for kind in (PRODUCERS, PRODUCTS, REGISTRATIONS, RECOGNITIONS)}


def may_import(user, kind) -> bool:
    """Importing a kind creates its records: the role must be allowed to add them (scope is checked per row)."""
    meta = kind.model._meta
    return user.has_perm(f"{meta.app_label}.add_{meta.model_name}")


def may_export(user, kind) -> bool:
    meta = kind.model._meta
    return user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
