"""Settings for the OCOP portal: one module, configured from the environment.

| variable               | default                         | meaning                                         |
| ---------------------- | ------------------------------- | ----------------------------------------------- |
| DJANGO_SECRET_KEY      | a development key (DEBUG only)  | required when DJANGO_DEBUG=0                    |
| DJANGO_DEBUG           | 1                               | 0 in production                                 |
| DJANGO_ALLOWED_HOSTS   | localhost,127.0.0.1,[::1]       | comma-separated                                 |
| DATABASE_URL           | embedded PostgreSQL (devdb.py)  | postgres://user:pass@host:port/name             |
| DATABASE_REPLICA_URLS  | (none)                          | streaming replicas for reads, comma-separated   |
| DJANGO_SECURE_SSL      | 1 when DEBUG=0                  | HTTPS redirect, HSTS and secure cookies         |
| DEMO_PASSWORD          | ocop-demo-2026                  | password of the demo accounts (load_demo)       |
| OCOP_MAX_REQUEST_MB    | 25                              | larger request bodies are refused (413)         |
| DJANGO_STATIC_ROOT     | var/staticfiles                 | where collectstatic puts the hashed files       |
| OCOP_MEDIA_ROOT        | var/media                       | uploaded files (private: served by views only)  |
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "pgtrigger",
    "pghistory",
    "ocop_portal",
    "organizations",
    "products",
    "evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ocop_portal.middleware.RequestSizeLimitMiddleware",
    "ocop_portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop_portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "ocop_portal.audit.AuditMiddleware",
]

ROOT_URLCONF = "ocop_portal.urls"
WSGI_APPLICATION = "ocop_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    from ocop_portal import devdb

    try:
        DATABASES = {"default": devdb.database_settings()}
    except devdb.EmbeddedDatabaseError as exc:
        import sys

        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(1) from None
    DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("OCOP_TEST_DATABASE", "test_ocop")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
# A user's permissions are those of their role (organizations.roles), from their staff assignment.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "organizations.roles.RoleBackend",
]
# Who may see and change which records; named here so the shared admin plumbing imports no app.
OCOP_ACCESS_MODULE = "organizations.access"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/dashboard/"
LOGOUT_REDIRECT_URL = "/"
# Sessions end after 30 minutes without activity (a shared office computer is the norm).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Repeated failed logins lock the user+address pair for a while (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A Vietnamese page (django-axes has no Vietnamese), 429 with Retry-After, for the portal's and the admin's sign-in.
AXES_LOCKOUT_CALLABLE = "ocop_portal.fallback.login_locked_out"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
FORMAT_MODULE_PATH = ["ocop_portal.formats"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("OCOP_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Never served as static files: /media/… are views that check who may see the file (products/urls.py).
MEDIA_URL = "/media/"
STORAGES = {
    # Uploads get their name only once complete; a full disk is a clear message (ocop_portal/storage.py).
    "default": {"BACKEND": "ocop_portal.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "ocop_portal.storage.StaticFilesStorage"
    },
}
# Larger request bodies are refused before they are read (413): a dossier or import file is at most 20 MB.
OCOP_MAX_REQUEST_BYTES = int(os.environ.get("OCOP_MAX_REQUEST_MB", 25)) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- REST API -------------------------------------------------------------------------------
# The plumbing is ocop_portal/api/; the rates are per token, per signed-in user, per anonymous address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ocop_portal.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ocop_portal.api.permissions.ApiAccess"],
    "DEFAULT_FILTER_BACKENDS": ["ocop_portal.api.filtering.ApiFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "ocop_portal.api.schema.ApiAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "ocop_portal.api.pagination.ApiPagination",
    "EXCEPTION_HANDLER": "ocop_portal.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "ocop_portal.api.throttling.TokenRateThrottle",
        "ocop_portal.api.throttling.SessionUserRateThrottle",
        "ocop_portal.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("OCOP_API_RATE_TOKEN", "1200/min"),
        "user": os.environ.get("OCOP_API_RATE_USER", "600/min"),
        "anon": os.environ.get("OCOP_API_RATE_ANON", "120/min"),
    },
    # Behind a proxy, say how many hops to trust; otherwise X-Forwarded-For is ignored (it is forgeable).
    "NUM_PROXIES": int(os.environ.get("OCOP_API_NUM_PROXIES", 0)),
    "PAGE_SIZE": 50,
    "DATE_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP Portal API",
    "DESCRIPTION": "API v1 của Cổng quản lý Chương trình OCOP — OCOP programme portal API v1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set (several models have a "status"): stable names in generated clients.
    "ENUM_NAME_OVERRIDES": {
        "ProducerStatusEnum": "organizations.models.Producer.Status",
        "ProductStatusEnum": "products.models.Product.Status",
        "RegistrationStatusEnum": "products.models.Registration.Status",
        "EvaluationStatusEnum": "evaluations.models.Evaluation.Status",
        "CertificateStatusEnum": "evaluations.models.Certificate.Status",
        "PlanStatusEnum": "evaluations.models.YearlyPlan.Status",
        "CouncilLevelEnum": "evaluations.models.Council.Level",
        "UnitLevelEnum": "organizations.models.AdministrativeUnit.Level",
        "AuthorityLevelEnum": "organizations.models.IssuingAuthority.Level",
        "UnitEraEnum": "organizations.models.AdministrativeUnit.Era",
        "CouncilEraEnum": "evaluations.models.Council.Era",
        "RevocationGroundEnum": "evaluations.models.Certificate.RevocationGround",
    },
}

# --- Security -------------------------------------------------------------------------------
SECURE_SSL = env_bool("DJANGO_SECURE_SSL", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

# No CDN, no inline script: everything the pages load is vendored into static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Mail -----------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {}
        if DEBUG
        else {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", 25)),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ocop-portal@localhost")

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO" if not DEBUG else "WARNING"),
    },
}

# --- Programme settings (ocop.md §12) -------------------------------------------------------
OCOP_PROVINCE_CODE = os.environ.get("OCOP_PROVINCE_CODE", "06")
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "ocop-demo-2026")

# --- Audit (django-pghistory: database triggers record every change, whatever wrote it) -----
import pghistory  # noqa: E402

PGHISTORY_DEFAULT_TRACKERS = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
PGHISTORY_APPEND_ONLY = True
# Reads change nothing: only writes pay for the context attached to each statement.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# --- Read replicas (ocop_portal/db_router.py) ---------------------------------------------------
# Streaming replicas of the primary take the read-only requests; writes, transactions and a client
# that has just written stay on the primary. Tests mirror them onto the test database.
REPLICA_DATABASES = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(_url, conn_max_age=60)
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    REPLICA_DATABASES.append(_alias)
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["ocop_portal.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(0, "ocop_portal.db_router.ReplicaReadsMiddleware")
OCOP_READ_YOUR_WRITES_SECONDS = int(os.environ.get("OCOP_READ_YOUR_WRITES_SECONDS", 5))
