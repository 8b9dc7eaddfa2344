"""``POST /api/v1/imports/<kind>/``: the portal's import for other systems (a file and ``dry_run``).

The same service as the upload page and ``import_data`` (``ocop_portal.importer.run_import``):
a dry run (the default) reports what would happen; ``dry_run=false`` imports in one transaction,
all or nothing. The answer is the report either way: 200 when the file is clean, 400 with the
row errors ("Dòng 12, cột Mã số thuế: …") when it is not — and then nothing was written.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluations.transfer import KINDS, may_import
from ocop_portal.importer import run_import


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("Tệp .xlsx hoặc .csv (UTF-8) theo mẫu nhập của loại dữ liệu."))
    dry_run = serializers.BooleanField(default=True, help_text=gettext_lazy("Chỉ kiểm tra, không ghi (mặc định)."))


class RowErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=gettext_lazy("Số dòng trong tệp (dòng tiêu đề là dòng 1)."))
    column = serializers.CharField(help_text=gettext_lazy("Tiêu đề cột, hoặc rỗng khi lỗi thuộc cả dòng."))
    message = serializers.CharField()
    text = serializers.CharField(help_text=gettext_lazy("“Dòng 12, cột Mã số thuế: …”"))


class ImportResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    dry_run = serializers.BooleanField()
    committed = serializers.BooleanField(help_text=gettext_lazy("Đã ghi vào cơ sở dữ liệu."))
    rows = serializers.IntegerField()
    new = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.IntegerField(help_text=gettext_lazy("Số dòng lỗi."))
    file_errors = serializers.ListField(child=serializers.CharField())
    row_errors = RowErrorSerializer(many=True)


class ImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="imports_create",
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(KINDS))],
        request={"multipart/form-data": ImportRequestSerializer},
        responses={200: ImportResultSerializer, 400: ImportResultSerializer},
    )
    def post(self, request, kind):
        transfer = KINDS.get(kind)
        if transfer is None:
            raise exceptions.NotFound()
        if not may_import(request.user, transfer):
            raise exceptions.PermissionDenied(_("Vai trò của bạn không được nhập loại dữ liệu này."))
        data = ImportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        result = run_import(
            transfer, upload, user=request.user, filename=upload.name, dry_run=data.validated_data["dry_run"]
        )
        return Response(result.as_dict(), status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST)
