"""The REST API plumbing shared by every app: authentication, errors, pagination, base viewsets.

Apps write ``<app>/api.py`` (serializers and three-line viewsets on the bases in ``viewsets``);
``ocop_portal/api/urls.py`` wires them under ``/api/v1/`` and is imported by no app.
"""
