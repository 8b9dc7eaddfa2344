"""URL map: wires the apps together (no app imports this module)."""

from django.contrib import admin
from django.urls import include, path

from ocop_portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
