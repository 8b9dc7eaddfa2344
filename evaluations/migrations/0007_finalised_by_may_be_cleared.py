"""A finalised evaluation keeps its result, but ``finalised_by`` may still become NULL.

The foreign key is ``on_delete=SET_NULL``: deleting an account must not be refused because the
account once finalised an evaluation, so that column leaves the locked list of 0005.
"""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION evaluations_refuse_changing_finalised() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'finalised' AND (
        TG_OP = 'DELETE'
        OR (NEW.status, NEW.registration_id, NEW.council_id, NEW.sheet_id, NEW.average_score, NEW.score_star,
            NEW.minimums_star, NEW.final_star, NEW.disqualified, NEW.outcome, NEW.spread_flagged,
            NEW.spread_override_reason, NEW.minimums_checked, NEW.finalised_at)
           IS DISTINCT FROM
           (OLD.status, OLD.registration_id, OLD.council_id, OLD.sheet_id, OLD.average_score, OLD.score_star,
            OLD.minimums_star, OLD.final_star, OLD.disqualified, OLD.outcome, OLD.spread_flagged,
            OLD.spread_override_reason, OLD.minimums_checked, OLD.finalised_at)
    ) THEN
        RAISE EXCEPTION 'a finalised evaluation is locked' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

REVERSE_SQL = """
CREATE OR REPLACE FUNCTION evaluations_refuse_changing_finalised() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'finalised' AND (
        TG_OP = 'DELETE'
        OR (NEW.status, NEW.registration_id, NEW.council_id, NEW.sheet_id, NEW.average_score, NEW.score_star,
            NEW.minimums_star, NEW.final_star, NEW.disqualified, NEW.outcome, NEW.spread_flagged,
            NEW.spread_override_reason, NEW.minimums_checked, NEW.finalised_at, NEW.finalised_by_id)
           IS DISTINCT FROM
           (OLD.status, OLD.registration_id, OLD.council_id, OLD.sheet_id, OLD.average_score, OLD.score_star,
            OLD.minimums_star, OLD.final_star, OLD.disqualified, OLD.outcome, OLD.spread_flagged,
            OLD.spread_override_reason, OLD.minimums_checked, OLD.finalised_at, OLD.finalised_by_id)
    ) THEN
        RAISE EXCEPTION 'a finalised evaluation is locked' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0006_certificate_never_deleted")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
