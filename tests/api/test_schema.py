"""The OpenAPI schema: generates without a warning, validates, documents every error; the docs pages."""

import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ERROR_CODES = {"400", "401", "403", "404", "409", "412", "429"}
ERROR = {"$ref": "#/components/schemas/ApiError"}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(path))
    return yaml.safe_load(path.read_text())


def test_the_schema_generates_without_warnings_and_validates(schema):
    assert schema["openapi"].startswith("3.")
    for resource in [
        "admin-units",
        "producers",
        "product-sets",
        "products",
        "registrations",
        "councils",
        "evaluations",
        "certificates",
        "commendations",
        "plans",
        "targets",
        "support-activities",
        "reports/summary",
    ]:
        assert f"/api/v1/{resource}/" in schema["paths"], resource


def test_every_error_status_is_documented_in_the_one_error_format(schema):
    seen = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if code in ERROR_CODES:
                    seen.add(code)
                    documented = response["content"]["application/json"]["schema"]
                    assert ERROR in (documented, *documented.get("oneOf", ())), documented
    assert seen == ERROR_CODES
    error = schema["components"]["schemas"]["ApiError"]
    assert set(error["required"]) == {"type", "detail", "errors"}


def test_writes_on_one_object_document_if_match_412_and_the_etag(schema):
    operation = schema["paths"]["/api/v1/products/{id}/"]["patch"]
    assert "If-Match" in [parameter["name"] for parameter in operation["parameters"]]
    assert {"400", "401", "403", "404", "409", "412", "429"} <= set(operation["responses"])
    assert "ETag" in operation["responses"]["200"]["headers"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]
    submit = schema["paths"]["/api/v1/registrations/{id}/submit/"]["post"]
    assert "412" in submit["responses"]


def test_public_reads_say_so_and_the_rest_need_a_token(schema):
    products = schema["paths"]["/api/v1/products/"]["get"]
    assert {} in products["security"] and {"tokenAuth": []} in products["security"]
    registrations = schema["paths"]["/api/v1/registrations/"]["get"]
    assert {} not in registrations["security"]
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }


def test_brief_and_list_forms_require_only_what_they_always_carry(schema):
    product = schema["components"]["schemas"]["Product"]
    assert set(product["required"]) <= {"id", "code", "name", "producer", "current_star"}
    assert "story" not in product["required"] and "allowed_actions" not in product["required"]
    assert "allowed_actions" in product["properties"]


@pytest.mark.parametrize(("path", "script"), [("/api/v1/docs/", "swagger-ui-bundle.js"), ("/api/v1/redoc/", "redoc")])
def test_docs_pages_load_vendored_files_only_and_no_inline_script(client, path, script):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert script in " ".join(sources)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # no inline script at all
    assert "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_schema_is_served_as_yaml_and_json(client):
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/schema/", {"format": "json"}).json()["info"]["title"] == "OCOP Portal API"
