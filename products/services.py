"""Writes on products, photos, registrations and dossier files: every rule in one place.

The admin, the API, the pages and the importers call these functions, so they cannot disagree.
Each takes the acting ``user`` (``None`` for a management command), runs in one transaction and
leaves the object inside the user's edit scope or rolls back. The registration workflow is a table
(``TRANSITIONS``); every step locks the registration row, checks the table, and writes a
``RegistrationTransition`` saying who did it, when and why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal import audit
from ocop_portal.errors import Conflict, TransitionNotAllowed
from organizations import access, accounts
from organizations.access import ensure_editable
from organizations.services import clean_without_queries, require_permission, save_new
from products import selectors, uploads
from products.models import DossierDocument, Product, ProductPhoto, Registration, RegistrationTransition

FIRST_YEAR = 2018  # the programme's first year (490/QĐ-TTg)
PRODUCT_FIELDS = frozenset(
    field.name
    for field in Product._meta.concrete_fields
    if not field.primary_key and field.name not in {"created_at", "updated_at"}
)
COMPUTED_PRODUCT_FIELDS = frozenset(
    field.name for field in Product._meta.concrete_fields if field.name in PRODUCT_FIELDS and not field.editable
)
# What people set by hand; the other statuses are outcomes of a registration or an evaluation.
MANUAL_PRODUCT_STATUSES = {Product.Status.IDEA, Product.Status.DEVELOPING, Product.Status.DISCONTINUED}

Status = Registration.Status
TRANSITIONS = {
    "submit": {Status.DRAFT: Status.SUBMITTED, Status.RETURNED: Status.RESUBMITTED},
    "return": {Status.SUBMITTED: Status.RETURNED, Status.RESUBMITTED: Status.RETURNED},
    "accept": {Status.SUBMITTED: Status.ACCEPTED, Status.RESUBMITTED: Status.ACCEPTED},
    "withdraw": {
        Status.DRAFT: Status.WITHDRAWN,
        Status.SUBMITTED: Status.WITHDRAWN,
        Status.RETURNED: Status.WITHDRAWN,
        Status.RESUBMITTED: Status.WITHDRAWN,
    },
}
ACTION_VERBS = {
    "submit": gettext_lazy("nộp"),
    "return": gettext_lazy("trả lại"),
    "accept": gettext_lazy("tiếp nhận"),
    "withdraw": gettext_lazy("rút"),
}
# What an accepted registration makes of its product (ocop.md §11, product state machine).
PRODUCT_STATUS_ON_ACCEPT = {
    Registration.EvaluationType.FIRST: Product.Status.REGISTERED,
    Registration.EvaluationType.UPGRADE: Product.Status.UPGRADING,
    Registration.EvaluationType.RE_EVALUATION: Product.Status.RE_EVALUATING,
}
EDITABLE_DOSSIER = {Status.DRAFT, Status.RETURNED}

Kind = DossierDocument.Kind
# 26/2026 Art. 6 + Annex III: Forms 01 and 02 for every type; the evidence of Form 02's annex is optional.
EVIDENCE_KINDS = [
    Kind.BUSINESS_REGISTRATION,
    Kind.PRODUCTION_CONDITIONS,
    Kind.RAW_MATERIAL_ORIGIN,
    Kind.ENVIRONMENT,
    Kind.WORKFORCE,
    Kind.FINANCIAL,
    Kind.INTELLECTUAL_PROPERTY,
    Kind.DISTRIBUTION,
    Kind.PROMOTION,
    Kind.STORY,
    Kind.QUALITY_DECLARATION,
    Kind.LAB_REPORT,
    Kind.TRACEABILITY,
    Kind.QUALITY_SYSTEM,
    Kind.AWARDS,
]
FORM_02_NOTES = {
    Registration.EvaluationType.FIRST: "",
    Registration.EvaluationType.UPGRADE: gettext_lazy(
        "Nâng hạng: thể hiện rõ các thay đổi (kèm minh chứng) so với sản phẩm đã được công nhận."
    ),
    Registration.EvaluationType.RE_EVALUATION: gettext_lazy(
        "Đánh giá lại: cập nhật nguyên liệu, công nghệ, bao bì, nhãn, công bố chất lượng, kiểm nghiệm định kỳ, "
        "thị trường, sản lượng, doanh thu và giấy tờ pháp lý có thời hạn."
    ),
}


def dossier_checklist(evaluation_type: str) -> list[tuple[str, bool, str]]:
    """(kind, required, note) of each checklist row a new registration of this type starts with."""
    return [
        (Kind.FORM_01, True, ""),
        (Kind.FORM_02, True, str(FORM_02_NOTES[evaluation_type])),
        *((kind, False, "") for kind in EVIDENCE_KINDS),
    ]


# --- Products ------------------------------------------------------------------------------------


def _check_product_fields(fields) -> None:
    unknown = set(fields) - PRODUCT_FIELDS
    if unknown:
        raise TypeError(f"not product fields: {', '.join(sorted(unknown))}")
    computed = set(fields) & COMPUTED_PRODUCT_FIELDS
    if computed:
        raise ValidationError(
            {name: _("Hạng sao do kết quả đánh giá tính ra, không nhập tay.") for name in sorted(computed)}
        )


def _check_manual_status(product: Product, previous_status) -> None:
    if product.status != previous_status and product.status not in MANUAL_PRODUCT_STATUSES:
        raise ValidationError(
            {
                "status": _("Trạng thái “%(status)s” do quy trình đăng ký và đánh giá ghi nhận, không chọn tay.")
                % {"status": product.get_status_display()}
            }
        )


def _save_product(user, product: Product) -> Product:
    product.full_clean()
    product.save()
    ensure_editable(user, product)  # and its producer: no re-pointing to another area's producer
    return product


@transaction.atomic
def product_create(*, user, **fields) -> Product:
    require_permission(user, "products.add_product")
    _check_product_fields(fields)
    product = Product(**fields)
    _check_manual_status(product, Product.Status.DEVELOPING)
    return _save_product(user, product)


@transaction.atomic
def products_create_many(*, user, rows) -> list[Product]:
    """``product_create`` for many rows at once (imports): the same rules, for a few queries per batch.

    All or nothing: the first bad row raises (its error, or the database's ``IntegrityError`` for a
    duplicate name or code) and nothing of the batch is kept. A caller that needs each bad row's
    complete messages runs those rows through ``product_create``.
    """
    require_permission(user, "products.add_product")
    products = []
    for fields in rows:
        _check_product_fields(fields)
        product = Product(**fields)
        _check_manual_status(product, Product.Status.DEVELOPING)
        clean_without_queries(product)
        products.append(product)
    return save_new(user, products)


@transaction.atomic
def product_update(*, user, product: Product, **fields) -> Product:
    """Change a product (locked while it changes) and return the saved copy."""
    require_permission(user, "products.change_product")
    _check_product_fields(fields)
    current = Product.objects.select_for_update().get(pk=product.pk)
    ensure_editable(user, current)
    previous_status = current.status
    for name, value in fields.items():
        setattr(current, name, value)
    _check_manual_status(current, previous_status)
    return _save_product(user, current)


@transaction.atomic
def product_archive(*, user, product: Product, reason: str) -> Product:
    """Take a product out of the lists and the public catalogue, keeping it and its history.

    What replaces deletion once history hangs on a product; the reason goes into the audit trail.
    """
    require_permission(user, "products.change_product")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do lưu trữ sản phẩm.")})
    current = Product.objects.select_for_update().get(pk=product.pk)
    ensure_editable(user, current)
    if current.is_archived:
        raise ValidationError(_("Sản phẩm “%(product)s” đã được lưu trữ trước đó.") % {"product": current})
    audit.reason(reason)
    current.is_archived = True
    current.save(update_fields=["is_archived", "updated_at"])
    return current


@transaction.atomic
def product_delete(*, user, product: Product) -> None:
    """Delete a product entered by mistake; once history hangs on it, refuse (``Conflict``): archive it instead.

    A recognised product (with any certificate) is refused by ``audit.ensure_deletable``; one that
    a registration or a survey entry points at, by the database's ``PROTECT``.
    """
    require_permission(user, "products.delete_product")
    current = Product.objects.select_for_update().get(pk=product.pk)
    ensure_editable(user, current)
    audit.ensure_deletable(current)
    try:
        with transaction.atomic():
            current.delete()
    except ProtectedError:
        raise Conflict(
            _(
                "Sản phẩm “%(product)s” đã có hồ sơ đăng ký hoặc đã được điều tra: lịch sử gắn với nó nên không "
                "thể xóa. Hãy lưu trữ sản phẩm thay vì xóa."
            )
            % {"product": current},
            code="history_protected",
        ) from None


@transaction.atomic
def product_photo_add(*, user, product: Product, image, caption: str = "", position: int = 0) -> ProductPhoto:
    """Add a photo: a real JPEG, PNG or WebP image of at most 5 MB, stored under a safe name."""
    require_permission(user, "products.add_productphoto")
    ensure_editable(user, product)
    checked = uploads.check_photo(image)
    photo = ProductPhoto(product=product, caption=caption, position=position)
    photo.image.save(checked.name, image, save=False)
    try:
        photo.full_clean()
        photo.save()
    except Exception:
        photo.image.delete(save=False)
        raise
    return photo


# --- Registrations -------------------------------------------------------------------------------


@transaction.atomic
def registration_create(*, user, product: Product, year: int, evaluation_type: str = "first") -> Registration:
    """Open a product's registration for a year, with the dossier checklist of its evaluation type."""
    require_permission(user, "products.add_registration")
    ensure_editable(user, product)
    last_year = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= last_year:
        raise ValidationError(
            {"year": _("Năm đăng ký phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": last_year}}
        )
    if evaluation_type != Registration.EvaluationType.FIRST and product.current_star is None:
        raise ValidationError(
            {
                "evaluation_type": _(
                    "Chỉ sản phẩm đã được công nhận hạng sao mới đăng ký nâng hạng hoặc đánh giá lại; "
                    "sản phẩm “%(product)s” chưa có hạng sao."
                )
                % {"product": product}
            }
        )
    duplicate = ValidationError(
        {"year": _("Sản phẩm “%(product)s” đã có hồ sơ đăng ký năm %(year)s.") % {"product": product, "year": year}}
    )
    if Registration.objects.filter(product=product, year=year).exists():
        raise duplicate
    registration = Registration(
        product=product,
        year=year,
        evaluation_type=evaluation_type,
        created_by=user,
    )
    registration.full_clean()
    try:
        with transaction.atomic():  # a savepoint: someone else may have registered it a moment ago
            registration.save()
    except IntegrityError:
        raise duplicate from None
    DossierDocument.objects.bulk_create(
        DossierDocument(registration=registration, kind=kind, required=required, note=note)
        for kind, required, note in dossier_checklist(evaluation_type)
    )
    ensure_editable(user, registration)
    return registration


def _actor_name(user) -> str:
    if user is None:
        return _("Hệ thống")
    return accounts.display_name(user)


def _may(user, action: str) -> bool:
    """The role may take this step at all (no query: the object's scope is checked separately)."""
    return access.can(user, f"registration.{action}")


def _transition(user, registration: Registration, action: str, reason: str = "", precondition=None) -> Registration:
    """Lock the row, check scope, role and the table, move the status and record who, when and why.

    ``precondition(current)`` runs on the locked row once the step is known to be allowed.
    """
    if not _may(user, action):
        raise PermissionDenied(
            _("Vai trò của bạn không được %(action)s hồ sơ đăng ký.") % {"action": ACTION_VERBS[action]}
        )
    current = Registration.objects.select_for_update().select_related("product").get(pk=registration.pk)
    ensure_editable(user, current)
    target = TRANSITIONS[action].get(current.status)
    if target is None:
        raise TransitionNotAllowed(
            _("Không thể %(action)s hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": ACTION_VERBS[action], "status": current.get_status_display()},
            code="transition_not_allowed",
        )
    if precondition is not None:
        precondition(current)
    audit.reason(reason)
    previous = current.status
    now = timezone.now()
    current.status = target
    current.revision += 1
    if target in (Status.SUBMITTED, Status.RESUBMITTED):
        current.submitted_at = now
    elif target == Status.RETURNED:
        current.return_reason = reason
    elif target == Status.ACCEPTED:
        current.accepted_at = now
    current.full_clean()
    current.save()
    RegistrationTransition.objects.create(
        registration=current,
        from_status=previous,
        to_status=target,
        actor=user,
        actor_name=_actor_name(user),
        reason=reason,
    )
    return current


def _require_complete_dossier(registration: Registration) -> None:
    missing = [document.get_kind_display() for document in selectors.dossier_missing(registration)]
    if missing:
        raise ValidationError(
            _("Chưa nộp được: hồ sơ còn thiếu tệp của các mục bắt buộc: %(items)s.") % {"items": "; ".join(missing)},
            code="dossier_incomplete",
        )


@transaction.atomic
def registration_submit(*, user, registration: Registration) -> Registration:
    """Send the dossier on (a returned one comes back as ``resubmitted``); every required item needs its file."""
    return _transition(user, registration, "submit", precondition=_require_complete_dossier)


@transaction.atomic
def registration_return(*, user, registration: Registration, reason: str) -> Registration:
    """Return the dossier for completion; the reason is what the producer must fix, so it is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do trả lại hồ sơ để chủ thể biết cần bổ sung gì.")})
    return _transition(user, registration, "return", reason)


@transaction.atomic
def registration_accept(*, user, registration: Registration) -> Registration:
    """Accept the dossier for evaluation; the product becomes registered (or upgrading, re-evaluating)."""
    current = _transition(user, registration, "accept")
    product = current.product
    new_status = PRODUCT_STATUS_ON_ACCEPT[current.evaluation_type]
    if product.status != new_status:
        product.status = new_status
        product.save(update_fields=["status", "updated_at"])
    return current


@transaction.atomic
def registration_withdraw(*, user, registration: Registration, reason: str = "") -> Registration:
    return _transition(user, registration, "withdraw", (reason or "").strip())


def registration_allowed_actions(*, user, registration: Registration) -> list[str]:
    """The workflow steps this user may take on this registration now (for buttons and the API).

    Role and status are checked in memory; the scope costs one query, and only when a step is left.
    """
    actions = [action for action, table in TRANSITIONS.items() if registration.status in table and _may(user, action)]
    if actions and user is not None and not access.is_editable(user, registration):
        return []
    return actions


# --- Dossier files -------------------------------------------------------------------------------


@transaction.atomic
def document_attach(*, user, document: DossierDocument, uploaded_file) -> DossierDocument:
    """Store the file of a checklist item after checking its real type and size; returns the saved item.

    The file is judged by its content (``products.uploads``), stored under a sanitised name, and the
    name the user gave it is kept in ``original_name``. Files change only while the dossier is a
    draft or returned for completion: after submission the council must see what was submitted.
    """
    require_permission(user, "products.change_dossierdocument")
    registration = Registration.objects.select_for_update().get(pk=document.registration_id)
    current = DossierDocument.objects.select_related("registration").get(pk=document.pk)
    ensure_editable(user, current)
    if registration.status not in EDITABLE_DOSSIER:
        raise TransitionNotAllowed(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thay đổi tệp.")
            % {"status": registration.get_status_display()},
            code="dossier_locked",
        )
    checked = uploads.check_document(uploaded_file)
    current.file.save(checked.name, uploaded_file, save=False)
    current.original_name = (uploaded_file.name or "")[-255:]
    current.content_type = checked.content_type
    current.size = checked.size
    current.uploaded_by = user
    current.uploaded_at = timezone.now()
    try:
        current.full_clean()
        current.save()
    except Exception:
        current.file.delete(save=False)
        raise
    registration.revision += 1
    registration.save(update_fields=["revision", "updated_at"])
    return current
