"""Writes of the portal plumbing: API tokens (who may create one for whom, and how it is stored)."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.models import TOKEN_PREFIX, ApiToken


@transaction.atomic
def api_token_create(*, user, owner, name, read_only, days=None) -> tuple[ApiToken, str]:
    """Create a token for ``owner`` and return it with its secret, which is stored only as a digest.

    A token acts as its owner, so making one for someone else is acting as them: it needs the
    token permission, and only a superuser may make one for a superuser. ``user`` is None for
    the management command (whoever runs it holds the server).
    """
    if user is not None:
        if owner != user and not user.has_perm("ocop_portal.add_apitoken"):
            raise PermissionDenied(_("Bạn không được tạo token cho người dùng khác."))
        if owner.is_superuser and not user.is_superuser:
            raise PermissionDenied(_("Chỉ quản trị viên tối cao được tạo token cho quản trị viên tối cao."))
    if not owner.is_active:
        raise ValidationError({"user": _("Tài khoản này đã bị khóa, không tạo được token.")})
    if days is not None and days < 1:
        raise ValidationError({"days": _("Số ngày hiệu lực phải từ 1 trở lên.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=owner, name=name, read_only=read_only, created_by=user)
    token.set_secret(secret)
    if days:
        token.expires_at = timezone.now() + timedelta(days=days)
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, user, token) -> ApiToken:
    """Revoke at once; the token answers 401 from the next request on. Revoking twice changes nothing."""
    if user is not None and token.user_id != user.pk and not user.has_perm("ocop_portal.change_apitoken"):
        raise PermissionDenied(_("Bạn không được thu hồi token của người dùng khác."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
