"""Demo data: the Bắc Kạn → Thái Nguyên OCOP programme from the 2018 survey to an open 2026 round.

The tables (``data_*.py``) are plain data; the builders (``story.py`` and friends) turn them into
records through the services, exactly as officers, district staff and council members would, so
the demo exercises the same rules as real use. ``manage.py load_demo`` runs it.
"""
