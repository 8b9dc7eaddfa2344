"""Reading the audit trail: one list across every history table, each change with its before and after.

django-pghistory keeps one event table per tracked model (``ProductEvent``, ``CertificateEvent`` …),
each row a snapshot of the record after an insert or update (before a delete). A list across them
is a ``UNION ALL`` of (time, event id, model) with the filters applied inside each table, so each
table's indexes serve them; a page of that list is then read table by table — each event together
with the one before it (the state the change started from) and its context — in one query per
table, whatever the page size.

Who may open the audit at all is ``ocop_portal.audit.may_view`` (officers); which events they see
is the access rules' (``HistoryPolicy``): the changes of records in their area, deleted ones too.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import import_module

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pghistory.core import event_models

INSERT, UPDATE, DELETE = "insert", "update", "delete"
ACTION_LABELS = {
    INSERT: gettext_lazy("Tạo mới"),
    UPDATE: gettext_lazy("Thay đổi"),
    DELETE: gettext_lazy("Xóa"),
}
SOURCE_LABELS = {
    "admin": gettext_lazy("Trang quản trị"),
    "api": gettext_lazy("API"),
    "page": gettext_lazy("Trang cổng thông tin"),
    "import": gettext_lazy("Nhập dữ liệu"),
    "command": gettext_lazy("Lệnh quản trị"),
}
# Written on every save: listing it would bury the real change.
UNLISTED_FIELDS = {"updated_at"}
# The context keys every entry exposes on its own; the rest (url, method, ip, command …) stay in ``context``.
CONTEXT_KEYS = ("user", "username", "source", "request_id", "reason")
# Tokens belong to no area and only superusers manage them: so does their history.
SUPERUSER_ONLY = {"ocop_portal.apitoken"}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: object
    after: object
    before_text: str = ""
    after_text: str = ""


@dataclass
class Entry:
    """One event: what happened to which record, when, by whom and from where, and what changed."""

    model: str  # "products.product"
    model_name: str
    event_id: int
    object_id: int
    action: str
    at: datetime.datetime
    context: dict
    changes: list[Change] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Unique across the tables: the model and the event's id in its table."""
        return f"{self.model}:{self.event_id}"

    @property
    def user_id(self):
        return self.context.get("user")

    @property
    def username(self) -> str:
        return self.context.get("username") or ""

    @property
    def source(self):
        return self.context.get("source")

    @property
    def request_id(self):
        return self.context.get("request_id")

    @property
    def reason(self) -> str:
        return self.context.get("reason") or ""

    @property
    def other_context(self) -> dict:
        return {key: value for key, value in self.context.items() if key not in CONTEXT_KEYS}

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.source, _("Không rõ (ngoài ứng dụng)")))


@cache
def tracked() -> dict[str, type[models.Model]]:
    """``{"products.product": ProductEvent, …}``: every tracked model and its event model."""
    return {
        event_model.pgh_tracked_model._meta.label_lower: event_model
        for event_model in event_models()
        if hasattr(event_model, "pgh_obj")
    }


def is_tracked(model) -> bool:
    return model._meta.concrete_model._meta.label_lower in tracked()


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _visible(queryset, label: str, user):
    """The events of one table that ``user`` may read, or None when none."""
    if user.is_superuser:
        return queryset
    if label in SUPERUSER_ONLY:
        return None
    return import_module(settings.OCOP_ACCESS_MODULE).visible(queryset, user)


def events(
    *,
    user,
    targets: dict[str, list | None] | None = None,
    by_user: int | None = None,
    username: str = "",
    source: str = "",
    request_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
):
    """The events ``user`` may read that match, newest first, as rows ``(time, event id, model)`` for ``entries()``.

    ``targets`` names the models (``{"products.product": [12, 13]}``; ``None`` for every object of
    a model); without it, every tracked model. ``by_user`` is the id of who made the changes.
    ``since`` and ``until`` are days, both included, in the portal's time zone. The result is a
    queryset: it counts and slices (pagination).
    """
    chosen = targets if targets is not None else dict.fromkeys(tracked())
    condition = Q()
    if by_user is not None:
        condition &= Q(pgh_context__metadata__user=by_user)
    if username:
        condition &= Q(pgh_context__metadata__username=username)
    if source:
        condition &= Q(pgh_context__metadata__source=source)
    if request_id:
        condition &= Q(pgh_context__metadata__request_id=request_id)
    if since is not None:
        condition &= Q(pgh_created_at__gte=_day_start(since))
    if until is not None:
        condition &= Q(pgh_created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    parts = []
    for label, object_ids in chosen.items():
        part = _visible(tracked()[label].objects.filter(condition), label, user)
        if part is None:
            part = tracked()[label].objects.none()
        elif object_ids is not None:
            part = part.filter(pgh_obj_id__in=object_ids)
        parts.append(
            part.annotate(model=Value(label, output_field=models.CharField())).values_list(
                "pgh_created_at", "pgh_id", "model"
            )
        )
    parts = [part for part in parts if not part.query.is_empty()] or parts[:1]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-pgh_created_at", "-pgh_id", "model")


def entries(rows, *, describe: bool = False) -> list[Entry]:
    """The events of ``rows`` (from ``events()``), in that order, with their changes.

    One query per event table present; ``describe=True`` adds the text people read (choice
    labels, names of related records, dd/mm/yyyy dates): one more query per related model.
    """
    rows = list(rows)
    wanted: dict[str, list[int]] = defaultdict(list)
    for _at, event_id, label in rows:
        wanted[label].append(event_id)
    read = {label: _read_with_previous(tracked()[label], ids) for label, ids in wanted.items()}
    result = [_entry(label, *read[label][event_id]) for _at, event_id, label in rows]
    if describe:
        _describe(result)
    return result


def object_history(*objects, user, limit: int = 100) -> list[Entry]:
    """The latest ``limit`` events of these records (one model or several) that ``user`` may read, described."""
    if not objects:
        return []
    targets: dict[str, list] = defaultdict(list)
    for obj in objects:
        targets[obj._meta.concrete_model._meta.label_lower].append(obj.pk)
    return entries(events(user=user, targets=dict(targets))[:limit], describe=True)


# --- Reading one table ------------------------------------------------------------------------


def _read_with_previous(event_model, ids: list[int]) -> dict[int, tuple]:
    """``{event id: (event, previous event of the same object or None)}`` in one query."""
    previous = (
        event_model.objects.filter(pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id"))
        .order_by("-pgh_id")
        .values("pgh_id")[:1]
    )
    previous_ids = event_model.objects.filter(pgh_id__in=ids).annotate(previous=Subquery(previous)).values("previous")
    read = event_model.objects.filter(Q(pgh_id__in=ids) | Q(pgh_id__in=previous_ids)).select_related("pgh_context")
    by_object: dict[object, list] = defaultdict(list)
    for event in read.order_by("pgh_id"):
        by_object[event.pgh_obj_id].append(event)
    result = {}
    wanted = set(ids)
    for history in by_object.values():
        # Every wanted event's previous one was read, so within an object's events read here, the
        # one just before a wanted event is its previous event.
        for position, event in enumerate(history):
            if event.pgh_id in wanted:
                result[event.pgh_id] = (event, history[position - 1] if position else None)
    return result


def _snapshot_fields(event_model):
    return [f for f in event_model._meta.concrete_fields if not f.name.startswith("pgh_")]


def _value(model_field, event):
    value = model_field.value_from_object(event)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Decimal):
        return str(value)
    return value


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _entry(label, event, previous) -> Entry:
    tracked_model = event.pgh_tracked_model
    context = dict(event.pgh_context.metadata) if event.pgh_context_id and event.pgh_context else {}
    changes = []
    for snapshot_field in _snapshot_fields(type(event)):
        name = snapshot_field.name
        model_field = tracked_model._meta.get_field(name)
        current = _value(snapshot_field, event)
        if event.pgh_label == DELETE:
            before, after = current, None
            listed = not _is_empty(current)
        elif event.pgh_label == INSERT or previous is None:
            before, after = None, current
            listed = not _is_empty(current)
        else:
            before, after = _value(snapshot_field, previous), current
            listed = before != after and name not in UNLISTED_FIELDS
        if listed and not model_field.primary_key:
            changes.append(Change(field=name, label=str(model_field.verbose_name), before=before, after=after))
    return Entry(
        model=label,
        model_name=str(tracked_model._meta.verbose_name),
        event_id=event.pgh_id,
        object_id=event.pgh_obj_id,
        action=event.pgh_label,
        at=event.pgh_created_at,
        context=context,
        changes=changes,
    )


# --- Text for people ------------------------------------------------------------------------


def _describe(result: list[Entry]) -> None:
    """Fill ``before_text`` / ``after_text``: related records are named with one query per model."""
    fields = {}
    references: dict[type[models.Model], set] = defaultdict(set)
    for entry in result:
        tracked_model = tracked()[entry.model].pgh_tracked_model
        for change in entry.changes:
            model_field = tracked_model._meta.get_field(change.field)
            fields[entry.model, change.field] = model_field
            if model_field.is_relation:
                references[model_field.related_model].update(v for v in (change.before, change.after) if v is not None)
    names = {
        related: {pk: str(obj) for pk, obj in related._base_manager.in_bulk(list(pks)).items()}
        for related, pks in references.items()
    }
    for entry in result:
        entry.changes = [
            Change(
                field=change.field,
                label=change.label,
                before=change.before,
                after=change.after,
                before_text=_text(fields[entry.model, change.field], change.before, names),
                after_text=_text(fields[entry.model, change.field], change.after, names),
            )
            for change in entry.changes
        ]


def _text(model_field, value, names) -> str:
    if _is_empty(value):
        return "—"
    if model_field.is_relation:
        return names.get(model_field.related_model, {}).get(value) or f"#{value}"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, list):
        choices = dict(getattr(model_field, "base_field", model_field).flatchoices)
        return ", ".join(str(choices.get(item, item)) for item in value)
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    return str(value)
