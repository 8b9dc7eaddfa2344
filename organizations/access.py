"""Who may see and change what: the one place that decides (see ../shared/design.md, "Access").

Every interface asks here: the admin (``ocop_portal.admin.ScopedAdmin``), the API, the pages,
exports and importers, through ``Model.objects.visible_to(user)`` / ``editable_by(user)`` or the
functions below. Two questions, answered separately:

- **what** a user may do to a kind of record is their role's Django permissions
  (``organizations.roles``; ``can()`` for the named workflow actions);
- **which** records is decided here, per model family, from the user's staff assignment: a role
  and an administrative unit whose subtree is the edit scope (``view_unit`` may widen the view).

Scopes follow the 1/7/2025 reform: ``scope_paths`` adds the units linked by ``UnitSuccession``,
so an officer of old Bắc Kạn (06) or of new Thái Nguyên (19) sees both the 2018 records and the
new-era records of the communes that succeeded them.

A model is added by one entry in ``POLICIES``; a model without one fails loudly
(``ImproperlyConfigured``) rather than leaking or hiding silently. Objects outside a user's view
scope must answer 404 (never 403: no existence leak); writes call ``ensure_editable`` after saving,
inside the service's transaction, so a record moved out of scope rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import roles
from organizations.models import AdministrativeUnit, StaffAssignment, UnitSuccession

Role = StaffAssignment.Role
SUPERUSER, PUBLIC = roles.SUPERUSER, roles.PUBLIC
EDIT, VIEW = "edit", "view"
EVERYTHING = Q()

# --- Who is asking ------------------------------------------------------------------------------


def assignment_of(user) -> StaffAssignment | None:
    """The user's active staff assignment, cached on the user object for the request."""
    if not user or not user.is_authenticated:
        return None
    cached = getattr(user, "_ocop_assignment", False)
    if cached is False:
        cached = StaffAssignment.objects.filter(user=user, is_active=True).select_related("unit", "view_unit").first()
        user._ocop_assignment = cached
    return cached


def role_of(user) -> str:
    """``superuser``, a ``StaffAssignment.Role`` value, or ``public`` (anonymous, inactive, unassigned)."""
    if not user or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return SUPERUSER
    assignment = assignment_of(user)
    return assignment.role if assignment else PUBLIC


def forget(user) -> None:
    """Drop what this user object cached (after their assignment changed in the same request)."""
    for name in ("_ocop_assignment", "_ocop_scope", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(name, None)


@dataclass(frozen=True)
class Scope:
    """A user's role and the unit paths they may change (``edit``) and see (``view``)."""

    role: str
    user: object = None
    edit: tuple[str, ...] = ()
    view: tuple[str, ...] = ()

    @property
    def ancestors(self) -> tuple[str, ...]:
        """Paths of the units above the scope (the province above a district): their plans apply here."""
        found = set()
        for path in self.view:
            parts = path.strip("/").split("/")  # ["old", "06", "066"]
            found.update("/".join(parts[:n]) + "/" for n in range(2, len(parts)))
        return tuple(sorted(found))


def scope_of(user) -> Scope:
    cached = getattr(user, "_ocop_scope", None) if user is not None else None
    if cached is not None:
        return cached
    role = role_of(user)
    assignment = assignment_of(user) if role not in (SUPERUSER, PUBLIC) else None
    if assignment is None:
        scope = Scope(role=role, user=user if user is not None and user.is_authenticated else None)
    else:
        edit = scope_paths(assignment.unit)
        view = edit if assignment.view_unit_id is None else _covering(edit + scope_paths(assignment.view_unit))
        scope = Scope(role=role, user=user, edit=edit, view=view)
    if user is not None:
        user._ocop_scope = scope
    return scope


# --- Areas across the 2025 reform -----------------------------------------------------------


def scope_paths(unit: AdministrativeUnit) -> tuple[str, ...]:
    """The unit's subtree plus the units that preceded or succeeded any unit in it.

    One hop through ``UnitSuccession`` in each direction: a Na Rì (066) assignment covers the new
    communes that succeeded Na Rì's old communes, and a new-commune assignment covers the old
    communes merged into it. Where every child of a unit is linked, the unit itself is (all old
    communes of Bắc Kạn succeeded into Thái Nguyên → old Bắc Kạn, with its district and province
    records, is in a Thái Nguyên officer's scope). The assigned unit itself is never widened.
    """
    subtree = AdministrativeUnit.objects.subtree(unit).values("pk")
    paths = ("predecessor__path", "successor__path")
    linked = set()
    # Two index lookups joined by UNION: "predecessor in subtree OR successor in subtree" scans every
    # succession of the country (10,000 rows, ~40 ms a call) on each request that names an area.
    for predecessor, successor in (
        UnitSuccession.objects.filter(predecessor__in=subtree)
        .values_list(*paths)
        .union(UnitSuccession.objects.filter(successor__in=subtree).values_list(*paths))
    ):
        linked.update((predecessor, successor))
    return _covering((unit.path, *_roll_up(linked)))


def _covering(paths) -> tuple[str, ...]:
    """The shortest list of paths covering the same subtrees (drop paths under another one)."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return tuple(result)


def _parent_path(path: str) -> str | None:
    parts = path.strip("/").split("/")
    return "/".join(parts[:-1]) + "/" if len(parts) > 2 else None  # "old/06/" has no parent unit


def _roll_up(paths: set[str]) -> set[str]:
    paths = set(_covering(paths))
    while True:
        by_parent: dict[str, set[str]] = {}
        for path in paths:
            parent = _parent_path(path)
            if parent is not None:
                by_parent.setdefault(parent, set()).add(path)
        if not by_parent:
            return paths
        totals = dict(
            AdministrativeUnit.objects.filter(path__in=by_parent).annotate(n=Count("children")).values_list("path", "n")
        )
        complete = [parent for parent, children in by_parent.items() if totals.get(parent) == len(children)]
        if not complete:
            return paths
        for parent in complete:
            paths -= by_parent[parent]
            paths.add(parent)
        paths = set(_covering(paths))


def _under(lookup: str, paths) -> Q | None:
    """Rows whose unit path (at ``lookup``) lies under any of the paths: one indexed LIKE each."""
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


def _any(*conditions: Q | None) -> Q | None:
    """Rows meeting any of the conditions; ``None`` (no rows) when none is given.

    An empty ``Q()`` means every row, but Django drops it when combined (``Q() | Q(x)`` is ``Q(x)``):
    it has to win here explicitly.
    """
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return None
    if any(condition == EVERYTHING for condition in present):
        return EVERYTHING
    result = present[0]
    for condition in present[1:]:
        result |= condition
    return result


# --- The published catalogue ------------------------------------------------------------------


def published_products(today=None):
    """Products the public sees: an active certificate, 3★ or more, a star still valid today.

    Models of later apps are named by label: this module decides for them without importing them.
    """
    return apps.get_model("products", "Product")._base_manager.filter(_published_product_condition(today))


def _published_product_condition(today=None) -> Q:
    today = today or timezone.localdate()
    certificate = apps.get_model("evaluations", "Certificate")
    active = certificate._base_manager.filter(product=OuterRef("pk"), status="active")
    return Q(Exists(active), current_star__gte=3, star_valid_until__gte=today, is_archived=False)


def _published_products() -> Q:
    """The condition on the product row itself, not ``pk IN (every published product)``: with 130,000
    published products that set is built on every query (about a second), where the row's own
    columns and one index probe per candidate row decide it (bench/README.md)."""
    return _published_product_condition()


def _published_producers() -> Q:
    return Q(pk__in=published_products().values("producer"))


def _of_published_product(lookup: str) -> Callable[[], Q]:
    return lambda: Q(**{f"{lookup}__in": published_products().values("pk")})


# --- Policies, one per model family ---------------------------------------------------------


class Policy:
    """Which rows of one model a scope sees and changes; ``None`` means none at all."""

    links: tuple[str, ...] = ()  # foreign keys whose target must be editable too (see ensure_editable)

    def visible(self, scope: Scope, model) -> Q | None:
        raise NotImplementedError

    def editable(self, scope: Scope, model) -> Q | None:
        raise NotImplementedError

    def choices(self, scope: Scope, model) -> Q | None:
        """What a form offers for a foreign key to this model: by default, what the user may change."""
        return self.editable(scope, model)


@dataclass(frozen=True)
class Reference(Policy):
    """Official lists and rule books (classification, criteria, authorities): officers keep them.

    ``public=False`` for the province's own bookkeeping (certificate number series).
    """

    public: bool = True

    def visible(self, scope, model):
        if self.public or scope.role == Role.OFFICER:
            return EVERYTHING
        return None

    def editable(self, scope, model):
        return EVERYTHING if scope.role == Role.OFFICER else None

    def choices(self, scope, model):
        return self.visible(scope, model)  # anyone who sees a product set may classify with it


@dataclass(frozen=True)
class Located(Policy):
    """Records that belong to an area through a unit path.

    - ``area``: lookup to the unit path; by default the model's ``scope_path_field``;
    - ``staff``: what district/commune staff get in their area: ``EDIT``, ``VIEW`` or nothing;
      ``api`` the same for API clients (by default as ``staff``);
    - ``public``: the rows anyone may see (the published catalogue);
    - ``council``: lookup to the ``CouncilMember`` rows whose users see the record;
      ``own``: lookup to the user a row belongs to (council members see and edit only those, and
      with ``chair_sees_all`` the chair of the council sees every row of it);
    - ``plans``: staff also see the rows of the units above theirs (the province's plan);
    - ``links``: foreign keys that must stay in the editor's scope (a product's producer);
    - ``pick_visible``: forms may offer every visible row, not only the editable ones (anyone
      may name the ministry as a certificate's authority).
    """

    area: str | None = None
    staff: str = ""
    api: str | None = None
    public: Callable[[], Q] | None = None
    council: str | None = None
    own: str | None = None
    chair_sees_all: bool = False
    plans: bool = False
    links: tuple[str, ...] = field(default=())
    pick_visible: bool = False

    def _area(self, model) -> str:
        return self.area or model.scope_path_field

    def _staff_right(self, scope) -> str:
        if scope.role == Role.OFFICER:
            return EDIT
        if scope.role == Role.AREA_STAFF:
            return self.staff
        if scope.role == Role.API_CLIENT:
            return self.staff if self.api is None else self.api
        return ""

    def visible(self, scope, model):
        conditions = [self.public() if self.public else None]
        if self._staff_right(scope):
            conditions.append(_under(self._area(model), scope.view))
            if self.plans and scope.ancestors:
                conditions.append(Q(**{f"{self._area(model)}__in": scope.ancestors}))
        if scope.role == Role.COUNCIL_MEMBER and self.council:
            conditions.append(self._before_council(scope, model))
        return _any(*conditions)

    def editable(self, scope, model):
        if self._staff_right(scope) == EDIT:
            return _under(self._area(model), scope.edit)
        if scope.role == Role.COUNCIL_MEMBER and self.own:
            return Q(**{self.own: scope.user})
        return None

    def choices(self, scope, model):
        return self.visible(scope, model) if self.pick_visible else self.editable(scope, model)

    def _before_council(self, scope, model) -> Q:
        rows = model._base_manager.values("pk")
        if not self.own:
            return Q(pk__in=rows.filter(**{f"{self.council}__user": scope.user}))
        condition = Q(**{self.own: scope.user})
        if self.chair_sees_all:
            chaired = rows.filter(**{f"{self.council}__user": scope.user, f"{self.council}__role": "chair"})
            condition |= Q(pk__in=chaired)
        return condition


class UnitPolicy(Policy):
    """Administrative units are public; the editable ones are the user's edit scope (form choices)."""

    def visible(self, scope, model):
        return EVERYTHING

    def editable(self, scope, model):
        if scope.role in (Role.OFFICER, Role.AREA_STAFF, Role.API_CLIENT):
            return _under("path", scope.edit)
        return None


class UserPolicy(Policy):
    """Accounts: officers see and manage the accounts assigned inside their scope; everyone sees themself."""

    def visible(self, scope, model):
        own = Q(pk=scope.user.pk) if scope.user is not None else None
        if scope.role != Role.OFFICER:
            return own
        return _any(own, self._assigned_under(scope.view))

    def editable(self, scope, model):
        if scope.role != Role.OFFICER:
            return None
        return self._assigned_under(scope.edit) & Q(is_superuser=False)

    @staticmethod
    def _assigned_under(paths) -> Q:
        assignments = StaffAssignment.objects.filter(_under("unit__path", paths), is_active=True)
        return Q(pk__in=assignments.values("user"))


class Internal(Policy):
    """The portal's own bookkeeping (stored summaries and their version): no user reads it as records."""

    def visible(self, scope, model):
        return None

    def editable(self, scope, model):
        return None


class HistoryPolicy(Policy):
    """History events (django-pghistory) of a record: for those who may change records where it was.

    An event is a snapshot of the record's fields (foreign keys included), so the tracked model's
    edit condition applies to the event itself: each change is placed where the record was when
    it changed, and the history of a deleted record stays visible in its area.
    """

    def visible(self, scope, model):
        tracked = model._meta.get_field("pgh_obj").related_model
        return policy_for(tracked).editable(scope, tracked)

    def editable(self, scope, model):
        return None  # history is append-only


REGISTRY_COUNCIL = "evaluations__council__members"

POLICIES: dict[str, Policy] = {
    # organizations
    "organizations.administrativeunit": UnitPolicy(),
    "organizations.unitsuccession": Reference(),
    # Authorities are public; an officer keeps those of their own province (central ones: superusers).
    "organizations.issuingauthority": Located(area="unit__path", public=lambda: EVERYTHING, pick_visible=True),
    "organizations.producer": Located(
        staff=EDIT, public=_published_producers, council=f"products__registrations__{REGISTRY_COUNCIL}"
    ),
    "organizations.producerfinance": Located(area="producer__commune__path", staff=EDIT),
    "organizations.legalformchange": Located(area="producer__commune__path", staff=EDIT),
    "organizations.commendation": Located(staff=VIEW, links=("producer",)),
    "organizations.staffassignment": Located(area="unit__path"),
    "auth.user": UserPolicy(),
    # products
    "products.classificationscheme": Reference(),
    "products.branch": Reference(),
    "products.productgroup": Reference(),
    "products.productset": Reference(),
    "products.product": Located(
        staff=EDIT, public=_published_products, council=f"registrations__{REGISTRY_COUNCIL}", links=("producer",)
    ),
    "products.productphoto": Located(
        area="product__origin_commune__path",
        staff=EDIT,
        public=_of_published_product("product"),
        council=f"product__registrations__{REGISTRY_COUNCIL}",
    ),
    "products.surveyentry": Located(staff=EDIT),
    "products.registration": Located(staff=EDIT, council=REGISTRY_COUNCIL),
    "products.registrationtransition": Located(
        area="registration__product__origin_commune__path", staff=VIEW, council=f"registration__{REGISTRY_COUNCIL}"
    ),
    "products.dossierdocument": Located(staff=EDIT, council=f"registration__{REGISTRY_COUNCIL}"),
    # evaluations
    "evaluations.criteriaversion": Reference(),
    "evaluations.criteriasheet": Reference(),
    "evaluations.sheetpart": Reference(),
    "evaluations.sheetsection": Reference(),
    "evaluations.criterion": Reference(),
    "evaluations.criterionoption": Reference(),
    "evaluations.disqualifier": Reference(),
    "evaluations.certificateseries": Reference(public=False),
    "evaluations.council": Located(api=VIEW, council="members"),
    "evaluations.councilmember": Located(area="council__unit__path", api=VIEW, council="council__members"),
    "evaluations.evaluation": Located(api=VIEW, council="council__members", links=("council",)),
    "evaluations.scoresheet": Located(
        area="evaluation__registration__product__origin_commune__path",
        council="evaluation__council__members",
        own="member__user",
        chair_sees_all=True,
    ),
    "evaluations.scoreline": Located(
        area="score_sheet__evaluation__registration__product__origin_commune__path",
        council="score_sheet__evaluation__council__members",
        own="score_sheet__member__user",
        chair_sees_all=True,
    ),
    "evaluations.certificate": Located(staff=VIEW, public=_of_published_product("product")),
    "evaluations.yearlyplan": Located(staff=VIEW, plans=True),
    "evaluations.target": Located(area="plan__unit__path", staff=VIEW, plans=True, links=("unit",)),
    "evaluations.reportedvalue": Located(area="target__plan__unit__path", staff=VIEW, plans=True),
    "evaluations.supportactivity": Located(staff=VIEW, links=("producer",)),
    "evaluations.summarychange": Internal(),
    "evaluations.summarysnapshot": Internal(),
}


def policy_for(model) -> Policy:
    policy = POLICIES.get(model._meta.label_lower)
    if policy is None and any(f.name == "pgh_obj" for f in model._meta.get_fields()):
        return HistoryPolicy()
    if policy is None:
        raise ImproperlyConfigured(
            f"No access policy for {model._meta.label}: add one to organizations.access.POLICIES."
        )
    return policy


# --- The one way in -----------------------------------------------------------------------------


def area_right(model, scope: Scope) -> str:
    """The right (``EDIT``/``VIEW``) the policy gives ``scope``'s role over *every* record under its paths,
    located by the model's own unit path; "" when the policy decides otherwise (public rows, councils,
    another lookup). A report that already limits rows to an area the scope covers can then skip the
    access condition without deciding access itself."""
    policy = policy_for(model)
    if isinstance(policy, Located) and policy._area(model) == model.scope_path_field:
        return policy._staff_right(scope)
    return ""


def visible(queryset, user):
    """The rows of ``queryset`` that ``user`` may see."""
    scope = scope_of(user)
    if scope.role == SUPERUSER:
        return queryset
    condition = policy_for(queryset.model).visible(scope, queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def editable(queryset, user):
    """The rows of ``queryset`` that ``user`` may change (also: the choices their forms offer)."""
    scope = scope_of(user)
    if scope.role == SUPERUSER:
        return queryset
    condition = policy_for(queryset.model).editable(scope, queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def choices(queryset, user):
    """What ``user`` may pick from ``queryset`` for a foreign key (selects, autocompletes, imports)."""
    scope = scope_of(user)
    if scope.role == SUPERUSER:
        return queryset
    condition = policy_for(queryset.model).choices(scope, queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def is_visible(user, obj) -> bool:
    return visible(type(obj)._base_manager.filter(pk=obj.pk), user).exists()


def is_editable(user, obj) -> bool:
    return editable(type(obj)._base_manager.filter(pk=obj.pk), user).exists()


def get_visible_or_404(queryset, user, **lookup):
    """The object if the user may see it, else 404 — the same answer as for one that does not exist."""
    return get_object_or_404(visible(queryset, user), **lookup)


def ensure_editable(user, obj) -> None:
    """Services call this after saving, inside their transaction: out of scope rolls the write back.

    Raises ``PermissionDenied`` when the user's role may not change this kind of record at all, and
    a ``ValidationError`` in Vietnamese when the record (or a record it points to through the
    policy's ``links``: a product's producer) lies outside the user's area.
    """
    if user is None:  # a management command: whoever runs it holds the server
        return
    scope = scope_of(user)
    if scope.role == SUPERUSER:
        return
    model = type(obj)
    policy = policy_for(model)
    if policy.editable(scope, model) is None:
        raise PermissionDenied(
            _("Vai trò của bạn không được thay đổi %(model)s.") % {"model": model._meta.verbose_name}
        )
    if not is_editable(user, obj):
        raise ValidationError(
            _("%(object)s nằm ngoài địa bàn bạn được giao quản lý, nên không thể lưu thay đổi này.")
            % {"object": _describe(obj)},
            code="out_of_scope",
        )
    errors = {}
    for name in policy.links:
        target = getattr(obj, name)
        if target is not None and not is_editable(user, target):
            errors[name] = ValidationError(
                _("%(object)s nằm ngoài địa bàn bạn được giao quản lý.") % {"object": _describe(target)},
                code="out_of_scope",
            )
    if errors:
        raise ValidationError(errors)


def ensure_all_editable(user, instances: list) -> None:
    """``ensure_editable`` for many saved instances of one model: one query for them, one per linked model."""
    if user is None or not instances:
        return
    model = type(instances[0])

    def in_scope(queryset) -> set[int]:
        return set(editable(queryset, user).values_list("pk", flat=True))

    saved = in_scope(model._base_manager.filter(pk__in=[instance.pk for instance in instances]))
    links = {}  # a linked field (a product's producer) → its records in scope
    for name in policy_for(model).links:
        field = model._meta.get_field(name)
        ids = {getattr(instance, field.attname) for instance in instances} - {None}
        links[field] = in_scope(field.related_model._base_manager.filter(pk__in=ids))
    for instance in instances:
        targets = ((getattr(instance, field.attname), allowed) for field, allowed in links.items())
        if instance.pk not in saved or any(pk is not None and pk not in allowed for pk, allowed in targets):
            ensure_editable(user, instance)  # raises the message it gives for that record on its own


def _describe(obj) -> str:
    return f"{str(obj._meta.verbose_name).capitalize()} “{obj}”"


# --- Named workflow actions -------------------------------------------------------------------


def _chair_of(user, council_id) -> bool:
    members = apps.get_model("evaluations", "CouncilMember")._base_manager
    return members.filter(council_id=council_id, user=user, role="chair").exists()


def _may_score(user, obj) -> bool:
    """Members score in their own council's evaluations (secretaries do not); officers transcribe."""
    if role_of(user) == Role.OFFICER:
        return is_editable(user, obj)
    label = obj._meta.label_lower
    members = apps.get_model("evaluations", "CouncilMember")._base_manager.filter(user=user).exclude(role="secretary")
    if label == "evaluations.evaluation":
        return members.filter(council_id=obj.council_id).exists()
    if label == "evaluations.councilmember":
        return obj.user_id == user.pk and obj.role != "secretary"
    if label == "evaluations.scoresheet":
        return members.filter(pk=obj.member_id).exists()
    return False


def _may_finalize(user, obj) -> bool:
    if role_of(user) == Role.OFFICER:
        return is_editable(user, obj)
    return role_of(user) == Role.COUNCIL_MEMBER and _chair_of(user, obj.council_id)


def _may_manage_staff(user, obj) -> bool:
    """``obj`` is the unit an account is for, or the account (or assignment) itself."""
    if obj._meta.label_lower == "organizations.staffassignment":
        obj = obj.unit
    return is_editable(user, obj)


@dataclass(frozen=True)
class Action:
    permission: str
    check: Callable[[object, object], bool] = is_editable


ACTIONS: dict[str, Action] = {
    "registration.submit": Action("products.submit_registration"),
    "registration.withdraw": Action("products.submit_registration"),
    "registration.accept": Action("products.accept_registration"),
    "registration.return": Action("products.accept_registration"),
    "evaluation.score": Action("evaluations.score_evaluation", _may_score),
    "evaluation.finalize": Action("evaluations.finalize_evaluation", _may_finalize),
    "certificate.issue": Action("evaluations.issue_certificate"),
    "certificate.revoke": Action("evaluations.revoke_certificate"),
    "plan.manage": Action("evaluations.manage_plans"),
    "staff.manage": Action("organizations.manage_staff", _may_manage_staff),
}


def can(user, action: str, obj=None) -> bool:
    """May ``user`` perform the named workflow ``action`` (on ``obj``, or on anything when ``None``)?

    The role's permission first, then the object: in the user's edit scope, or for scoring and
    finalising, their council (the chair finalises). Whether the object's *state* allows the step
    is the service's question, not this one's. ``user=None`` is a management command (allowed).
    """
    try:
        spec = ACTIONS[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; known: {', '.join(ACTIONS)}") from None
    if user is None:
        return True
    if not user.has_perm(spec.permission):
        return False
    if obj is None or role_of(user) == SUPERUSER:
        return True
    return spec.check(user, obj)


def ensure_can(user, action: str, obj=None) -> None:
    """``can`` for services: raises ``PermissionDenied`` with a Vietnamese message."""
    if not can(user, action, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
