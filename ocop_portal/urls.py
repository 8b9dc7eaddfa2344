"""URL map: wires the apps together (no app imports this module)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ocop_portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ocop_portal.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("organizations.urls")),
    path("", include("products.urls")),
    path("", include("evaluations.urls")),
    path("", include("evaluations.urls_transfer")),
]

# Errors outside a view (a middleware, the session) need no database to answer: 503 for an outage.
handler500 = "ocop_portal.fallback.server_error"
