"""Pages to import and export spreadsheets (``evaluations.views_transfer``)."""

from django.urls import path

from evaluations import views_transfer

urlpatterns = [
    path("transfer/", views_transfer.transfer_index, name="transfer"),
    path("transfer/<slug:kind>/template/", views_transfer.template_download, name="transfer-template"),
    path("transfer/<slug:kind>/export/", views_transfer.export_download, name="transfer-export"),
    path("transfer/<slug:kind>/import/", views_transfer.import_upload, name="transfer-import"),
]
