#!/usr/bin/env python
"""Django's command-line utility for the OCOP portal."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop_portal.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    from ocop_portal.audit import command_context

    context = command_context(sys.argv)
    if context is None:
        execute_from_command_line(sys.argv)
    else:
        with context:
            execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
