"""Serializer pieces every app uses: the brief form and ``allowed_actions``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AllowedActionsField(serializers.Field):
    """What the current user may do with this object now (``change``, ``submit``, ``finalize`` …).

    Asked of the viewset, which asks the services: clients never re-implement the rules.
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", _("Các thao tác người dùng hiện tại được làm với đối tượng này."))
        super().__init__(**kwargs)

    def to_representation(self, value):
        view = self.context.get("view")
        return view.allowed_actions(value) if view is not None and hasattr(view, "allowed_actions") else []


class ApiModelSerializer(serializers.ModelSerializer):
    """A model serializer with a brief form: ``Meta.brief_fields`` is what ``?brief=1`` keeps."""

    def __init__(self, *args, brief=False, **kwargs):
        super().__init__(*args, **kwargs)
        if brief:
            for name in [name for name in self.fields if name not in self.Meta.brief_fields]:
                self.fields.pop(name)
