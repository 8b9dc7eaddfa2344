"""Portal pages for products, registrations and their dossiers, and the officers' review queue."""

from django.urls import path, re_path

from products import views

urlpatterns = [
    path("area/products/", views.product_list, name="area-products"),
    path("area/products/new/", views.product_create, name="area-product-create"),
    path("area/products/<int:pk>/", views.product_update, name="area-product-edit"),
    path("area/products/<int:pk>/photos/", views.product_photo_add, name="area-product-photo"),
    path("area/products/<int:pk>/archive/", views.product_archive, name="area-product-archive"),
    path("area/products/<int:pk>/delete/", views.product_delete, name="area-product-delete"),
    path("area/registrations/", views.registration_list, name="area-registrations"),
    path("area/register/", views.register_start, name="register-start"),
    path("area/registrations/new/", views.registration_create, name="registration-create"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration-detail"),
    re_path(
        r"^registrations/(?P<pk>\d+)/(?P<action>submit|accept|return|withdraw)/$",
        views.registration_action,
        name="registration-action",
    ),
    path(
        "registrations/<int:pk>/documents/<int:document_pk>/upload/",
        views.document_upload,
        name="document-upload",
    ),
    path(
        "registrations/<int:pk>/documents/<int:document_pk>/file/",
        views.document_download,
        name="document-download",
    ),
    # Uploaded files are private: their MEDIA_URL paths are views that check the scope.
    path("media/products/<path:name>", views.product_photo, name="product-photo"),
    path("media/dossiers/<path:name>", views.dossier_file, name="dossier-file"),
    path("review/", views.review_queue, name="review-queue"),
]
