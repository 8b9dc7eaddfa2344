"""Database guard for the audit context: who made a change is never deleted.

The events themselves are append-only (``PGHISTORY_APPEND_ONLY``: their tables refuse UPDATE and
DELETE). The context rows they point to (user, username, source, request id, reason) live in
pghistory's own table, which pghistory updates while a request runs (the context grows as the
request learns who is acting), so here a context row may gain metadata but is never deleted and
keeps its id and creation time. The index serves the audit's "changes by this user" filter.
"""

from django.db import migrations

SQL = """
CREATE FUNCTION ocop_audit_context_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit context % is kept forever and cannot be deleted', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'audit context % keeps its id and creation time', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ocop_audit_context_guard BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION ocop_audit_context_guard();

CREATE INDEX ocop_audit_context_user ON pghistory_context ((metadata -> 'user'));
"""

REVERSE_SQL = """
DROP INDEX IF EXISTS ocop_audit_context_user;
DROP TRIGGER IF EXISTS ocop_audit_context_guard ON pghistory_context;
DROP FUNCTION IF EXISTS ocop_audit_context_guard();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ocop_portal", "0002_apitoken_history"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
