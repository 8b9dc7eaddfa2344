"""OpenAPI 3 for the API: the error responses, ``brief``, ``ETag`` / ``If-Match`` and token auth, documented once.

Every operation gets the error responses it can produce (the one error format of
``exceptions.py``), so a schema-driven client or a fuzzer knows every status code in advance.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions, serializers

from ocop_portal.api.filtering import strict_filter_names
from ocop_portal.api.pagination import ApiPagination
from ocop_portal.api.serializers import detail_only

ERROR_DESCRIPTIONS = {
    "400": "Dữ liệu không hợp lệ (type = validation_error; errors theo từng trường). Invalid input.",
    "401": "Chưa xác thực, token sai, hết hạn hoặc bị thu hồi. Not authenticated.",
    "403": "Trong phạm vi nhưng không có quyền (hoặc token chỉ đọc). In scope but not allowed.",
    "404": "Không có, hoặc nằm ngoài phạm vi được xem. Not found or out of scope.",
    "409": "Xung đột: chuyển trạng thái không hợp lệ, hoặc còn bản ghi gắn với đối tượng. Conflict.",
    "406": "Accept không có định dạng nào API trả được (JSON). Not acceptable.",
    "412": "If-Match không khớp ETag hiện tại. Precondition failed.",
    "415": "Content-Type của thân yêu cầu không được hỗ trợ (JSON, form, multipart). Unsupported media type.",
    "429": "Quá nhiều yêu cầu; xem Retry-After. Throttled.",
}


class ApiErrorSerializer(serializers.Serializer):
    """The one error format of the API."""

    type = serializers.CharField(help_text="validation_error, not_authenticated, not_found, conflict, …")
    detail = serializers.CharField(help_text="Thông báo cho người đọc, theo Accept-Language (vi, en).")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Lỗi theo trường: {trường: [thông báo]}; rỗng khi lỗi không thuộc trường nào.",
    )


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ocop_portal.api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token API: `manage.py create_api_token --user U` hoặc trang quản trị.",
        }


def _is_detail(auto_schema) -> bool:
    """An operation on one object (retrieve, update, delete and the workflow actions of a viewset)."""
    return bool(getattr(auto_schema.view, "detail", False))


class ApiAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        if getattr(self.view, "public_read", False) and self.method in permissions.SAFE_METHODS:
            auths.append({})
        return auths

    def _error_codes(self) -> list[str]:
        safe = self.method in permissions.SAFE_METHODS
        # A bad parameter (even ``brief``), no or a bad token, a role without the permission, an Accept
        # header naming nothing the API renders, too many requests.
        codes = ["400", "401", "403", "406", "429"]
        if not safe:
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")  # a body in a format no parser reads
        if _is_detail(self) or self._is_list_view() or "{" in self.path:
            codes.append("404")  # out of scope, a page past the end, a path naming nothing
        if not safe and _is_detail(self):
            codes.append("412")
        return sorted(codes)

    def _get_pagination_parameters(self):
        """``page`` is a whole number from 1 and ``page_size`` from 1 to 200 (``ApiPagination``): said in the
        schema, so that a schema-valid request is never refused for them."""
        parameters = super()._get_pagination_parameters()
        bounds = {"page": {"minimum": 1}, "page_size": {"minimum": 1, "maximum": ApiPagination.max_page_size}}
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def _get_filter_parameters(self):
        """A filter that is not free text refuses an empty value (``ApiFilterBackend``): ``minLength: 1``."""
        parameters = super()._get_filter_parameters()
        strict = strict_filter_names(self.view)
        for parameter in parameters:
            schema = parameter["schema"]
            if parameter["name"] in strict and schema.get("type") == "string" and "enum" not in schema:
                schema.setdefault("minLength", 1)
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        safe = self.method in permissions.SAFE_METHODS
        serializer_meta = getattr(getattr(self.view, "serializer_class", None), "Meta", None)
        if safe and getattr(serializer_meta, "brief_fields", None):
            parameters.append(
                OpenApiParameter(
                    "brief", OpenApiTypes.BOOL, description="Dạng rút gọn (brief=1): chỉ các trường chính."
                )
            )
        if _is_detail(self):
            if not safe:
                parameters.append(
                    OpenApiParameter(
                        "If-Match",
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        description="ETag đã đọc; khác ETag hiện tại thì trả 412 (khóa lạc quan).",
                    )
                )
            if self.method != "DELETE":
                parameters.append(
                    OpenApiParameter(
                        "ETag",
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        response=["200", "201"],
                        description="Phiên bản của đối tượng; gửi lại trong If-Match khi sửa.",
                    )
                )
        parameters.append(
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=["429"],
                description="Số giây cần chờ.",
            )
        )
        return parameters

    def _get_response_bodies(self, direction="response"):
        """Add the error responses; where a view documents its own body for an error status (an
        import's row report), the one error format is still possible there: either may come back."""
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            error = self._get_response_for_code(ApiErrorSerializer, code, direction=direction)
            if code not in responses:
                error["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = error
                continue
            error_schema = error["content"]["application/json"]["schema"]
            for media in responses[code].get("content", {}).values():
                if media.get("schema") not in (None, error_schema):
                    media["schema"] = {"oneOf": [media["schema"], error_schema]}
        return responses

    def _map_basic_serializer(self, serializer, direction):
        """With ``?brief=1`` only ``Meta.brief_fields`` come back, lists leave out the detail-only
        fields, the public does not get the private ones: only fields always present are required."""
        schema = super()._map_basic_serializer(serializer, direction)
        if direction != "response" or "required" not in schema:
            return schema
        serializer = force_instance(serializer)
        meta = getattr(serializer, "Meta", None)
        brief_fields = getattr(meta, "brief_fields", None)
        absent = detail_only(serializer) | set(getattr(meta, "private_fields", ()))
        schema["required"] = [
            name for name in schema["required"] if (not brief_fields or name in brief_fields) and name not in absent
        ]
        if not schema["required"]:
            del schema["required"]
        return schema
