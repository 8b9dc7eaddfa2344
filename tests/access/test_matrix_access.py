"""Every row of the permission matrix against the access rules themselves (``organizations.access``).

The other runners check that an interface answers what these rules say; this one checks the
rules say what the table says. Outcomes: ``HIDDEN`` when the record is outside the role's view
scope, ``DENY`` when the role may not do this to this kind of record, ``ALLOW`` otherwise.
"""

import pytest
from django.apps import apps

from organizations import access
from tests.access.matrix import ALLOW, DENY, HIDDEN, RESOURCES, ROWS

pytestmark = pytest.mark.django_db


def model_of(row):
    return apps.get_model(RESOURCES[row.family].model)


def may_see_kind(user, model) -> bool:
    """Signed-in roles see a kind of record by their view permission; the public by the policy's public part."""
    if user is not None:
        return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    return access.visible(model._default_manager.all(), None).exists()


def outcome(row, world) -> str:
    """Permission first (the kind of record), then scope (this record): the order every interface checks in."""
    user = world.user(row.role)
    model = model_of(row)
    obj = world.objects[row.resource]
    perm = f"{model._meta.app_label}.%s_{model._meta.model_name}"
    if row.action == "add":
        link = RESOURCES[row.family].link
        if user is None or not user.has_perm(perm % "add"):
            return DENY
        if link is None:
            return ALLOW
        target = getattr(obj, link)
        return ALLOW if access.choices(type(target)._default_manager.filter(pk=target.pk), user).exists() else DENY
    if not may_see_kind(user, model):
        return DENY
    if row.action in ("change", "delete"):
        permission = perm % row.action
    elif row.action in access.ACTIONS:
        permission = access.ACTIONS[row.action].permission
    else:
        permission = None
    if permission is not None and (user is None or not user.has_perm(permission)):
        return DENY
    if not access.visible(model._default_manager.filter(pk=obj.pk), user).exists():
        return HIDDEN
    if row.action in ("list", "view"):
        return ALLOW
    if row.action in ("change", "delete"):
        return ALLOW if access.is_editable(user, obj) else DENY
    return ALLOW if access.can(user, row.action, obj) else DENY


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access_rules_follow_the_matrix(row, world):
    assert outcome(row, world) == row.expected
