"""Extensions for searching Vietnamese without diacritics, and an immutable unaccent for indexes."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

IMMUTABLE_UNACCENT = """
CREATE OR REPLACE FUNCTION ocop_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(value, 'đ', 'd'), 'Đ', 'D'))) $$;
"""


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(IMMUTABLE_UNACCENT, "DROP FUNCTION IF EXISTS ocop_search_text(text);"),
    ]
