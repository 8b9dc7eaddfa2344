"""A trigram index on the diacritic-blind producer name: ``?q=`` (API and pages) stays fast at national scale.

``ocop_search_text(name) LIKE '%...%'`` (organizations.filters.search_words) can use it; the index
lives only in the database, so the model state does not change.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_search_extensions")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS producer_name_search_trgm "
            "ON organizations_producer USING gin (ocop_search_text(name) gin_trgm_ops);",
            "DROP INDEX IF EXISTS producer_name_search_trgm;",
        ),
    ]
