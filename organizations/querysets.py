"""Querysets that know who may see and change their rows; the rules themselves live in access.py."""

from django.db import models


class AccessQuerySet(models.QuerySet):
    """``visible_to`` / ``editable_by`` for any model that has a policy in ``organizations.access``.

    The one way in for the admin, the API, the pages, exports and imports.
    """

    def visible_to(self, user):
        from organizations import access

        return access.visible(self, user)

    def editable_by(self, user):
        from organizations import access

        return access.editable(self, user)


class AdministrativeUnitQuerySet(AccessQuerySet):
    """Units are public; ``editable_by(user)`` is the user's edit scope: the choices of their forms."""

    def current(self):
        return self.filter(era="new")

    def subtree(self, unit):
        """The unit and everything under it: one indexed ``LIKE 'path%'``."""
        return self.filter(path__startswith=unit.path)

    def in_scope_of(self, user, *, view=False):
        """Units in the user's edit scope (``view=True``: their view scope), whatever the unit policy says.

        For granting: an officer may give an account a view area only inside their own.
        """
        from organizations import access

        scope = access.scope_of(user)
        if scope.role == access.SUPERUSER:
            return self
        paths = scope.view if view else scope.edit
        return self.in_paths(paths)

    def in_paths(self, paths):
        condition = models.Q(pk__in=[])
        for path in paths:
            condition |= models.Q(path__startswith=path)
        return self.filter(condition)


class ScopedQuerySet(AccessQuerySet):
    """Base queryset of every record that belongs to an area.

    The model names the path of its administrative unit in ``scope_path_field``
    (``"commune__path"``, ``"producer__commune__path"`` ...).
    """

    def in_areas(self, paths):
        """Records located under any of the given unit paths."""
        field = self.model.scope_path_field
        condition = models.Q(pk__in=[])
        for path in paths:
            condition |= models.Q(**{f"{field}__startswith": path})
        return self.filter(condition)
