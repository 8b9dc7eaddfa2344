"""API tokens: how other systems (the national OCOP database, traceability platforms) sign in.

A token acts for a user, so it sees and changes exactly what that user's role and area allow;
it can only narrow that (read-only). Only a SHA-256 digest of the secret is stored: the secret
is shown once, when it is created, and a leaked database does not leak working tokens.
"""

import hashlib
from datetime import timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ocop_"  # noqa: S105 - a label that makes leaked tokens recognisable, not a secret
# A token younger than this since its last recorded use is not written again (one UPDATE a minute
# at most, instead of one per request).
LAST_USED_PRECISION = timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Audited like the records it opens (who made, changed or revoked it); the digest of the secret and
# the minute-by-minute ``last_used_at`` are left out of the history.
@pghistory.track(exclude=["digest", "last_used_at"])
class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên"), max_length=100, help_text=_("Hệ thống nào dùng token này."))
    key_prefix = models.CharField(_("tiền tố"), max_length=16, editable=False)
    digest = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("chỉ đọc"), default=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True, help_text=_("Để trống: không hết hạn."))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "id"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    def set_secret(self, secret: str) -> None:
        self.key_prefix = secret[: len(TOKEN_PREFIX) + 6]
        self.digest = token_digest(secret)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def touch(self, now=None) -> None:
        """Record a use, at most once per ``LAST_USED_PRECISION``."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
