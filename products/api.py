"""API resources of the products app: product sets, products, registrations with their dossier."""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ocop_portal import audit
from ocop_portal.api.pagination import WindowCountPagination
from ocop_portal.api.serializers import AllowedActionsField, ApiModelSerializer
from ocop_portal.api.viewsets import ApiModelViewSet, CreateApiMixin, ReadOnlyApiViewSet, etag_of
from organizations.api import LOCATION_RELATED, LocationSerializer, ProducerSummarySerializer
from organizations.models import AdministrativeUnit, Producer
from products import services
from products.filters import (
    ProductFilterSet,
    ProductSetFilterSet,
    RegistrationFilterSet,
    branch_code,
    group_code,
    product_set_code,
)
from products.models import DossierDocument, Product, ProductSet, Registration, RegistrationTransition
from products.uploads import dossier_file_response

# --- Classification ---------------------------------------------------------------------------


class CodedSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_vi = serializers.CharField()
    name_en = serializers.CharField()


class ProductSetSummarySerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField()

    class Meta:
        model = ProductSet
        fields = ["id", "code", "number", "name_vi", "name_en"]

    def get_code(self, product_set) -> str:
        return product_set_code(product_set)


PRODUCT_SET_RELATED = "__group__branch__scheme"  # what ProductSetSummarySerializer reads


class ProductSetSerializer(ApiModelSerializer):
    code = serializers.SerializerMethodField()
    scheme = serializers.CharField(source="group.branch.scheme.code", read_only=True)
    branch = serializers.SerializerMethodField()
    group = serializers.SerializerMethodField()

    class Meta:
        model = ProductSet
        fields = ["id", "code", "number", "name_vi", "name_en", "lead_ministry", "scheme", "branch", "group"]
        brief_fields = ["id", "code", "name_vi"]

    def get_code(self, product_set) -> str:
        return product_set_code(product_set)

    @extend_schema_field(CodedSerializer)
    def get_branch(self, product_set):
        branch = product_set.group.branch
        return {"code": branch_code(branch), "name_vi": branch.name_vi, "name_en": branch.name_en}

    @extend_schema_field(CodedSerializer)
    def get_group(self, product_set):
        group = product_set.group
        return {"code": group_code(group), "name_vi": group.name_vi, "name_en": group.name_en}


class ProductSetViewSet(ReadOnlyApiViewSet):
    """The classification: 26 product sets per scheme (148-2023 = 26/2026; 1048-2019 partly); public."""

    public_read = True
    queryset = ProductSet.objects.select_related("group__branch__scheme")
    serializer_class = ProductSetSerializer
    filterset_class = ProductSetFilterSet


# --- Products ---------------------------------------------------------------------------------

# Fields whose representation is a plain conversion of the attribute (``to_representation`` of each,
# as DRF 3 writes it): read directly. Any other field (dates, decimals, lists, method fields) is
# asked for its own representation.
_PLAIN = {
    serializers.CharField: str,
    serializers.URLField: str,
    serializers.IntegerField: int,
    serializers.BooleanField: None,  # a model boolean is already True or False
}


def _reader(field):
    """A function giving ``field``'s representation of an object, as ``Serializer.to_representation``
    would: ``None`` for a missing attribute, nested serializers read the same way."""
    if field.source == "*":
        return field.to_representation
    attrs = field.source_attrs

    def attribute(obj):
        for attr in attrs:
            obj = getattr(obj, attr)
            if obj is None:
                return None
        return obj

    if isinstance(field, serializers.Serializer):
        readers = _readers(field)
        return lambda obj: None if (value := attribute(obj)) is None else {n: r(value) for n, r in readers}
    if type(field) is serializers.ChoiceField:
        choices = field.choice_strings_to_values
        return lambda obj: value if (value := attribute(obj)) in ("", None) else choices.get(str(value), value)
    if type(field) in _PLAIN:
        convert = _PLAIN[type(field)]
        if convert is None:
            return attribute
        return lambda obj: None if (value := attribute(obj)) is None else convert(value)
    return lambda obj: None if (value := attribute(obj)) is None else field.to_representation(value)


def _readers(serializer):
    return [(name, _reader(field)) for name, field in serializer.fields.items() if not field.write_only]


class ProductListSerializer(serializers.ListSerializer):
    """A page of products exactly as ``ProductSerializer`` writes each, without DRF's per-field
    machinery on every row (``_readable_fields``, ``get_attribute`` with its callable checks, a
    nested serializer call per relation): the readers are set up once per page. A third of the
    Python time of a 50-row page went there (bench/README.md); the test compares both outputs."""

    def to_representation(self, data):
        readers = _readers(self.child)
        return [{name: read(product) for name, read in readers} for product in data]


class ProductSerializer(ApiModelSerializer):
    producer = ProducerSummarySerializer(read_only=True)
    producer_id = serializers.PrimaryKeyRelatedField(source="producer", write_only=True, queryset=Producer.objects)
    product_set = ProductSetSummarySerializer(read_only=True, allow_null=True)
    product_set_id = serializers.PrimaryKeyRelatedField(
        source="product_set", write_only=True, required=False, allow_null=True, queryset=ProductSet.objects
    )
    group_2018 = serializers.SerializerMethodField()
    origin_commune = LocationSerializer(read_only=True)
    origin_commune_id = serializers.PrimaryKeyRelatedField(
        source="origin_commune",
        write_only=True,
        queryset=AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE),
    )
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Product
        fields = [
            "id",
            "code",
            "name",
            "producer",
            "producer_id",
            "product_set",
            "product_set_id",
            "group_2018",
            "origin_commune",
            "origin_commune_id",
            "description",
            "story",
            *Product.PRODUCTION_FIELDS,
            "status",
            "current_star",
            "star_valid_until",
            "is_archived",
            "created_at",
            "updated_at",
            "allowed_actions",
        ]
        read_only_fields = ["current_star", "star_valid_until", "created_at", "updated_at"]
        brief_fields = ["id", "code", "name", "producer", "current_star"]
        private_fields = ["created_at", "is_archived"]
        list_serializer_class = ProductListSerializer

    @extend_schema_field(CodedSerializer(allow_null=True))
    def get_group_2018(self, product):
        group = product.group_2018
        return (
            None if group is None else {"code": branch_code(group), "name_vi": group.name_vi, "name_en": group.name_en}
        )

    def create(self, validated_data):
        return services.product_create(user=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.product_update(user=self.context["request"].user, product=instance, **validated_data)


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Lý do lưu trữ (ghi vào nhật ký thay đổi).")


class ProductViewSet(mixins.DestroyModelMixin, ApiModelViewSet):
    """Products. The public sees the published catalogue: an active certificate, 3★ or more, still valid.

    A product entered by mistake may be deleted; once history hangs on it (a certificate, a
    registration) deleting answers 409 and the product is archived instead (``archive``).
    """

    public_read = True
    queryset = Product.objects.select_related(
        "producer", f"product_set{PRODUCT_SET_RELATED}", "group_2018__scheme", f"origin_commune{LOCATION_RELATED}"
    )
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet
    pagination_class = WindowCountPagination

    def retrieve(self, request, *args, **kwargs):
        """The product as ``get_object`` read it, through the scoped queryset with every join the
        serializer needs: ``object_response`` reads it again (for writes, whose object was locked
        bare), which is a second ten-table statement for nothing on a read (bench/README.md)."""
        data = self.get_serializer(self.get_object()).data
        return Response(data, headers={} if self.brief else {"ETag": etag_of(data)})

    def allowed_actions(self, product):
        actions = super().allowed_actions(product)
        if "delete" in actions and audit.deletion_refusal(product):
            actions.remove("delete")
        if "change" in actions and not product.is_archived:
            actions.append("archive")
        return actions

    @extend_schema(summary="Xóa sản phẩm nhập nhầm (đã có lịch sử thì 409: hãy lưu trữ)")
    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            product = self.get_object_for_write(codename="delete")
            services.product_delete(user=request.user, product=product)
        return Response(status=204)

    @extend_schema(
        summary="Lưu trữ sản phẩm (thay cho xóa)", request=ArchiveSerializer, responses={200: ProductSerializer}
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        product = self.perform_action(services.product_archive, "product", ArchiveSerializer)
        return self.object_response(product)


# --- Registrations and their dossier ------------------------------------------------------------


class ProductSummarySerializer(serializers.ModelSerializer):
    producer = ProducerSummarySerializer(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "code", "name", "producer", "current_star"]


class DossierDocumentSerializer(serializers.ModelSerializer):
    has_file = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierDocument
        fields = [
            "id",
            "kind",
            "required",
            "has_file",
            "file_url",
            "original_name",
            "content_type",
            "size",
            "note",
            "uploaded_at",
        ]

    def get_has_file(self, document) -> bool:
        return bool(document.file)

    @extend_schema_field(OpenApiTypes.STR)
    def get_file_url(self, document):
        """Where to download (GET) or upload (POST, multipart ``file``) this item's file through the API."""
        return reverse(
            "registration-document-file", kwargs={"pk": document.registration_id, "document_id": document.pk}
        )


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistrationTransition
        fields = ["from_status", "to_status", "actor_name", "reason", "at"]


class RegistrationSerializer(ApiModelSerializer):
    product = ProductSummarySerializer(read_only=True)
    product_id = serializers.PrimaryKeyRelatedField(source="product", write_only=True, queryset=Product.objects)
    documents = DossierDocumentSerializer(many=True, read_only=True)
    transitions = TransitionSerializer(many=True, read_only=True)
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "product",
            "product_id",
            "year",
            "evaluation_type",
            "status",
            "number",
            "submitted_at",
            "accepted_at",
            "return_reason",
            "revision",
            "documents",
            "transitions",
            "created_at",
            "updated_at",
            "allowed_actions",
        ]
        read_only_fields = ["number", "created_at", "updated_at"]
        brief_fields = ["id", "product", "year", "status"]

    def create(self, validated_data):
        return services.registration_create(user=self.context["request"].user, **validated_data)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Lý do (bắt buộc khi trả lại hồ sơ).")


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, ảnh JPEG/PNG/WebP, DOCX hoặc XLSX; kiểm tra theo nội dung tệp.")


def _workflow(summary, input_serializer=None):
    return extend_schema(
        summary=summary,
        request=input_serializer,
        responses={200: RegistrationSerializer},
    )


class RegistrationViewSet(CreateApiMixin, ReadOnlyApiViewSet):
    """Yearly registrations with their dossier checklist; the workflow steps are POST actions."""

    queryset = Registration.objects.select_related(
        "product__producer", f"product__product_set{PRODUCT_SET_RELATED}"
    ).prefetch_related(
        Prefetch("documents", queryset=DossierDocument.objects.order_by("id")),
        Prefetch("transitions", queryset=RegistrationTransition.objects.order_by("at", "id")),
    )
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilterSet

    def workflow_actions(self, registration):
        return services.registration_allowed_actions(user=self.request.user, registration=registration)

    def _step(self, service, input_serializer=None):
        step = f"registration.{self.action.rstrip('_')}"
        registration = self.perform_action(service, "registration", input_serializer, action=step)
        return self.object_response(registration)

    @_workflow("Nộp hồ sơ (hồ sơ bị trả lại thì thành 'đã nộp lại')")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(services.registration_submit)

    @_workflow("Trả lại hồ sơ để bổ sung", ReasonSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._step(services.registration_return, ReasonSerializer)

    @_workflow("Tiếp nhận hồ sơ để đánh giá")
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._step(services.registration_accept)

    @_workflow("Rút hồ sơ", OptionalReasonSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(services.registration_withdraw, OptionalReasonSerializer)

    @extend_schema(
        methods=["GET"],
        summary="Tải tệp của một mục hồ sơ",
        parameters=[OpenApiParameter("document_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Tải lên tệp của một mục hồ sơ (multipart, trường 'file')",
        parameters=[OpenApiParameter("document_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: DossierDocumentSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path=r"documents/(?P<document_id>[0-9]+)/file",
        url_name="document-file",
    )
    def document_file(self, request, pk=None, document_id=None):
        if request.method == "GET":
            registration = self.get_object()
            document = get_object_or_404(
                DossierDocument.objects.visible_to(request.user), registration=registration, pk=document_id
            )
            if not document.file:
                raise exceptions.NotFound(_("Mục hồ sơ này chưa có tệp."))
            return dossier_file_response(document)
        with transaction.atomic():
            registration = self.get_object_for_write(codename=None)
            document = get_object_or_404(
                DossierDocument.objects.visible_to(request.user), registration=registration, pk=document_id
            )
            upload = DocumentUploadSerializer(data=request.data)
            upload.is_valid(raise_exception=True)
            document = services.document_attach(
                user=request.user, document=document, uploaded_file=upload.validated_data["file"]
            )
        return Response(DossierDocumentSerializer(document).data)
