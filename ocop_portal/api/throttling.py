"""Request rates: per token, per signed-in browser user, per anonymous address (429 with ``Retry-After``).

Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``token``, ``user``, ``anon``); the
anonymous address is ``REMOTE_ADDR`` unless ``NUM_PROXIES`` says how many proxies to trust.
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from ocop_portal.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """One budget per token, so two systems of one user do not starve each other."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionUserRateThrottle(SimpleRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


__all__ = ["AnonRateThrottle", "SessionUserRateThrottle", "TokenRateThrottle"]
