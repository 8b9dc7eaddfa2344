"""``/api/v1/audit/``: the audit trail, read-only, for provincial officers (the changes in their area).

Every create, update and delete of the tracked records, newest first, with who (user id and the
username as it was), from where (admin, API, page, import, command), the request it belongs to,
the reason when one was given, and each changed field before and after. Filter by object
(``model`` and ``object_id``), by user, by source, by request, by day range. Included by
``ocop_portal/api/urls.py`` as ``audit/``.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers

from ocop_portal import audit, audit_selectors

DATE_FORMATS = ["iso-8601", "%d/%m/%Y"]


class AuditQuerySerializer(serializers.Serializer):
    model = serializers.ChoiceField(
        choices=[],
        required=False,
        help_text=_("Loại bản ghi, vd. products.product, products.registration, evaluations.certificate."),
    )
    object_id = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Mã (id) của bản ghi; cần kèm tham số model.")
    )
    user = serializers.IntegerField(required=False, min_value=1, help_text=_("Mã (id) người dùng thực hiện."))
    username = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Tên đăng nhập người thực hiện (lưu dạng chữ).")
    )
    source = serializers.ChoiceField(
        choices=audit.SOURCES, required=False, help_text=_("Nguồn thay đổi: admin, api, page, import, command.")
    )
    request_id = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Các thay đổi của cùng một yêu cầu.")
    )
    since = serializers.DateField(
        required=False, input_formats=DATE_FORMATS, help_text=_("Từ ngày (tính cả ngày này), dd/mm/yyyy hoặc ISO.")
    )
    until = serializers.DateField(
        required=False, input_formats=DATE_FORMATS, help_text=_("Đến ngày (tính cả ngày này), dd/mm/yyyy hoặc ISO.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = sorted(audit_selectors.tracked())

    def to_internal_value(self, data):
        """An empty date, id or choice is a caller's mistake (the schema says so), unlike empty free text."""
        empty = [
            name
            for name, value in data.items()
            if value == "" and name in self.fields and not getattr(self.fields[name], "allow_blank", False)
        ]
        if empty:
            raise serializers.ValidationError({name: [_("Không được để trống.")] for name in empty})
        return super().to_internal_value(data)

    def validate(self, data):
        if "object_id" in data and "model" not in data:
            raise serializers.ValidationError({"model": [_("Lọc theo mã bản ghi thì phải chọn loại bản ghi.")]})
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": [_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")]})
        return data


class AuditChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=_("Tên trường."))
    label = serializers.CharField(help_text=_("Tên trường cho người đọc."))
    before = serializers.JSONField(allow_null=True, help_text=_("Giá trị trước (null khi tạo mới)."))
    after = serializers.JSONField(allow_null=True, help_text=_("Giá trị sau (null khi xóa)."))


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.CharField(source="key", help_text=_("Định danh sự kiện: <loại bản ghi>:<số thứ tự>."))
    at = serializers.DateTimeField(help_text=_("Thời điểm (của giao dịch ghi thay đổi)."))
    action = serializers.ChoiceField(
        choices=list(audit_selectors.ACTION_LABELS.items()), help_text=_("insert, update hoặc delete.")
    )
    model = serializers.CharField(help_text=_("Loại bản ghi, vd. products.product."))
    model_name = serializers.CharField()
    object_id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id", allow_null=True, help_text=_("Null: lệnh hoặc hệ thống."))
    username = serializers.CharField(help_text=_("Tên đăng nhập lúc thực hiện (giữ lại cả khi tài khoản bị xóa)."))
    source = serializers.CharField(
        allow_null=True, help_text=_("admin, api, page, import, command; null: ngoài ứng dụng.")
    )
    request_id = serializers.CharField(allow_null=True)
    reason = serializers.CharField(help_text=_("Lý do, khi có."))
    context = serializers.DictField(
        source="other_context", help_text=_("Thông tin khác của yêu cầu: url, method, ip, command, tệp nhập …")
    )
    changes = AuditChangeSerializer(many=True)


@extend_schema(summary="Nhật ký thay đổi (audit trail)", parameters=[AuditQuerySerializer])
class AuditTrailView(generics.ListAPIView):
    """The audit trail, newest first: read-only (GET only), provincial officers and superusers only."""

    serializer_class = AuditEntrySerializer
    filter_backends = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not audit.may_view(request.user):
            raise exceptions.PermissionDenied(_("Chỉ cán bộ cấp tỉnh được xem nhật ký thay đổi."))

    def get_queryset(self):
        query = AuditQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        model, object_id = params.pop("model", None), params.pop("object_id", None)
        targets = None if model is None else {model: None if object_id is None else [object_id]}
        return audit_selectors.events(
            user=self.request.user, targets=targets, by_user=params.pop("user", None), **params
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(audit_selectors.entries(page), many=True).data)


urlpatterns = [path("", AuditTrailView.as_view(), name="api-audit")]
