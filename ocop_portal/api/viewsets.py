"""Base viewsets: scope, stable order, brief form, ETag / If-Match and ``allowed_actions``, written once.

A resource's viewset names its queryset (with the ``select_related`` / ``prefetch_related`` its
serializer needs), serializer and FilterSet; everything below is the same for every resource:

- reads go through ``visible_to(user)``: out of scope is 404, never 403;
- writes need the object in ``editable_by(user)`` and the model permission (else 403), then call
  the service through the serializer;
- ``If-Match`` on any write to one object is compared, under a row lock, with the ETag of the
  object's current representation: a mismatch is 412 and nothing is written.
"""

import hashlib
import json
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from ocop_portal.api.exceptions import PreconditionFailed
from ocop_portal.api.serializers import ApiModelSerializer
from ocop_portal.models import ApiToken

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}


def etag_of(data) -> str:
    """A strong ETag of a representation, ``allowed_actions`` left out: it depends on who asks, not on the object."""
    payload = {key: value for key, value in data.items() if key != "allowed_actions"}
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


class ApiViewSet(viewsets.GenericViewSet):
    """The base of every resource. ``public_read = True`` opens its reads to anonymous users.

    For anonymous users, ``visible_to`` is the published catalogue, so a public resource shows the
    public exactly what the catalogue pages show.
    """

    public_read = False
    lookup_value_regex = "[0-9]+"  # ids only: anything else is no resource (404), never a query error

    def initial(self, request, *args, **kwargs):
        """A signed-in role without the view permission of this kind of record gets 403 (the matrix's
        DENY) before any scope question. Public resources skip it: whoever signs in sees at least
        what the public sees."""
        super().initial(request, *args, **kwargs)
        meta = self.queryset.model._meta
        user = request.user
        needs_permission = not self.public_read and user.is_authenticated
        if needs_permission and not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            raise exceptions.PermissionDenied()

    # --- reading ---------------------------------------------------------------------------

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        # Pages must not overlap or skip rows: always end the order on the primary key.
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        return queryset.order_by(*ordering, "pk")

    @property
    def brief(self) -> bool:
        if self.request.method != "GET":
            return False
        value = self.request.query_params.get("brief")
        if value is None:
            return False
        value = value.strip().lower()
        if value not in TRUE_VALUES | FALSE_VALUES:
            raise exceptions.ValidationError({"brief": [_("Giá trị phải là 1 hoặc 0 (true/false).")]})
        return value in TRUE_VALUES

    def get_serializer(self, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        if issubclass(serializer_class, ApiModelSerializer):
            kwargs["brief"] = self.brief
        else:
            kwargs.pop("list_item", None)
        kwargs.setdefault("context", self.get_serializer_context())
        return serializer_class(*args, **kwargs)

    def object_response(self, instance, status_code=status.HTTP_200_OK):
        """One object, re-read through the scoped queryset (so nested data is prefetched), with its ETag."""
        instance = self.get_queryset().get(pk=instance.pk)
        data = self.get_serializer(instance).data
        headers = {} if self.brief else {"ETag": etag_of(data)}
        return Response(data, status=status_code, headers=headers)

    # --- allowed actions ---------------------------------------------------------------------
    # Only in an object's own responses (with its ETag), never in lists: asking the services for
    # every row of a page would cost queries per row, and a client reads the object before acting.

    def can_write(self) -> bool:
        user = self.request.user
        if not user.is_authenticated:
            return False
        return not (isinstance(self.request.auth, ApiToken) and self.request.auth.read_only)

    def generic_actions(self, obj) -> list[str]:
        """``change`` / ``delete`` when this resource offers them, the role holds the permission and
        the object is in the user's edit scope."""
        offered = []
        if isinstance(self, mixins.UpdateModelMixin):
            offered.append("change")
        if isinstance(self, mixins.DestroyModelMixin):
            offered.append("delete")
        meta = type(obj)._meta
        user = self.request.user
        allowed = [name for name in offered if user.has_perm(f"{meta.app_label}.{name}_{meta.model_name}")]
        if allowed and not type(obj).objects.editable_by(user).filter(pk=obj.pk).exists():
            return []
        return allowed

    def workflow_actions(self, obj) -> list[str]:
        """The workflow steps this user may take on ``obj`` now; resources with a workflow ask their service."""
        return []

    def allowed_actions(self, obj) -> list[str]:
        if not self.can_write():
            return []
        return self.generic_actions(obj) + self.workflow_actions(obj)

    # --- writing -----------------------------------------------------------------------------

    def require_permission(self, *, codename=None, action=None) -> None:
        """The role may do this to this kind of record at all, else 403 — asked before the record is
        looked up, as every interface does (the permission matrix: permission first, then scope).

        ``codename``: a model permission of this resource (``change``, ``delete``); ``action``: a
        named workflow step of ``organizations.access`` (``registration.submit``), reached through
        ``settings.OCOP_ACCESS_MODULE`` as the shared admin does, so the plumbing imports no app.
        """
        user = self.request.user
        meta = self.queryset.model._meta
        if codename and not user.has_perm(f"{meta.app_label}.{codename}_{meta.model_name}"):
            raise exceptions.PermissionDenied()
        if action and not import_module(settings.OCOP_ACCESS_MODULE).can(user, action):
            raise exceptions.PermissionDenied()

    def perform_action(self, service, object_argument, input_serializer=None, *, action=None, **extra):
        """A workflow step: the role's permission (403), the object in scope, locked and checked
        against ``If-Match`` (404, 412), the input (400), then the service (scope 403, state 409)."""
        self.require_permission(action=action)
        with transaction.atomic():
            instance = self.get_object_for_write(codename=None)
            arguments = dict(extra)
            if input_serializer is not None:
                serializer = input_serializer(data=self.request.data)
                serializer.is_valid(raise_exception=True)
                arguments.update(serializer.validated_data)
            result = service(user=self.request.user, **{object_argument: instance}, **arguments)
        return result

    def get_object_for_write(self, codename="change"):
        """The object, locked and checked against ``If-Match``; call inside ``transaction.atomic()``.

        403 without the ``codename`` permission; 404 out of view scope; 403 out of edit scope;
        412 when ``If-Match`` is stale. Workflow actions pass ``codename=None`` (their step's
        permission was asked by ``perform_action``; the service decides the scope).
        """
        if codename:
            self.require_permission(codename=codename)
        if_match = self.request.headers.get("If-Match", "").strip()
        if if_match and if_match != "*":
            model = self.queryset.model
            lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
            # Lock the bare row (no joins) first, then read the current state through the scope.
            model._default_manager.select_for_update().filter(pk=lookup).values_list("pk").first()
        instance = self.get_object()
        if codename and not type(instance).objects.editable_by(self.request.user).filter(pk=instance.pk).exists():
            raise exceptions.PermissionDenied(_("Đối tượng này nằm ngoài địa bàn bạn được sửa."))
        if if_match and if_match != "*":
            current = etag_of(self.get_serializer_class()(instance, context=self.get_serializer_context()).data)
            accepted = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
            if current not in accepted:
                raise PreconditionFailed(current)
        return instance


class ReadOnlyApiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True, list_item=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self.object_response(self.get_object())


class CreateApiMixin(mixins.CreateModelMixin):
    """``POST`` to the list: the serializer's ``create`` calls the app's service."""

    def create(self, request, *args, **kwargs):
        model = self.queryset.model
        if not request.user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
            raise exceptions.PermissionDenied()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        return self.object_response(instance, status.HTTP_201_CREATED)


class UpdateApiMixin(mixins.UpdateModelMixin):
    """``PUT`` / ``PATCH`` of one object: the serializer's ``update`` calls the app's service."""

    def update(self, request, *args, partial=False, **kwargs):
        with transaction.atomic():
            instance = self.get_object_for_write()
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = serializer.save()
        return self.object_response(instance)


class ApiModelViewSet(CreateApiMixin, UpdateApiMixin, ReadOnlyApiViewSet):
    pass
