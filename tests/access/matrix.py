"""The permission matrix: role × resource × action → expected outcome, one table for every interface.

The table is the specification of who may do what (issue 4); each interface has a runner that
puts every row through it: ``test_matrix_access.py`` (the access rules themselves),
``test_matrix_admin.py`` (the Django admin), and later ``test_matrix_api.py`` and
``test_matrix_pages.py``. A runner imports ``ROWS`` and the stage from ``tests/access/world.py``
(``world.objects[row.resource]``, ``world.user(row.role)``) and translates each outcome into what
its interface answers.

Format of ``TABLE``
-------------------
One block per resource. The block's first line names the resource and the actions (columns);
each following line names a role and gives one outcome per action::

    registration:nari   list view add change delete submit withdraw accept return
      officer           +    +    +   +      +      +      +        +      +

- **resource** ``family:variant``: the family is a key of ``RESOURCES`` (model, and the foreign
  key through which "add" is checked), the variant says which record of the world it is
  (``nari``: Na Rì's, ``chomoi``: Chợ Mới's, ``published``: in the public catalogue, ``council``:
  before the provincial council, ...).
- **actions**: ``list`` (the record appears in lists), ``view`` (its detail opens), ``add`` (the
  role may create a record of this kind attached to the record's parent: ``RESOURCES[...].link``
  of the world record is among the choices), ``change``, ``delete``, and the named workflow
  actions of ``organizations.access.ACTIONS``, written in full (``evaluation.score``) or, when
  they belong to the resource's family, short (``submit`` in a ``registration`` block is
  ``registration.submit``). ``Row.action`` always holds the full name.
- **roles**: ``superuser``; ``officer`` (Bắc Kạn); ``officer_other`` (another province);
  ``staff_nari`` (district staff of Na Rì); ``api_client`` (an external system assigned to Na Rì);
  ``council_chair`` and ``council_member`` (of the provincial council); ``anonymous``.
- **outcomes**:

  =====  ==========  =====================================================================
  ``+``  ``ALLOW``   the interface does it
  ``-``  ``DENY``    the role may not do this to this kind of record: 403, a login page for
                     an interface the role cannot use, a read-only form, a missing button or
                     choice. The record's existence is no secret to it.
  ``0``  ``HIDDEN``  the record is outside the role's view scope: 404, absent from lists —
                     the same answer as for a record that does not exist.
  =====  ==========  =====================================================================

Permission comes before scope, as every interface checks: a role that may not do this to *any*
record of the kind gets ``DENY`` before the record is looked up (the refusal says nothing about
the record), and ``HIDDEN`` only where it could act on a record it sees.

Whether a workflow step is allowed in the record's *state* (submitting an accepted
registration) is not the matrix's business: runners put the record in a state where the step
applies. An interface a role cannot use at all (the admin for anonymous users and API clients)
answers ``DENY`` to every row: runners derive that, the table states the rule.
"""

from dataclasses import dataclass

ALLOW, DENY, HIDDEN = "allow", "deny", "hidden"
SYMBOLS = {"+": ALLOW, "-": DENY, "0": HIDDEN}
CRUD_ACTIONS = ("list", "view", "add", "change", "delete")
ROLES = (
    "superuser",
    "officer",
    "officer_other",
    "staff_nari",
    "api_client",
    "council_chair",
    "council_member",
    "anonymous",
)


@dataclass(frozen=True)
class Resource:
    model: str  # app_label.model_name
    link: str | None  # the foreign key an "add" is checked through (None: the role's add permission alone)


RESOURCES = {
    "producer": Resource("organizations.producer", "commune"),
    "product": Resource("products.product", "producer"),
    "registration": Resource("products.registration", "product"),
    "document": Resource("products.dossierdocument", "registration"),
    "survey": Resource("products.surveyentry", "product"),
    "commendation": Resource("organizations.commendation", "producer"),
    "council": Resource("evaluations.council", "unit"),
    "member": Resource("evaluations.councilmember", "council"),
    "evaluation": Resource("evaluations.evaluation", "registration"),
    "scoresheet": Resource("evaluations.scoresheet", "evaluation"),
    "certificate": Resource("evaluations.certificate", "product"),
    "plan": Resource("evaluations.yearlyplan", "unit"),
    "target": Resource("evaluations.target", "plan"),
    "support": Resource("evaluations.supportactivity", "producer"),
    "unit": Resource("organizations.administrativeunit", None),
    "authority": Resource("organizations.issuingauthority", None),
    "account": Resource("auth.user", None),
}

TABLE = """
producer:nari           list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    +   +      +
  api_client            +    +    +   +      +
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             0    0    -   -      -

producer:chomoi         list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   0      0
  api_client            0    0    -   0      0
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             0    0    -   -      -

producer:published      list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         +    +    -   -      -
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             +    +    -   -      -

product:nari            list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    +   +      +
  api_client            +    +    +   +      +
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             0    0    -   -      -

product:chomoi          list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   0      0
  api_client            0    0    -   0      0
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             0    0    -   -      -

product:published       list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         +    +    -   -      -
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             +    +    -   -      -

registration:nari       list view add change delete submit withdraw accept return
  superuser             +    +    +   +      +      +      +        +      +
  officer               +    +    +   +      +      +      +        +      +
  officer_other         0    0    -   0      0      0      0        0      0
  staff_nari            +    +    +   +      +      +      +        -      -
  api_client            +    +    +   +      +      +      +        -      -
  council_chair         0    0    -   -      -      -      -        -      -
  council_member        0    0    -   -      -      -      -        -      -
  anonymous             -    -    -   -      -      -      -        -      -

registration:chomoi     list view add change delete submit withdraw accept return
  superuser             +    +    +   +      +      +      +        +      +
  officer               +    +    +   +      +      +      +        +      +
  officer_other         0    0    -   0      0      0      0        0      0
  staff_nari            0    0    -   0      0      0      0        -      -
  api_client            0    0    -   0      0      0      0        -      -
  council_chair         0    0    -   -      -      -      -        -      -
  council_member        0    0    -   -      -      -      -        -      -
  anonymous             -    -    -   -      -      -      -        -      -

registration:council    list view add change delete submit withdraw accept return
  superuser             +    +    +   +      +      +      +        +      +
  officer               +    +    +   +      +      +      +        +      +
  officer_other         0    0    -   0      0      0      0        0      0
  staff_nari            0    0    -   0      0      0      0        -      -
  api_client            0    0    -   0      0      0      0        -      -
  council_chair         +    +    -   -      -      -      -        -      -
  council_member        +    +    -   -      -      -      -        -      -
  anonymous             -    -    -   -      -      -      -        -      -

document:nari           list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    +   +      +
  api_client            +    +    +   +      +
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             -    -    -   -      -

document:chomoi         list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   0      0
  api_client            0    0    -   0      0
  council_chair         0    0    -   -      -
  council_member        0    0    -   -      -
  anonymous             -    -    -   -      -

document:council        list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   0      0
  api_client            0    0    -   0      0
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             -    -    -   -      -

survey:nari             list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    +   +      +
  api_client            +    +    +   +      +
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

survey:chomoi           list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   0      0
  api_client            0    0    -   0      0
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

commendation:nari       list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

commendation:chomoi     list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   -      -
  api_client            0    0    -   -      -
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

council:province        list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            -    -    -   -      -
  api_client            0    0    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             -    -    -   -      -

member:chair            list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            -    -    -   -      -
  api_client            0    0    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             -    -    -   -      -

evaluation:council      list view add change delete evaluation.score evaluation.finalize certificate.issue
  superuser             +    +    +   +      +      +                +                   +
  officer               +    +    +   +      -      +                +                   +
  officer_other         0    0    -   0      -      0                0                   0
  staff_nari            -    -    -   -      -      -                -                   -
  api_client            0    0    -   -      -      -                -                   -
  council_chair         +    +    -   -      -      +                +                   -
  council_member        +    +    -   -      -      +                -                   -
  anonymous             -    -    -   -      -      -                -                   -

scoresheet:chair        list view add change delete evaluation.score
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      -      +
  officer_other         0    0    -   0      -      0
  staff_nari            -    -    -   -      -      -
  api_client            -    -    -   -      -      -
  council_chair         +    +    -   +      -      +
  council_member        0    0    -   0      -      0
  anonymous             -    -    -   -      -      -

scoresheet:member       list view add change delete evaluation.score
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      -      +
  officer_other         0    0    -   0      -      0
  staff_nari            -    -    -   -      -      -
  api_client            -    -    -   -      -      -
  council_chair         +    +    -   -      -      -
  council_member        +    +    -   +      -      +
  anonymous             -    -    -   -      -      -

certificate:published   list view add change delete certificate.revoke
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      -      +
  officer_other         +    +    -   -      -      -
  staff_nari            +    +    -   -      -      -
  api_client            +    +    -   -      -      -
  council_chair         +    +    -   -      -      -
  council_member        +    +    -   -      -      -
  anonymous             +    +    -   -      -      -

plan:province           list view add change delete manage
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      +      +
  officer_other         0    0    -   0      0      0
  staff_nari            +    +    -   -      -      -
  api_client            +    +    -   -      -      -
  council_chair         -    -    -   -      -      -
  council_member        -    -    -   -      -      -
  anonymous             -    -    -   -      -      -

plan:chomoi             list view add change delete manage
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      +      +
  officer_other         0    0    -   0      0      0
  staff_nari            0    0    -   -      -      -
  api_client            0    0    -   -      -      -
  council_chair         -    -    -   -      -      -
  council_member        -    -    -   -      -      -
  anonymous             -    -    -   -      -      -

target:nari             list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

support:nari            list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

support:chomoi          list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      +
  officer_other         0    0    -   0      0
  staff_nari            0    0    -   -      -
  api_client            0    0    -   -      -
  council_chair         -    -    -   -      -
  council_member        -    -    -   -      -
  anonymous             -    -    -   -      -

unit:con_minh           list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    -   -      -
  officer_other         +    +    -   -      -
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             +    +    -   -      -

authority:province      list view add change delete
  superuser             +    +    +   +      +
  officer               +    +    +   +      -
  officer_other         +    +    +   -      -
  staff_nari            +    +    -   -      -
  api_client            +    +    -   -      -
  council_chair         +    +    -   -      -
  council_member        +    +    -   -      -
  anonymous             +    +    -   -      -

account:staff_chomoi    list view add change delete staff.manage
  superuser             +    +    +   +      +      +
  officer               +    +    +   +      -      +
  officer_other         0    0    +   0      -      0
  staff_nari            -    -    -   -      -      -
  api_client            -    -    -   -      -      -
  council_chair         -    -    -   -      -      -
  council_member        -    -    -   -      -      -
  anonymous             -    -    -   -      -      -

account:officer_other   list view add change delete staff.manage
  superuser             +    +    +   +      +      +
  officer               0    0    +   0      -      0
  officer_other         +    +    +   +      -      +
  staff_nari            -    -    -   -      -      -
  api_client            -    -    -   -      -      -
  council_chair         -    -    -   -      -      -
  council_member        -    -    -   -      -      -
  anonymous             -    -    -   -      -      -
"""


@dataclass(frozen=True)
class Row:
    role: str
    resource: str
    action: str
    expected: str

    @property
    def family(self) -> str:
        return self.resource.split(":")[0]

    @property
    def id(self) -> str:
        return f"{self.role}-{self.resource}-{self.action}"


def parse(table: str) -> list[Row]:
    """The rows of a table in the format above; malformed tables fail at import, not silently."""
    rows: list[Row] = []
    for block in table.strip().split("\n\n"):
        header, *lines = block.strip().splitlines()
        resource, *columns = header.split()
        family = resource.split(":")[0]
        actions = [name if name in CRUD_ACTIONS or "." in name else f"{family}.{name}" for name in columns]
        assert family in RESOURCES, f"unknown resource family {family!r}"
        assert set(CRUD_ACTIONS) <= set(actions), f"{resource}: every CRUD action needs a column"
        roles_seen = []
        for line in lines:
            role, *symbols = line.split()
            assert role in ROLES, f"{resource}: unknown role {role!r}"
            assert len(symbols) == len(actions), (
                f"{resource}/{role}: {len(symbols)} outcomes for {len(actions)} actions"
            )
            rows.extend(Row(role, resource, action, SYMBOLS[s]) for action, s in zip(actions, symbols, strict=True))
            roles_seen.append(role)
        assert sorted(roles_seen) == sorted(ROLES), f"{resource}: every role needs a line"
    return rows


ROWS = parse(TABLE)
