"""Every row of the permission matrix through the Django admin, as a browser would use it.

How the admin answers each outcome (``tests/access/matrix.py``):

- ``list``: the changelist answers 200 and shows the record (ALLOW) or not (HIDDEN); 403 or the
  login page (DENY).
- ``view``: the change page answers 200 (ALLOW), 404 (HIDDEN), 403 or the login page (DENY).
- ``change``: the change page is editable and re-submitting it as shown saves (ALLOW); it is
  read-only or refuses the POST (DENY); 404 (HIDDEN). An empty POST probes first: Django asks
  the permission before it looks the record up.
- ``add``: the add page opens and its ``link`` field offers the world record's parent (ALLOW);
  403, the login page, or the parent is not among the choices (DENY).
- ``delete``: the confirmation page opens with nothing the user lacks and, unless protected
  records block it, the record is gone after confirming (ALLOW); 403, the login page or missing
  permissions (DENY); 404 (HIDDEN).
- a workflow action: the admin action marked with its name (``ocop_portal.admin.workflow_action``)
  is offered on the list, the record's change page opens, and running it is not refused for lack of permission
  (ALLOW; the registration steps run from the state they apply to and must reach the next);
  it is not offered, or running it is refused for lack of permission and changes nothing
  (DENY); 404 (HIDDEN).

The admin is for staff: anonymous users and API clients get the login page for every row. An
operation the admin offers to nobody (not even a superuser: documents are added with their
registration, certificates are never deleted) is not this interface's to judge: such rows are
skipped, as are models and workflow steps the admin does not have.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import ERROR
from django.forms import CheckboxInput, MultiWidget
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ocop_portal.admin import PERMISSION_DENIED_TAG
from tests.access.matrix import ALLOW, DENY, HIDDEN, RESOURCES, ROWS

pytestmark = pytest.mark.django_db

# The state each registration step starts from, the state it leads to, and what its form asks.
REGISTRATION_STEPS = {
    "registration.submit": ("draft", "submitted", {}),
    "registration.withdraw": ("draft", "withdrawn", {}),
    "registration.accept": ("submitted", "accepted", {}),
    "registration.return": ("submitted", "returned", {"apply": "1", "reason": "Thiếu phiếu kiểm nghiệm"}),
}
# What the intermediate forms of the other steps ask, so that a refused step reaches its service.
ACTION_FORMS = {
    "evaluation.finalize": {"apply": "1", "spread_override_reason": ""},
    "certificate.issue": {
        "apply": "1",
        "decision_number": "9/QĐ-UBND",
        "decision_date": "01/06/2026",
        "issued_on": "01/06/2026",
        "number": "",
    },
    "certificate.revoke": {"apply": "1", "ground": "stopped", "decision": "5/QĐ-UBND", "revoked_on": "01/06/2026"},
}


def model_admin(row):
    model = apps.get_model(RESOURCES[row.family].model)
    if model not in admin.site._registry:
        pytest.skip(f"the admin has no page for {model._meta.label}")
    return model, admin.site._registry[model]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def is_refusal(response) -> bool:
    """403, or the login page an anonymous user (or a non-staff account) is sent to."""
    return response.status_code == 403 or (
        response.status_code == 302 and reverse("admin:login") in response.headers["Location"]
    )


def status_outcome(response) -> str | None:
    if is_refusal(response):
        return DENY
    if response.status_code == 404:
        return HIDDEN
    return None


def skip_unless_offered_to_superuser(model, model_admin_obj, check):
    superuser = apps.get_model("auth.user")(is_superuser=True, is_staff=True, is_active=True)
    request = RequestFactory().get("/")
    request.user = superuser
    if not check(model_admin_obj, request):
        pytest.skip(f"the admin offers this operation on {model._meta.label} to nobody")


def field_data(bound_field) -> dict:
    """POST data that submits a bound field's current value back, whatever its widget."""
    widget, name, value = bound_field.field.widget, bound_field.html_name, bound_field.value()
    if bound_field.field.disabled:
        return {}
    if isinstance(widget, MultiWidget):
        values = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{name}{suffix}": sub.format_value(part) or ""
            for suffix, sub, part in zip(widget.widgets_names, widget.widgets, values, strict=True)
        }
    if isinstance(widget, CheckboxInput):
        return {name: "on"} if value else {}
    if value is None:
        return {name: ""}
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    formatted = widget.format_value(value)
    if isinstance(formatted, list):
        return {name: formatted}
    return {name: "" if formatted is None else formatted}


def resubmission(response) -> dict:
    """The change page's form and inlines posted back exactly as shown."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        data.update(field_data(form[name]))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data.update(field_data(formset.management_form[name]))
        for inline_form in formset.forms:
            for name in inline_form.fields:
                data.update(field_data(inline_form[name]))
    return data


def form_errors(response) -> str:
    errors = [response.context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
    return repr(errors)


def list_outcome(client, model, obj):
    response = client.get(url(model, "changelist"))
    if (outcome := status_outcome(response)) is not None:
        return outcome
    assert response.status_code == 200
    shown = {row.pk for row in response.context["cl"].result_list}
    return ALLOW if obj.pk in shown else HIDDEN


def view_outcome(client, model, obj):
    response = client.get(url(model, "change", obj.pk))
    if (outcome := status_outcome(response)) is not None:
        return outcome
    assert response.status_code == 200
    return ALLOW


def change_outcome(client, model, model_admin_obj, obj):
    skip_unless_offered_to_superuser(model, model_admin_obj, lambda ma, request: ma.has_change_permission(request))
    # An empty POST asks the permission first (403), then the scope (404), and saves nothing valid.
    probe = client.post(url(model, "change", obj.pk), {})
    if (outcome := status_outcome(probe)) is not None:
        return outcome
    response = client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    if not response.context["has_change_permission"]:
        return DENY
    posted = client.post(url(model, "change", obj.pk), resubmission(response))
    if (outcome := status_outcome(posted)) is not None:
        return outcome
    assert posted.status_code == 302, f"the unchanged form did not save: {form_errors(posted)}"
    assert type(obj)._base_manager.filter(pk=obj.pk).exists()
    return ALLOW


def add_outcome(client, model, model_admin_obj, obj, link):
    skip_unless_offered_to_superuser(model, model_admin_obj, lambda ma, request: ma.has_add_permission(request))
    response = client.get(url(model, "add"))
    if (outcome := status_outcome(response)) is not None:
        return outcome
    if link is None:
        return ALLOW
    form = response.context["adminform"].form
    if link not in form.fields:
        pytest.skip(f"the add page of {model._meta.label} does not choose {link!r}")
    target = getattr(obj, link)
    return ALLOW if form.fields[link].queryset.filter(pk=target.pk).exists() else DENY


def delete_outcome(client, model, model_admin_obj, obj):
    skip_unless_offered_to_superuser(model, model_admin_obj, lambda ma, request: ma.has_delete_permission(request))
    response = client.get(url(model, "delete", obj.pk))
    if (outcome := status_outcome(response)) is not None:
        return outcome
    assert response.status_code == 200
    if response.context["protected"]:
        return ALLOW  # permitted; the records that depend on it keep it (PROTECT)
    if response.context["perms_lacking"]:
        return DENY
    confirmed = client.post(url(model, "delete", obj.pk), {"post": "yes"})
    assert confirmed.status_code == 302
    assert not type(obj)._base_manager.filter(pk=obj.pk).exists()
    return ALLOW


def workflow_outcome(client, model, model_admin_obj, obj, action):
    names = [
        name
        for name, func in ((name, getattr(model_admin_obj, name, None)) for name in model_admin_obj.actions or ())
        if getattr(func, "access_action", None) == action
    ]
    if not names:
        pytest.skip(f"the admin has no action for {action} on {model._meta.label}")
    start, end, form_data = REGISTRATION_STEPS.get(action, (None, None, ACTION_FORMS.get(action, {})))
    if start is not None:
        type(obj)._base_manager.filter(pk=obj.pk).update(status=start, return_reason="")
    # Permission first: is the step offered on this kind of record at all?
    listing = client.get(url(model, "changelist"))
    if (outcome := status_outcome(listing)) is not None:
        return outcome
    action_form = listing.context.get("action_form")
    offered = action_form is not None and names[0] in dict(action_form.fields["action"].choices)
    if offered:
        page = client.get(url(model, "change", obj.pk))
        if (outcome := status_outcome(page)) is not None:
            return outcome
        assert page.status_code == 200
    before = type(obj)._base_manager.filter(pk=obj.pk).values().get()
    posted = client.post(
        url(model, "changelist"), {"action": names[0], "_selected_action": [obj.pk], **form_data}, follow=True
    )
    after = type(obj)._base_manager.filter(pk=obj.pk).values().get()
    messages = list(posted.context.get("messages", ())) if posted.context else []
    if not offered:
        assert after == before, f"{action} is not offered but changed the record"
        return DENY
    if any(message.level == ERROR and PERMISSION_DENIED_TAG in message.tags for message in messages):
        assert after == before, f"{action} was refused but changed the record"
        return DENY
    if start is not None:
        assert after["status"] == end, f"{action} did not move {start} → {end}: {[str(m) for m in messages]}"
    return ALLOW  # permitted: the service ran (what it decides from this state is its own tests' business)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_admin_follows_the_matrix(row, world, client):
    model, model_admin_obj = model_admin(row)
    user = world.user(row.role)
    if user is not None:
        client.force_login(user)
    expected = row.expected if user is not None and user.is_staff else DENY
    obj = world.objects[row.resource]
    if row.action == "list":
        outcome = list_outcome(client, model, obj)
    elif row.action == "view":
        outcome = view_outcome(client, model, obj)
    elif row.action == "change":
        outcome = change_outcome(client, model, model_admin_obj, obj)
    elif row.action == "add":
        outcome = add_outcome(client, model, model_admin_obj, obj, RESOURCES[row.family].link)
    elif row.action == "delete":
        outcome = delete_outcome(client, model, model_admin_obj, obj)
    else:
        outcome = workflow_outcome(client, model, model_admin_obj, obj, row.action)
    assert outcome == expected, f"{row.role} {row.action} {row.resource} at {timezone.localdate()}"
