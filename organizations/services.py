"""Writes on producers that carry a rule: scope, tax code, legal form and its history.

Every function takes the acting ``user`` (``None`` for a management command: whoever runs it holds
the server), is one transaction, and leaves the object inside the user's edit scope or rolls back
(``organizations.access.ensure_editable``, checked before and after the change).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.access import ensure_all_editable, ensure_editable
from organizations.models import LegalFormChange, Producer

PRODUCER_FIELDS = frozenset(
    field.name
    for field in Producer._meta.concrete_fields
    if field.editable and not field.primary_key and field.name not in {"created_at", "updated_at"}
)


def require_permission(user, permission: str) -> None:
    """The role may do this kind of thing at all (``None`` = a management command)."""
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))


def _check_fields(fields) -> None:
    unknown = set(fields) - PRODUCER_FIELDS
    if unknown:
        raise TypeError(f"not producer fields: {', '.join(sorted(unknown))}")


def _normalise(fields: dict) -> dict:
    """A tax code typed with spaces, or left empty, is stored as the database constraint expects."""
    if "tax_code" in fields:
        tax_code = (fields["tax_code"] or "").strip()
        fields["tax_code"] = tax_code or None
    if fields.get("legal_form") not in (None, Producer.LegalForm.ENTERPRISE):
        # Leaving the enterprise form drops what only an enterprise has (the change is recorded).
        fields.setdefault("enterprise_kind", "")
        fields.setdefault("community_capital_majority", False)
    return fields


def _validate(producer: Producer) -> None:
    try:
        producer.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict({})
        duplicate = Producer.objects.filter(tax_code=producer.tax_code).exclude(pk=producer.pk)
        if "tax_code" in errors and producer.tax_code and duplicate.exists():
            errors["tax_code"] = [
                ValidationError(
                    _("Mã số thuế %(tax_code)s đã được dùng cho chủ thể khác.") % {"tax_code": producer.tax_code}
                )
            ]
        raise ValidationError(errors) from None


@transaction.atomic
def producer_create(*, user, **fields) -> Producer:
    require_permission(user, "organizations.add_producer")
    _check_fields(fields)
    producer = Producer(**_normalise(fields))
    _validate(producer)
    producer.save()
    ensure_editable(user, producer)
    return producer


@transaction.atomic
def producer_update(
    *,
    user,
    producer: Producer,
    legal_form_changed_on: datetime.date | None = None,
    legal_form_note: str = "",
    **fields,
) -> Producer:
    """Change a producer; a new legal form is kept as a ``LegalFormChange`` (dated today unless given).

    Works on a freshly locked copy (two officers saving at once cannot lose a legal-form change)
    and returns it.
    """
    require_permission(user, "organizations.change_producer")
    _check_fields(fields)
    current = Producer.objects.select_for_update().get(pk=producer.pk)
    ensure_editable(user, current)
    previous_form = current.legal_form
    for name, value in _normalise(fields).items():
        setattr(current, name, value)
    _validate(current)
    current.save()
    if current.legal_form != previous_form:
        change = LegalFormChange(
            producer=current,
            previous_form=previous_form,
            new_form=current.legal_form,
            changed_on=legal_form_changed_on or timezone.localdate(),
            note=legal_form_note,
        )
        change.full_clean()
        change.save()
    ensure_editable(user, current)
    return current


# --- Many new records at once (imports) ----------------------------------------------------------


def clean_without_queries(instance) -> None:
    """``full_clean()`` without the parts that query the database for each row: foreign keys, unique
    fields and constraints.

    For writing many new rows at once: ``save_new`` checks the foreign keys of the whole batch with one
    query per field, and the database's unique and check constraints (the conditions that
    ``validate_unique`` and ``validate_constraints`` evaluate with a query each) refuse a bad row at
    the insert. Field values, choices, validators and the model's ``clean()`` are checked here as
    ``full_clean()`` checks them.
    """
    foreign_keys = [f for f in instance._meta.concrete_fields if f.many_to_one]
    instance.full_clean(exclude={f.name for f in foreign_keys}, validate_unique=False, validate_constraints=False)
    missing = {
        f.name: ValidationError(f.error_messages["null"], code="null")
        for f in foreign_keys
        if getattr(instance, f.attname) is None and not f.null
    }
    if missing:
        raise ValidationError(missing)


def save_new(user, instances: list) -> list:
    """Insert new, cleaned (``clean_without_queries``) instances of one model with one statement.

    The checks ``full_clean()`` and ``ensure_editable`` make per row are made for the batch: each
    foreign key's targets exist (with the field's ``limit_choices_to``) in one query per field, and
    every saved row (and the records it links to) is in the user's edit scope in one query per model.
    A row that fails either is checked again on its own, which raises its usual message. Call it
    inside a transaction: an error leaves the insert to be rolled back.
    """
    if not instances:
        return instances
    model = type(instances[0])
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        ids = {getattr(instance, field.attname) for instance in instances} - {None}
        target = field.remote_field.field_name
        found = set(
            field.remote_field.model._base_manager.filter(**{f"{target}__in": ids})
            .complex_filter(field.get_limit_choices_to())
            .values_list(target, flat=True)
        )
        for instance in instances:
            value = getattr(instance, field.attname)
            if value is not None and value not in found:
                field.validate(value, instance)
    model._default_manager.bulk_create(instances)
    ensure_all_editable(user, instances)
    return instances


@transaction.atomic
def producers_create_many(*, user, rows) -> list[Producer]:
    """``producer_create`` for many rows at once (imports): the same rules, for a few queries per batch.

    All or nothing: the first bad row raises (its error, or the database's ``IntegrityError`` for a
    duplicate tax code or a broken constraint) and nothing of the batch is kept. A caller that needs
    each bad row's complete messages runs those rows through ``producer_create``.
    """
    require_permission(user, "organizations.add_producer")
    producers = []
    for fields in rows:
        _check_fields(fields)
        producer = Producer(**_normalise(dict(fields)))
        clean_without_queries(producer)
        producers.append(producer)
    return save_new(user, producers)
