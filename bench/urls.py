"""The portal's URLs plus the two comparison points of the benchmark (this process only)."""

from django.urls import path

from bench import naive, raw
from ocop_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/naive/products/", naive.ProductViewSet.as_view({"get": "list"}), name="bench-naive-products"),
    path("bench/naive/products/<int:pk>/", naive.ProductViewSet.as_view({"get": "retrieve"})),
    path("bench/raw/products/", raw.product_list, name="bench-raw-products"),
    path("bench/raw/products/<int:pk>/", raw.product_detail),
    *portal_urlpatterns,
]
