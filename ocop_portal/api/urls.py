"""``/api/v1/``: the router of every app's resources, the schema and its documentation pages.

Imported only by ``ocop_portal/urls.py``: the apps import the plumbing (``ocop_portal.api.*``),
never this module, so the dependency stays one-way.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from ocop_portal.api.docs import ApiDocsView

router = DefaultRouter()

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(template_name="api/swagger_ui.html"), name="api-docs"),
    path("redoc/", ApiDocsView.as_view(template_name="api/redoc.html"), name="api-redoc"),
]
