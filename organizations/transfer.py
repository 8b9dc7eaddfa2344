"""Producers in spreadsheets: the columns of their import template and export, and how a row is matched.

A producer is matched by its tax code, else by its name within its commune. Administrative units
are read by code or by name, with or without diacritics and with or without their type ("Xã Côn
Minh", "con minh", "02173"); the district and province columns tell apart communes of the same
name. Units are only ever looked up, never created: an unknown unit is a row error.
"""

from django.core.exceptions import ValidationError
from django.db.models import F, Func, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal.importer import (
    Boolean,
    Choice,
    Column,
    Converter,
    Date,
    ImportContext,
    Integer,
    Kind,
    Text,
    fold,
    lowered,
    same_name,
)
from organizations import services
from organizations.models import AdministrativeUnit, Producer, tax_code_validator

Level = AdministrativeUnit.Level
CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}
# Unit types people write before a name, folded; a longer one before its prefix ("tp." before "tp").
TYPE_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "tp.",
    "tp",
    "tx.",
    "tx",
    "tt.",
    "tt",
)
LEVEL_NAMES = {
    Level.PROVINCE: gettext_lazy("tỉnh/thành phố"),
    Level.DISTRICT: gettext_lazy("quận/huyện"),
    Level.COMMUNE: gettext_lazy("xã/phường"),
}


class TaxCode(Converter):
    """10 digits, or 10 digits, a hyphen and 3 digits; a number cell that lost its leading 0 gets it back."""

    hint = gettext_lazy("10 chữ số, hoặc 10 chữ số-3 chữ số cho đơn vị phụ thuộc; nên định dạng ô là Văn bản.")

    def parse(self, raw):
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = f"{int(raw):010d}"
        text = Text().parse(raw).replace(" ", "")
        if not text:
            return None
        tax_code_validator(text)
        return text


def unit_name_forms(value: str) -> set[str]:
    """A typed unit name folded, with and without its leading type ("Huyện Na Rì" → "huyen na ri", "na ri")."""
    folded = fold(value)
    forms = {folded}
    for prefix in TYPE_PREFIXES:
        if folded.startswith(prefix + " "):
            forms.add(folded[len(prefix) + 1 :].strip())
            break
    return forms


def unit_code(value, level: str) -> str | None:
    """The code a cell holds, padded to the level's width (Excel drops the 0 of "06"); None for a name."""
    text = str(int(value)) if isinstance(value, int | float) and not isinstance(value, bool) else str(value).strip()
    return text.zfill(CODE_WIDTH[level]) if text.isdigit() else None


# The three columns of a unit (``unit_columns``): key suffix and level.
UNIT_COLUMNS = (("", Level.COMMUNE), ("__district", Level.DISTRICT), ("__province", Level.PROVINCE))


class UnitResolver:
    """Finds the commune a row names: a batch's units with one query (``warm``), each distinct name resolved once."""

    def __init__(self, ctx: ImportContext):
        self.ctx = ctx

    def matching(self, value: str, level: str) -> list[AdministrativeUnit]:
        """Units of a level with this code or name (of both eras); once per distinct value of a file."""
        key = (fold(value), level)
        if key not in self.ctx.caches.get("units", {}):
            self.warm([{"unit": value}], "unit", levels=(("", level),))
        return self.ctx.remembered("units", key)

    def warm(self, rows: list[dict], field: str, levels=UNIT_COLUMNS) -> None:
        """The units a batch of rows names in ``field``'s columns, with one query, into the ``units`` cache;
        and whether the user may edit each commune found, with one more (for ``check_editable``).
        """
        cache = self.ctx.caches.setdefault("units", {})
        wanted: dict[tuple, str] = {}
        for values in rows:
            for suffix, level in levels:
                value = values.get(field + suffix)
                if value not in (None, "") and (fold(value), level) not in cache:
                    wanted.setdefault((fold(value), level), value)
        if not wanted:
            return
        condition = Q(pk__in=[])
        for (_folded, level), value in wanted.items():
            code = unit_code(value, level)
            condition |= Q(level=level, code=code) if code else Q(level=level, search__in=unit_name_forms(value))
        units = list(
            AdministrativeUnit.objects.select_related("parent__parent")
            .annotate(search=Func(F("name"), function="ocop_search_text"))
            .filter(condition)
        )
        for (folded, level), value in wanted.items():
            code = unit_code(value, level)
            forms = set() if code else unit_name_forms(value)
            cache[folded, level] = [
                unit for unit in units if unit.level == level and (unit.code == code if code else unit.search in forms)
            ]
        communes = {unit.pk for unit in units if unit.level == Level.COMMUNE}
        editable = self.ctx.caches.setdefault("editable_unit", {})
        communes -= editable.keys()
        if communes:
            allowed = set(
                self.ctx.editable(AdministrativeUnit.objects.filter(pk__in=communes)).values_list("pk", flat=True)
            )
            editable.update((pk, pk in allowed) for pk in communes)

    def commune(self, commune: str, district: str = "", province: str = "", *, near=None, columns=()):
        """The one commune that matches; a ``ValidationError`` keyed by ``columns`` otherwise.

        ``columns`` are the row's keys for the commune, district and province columns. ``near``
        (a unit) narrows a bare commune name to that unit's province when no district or
        province is given: a product's origin commune is looked for near its producer.
        """
        key = (fold(commune), fold(district), fold(province), near.pk if near else None, columns)
        return self.ctx.cached("commune", key, lambda: self._commune(commune, district, province, near, columns))

    def check_editable(self, unit: AdministrativeUnit, column_key: str) -> None:
        """A record placed in ``unit`` must be in the user's edit scope (a district imports its own area)."""
        editable = self.ctx.cached(
            "editable_unit", unit.pk, lambda: self.ctx.editable(AdministrativeUnit.objects.filter(pk=unit.pk)).exists()
        )
        if not editable:
            raise ValidationError(
                {
                    column_key: _("%(unit)s nằm ngoài địa bàn bạn được giao quản lý, không nhập được.")
                    % {"unit": _place(unit)}
                }
            )

    def _commune(self, commune, district, province, near, columns):
        commune_key, district_key, province_key = columns
        candidates = self.matching(commune, Level.COMMUNE)
        if district:
            districts = self._parents(district, Level.DISTRICT, district_key)
            candidates = [c for c in candidates if c.parent_id in districts]
        if province:
            provinces = self._parents(province, Level.PROVINCE, province_key)
            candidates = [c for c in candidates if _province_of(c).pk in provinces]
        if not district and not province and near is not None and len(candidates) > 1:
            candidates = [c for c in candidates if _province_of(c).pk == _province_of(near).pk] or candidates
        if not district and len(candidates) > 1:
            # Without a district, a name means the current two-level list (communes directly under a province).
            candidates = [c for c in candidates if c.parent and c.parent.level == Level.PROVINCE] or candidates
        if not candidates:
            where = ", ".join(filter(None, [district, province]))
            message = _("Không tìm thấy xã/phường “%(value)s”%(where)s trong danh mục đơn vị hành chính.") % {
                "value": commune,
                "where": f" ({where})" if where else "",
            }
            raise ValidationError({commune_key: message})
        if len(candidates) > 1:
            places = "; ".join(_place(c) for c in candidates[:4])
            raise ValidationError(
                {
                    commune_key: _(
                        "“%(value)s” có ở nhiều nơi (%(places)s): ghi thêm quận/huyện, tỉnh hoặc dùng mã xã."
                    )
                    % {"value": commune, "places": places}
                }
            )
        return candidates[0]

    def _parents(self, value: str, level: str, column_key: str) -> set[int]:
        units = self.matching(value, level)
        if not units:
            raise ValidationError(
                {
                    column_key: _("Không tìm thấy %(level)s “%(value)s” trong danh mục đơn vị hành chính.")
                    % {"level": LEVEL_NAMES[level], "value": value}
                }
            )
        return {unit.pk for unit in units}


def _province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    while unit.parent_id and unit.level != Level.PROVINCE:
        unit = unit.parent
    return unit


def _place(unit: AdministrativeUnit) -> str:
    names = [unit.name]
    parent = unit.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent if parent.parent_id else None
    return ", ".join(names) + (f" [{unit.code}]" if unit.code else "")


def district_name(unit: AdministrativeUnit | None) -> str:
    """The district a commune lies in (empty in the two-level list, where there is none)."""
    parent = unit.parent if unit else None
    return parent.name if parent is not None and parent.level == Level.DISTRICT else ""


def province_name(unit: AdministrativeUnit | None) -> str:
    return _province_of(unit).name if unit else ""


def unit_columns(field: str, *, required: bool, headings: tuple, help_text="") -> tuple[Column, Column, Column]:
    """Province, district and commune columns for a unit foreign key (``field``), in reading order.

    Each cell takes a code or a name. The export writes names, which the import reads back.
    """
    province_heading, district_heading, commune_heading = headings

    def unit_of(record):
        return getattr(record, field)

    return (
        Column(
            f"{field}__province",
            province_heading,
            value=lambda record: province_name(unit_of(record)),
            help=gettext_lazy("Tên hoặc mã tỉnh; giúp phân biệt các xã trùng tên."),
            example="Bắc Kạn",
        ),
        Column(
            f"{field}__district",
            district_heading,
            value=lambda record: district_name(unit_of(record)),
            help=gettext_lazy("Tên hoặc mã quận/huyện (đơn vị trước 01/7/2025); để trống với xã/phường mới."),
            example="Na Rì",
        ),
        Column(
            field,
            commune_heading,
            value=lambda record: unit_of(record).name if unit_of(record) else "",
            required=required,
            help=help_text or gettext_lazy("Tên (có dấu hoặc không) hoặc mã xã/phường/thị trấn."),
            example="Côn Minh",
        ),
    )


def resolve_unit(values: dict, field: str, resolver: UnitResolver, *, near=None) -> None:
    """Replace the three unit cells of ``field`` in ``values`` with the commune they name (in scope).

    An empty commune cell is dropped: the record keeps (or the kind chooses) its unit.
    """
    province = values.pop(f"{field}__province", "")
    district = values.pop(f"{field}__district", "")
    commune = values.get(field)
    if commune:
        columns = (field, f"{field}__district", f"{field}__province")
        values[field] = resolver.commune(commune, district, province, near=near, columns=columns)
        resolver.check_editable(values[field], field)
    elif field in values:
        values.pop(field)


# --- A producer named in another kind's row (products, registrations, recognitions) ---------------


def producer_columns() -> tuple[Column, Column]:
    return (
        Column(
            "producer__tax_code",
            gettext_lazy("Mã số thuế chủ thể"),
            TaxCode(),
            value=lambda record: producer_of(record).tax_code,
            help=gettext_lazy("Nhận diện chủ thể (đã có trong cổng); để trống thì nhận diện theo tên chủ thể."),
            example="4700123456",
        ),
        Column(
            "producer",
            gettext_lazy("Tên chủ thể"),
            Text(255),
            value=lambda record: producer_of(record).name,
            required=True,
            example="HTX Nông nghiệp Côn Minh",
        ),
    )


def producer_of(record) -> Producer:
    """The producer of a product, a registration or a certificate (the export's rows)."""
    while not isinstance(record, Producer):
        record = record.producer if hasattr(record, "producer_id") else record.product
    return record


def producer_key(tax_code, name) -> tuple:
    return ("tax_code", tax_code) if tax_code else ("name", same_name(name))


def warm_producers(rows: list[dict], ctx: ImportContext) -> None:
    """The producers a batch of rows names, with one query, into the ``producer`` cache.

    Each distinct tax code (or, without one, name) gets its producer or the row error saying why
    there is none: not among the producers the user sees, or several of that name.
    """
    cache = ctx.caches.setdefault("producer", {})
    wanted = {}
    for values in rows:
        key = producer_key(values.get("producer__tax_code"), values["producer"])
        if key not in cache:
            wanted.setdefault(key, values["producer"])
    if not wanted:
        return
    tax_codes = [key[1] for key in wanted if key[0] == "tax_code"]
    names = [lowered(name) for key, name in wanted.items() if key[0] == "name"]
    producers = list(
        ctx.visible(
            Producer.objects.annotate(lowered_name=Lower("name")).filter(
                Q(tax_code__in=tax_codes) | Q(lowered_name__in=names)
            )
        )
    )
    communes = units_by_id(ctx, {producer.commune_id for producer in producers})
    by_key: dict[tuple, list[Producer]] = {}
    for producer in producers:
        producer.commune = communes[producer.commune_id]  # with its district and province, shared
        if producer.tax_code:
            by_key.setdefault(("tax_code", producer.tax_code), []).append(producer)
        by_key.setdefault(("name", same_name(producer.name)), []).append(producer)
    for key, name in wanted.items():
        cache[key] = _one_producer(key, name, by_key.get(key, []))


def units_by_id(ctx: ImportContext, ids: set[int]) -> dict[int, AdministrativeUnit]:
    """Units with their parents, each fetched once per import (a province's producers share a few hundred)."""
    cache = ctx.caches.setdefault("unit_by_id", {})
    missing = ids - cache.keys()
    if missing:
        cache.update(AdministrativeUnit.objects.select_related("parent__parent").in_bulk(missing))
    return cache


def _one_producer(key: tuple, name: str, found: list[Producer]):
    if len(found) == 1:
        return found[0]
    if key[0] == "tax_code":
        message = _(
            "Không tìm thấy chủ thể mang mã số thuế %(tax_code)s trong phạm vi bạn được xem: "
            "hãy nhập danh sách chủ thể trước."
        ) % {"tax_code": key[1]}
        return ValidationError({"producer__tax_code": message})
    if not found:
        message = _(
            "Không tìm thấy chủ thể “%(name)s” trong phạm vi bạn được xem: hãy nhập danh sách chủ thể trước."
        ) % {"name": name}
    else:
        message = _("Có nhiều chủ thể tên “%(name)s” (%(places)s): ghi thêm mã số thuế chủ thể.") % {
            "name": name,
            "places": "; ".join(_place(p.commune) for p in found[:4]),
        }
    return ValidationError({"producer": message})


def resolve_producer(values: dict, ctx: ImportContext) -> Producer:
    """The producer a row names by tax code, else by name among the producers the user sees."""
    key = producer_key(values.get("producer__tax_code"), values["producer"])
    if key not in ctx.caches.get("producer", {}):
        warm_producers([values], ctx)
    values.pop("producer__tax_code", None)
    values.pop("producer")
    return ctx.remembered("producer", key)


class ProducerKind(Kind):
    name = "producers"
    title = gettext_lazy("Chủ thể OCOP")
    model = Producer
    select_related = ("commune__parent__parent",)
    key_columns = ("tax_code", "name")
    columns = (
        Column("name", gettext_lazy("Tên chủ thể"), Text(255), required=True, example="HTX Nông nghiệp Côn Minh"),
        Column(
            "legal_form", gettext_lazy("Loại hình"), Choice(Producer.LegalForm), required=True, example="Hợp tác xã"
        ),
        Column(
            "enterprise_kind",
            gettext_lazy("Loại doanh nghiệp"),
            Choice(Producer.EnterpriseKind),
            help=gettext_lazy("Chỉ với doanh nghiệp."),
        ),
        Column(
            "community_capital_majority",
            gettext_lazy("Vốn góp cộng đồng địa phương từ 51%"),
            Boolean(),
            help=gettext_lazy("Chỉ với công ty cổ phần."),
        ),
        Column(
            "tax_code",
            gettext_lazy("Mã số thuế"),
            TaxCode(),
            help=gettext_lazy("Khóa nhận diện chủ thể; để trống thì nhận diện theo tên và xã, mã đã có được giữ."),
            example="4700123456",
        ),
        Column("registration_number", gettext_lazy("Số đăng ký kinh doanh"), Text(50)),
        Column("founded_on", gettext_lazy("Ngày thành lập"), Date(), example="15/03/2016"),
        Column("address", gettext_lazy("Địa chỉ"), Text(255), example="Thôn Nà Đeng"),
        *unit_columns(
            "commune",
            required=True,
            headings=(gettext_lazy("Tỉnh/thành phố"), gettext_lazy("Quận/huyện"), gettext_lazy("Xã/phường")),
        ),
        Column("phone", gettext_lazy("Điện thoại"), Text(30)),
        Column("email", gettext_lazy("Thư điện tử"), Text(254)),
        Column("website", gettext_lazy("Trang web"), Text(200)),
        Column("representative_name", gettext_lazy("Người đại diện"), Text(150)),
        Column("representative_title", gettext_lazy("Chức vụ người đại diện"), Text(100)),
        Column("representative_gender", gettext_lazy("Giới tính người đại diện"), Choice(Producer.Gender)),
        Column("representative_ethnicity", gettext_lazy("Dân tộc người đại diện"), Text(50), example="Tày"),
        Column("representative_disability", gettext_lazy("Người đại diện là người khuyết tật"), Boolean()),
        Column("workforce_total", gettext_lazy("Tổng số lao động"), Integer()),
        Column("workforce_local", gettext_lazy("Lao động địa phương"), Integer()),
        Column("workforce_women", gettext_lazy("Lao động nữ"), Integer()),
        Column(
            "status",
            gettext_lazy("Trạng thái"),
            Choice(Producer.Status),
            help=gettext_lazy("Để trống: đang hoạt động."),
        ),
    )
    instructions = (
        gettext_lazy(
            "Chủ thể được nhận diện theo mã số thuế; không có mã số thuế thì theo tên chủ thể trong cùng xã/phường."
        ),
    )

    def begin(self, user):
        ctx = super().begin(user)
        ctx.units = UnitResolver(ctx)
        return ctx

    def warm(self, rows, ctx):
        ctx.units.warm(rows, "commune")

    def resolve(self, values, ctx):
        resolve_unit(values, "commune", ctx.units)
        if values.get("tax_code") is None:
            values.pop("tax_code", None)  # an empty cell never erases a known tax code
        if values.get("status") == "":
            values.pop("status")
        return values

    def natural_key(self, values):
        if values.get("tax_code"):
            return ("tax_code", values["tax_code"])
        return ("name", same_name(values["name"]), values["commune"].pk)

    def match_keys(self, values):
        name = (same_name(values["name"]), values["commune"].pk)
        if values.get("tax_code"):
            # A producer first recorded without its tax code is recognised by its name in its commune.
            return [("tax_code", values["tax_code"]), ("untaxed", *name)]
        return [("name", *name)]

    def record_keys(self, producer):
        name = (same_name(producer.name), producer.commune_id)
        if producer.tax_code:
            return [("tax_code", producer.tax_code), ("name", *name)]
        return [("untaxed", *name), ("name", *name)]

    def candidates(self, rows):
        tax_codes = {values["tax_code"] for values in rows if values.get("tax_code")}
        names = {lowered(values["name"]) for values in rows}
        communes = {values["commune"].pk for values in rows}
        return Producer.objects.annotate(lowered_name=Lower("name")).filter(
            Q(tax_code__in=tax_codes) | Q(commune__in=communes, lowered_name__in=names)
        )

    def create(self, values, ctx):
        return services.producer_create(user=ctx.user, **self.writable(values))

    creates_many = True

    def create_many(self, rows, ctx):
        return services.producers_create_many(user=ctx.user, rows=[self.writable(values) for values in rows])

    def update(self, instance, changes, ctx):
        return services.producer_update(user=ctx.user, producer=instance, **changes)


PRODUCERS = ProducerKind()
