"""Querysets that know the area scope of a record; the rules themselves live in access.py."""

from django.db import models


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(era="new")

    def subtree(self, unit):
        """The unit and everything under it: one indexed ``LIKE 'path%'``."""
        return self.filter(path__startswith=unit.path)


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every record that belongs to an area.

    The model names the path of its administrative unit in ``scope_path_field``
    (``"commune__path"``, ``"producer__commune__path"`` ...). ``visible_to`` and ``editable_by``
    are the one way in for the admin, the API, the pages, exports and imports.
    """

    def in_areas(self, paths):
        """Records located under any of the given unit paths."""
        field = self.model.scope_path_field
        condition = models.Q(pk__in=[])
        for path in paths:
            condition |= models.Q(**{f"{field}__startswith": path})
        return self.filter(condition)

    def visible_to(self, user):
        from organizations import access

        return access.visible(self, user)

    def editable_by(self, user):
        from organizations import access

        return access.editable(self, user)
