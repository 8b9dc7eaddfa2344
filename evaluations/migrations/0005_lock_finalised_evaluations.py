"""Database guard: a finalised evaluation and its score sheets cannot change, whatever writes to them.

The services refuse first with a clear message; these triggers make the rule hold for raw SQL,
a shell session or a bug too (ocop.md §11: "scores immutable after lock"). Only ``forwarded_to``
and ``held_on`` of a finalised evaluation may still be written (the next level links itself).
"""

from django.db import migrations

SQL = """
CREATE FUNCTION evaluations_is_finalised(evaluation bigint) RETURNS boolean AS $$
    SELECT EXISTS (SELECT 1 FROM evaluations_evaluation WHERE id = evaluation AND status = 'finalised')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION evaluations_sheet_is_locked(sheet bigint) RETURNS boolean AS $$
    SELECT EXISTS (
        SELECT 1 FROM evaluations_scoresheet s JOIN evaluations_evaluation e ON e.id = s.evaluation_id
        WHERE s.id = sheet AND e.status = 'finalised'
    )
$$ LANGUAGE sql STABLE;

CREATE FUNCTION evaluations_refuse_locked_scoresheet() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND evaluations_is_finalised(OLD.evaluation_id))
       OR (TG_OP <> 'DELETE' AND evaluations_is_finalised(NEW.evaluation_id)) THEN
        RAISE EXCEPTION 'score sheets of a finalised evaluation are locked' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION evaluations_refuse_locked_sheet_child() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND evaluations_sheet_is_locked(OLD.scoresheet_id))
       OR (TG_OP <> 'DELETE' AND evaluations_sheet_is_locked(NEW.scoresheet_id)) THEN
        RAISE EXCEPTION 'score sheets of a finalised evaluation are locked' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION evaluations_refuse_locked_scoreline() RETURNS trigger AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND evaluations_sheet_is_locked(OLD.score_sheet_id))
       OR (TG_OP <> 'DELETE' AND evaluations_sheet_is_locked(NEW.score_sheet_id)) THEN
        RAISE EXCEPTION 'score sheets of a finalised evaluation are locked' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION evaluations_refuse_changing_finalised() RETURNS trigger AS $$
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

CREATE TRIGGER scoresheet_locked BEFORE INSERT OR UPDATE OR DELETE ON evaluations_scoresheet
    FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_locked_scoresheet();
CREATE TRIGGER scoreline_locked BEFORE INSERT OR UPDATE OR DELETE ON evaluations_scoreline
    FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_locked_scoreline();
CREATE TRIGGER scoresheet_disqualifiers_locked BEFORE INSERT OR UPDATE OR DELETE
    ON evaluations_scoresheet_disqualifiers
    FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_locked_sheet_child();
CREATE TRIGGER evaluation_locked BEFORE UPDATE OR DELETE ON evaluations_evaluation
    FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_changing_finalised();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS evaluation_locked ON evaluations_evaluation;
DROP TRIGGER IF EXISTS scoresheet_disqualifiers_locked ON evaluations_scoresheet_disqualifiers;
DROP TRIGGER IF EXISTS scoreline_locked ON evaluations_scoreline;
DROP TRIGGER IF EXISTS scoresheet_locked ON evaluations_scoresheet;
DROP FUNCTION IF EXISTS evaluations_refuse_changing_finalised();
DROP FUNCTION IF EXISTS evaluations_refuse_locked_scoreline();
DROP FUNCTION IF EXISTS evaluations_refuse_locked_sheet_child();
DROP FUNCTION IF EXISTS evaluations_refuse_locked_scoresheet();
DROP FUNCTION IF EXISTS evaluations_sheet_is_locked(bigint);
DROP FUNCTION IF EXISTS evaluations_is_finalised(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0004_criteria_digest_certificate_series")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
