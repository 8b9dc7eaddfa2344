"""A trigram index on the diacritic-blind product name: ``?q=mien dong`` finds "Miến dong" from the index.

``ocop_search_text()`` comes from organizations 0002; the index lives only in the database, so the
model state does not change.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_search_extensions"),
        ("products", "0004_photo_checks"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS product_name_search_trgm "
            "ON products_product USING gin (ocop_search_text(name) gin_trgm_ops);",
            "DROP INDEX IF EXISTS product_name_search_trgm;",
        ),
    ]
