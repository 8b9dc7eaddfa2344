"""Errors that services raise; every interface turns them into the same clear message.

Services raise Django's ``ValidationError`` for bad input (400 in the API, a form error in the
admin and the pages) and these for the two other outcomes a user must understand.
"""

from django.core.exceptions import ValidationError


class TransitionNotAllowed(ValidationError):
    """A workflow step that the object's current state does not allow (409 in the API)."""


class Conflict(ValidationError):
    """The change would break history or collides with another change (409 in the API)."""
