"""The history section of portal pages: a record's audit trail, for those who may read the audit."""

from ocop_portal import audit, audit_selectors

HISTORY_LIMIT = 50


def history_context(request, *objects) -> dict:
    """Context for ``templates/audit/_history.html``: the latest changes of ``objects``, newest first.

    ``history`` is None for users who may not read the audit (the section is then left out).
    """
    user = request.user
    history = audit_selectors.object_history(*objects, user=user, limit=HISTORY_LIMIT) if audit.may_view(user) else None
    return {"history": history, "history_limit": HISTORY_LIMIT}
