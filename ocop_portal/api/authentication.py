"""``Authorization: Bearer <token>`` for other systems; the browser keeps its session."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from ocop_portal.models import ApiToken, token_digest


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Looks the token up by its SHA-256 digest; the secret itself is never stored.

    Listed first in the settings so that a request without credentials gets 401 with a
    ``WWW-Authenticate`` challenge rather than 403.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng 'Bearer <token>'."))
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Token không hợp lệ.")) from None
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Token không hợp lệ."))
        now = timezone.now()
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("Token đã bị thu hồi."))
        if token.is_expired(now):
            raise exceptions.AuthenticationFailed(_("Token đã hết hạn."))
        token.touch(now)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
