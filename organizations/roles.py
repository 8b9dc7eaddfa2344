"""The portal's roles as Django groups: model permissions plus the named workflow permissions.

A role is what a user *may do* (add a product, accept a registration, issue a certificate); the
staff assignment's unit is *where* (``organizations.access``). The assignment is the one source of
truth for a user's role: ``RoleBackend`` gives a user the permissions of their role's group without
storing the membership, so changing an assignment changes the permissions at once and nobody can
hold a role's permissions without holding the role. The groups stay data: a superuser may adjust a
role's permissions in the admin, and ``manage.py setup_roles`` restores the definitions below.
"""

import warnings
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q

from organizations.models import StaffAssignment

Role = StaffAssignment.Role
# Two more roles that no assignment holds: the superuser flag and the anonymous public.
SUPERUSER = "superuser"
PUBLIC = "public"

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
CRUD = (VIEW, ADD, CHANGE, DELETE)
EDIT = (VIEW, ADD, CHANGE)


def _model_permissions(spec: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """``{"products.product": CRUD}`` → ``("products.view_product", ...)``."""
    names = []
    for label, actions in spec.items():
        app_label, model = label.split(".")
        names.extend(f"{app_label}.{action}_{model}" for action in actions)
    return tuple(names)


REFERENCE_DATA = {
    "organizations.administrativeunit": (VIEW,),
    "organizations.unitsuccession": (VIEW,),
    "organizations.issuingauthority": (VIEW,),
    "products.classificationscheme": (VIEW,),
    "products.branch": (VIEW,),
    "products.productgroup": (VIEW,),
    "products.productset": (VIEW,),
    "evaluations.criteriaversion": (VIEW,),
    "evaluations.criteriasheet": (VIEW,),
    "evaluations.sheetpart": (VIEW,),
    "evaluations.sheetsection": (VIEW,),
    "evaluations.criterion": (VIEW,),
    "evaluations.criterionoption": (VIEW,),
    "evaluations.disqualifier": (VIEW,),
}

# Producers, products and their dossiers: what district and commune staff work on every day.
REGISTRY = {
    "organizations.producer": CRUD,
    "organizations.producerfinance": CRUD,
    "organizations.legalformchange": CRUD,
    "products.product": CRUD,
    "products.productphoto": CRUD,
    "products.surveyentry": CRUD,
    "products.registration": CRUD,
    "products.registrationtransition": (VIEW,),
    "products.dossierdocument": CRUD,
}

# The province's own work: commendations, councils, ratings, certificates, plans, accounts.
PROVINCE = {
    "organizations.issuingauthority": EDIT,
    "organizations.commendation": CRUD,
    "organizations.staffassignment": (VIEW,),
    "auth.user": EDIT,
    "axes.accessattempt": (VIEW, DELETE),  # unlock an account that tried too many passwords
    "evaluations.criteriasheet": (VIEW, CHANGE),  # resolve the problems of a draft sheet
    "evaluations.criterion": (VIEW, CHANGE),
    "evaluations.criterionoption": (VIEW, CHANGE),
    "evaluations.council": CRUD,
    "evaluations.councilmember": CRUD,
    "evaluations.evaluation": EDIT,
    "evaluations.scoresheet": EDIT,  # officers transcribe paper sheets for members
    "evaluations.scoreline": EDIT,
    "evaluations.certificate": EDIT,  # never deleted: revoked, expired or superseded
    "evaluations.certificateseries": EDIT,
    "evaluations.yearlyplan": CRUD,
    "evaluations.target": CRUD,
    "evaluations.reportedvalue": CRUD,
    "evaluations.supportactivity": CRUD,
}

# Read-only context for area staff: the results and plans that concern their area.
AREA_CONTEXT = {
    "organizations.commendation": (VIEW,),
    "evaluations.certificate": (VIEW,),
    "evaluations.yearlyplan": (VIEW,),
    "evaluations.target": (VIEW,),
    "evaluations.reportedvalue": (VIEW,),
    "evaluations.supportactivity": (VIEW,),
}

# What a council member reads to score: the dossier before the council, and their own sheets.
COUNCIL = {
    "organizations.producer": (VIEW,),
    "products.product": (VIEW,),
    "products.productphoto": (VIEW,),
    "products.registration": (VIEW,),
    "products.dossierdocument": (VIEW,),
    "evaluations.council": (VIEW,),
    "evaluations.councilmember": (VIEW,),
    "evaluations.evaluation": (VIEW,),
    "evaluations.scoresheet": EDIT,
    "evaluations.scoreline": EDIT,
    "evaluations.certificate": (VIEW,),
}

SUBMIT = ("products.submit_registration",)
ACCEPT = ("products.accept_registration",)
SCORE = ("evaluations.score_evaluation",)
FINALIZE = ("evaluations.finalize_evaluation",)
CERTIFY = ("evaluations.issue_certificate", "evaluations.revoke_certificate")
PLANS = ("evaluations.manage_plans",)
STAFF = ("organizations.manage_staff",)


def _merge(*specs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for spec in specs:
        for label, actions in spec.items():
            merged[label] = tuple(dict.fromkeys(merged.get(label, ()) + actions))
    return merged


@dataclass(frozen=True)
class RoleDefinition:
    role: str
    group_name: str  # data, not a translation: the group keeps its name whatever the language
    rank: int  # a user may grant roles of their rank or lower, never higher
    admin_access: bool  # ``is_staff``: may open the Django admin
    permissions: tuple[str, ...]  # "app_label.codename"


ROLES = {
    definition.role: definition
    for definition in (
        RoleDefinition(
            Role.OFFICER,
            "Cán bộ cấp tỉnh",
            rank=30,
            admin_access=True,
            permissions=_model_permissions(_merge(REFERENCE_DATA, REGISTRY, PROVINCE))
            + SUBMIT
            + ACCEPT
            + SCORE
            + FINALIZE
            + CERTIFY
            + PLANS
            + STAFF,
        ),
        RoleDefinition(
            Role.AREA_STAFF,
            "Cán bộ cấp huyện/xã",
            rank=20,
            admin_access=True,
            permissions=_model_permissions(_merge(REFERENCE_DATA, REGISTRY, AREA_CONTEXT)) + SUBMIT,
        ),
        RoleDefinition(
            Role.COUNCIL_MEMBER,
            "Thành viên hội đồng",
            rank=10,
            admin_access=True,
            # Only the chair finalises: ``access.can`` narrows this permission to their council.
            permissions=_model_permissions(_merge(REFERENCE_DATA, COUNCIL)) + SCORE + FINALIZE,
        ),
        RoleDefinition(
            Role.API_CLIENT,
            "Hệ thống kết nối (API)",
            rank=10,
            admin_access=False,
            # Reads what its area holds, writes the registry there; tokens may narrow it to read-only.
            permissions=_model_permissions(
                _merge(
                    REFERENCE_DATA,
                    REGISTRY,
                    AREA_CONTEXT,
                    {
                        "evaluations.council": (VIEW,),
                        "evaluations.councilmember": (VIEW,),
                        "evaluations.evaluation": (VIEW,),
                    },
                )
            )
            + SUBMIT,
        ),
    )
}


def definition_of(role: str) -> RoleDefinition | None:
    return ROLES.get(role)


def may_grant(granter_role: str, role: str) -> bool:
    """Nobody grants more than they hold: only roles of the granter's rank or lower."""
    if granter_role == SUPERUSER:
        return role in ROLES
    granter, granted = ROLES.get(granter_role), ROLES.get(role)
    return granter is not None and granted is not None and granted.rank <= granter.rank


def _permission_objects(names: tuple[str, ...], using: str) -> tuple[list[Permission], list[str]]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    condition = Q(pk__in=[])
    for app_label, codename in wanted:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.using(using).filter(condition).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    return found, sorted(f"{app_label}.{codename}" for app_label, codename in missing)


@transaction.atomic
def setup_roles(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Create or restore every role's group with exactly its permissions; idempotent.

    Returns the permission names that do not exist (a model renamed without updating ``ROLES``),
    so the command and the tests can fail on them while a migration only warns.
    """
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    missing: list[str] = []
    for definition in ROLES.values():
        group, _ = Group.objects.using(using).get_or_create(name=definition.group_name)
        permissions, absent = _permission_objects(definition.permissions, using)
        group.permissions.set(permissions)
        missing.extend(absent)
    return sorted(set(missing))


def setup_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` receiver: a fresh database (and every test database) has the roles."""
    missing = setup_roles(using=using)
    if missing:
        warnings.warn(f"Roles name permissions that do not exist: {', '.join(missing)}", stacklevel=1)


class RoleBackend(ModelBackend):
    """``ModelBackend`` whose group permissions also include the group of the user's current role.

    The role comes from the user's active staff assignment (``access.role_of``), so there is no
    group membership to keep in step with it. Groups a superuser adds by hand still count.
    """

    def _get_group_permissions(self, user_obj):
        from organizations.access import role_of

        definition = ROLES.get(role_of(user_obj))
        condition = Q(group__user=user_obj)
        if definition is not None:
            condition |= Q(group__name=definition.group_name)
        return Permission.objects.filter(condition)
