"""Serializer pieces every app uses: the brief form and ``allowed_actions``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AllowedActionsField(serializers.Field):
    """What the current user may do with this object now (``change``, ``submit``, ``finalize`` …).

    Asked of the viewset, which asks the services: clients never re-implement the rules. Present in
    an object's own responses only, not in lists.
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault(
            "help_text",
            _("Các thao tác người dùng hiện tại được làm với đối tượng này (chỉ có khi đọc từng đối tượng)."),
        )
        super().__init__(**kwargs)

    def to_representation(self, value):
        view = self.context.get("view")
        return view.allowed_actions(value) if view is not None and hasattr(view, "allowed_actions") else []


def detail_only(serializer) -> set[str]:
    """Fields an object's own response has and a list item has not: ``allowed_actions`` and
    ``Meta.detail_fields`` (computed figures that would cost queries per row of a page)."""
    names = set(getattr(getattr(serializer, "Meta", None), "detail_fields", ()))
    return names | {name for name, field in serializer.fields.items() if isinstance(field, AllowedActionsField)}


class ApiModelSerializer(serializers.ModelSerializer):
    """A model serializer with a brief form (``Meta.brief_fields`` is what ``?brief=1`` keeps) and a
    list form (without the ``detail_only`` fields).

    ``Meta.private_fields`` are left out for anonymous readers of the public catalogue.
    """

    def __init__(self, *args, brief=False, list_item=False, **kwargs):
        super().__init__(*args, **kwargs)
        dropped = set()
        if brief:
            dropped |= {name for name in self.fields if name not in self.Meta.brief_fields}
        if list_item:
            dropped |= detail_only(self)
        request = self.context.get("request")
        if request is not None and not request.user.is_authenticated:
            dropped |= set(getattr(self.Meta, "private_fields", ()))
        for name in dropped & set(self.fields):
            self.fields.pop(name)
