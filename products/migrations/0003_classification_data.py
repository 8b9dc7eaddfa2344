"""Load the three OCOP classifications (2018 groups, 1048-2019, 148-2023 = 26/2026) as data."""

from django.db import migrations

from products.classification_data import SCHEMES, load_classification


def load(apps, schema_editor):
    load_classification(
        apps.get_model("products", "ClassificationScheme"),
        apps.get_model("products", "Branch"),
        apps.get_model("products", "ProductGroup"),
        apps.get_model("products", "ProductSet"),
    )


def unload(apps, schema_editor):
    """Remove the loaded schemes when no product or criteria sheet points at them yet (PROTECT says so)."""
    Scheme = apps.get_model("products", "ClassificationScheme")
    ProductSet = apps.get_model("products", "ProductSet")
    ProductGroup = apps.get_model("products", "ProductGroup")
    Branch = apps.get_model("products", "Branch")
    codes = [scheme["code"] for scheme in SCHEMES]
    ProductSet.objects.filter(group__branch__scheme__code__in=codes).delete()
    ProductGroup.objects.filter(branch__scheme__code__in=codes).delete()
    Branch.objects.filter(scheme__code__in=codes).delete()
    Scheme.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("products", "0002_classification_note")]

    operations = [migrations.RunPython(load, unload)]
