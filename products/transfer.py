"""Products and yearly registrations in spreadsheets: template, export and import columns.

A product is matched by its producer and its name; a registration by its product and year. The
producer is named by tax code or name (``organizations.transfer``), so a products file can be
prepared from a producers export. Registrations are created as drafts with their dossier checklist
(``registration_create``); their status moves only through the workflow, never by import.
"""

import re
from functools import partial

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal.importer import (
    Choice,
    Column,
    ImportContext,
    Integer,
    Kind,
    MultiChoice,
    Number,
    Text,
    fold,
    lowered,
    same_name,
)
from organizations.transfer import (
    UnitResolver,
    producer_columns,
    producer_key,
    resolve_producer,
    resolve_unit,
    unit_columns,
    warm_producers,
)
from products import services
from products.models import Branch, Product, ProductSet, Registration

_SET_TEXT = re.compile(r"^\s*(\d+)\s*[.)\-:]?\s*(.*)$")


class ProductSetName(Text):
    hint = gettext_lazy(
        "Số thứ tự và/hoặc tên bộ sản phẩm theo QĐ 148/2023 (= 26/2026), ví dụ “1. Rau, củ, quả, hạt tươi”."
    )


def _product_set(text: str) -> ProductSet:
    """ "1", "1. Rau, củ..." or the name alone; the newest classification wins when several have it."""
    match = _SET_TEXT.match(text)
    number, name = (int(match[1]), match[2]) if match else (None, text)
    sets = ProductSet.objects.select_related("group__branch__scheme").order_by("-group__branch__scheme__valid_from")
    if number is not None:
        sets = sets.filter(number=number)
    candidates = [s for s in sets if not name or fold(s.name_vi) == fold(name) or fold(s.name_en) == fold(name)]
    if not candidates:
        raise ValidationError({"product_set": _("Không có bộ sản phẩm “%(value)s”.") % {"value": text}})
    return candidates[0]


def _group_2018(text: str) -> Branch:
    for branch in Branch.objects.filter(scheme__code="2018"):
        if fold(text) in {fold(branch.code), fold(branch.name_vi), fold(branch.name_en)}:
            return branch
    raise ValidationError({"group_2018": _("Không có nhóm sản phẩm 2018 “%(value)s”.") % {"value": text}})


def product_columns() -> tuple[Column, ...]:
    """The producer and the product a registration or a recognition row is about."""
    return (
        *producer_columns(),
        Column(
            "product",
            gettext_lazy("Tên sản phẩm"),
            Text(255),
            value=lambda record: record.product.name,
            required=True,
            example="Miến dong Côn Minh",
        ),
    )


def warm_products(rows: list[dict], ctx: ImportContext) -> None:
    """The products a batch of rows names (after their producers), with one query, into the ``product`` cache."""
    warm_producers(rows, ctx)
    producers, cache = ctx.caches["producer"], ctx.caches.setdefault("product", {})
    wanted = {}
    for values in rows:
        producer = producers[producer_key(values.get("producer__tax_code"), values["producer"])]
        if not isinstance(producer, ValidationError):
            key = (producer.pk, same_name(values["product"]))
            if key not in cache:
                wanted.setdefault(key, (producer, values["product"]))
    if not wanted:
        return
    products = ctx.visible(
        Product.objects.annotate(lowered_name=Lower("name")).filter(
            producer__in={producer for producer, _name in wanted.values()},
            lowered_name__in={lowered(name) for _producer, name in wanted.values()},
        )
    )
    found = {(product.producer_id, same_name(product.name)): product for product in products}
    for key, (producer, name) in wanted.items():
        cache[key] = found.get(key) or ValidationError(
            {
                "product": _("Chủ thể “%(producer)s” không có sản phẩm “%(name)s”: hãy nhập danh sách sản phẩm trước.")
                % {"producer": producer, "name": name}
            }
        )


def resolve_product(values: dict, ctx: ImportContext) -> Product:
    """The product a row names: its producer's product of that name, among what the user sees."""
    warm_products([values], ctx)
    producer = resolve_producer(values, ctx)
    values["product"] = ctx.remembered("product", (producer.pk, same_name(values["product"])))
    return values["product"]


class ProductKind(Kind):
    name = "products"
    title = gettext_lazy("Sản phẩm")
    model = Product
    select_related = (
        "producer",
        "origin_commune__parent__parent",
        "product_set__group__branch__scheme",
        "group_2018",
    )
    key_columns = ("name", "producer")
    columns = (
        Column("name", gettext_lazy("Tên sản phẩm"), Text(255), required=True, example="Miến dong Côn Minh"),
        *producer_columns(),
        *unit_columns(
            "origin_commune",
            required=False,
            headings=(
                gettext_lazy("Tỉnh nơi sản xuất"),
                gettext_lazy("Huyện nơi sản xuất"),
                gettext_lazy("Xã/phường nơi sản xuất"),
            ),
            help_text=gettext_lazy("Tên hoặc mã xã/phường; để trống: xã/phường của chủ thể."),
        ),
        Column(
            "code",
            gettext_lazy("Mã sản phẩm"),
            Text(20),
            help=gettext_lazy("Theo mẫu T-X-STT-Năm; để trống thì giữ mã đã có."),
            example="19-05443-001-2026",
        ),
        Column(
            "product_set",
            gettext_lazy("Bộ sản phẩm"),
            ProductSetName(255),
            value=lambda product: str(product.product_set) if product.product_set else "",
            example="1. Rau, củ, quả, hạt tươi",
        ),
        Column(
            "group_2018",
            gettext_lazy("Nhóm sản phẩm 2018"),
            Text(200),
            value=lambda product: product.group_2018.name_vi if product.group_2018 else "",
            help=gettext_lazy("Một trong sáu nhóm của QĐ 490/QĐ-TTg (sản phẩm điều tra năm 2018)."),
            example="Thực phẩm",
        ),
        Column("description", gettext_lazy("Mô tả"), Text()),
        Column("story", gettext_lazy("Câu chuyện sản phẩm"), Text()),
        Column("raw_materials", gettext_lazy("Nguyên liệu"), Text(255)),
        Column("raw_material_area_ha", gettext_lazy("Diện tích vùng nguyên liệu (ha)"), Number()),
        Column("packaging", gettext_lazy("Bao bì"), Text(255)),
        Column("shelf_life", gettext_lazy("Hạn sử dụng"), Text(100), example="12 tháng"),
        Column("quality_standard", gettext_lazy("Tiêu chuẩn công bố"), Text(150)),
        Column(
            "certifications",
            gettext_lazy("Chứng nhận"),
            MultiChoice(Product.Certification),
            help=gettext_lazy("Cách nhau bởi dấu phẩy."),
            example="VietGAP, HACCP",
        ),
        Column("trademark", gettext_lazy("Nhãn hiệu"), Text(150)),
        Column("geographical_indication", gettext_lazy("Chỉ dẫn địa lý"), Text(150)),
        Column("traceability_url", gettext_lazy("Truy xuất nguồn gốc"), Text(200)),
        Column(
            "status",
            gettext_lazy("Trạng thái"),
            Choice(Product.Status),
            help=gettext_lazy("Chỉ chọn tay: Ý tưởng, Đang phát triển, Ngừng sản xuất; để trống: giữ nguyên."),
        ),
        Column("current_star", gettext_lazy("Hạng sao"), Integer(), importable=False),
        Column("star_valid_until", gettext_lazy("Hạng sao hiệu lực đến"), importable=False),
    )
    instructions = (
        gettext_lazy("Sản phẩm được nhận diện theo chủ thể và tên sản phẩm; chủ thể phải có sẵn trong cổng."),
        gettext_lazy("Hạng sao do kết quả đánh giá tính ra: cột “Hạng sao” chỉ để xem, không nhập."),
    )

    def begin(self, user):
        ctx = super().begin(user)
        ctx.units = UnitResolver(ctx)
        return ctx

    def warm(self, rows, ctx):
        warm_producers(rows, ctx)
        ctx.units.warm(rows, "origin_commune")

    def resolve(self, values, ctx):
        producer = values["producer"] = resolve_producer(values, ctx)
        resolve_unit(values, "origin_commune", ctx.units, near=producer.commune)
        for key, load in (
            ("product_set", _product_set),
            ("group_2018", _group_2018),
        ):
            if values.get(key):
                text = values[key]
                values[key] = ctx.cached(key, fold(text), partial(load, text))
            elif key in values:
                values[key] = None
        for key in ("code", "status"):  # an assigned code and the lifecycle are never erased by an empty cell
            if values.get(key) in ("", None):
                values.pop(key, None)
        return values

    def natural_key(self, values):
        return ("product", values["producer"].pk, same_name(values["name"]))

    def match_keys(self, values):
        return [self.natural_key(values)]

    def record_keys(self, product):
        return [("product", product.producer_id, same_name(product.name))]

    def new_record_keys(self, values):
        return self.match_keys(values)  # the same key, without building a product for it

    def candidates(self, rows):
        return Product.objects.annotate(lowered_name=Lower("name")).filter(
            producer__in={values["producer"] for values in rows},
            lowered_name__in={lowered(values["name"]) for values in rows},
        )

    def create(self, values, ctx):
        return services.product_create(user=ctx.user, **self.new_fields(values))

    creates_many = True

    def create_many(self, rows, ctx):
        return services.products_create_many(user=ctx.user, rows=[self.new_fields(values) for values in rows])

    def new_fields(self, values):
        """A new product is made where its producer is unless the row names another commune."""
        return {"origin_commune": values["producer"].commune, **self.writable(values)}

    def update(self, instance, changes, ctx):
        return services.product_update(user=ctx.user, product=instance, **changes)


class RegistrationKind(Kind):
    name = "registrations"
    title = gettext_lazy("Hồ sơ đăng ký")
    model = Registration
    select_related = ("product__producer",)
    key_columns = ("year", "product")
    columns = (
        *product_columns(),
        Column("year", gettext_lazy("Năm"), Integer(), required=True, example="2018"),
        Column(
            "evaluation_type",
            gettext_lazy("Loại đánh giá"),
            Choice(Registration.EvaluationType),
            help=gettext_lazy("Để trống: đánh giá lần đầu."),
        ),
        Column("number", gettext_lazy("Số phiếu đăng ký"), importable=False),
        Column("status", gettext_lazy("Trạng thái"), Choice(Registration.Status), importable=False),
    )
    instructions = (
        gettext_lazy("Mỗi dòng là một sản phẩm đăng ký đánh giá trong một năm; hồ sơ được tạo ở trạng thái Nháp."),
        gettext_lazy("Loại đánh giá của hồ sơ đã có không đổi được qua nhập tệp."),
    )

    def warm(self, rows, ctx):
        warm_products(rows, ctx)

    def resolve(self, values, ctx):
        resolve_product(values, ctx)
        if not values.get("evaluation_type"):
            values.pop("evaluation_type", None)
        return values

    def natural_key(self, values):
        return ("registration", values["product"].pk, values["year"])

    def match_keys(self, values):
        return [self.natural_key(values)]

    def record_keys(self, registration):
        return [("registration", registration.product_id, registration.year)]

    def candidates(self, rows):
        return Registration.objects.filter(
            product__in={values["product"] for values in rows}, year__in={values["year"] for values in rows}
        )

    def create(self, values, ctx):
        return services.registration_create(
            user=ctx.user,
            product=values["product"],
            year=values["year"],
            evaluation_type=values.get("evaluation_type", Registration.EvaluationType.FIRST),
        )

    def update(self, instance, changes, ctx):
        raise ValidationError(
            {
                "evaluation_type": _(
                    "Hồ sơ năm %(year)s của sản phẩm này đã có, loại “%(type)s”: không đổi được qua nhập tệp."
                )
                % {"year": instance.year, "type": instance.get_evaluation_type_display()}
            }
        )


PRODUCTS = ProductKind()
REGISTRATIONS = RegistrationKind()
