"""API resources of the evaluations app: councils, evaluations, certificates, plans, support, the year summary."""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluations import plans, progress, rules, services, summary
from evaluations import targets as indicators
from evaluations.filters import (
    CertificateFilterSet,
    CouncilFilterSet,
    EvaluationFilterSet,
    SupportActivityFilterSet,
    TargetFilterSet,
    YearlyPlanFilterSet,
)
from evaluations.models import (
    Certificate,
    Council,
    CouncilMember,
    Evaluation,
    ReportedValue,
    ScoreLine,
    ScoreSheet,
    SupportActivity,
    Target,
    YearlyPlan,
)
from ocop_portal.api.serializers import AllowedActionsField, ApiModelSerializer
from ocop_portal.api.viewsets import ApiModelViewSet, ReadOnlyApiViewSet
from organizations import access
from organizations.api import ProducerSummarySerializer, UnitSummarySerializer
from organizations.models import AdministrativeUnit, IssuingAuthority, Producer
from products.api import ProductSummarySerializer

# --- Councils ---------------------------------------------------------------------------------


class CouncilMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = CouncilMember
        fields = ["full_name", "title", "role"]


class CouncilSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["id", "name", "level", "year", "round"]


class CouncilSerializer(ApiModelSerializer):
    unit = UnitSummarySerializer(read_only=True)
    authority = serializers.CharField(source="authority.name", read_only=True, allow_null=True, default=None)
    members = CouncilMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Council
        fields = [
            "id",
            "name",
            "level",
            "era",
            "unit",
            "authority",
            "year",
            "round",
            "decision_number",
            "quorum_percent",
            "max_spread",
            "recognisable_stars",
            "members",
            "updated_at",
        ]
        brief_fields = ["id", "name", "level", "year", "round"]


class CouncilViewSet(ReadOnlyApiViewSet):
    queryset = Council.objects.select_related("unit", "authority").prefetch_related(
        Prefetch("members", queryset=CouncilMember.objects.order_by("role", "full_name", "id"))
    )
    serializer_class = CouncilSerializer
    filterset_class = CouncilFilterSet


# --- Certificates -----------------------------------------------------------------------------


class FilingWindowSerializer(serializers.Serializer):
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()


class CertificateSerializer(ApiModelSerializer):
    product = ProductSummarySerializer(read_only=True)
    authority = serializers.CharField(source="authority.name", read_only=True)
    filing_window = serializers.SerializerMethodField()
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "product",
            "star",
            "score",
            "decision_number",
            "decision_date",
            "authority",
            "issued_on",
            "expires_on",
            "filing_window",
            "status",
            "evaluation",
            "superseded_by",
            "revoked_on",
            "revocation_ground",
            "revocation_decision",
            "updated_at",
            "allowed_actions",
        ]
        brief_fields = ["id", "number", "product", "star", "status", "expires_on"]

    @extend_schema_field(FilingWindowSerializer)
    def get_filing_window(self, certificate):
        """When the re-evaluation dossier may be filed: 180 to 120 days before expiry (ocop.md §4.4)."""
        opens_on, closes_on = rules.refiling_window(certificate.expires_on)
        return {"opens_on": opens_on, "closes_on": closes_on}


class RevokeSerializer(serializers.Serializer):
    ground = serializers.ChoiceField(choices=Certificate.RevocationGround.choices)
    decision = serializers.CharField(max_length=60)
    revoked_on = serializers.DateField()


class CertificateViewSet(ReadOnlyApiViewSet):
    """Certificates (3★–5★). The public sees those of the products in the published catalogue."""

    public_read = True
    queryset = Certificate.objects.select_related("product__producer", "authority")
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet

    def workflow_actions(self, certificate):
        return services.certificate_allowed_actions(user=self.request.user, certificate=certificate)

    @extend_schema(summary="Thu hồi giấy chứng nhận (một trong sáu căn cứ)", request=RevokeSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        certificate = self.perform_action(
            services.certificate_revoke, "certificate", RevokeSerializer, action="certificate.revoke"
        )
        return self.object_response(certificate)


# --- Evaluations and score sheets ---------------------------------------------------------------


class EvaluationSerializer(ApiModelSerializer):
    registration = serializers.PrimaryKeyRelatedField(read_only=True)
    year = serializers.IntegerField(source="registration.year", read_only=True)
    product = ProductSummarySerializer(source="registration.product", read_only=True)
    council = CouncilSummarySerializer(read_only=True)
    sheet = serializers.CharField(source="sheet.name", read_only=True)
    criteria_version = serializers.CharField(source="sheet.version.code", read_only=True)
    outcome = serializers.ChoiceField(
        choices=Evaluation.Outcome.choices, allow_blank=True, read_only=True, help_text="Trống khi chưa hoàn tất."
    )
    certificate = serializers.SerializerMethodField()
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "registration",
            "year",
            "product",
            "council",
            "sheet",
            "criteria_version",
            "status",
            "average_score",
            "score_star",
            "minimums_star",
            "final_star",
            "disqualified",
            "outcome",
            "spread_flagged",
            "spread_override_reason",
            "minimums_checked",
            "forwarded_to",
            "held_on",
            "finalised_at",
            "certificate",
            "updated_at",
            "allowed_actions",
        ]
        brief_fields = ["id", "product", "council", "status", "final_star", "outcome"]

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_certificate(self, evaluation):
        certificate = getattr(evaluation, "certificate", None)
        return certificate.pk if certificate is not None else None


class ScoreLineSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(source="criterion.code", read_only=True)

    class Meta:
        model = ScoreLine
        fields = ["criterion", "option", "points"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    member = CouncilMemberSerializer(read_only=True)
    lines = ScoreLineSerializer(many=True, read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "member",
            "status",
            "part_a",
            "part_b",
            "part_c",
            "total",
            "disqualifiers",
            "comment",
            "submitted_at",
            "lines",
        ]


class FinalizeSerializer(serializers.Serializer):
    spread_override_reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Lý do chấp nhận chênh lệch điểm vượt mức (nếu có)."
    )


class IssueSerializer(serializers.Serializer):
    decision_number = serializers.CharField(max_length=60)
    decision_date = serializers.DateField()
    issued_on = serializers.DateField()
    authority_id = serializers.PrimaryKeyRelatedField(
        source="authority", queryset=IssuingAuthority.objects, required=False, allow_null=True
    )
    number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, help_text="Để trống: cấp số theo mẫu của tỉnh."
    )

    def validate_number(self, value):
        return value or None


# The service names the step "issue_certificate"; the API's action is ``issue``.
API_ACTION_NAMES = {"issue_certificate": "issue"}


class EvaluationViewSet(ReadOnlyApiViewSet):
    """Council results. Score sheets: ``/score-sheets/``, for those allowed to see them."""

    queryset = Evaluation.objects.select_related(
        "registration__product__producer", "council", "sheet__version", "certificate"
    )
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet

    def workflow_actions(self, evaluation):
        actions = services.evaluation_allowed_actions(user=self.request.user, evaluation=evaluation)
        return [API_ACTION_NAMES.get(name, name) for name in actions]

    @extend_schema(
        summary="Phiếu chấm điểm của phiên đánh giá (những phiếu bạn được xem)",
        responses=ScoreSheetSerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="score-sheets", pagination_class=None)
    def score_sheets(self, request, pk=None):
        if not request.user.has_perm("evaluations.view_scoresheet"):
            raise exceptions.PermissionDenied()
        evaluation = self.get_object()
        sheets = (
            access.visible(ScoreSheet.objects.filter(evaluation=evaluation), request.user)
            .select_related("member")
            .prefetch_related(
                Prefetch("lines", queryset=ScoreLine.objects.select_related("criterion").order_by("criterion_id")),
                "disqualifiers",
            )
            .order_by("member__role", "member__full_name", "id")
        )
        return Response(ScoreSheetSerializer(sheets, many=True).data)

    def get_serializer_class(self):
        if self.action == "score_sheets":
            return ScoreSheetSerializer
        return super().get_serializer_class()

    @extend_schema(summary="Hoàn tất kết quả đánh giá (điểm trung bình, hạng sao)", request=FinalizeSerializer)
    @action(detail=True, methods=["post"])
    def finalize(self, request, pk=None):
        evaluation = self.perform_action(
            services.evaluation_finalize, "evaluation", FinalizeSerializer, action="evaluation.finalize"
        )
        return self.object_response(evaluation)

    @extend_schema(
        summary="Cấp giấy chứng nhận cho kết quả được công nhận",
        request=IssueSerializer,
        responses={201: CertificateSerializer},
    )
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        certificate = self.perform_action(
            services.certificate_issue, "evaluation", IssueSerializer, action="certificate.issue"
        )
        # Answer as the certificate's own resource would (its allowed actions, its ETag).
        certificates = CertificateViewSet(request=request, format_kwarg=None, action="retrieve", kwargs={})
        return certificates.object_response(certificate, status.HTTP_201_CREATED)


# --- Plans, targets and progress ----------------------------------------------------------------
# Written by whoever may manage plans (``plan.manage``), through ``evaluations.plans``: a plan is
# created as a draft, its target lines change while it is a draft, ``approve`` and ``close`` move it on.


class WriteOnceSerializerMixin:
    """Fields set when the record is created and never moved (a plan's year and area, a target line's
    plan, an activity's organisation): a ``PUT`` may repeat them, a different value is refused.

    ``Meta.write_once`` maps the model field to the name of its input field.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            return attrs
        for source, name in self.Meta.write_once.items():
            if source in attrs and attrs.pop(source) != getattr(self.instance, source):
                raise serializers.ValidationError({name: [_("Không thể thay đổi trường này sau khi đã tạo.")]})
        return attrs


class PlanManagedMixin:
    """The model permission alone does not let a role write plans, targets or support activities: the
    services also ask for ``plan.manage``, so ``allowed_actions`` does too."""

    def generic_actions(self, obj):
        if not access.can(self.request.user, "plan.manage"):
            return []
        return super().generic_actions(obj)


class ServiceDestroyMixin(mixins.DestroyModelMixin):
    """``DELETE`` through the app's service: ``delete_service(user=…, <delete_argument>=obj)``; the
    service says when the record's state forbids it (409)."""

    delete_service = None
    delete_argument = ""

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object_for_write(codename="delete")
            self.delete_service(user=request.user, **{self.delete_argument: instance})
        return Response(status=status.HTTP_204_NO_CONTENT)


class TargetSerializer(serializers.ModelSerializer):
    unit = UnitSummarySerializer(read_only=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "unit", "legal_form", "target_min", "target_max", "note"]


class ProgressSerializer(serializers.Serializer):
    """A target line against its actual at ``as_of``: computed from the records (``computed``) or reported."""

    target_id = serializers.IntegerField(allow_null=True)
    indicator = serializers.CharField()
    label = serializers.CharField()
    definition = serializers.CharField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    legal_form = serializers.CharField(allow_blank=True)
    target_min = serializers.IntegerField(allow_null=True)
    target_max = serializers.IntegerField(allow_null=True)
    actual = serializers.IntegerField(allow_null=True)
    percent = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    expected = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    status = serializers.CharField(allow_null=True, help_text="achieved, on_track, behind")
    status_label = serializers.CharField(allow_blank=True)
    as_of = serializers.DateField()
    computed = serializers.BooleanField()
    source = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class YearlyPlanSerializer(WriteOnceSerializerMixin, ApiModelSerializer):
    unit = UnitSummarySerializer(read_only=True)
    unit_id = serializers.PrimaryKeyRelatedField(
        source="unit",
        write_only=True,
        queryset=AdministrativeUnit.objects,
        help_text="id của địa bàn (tỉnh, huyện, xã) của kế hoạch; không đổi sau khi lập.",
    )
    targets = TargetSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()
    allowed_actions = AllowedActionsField()

    class Meta:
        model = YearlyPlan
        fields = [
            "id",
            "year",
            "unit",
            "unit_id",
            "title",
            "decision_number",
            "decision_date",
            "status",
            "targets",
            "progress",
            "updated_at",
            "allowed_actions",
        ]
        read_only_fields = ["status", "updated_at"]
        brief_fields = ["id", "year", "unit", "title", "status"]
        # Actuals are computed from the records (a query per line): on the plan's own URL only.
        detail_fields = ["progress"]
        write_once = {"year": "year", "unit": "unit_id"}
        validators = []  # one plan per area and year: the service says so, in Vietnamese

    @extend_schema_field(ProgressSerializer(many=True))
    def get_progress(self, plan):
        as_of = self.context.get("as_of")
        lines = progress.plan_progress(plan, as_of=as_of, user=self.context["request"].user)
        return ProgressSerializer(lines, many=True).data

    def create(self, validated_data):
        return plans.plan_create(user=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return plans.plan_update(user=self.context["request"].user, plan=instance, **validated_data)


class PlanApproveSerializer(serializers.Serializer):
    decision_number = serializers.CharField(
        max_length=60, required=False, help_text="Số quyết định phê duyệt (nếu chưa ghi trên kế hoạch)."
    )
    decision_date = serializers.DateField(required=False, help_text="Ngày quyết định phê duyệt.")


def _as_of(request) -> datetime.date | None:
    value = request.query_params.get("as_of")
    if not value:
        return None
    field = serializers.DateField()
    try:
        return field.to_internal_value(value)
    except serializers.ValidationError as exc:
        raise exceptions.ValidationError({"as_of": exc.detail}) from None


# The plan's workflow step from each state.
PLAN_STEPS = {YearlyPlan.Status.DRAFT: ["approve"], YearlyPlan.Status.APPROVED: ["close"]}


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="Ngày tính tiến độ (mặc định: hôm nay).")]
    ),
    create=extend_schema(summary="Lập kế hoạch năm (dự thảo)"),
    update=extend_schema(summary="Sửa kế hoạch (đã phê duyệt: không sửa số, ngày quyết định; đã tổng kết: 409)"),
    partial_update=extend_schema(
        summary="Sửa kế hoạch (đã phê duyệt: không sửa số, ngày quyết định; đã tổng kết: 409)"
    ),
    destroy=extend_schema(summary="Xóa kế hoạch đang dự thảo (đã phê duyệt: 409)"),
)
class YearlyPlanViewSet(PlanManagedMixin, ServiceDestroyMixin, ApiModelViewSet):
    """Yearly plans with their target lines; a plan's own URL adds the progress of each line (``?as_of=``).

    Target lines are their own resource (``/targets/``); ``approve`` and ``close`` are the plan's steps.
    """

    queryset = YearlyPlan.objects.select_related("unit").prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("unit").order_by("unit__path", "indicator", "id"))
    )
    serializer_class = YearlyPlanSerializer
    filterset_class = YearlyPlanFilterSet
    delete_service = staticmethod(plans.plan_delete)
    delete_argument = "plan"

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve":
            context["as_of"] = _as_of(self.request)
        return context

    def generic_actions(self, plan):
        """A closed plan is the record of the year; only a draft may be deleted."""
        actions = super().generic_actions(plan)
        if plan.status == YearlyPlan.Status.CLOSED:
            return []
        return [name for name in actions if name != "delete" or plan.status == YearlyPlan.Status.DRAFT]

    def workflow_actions(self, plan):
        steps = PLAN_STEPS.get(plan.status, [])
        return steps if steps and access.can(self.request.user, "plan.manage", plan) else []

    @extend_schema(
        summary="Phê duyệt kế hoạch (dự thảo → đã phê duyệt; cần số, ngày quyết định và ít nhất một chỉ tiêu)",
        request=PlanApproveSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self.perform_action(plans.plan_approve, "plan", PlanApproveSerializer, action="plan.manage")
        return self.object_response(plan)

    @extend_schema(summary="Tổng kết kế hoạch (đã phê duyệt → đã tổng kết)", request=None)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        plan = self.perform_action(plans.plan_close, "plan", action="plan.manage")
        return self.object_response(plan)


class ReportedValueSerializer(serializers.ModelSerializer):
    """A figure the records cannot give (sales points), with its date and source."""

    class Meta:
        model = ReportedValue
        fields = ["id", "value", "as_of", "source"]


class TargetLineSerializer(WriteOnceSerializerMixin, ApiModelSerializer):
    """A target line as its own resource; nested (without ``allowed_actions``) in its plan."""

    plan_id = serializers.PrimaryKeyRelatedField(
        source="plan", queryset=YearlyPlan.objects, help_text="id của kế hoạch; không đổi sau khi tạo."
    )
    year = serializers.IntegerField(source="plan.year", read_only=True)
    unit = UnitSummarySerializer(read_only=True)
    unit_id = serializers.PrimaryKeyRelatedField(
        source="unit",
        write_only=True,
        required=False,
        allow_null=True,
        queryset=AdministrativeUnit.objects,
        help_text="id của đơn vị trong địa bàn kế hoạch; bỏ trống: cả địa bàn của kế hoạch.",
    )
    reported_values = ReportedValueSerializer(many=True, read_only=True)
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Target
        fields = [
            "id",
            "plan_id",
            "year",
            "indicator",
            "unit",
            "unit_id",
            "legal_form",
            "target_min",
            "target_max",
            "note",
            "reported_values",
            "allowed_actions",
        ]
        brief_fields = ["id", "plan_id", "indicator", "unit", "target_min", "target_max"]
        write_once = {"plan": "plan_id"}
        validators = []  # one line per indicator, area and legal form: the service says so, in Vietnamese

    def create(self, validated_data):
        return plans.target_add(user=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return plans.target_update(user=self.context["request"].user, target=instance, **validated_data)


@extend_schema_view(
    create=extend_schema(summary="Thêm dòng chỉ tiêu vào kế hoạch đang dự thảo"),
    update=extend_schema(summary="Sửa dòng chỉ tiêu (kế hoạch đã phê duyệt: 409)"),
    partial_update=extend_schema(summary="Sửa dòng chỉ tiêu (kế hoạch đã phê duyệt: 409)"),
    destroy=extend_schema(summary="Xóa dòng chỉ tiêu (kế hoạch đã phê duyệt: 409)"),
)
class TargetViewSet(PlanManagedMixin, ServiceDestroyMixin, ApiModelViewSet):
    """Target lines of the plans (``?plan=``): they change only while their plan is a draft; once it is
    approved, the figures the records cannot give are reported (``report``)."""

    queryset = (
        Target.objects.select_related("plan", "unit")
        .prefetch_related(Prefetch("reported_values", queryset=ReportedValue.objects.order_by("-as_of", "-id")))
        .order_by("-plan__year", "plan_id", "unit__path", "indicator")
    )
    serializer_class = TargetLineSerializer
    filterset_class = TargetFilterSet
    delete_service = staticmethod(plans.target_delete)
    delete_argument = "target"

    def generic_actions(self, target):
        return super().generic_actions(target) if target.plan.status == YearlyPlan.Status.DRAFT else []

    def workflow_actions(self, target):
        reportable = target.plan.status == YearlyPlan.Status.APPROVED and not indicators.spec(target.indicator).computed
        return ["report"] if reportable and access.can(self.request.user, "plan.manage", target) else []

    @extend_schema(
        summary="Nhập số liệu báo cáo cho chỉ tiêu không tính được từ dữ liệu (kế hoạch đã phê duyệt)",
        request=ReportedValueSerializer,
        responses={201: TargetLineSerializer},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        reported = self.perform_action(
            plans.reported_value_add, "target", ReportedValueSerializer, action="plan.manage"
        )
        return self.object_response(reported.target, status.HTTP_201_CREATED)


# --- Support activities -----------------------------------------------------------------------


class SupportActivitySerializer(WriteOnceSerializerMixin, ApiModelSerializer):
    producer = ProducerSummarySerializer(read_only=True)
    producer_id = serializers.PrimaryKeyRelatedField(
        source="producer",
        write_only=True,
        queryset=Producer.objects,
        help_text="id của chủ thể được hỗ trợ; không đổi sau khi tạo.",
    )
    allowed_actions = AllowedActionsField()

    class Meta:
        model = SupportActivity
        fields = [
            "id",
            "producer",
            "producer_id",
            "year",
            "kind",
            "description",
            "happened_on",
            "updated_at",
            "allowed_actions",
        ]
        read_only_fields = ["updated_at"]
        brief_fields = ["id", "producer", "year", "kind"]
        write_once = {"producer": "producer_id"}

    def create(self, validated_data):
        return plans.support_activity_create(user=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return plans.support_activity_update(user=self.context["request"].user, activity=instance, **validated_data)


@extend_schema_view(
    create=extend_schema(summary="Ghi nhận hoạt động hỗ trợ một chủ thể"),
    destroy=extend_schema(summary="Xóa hoạt động hỗ trợ"),
)
class SupportActivityViewSet(PlanManagedMixin, ServiceDestroyMixin, ApiModelViewSet):
    """Support given to organisations (training, trade fairs …): what "organisations supported" counts."""

    queryset = SupportActivity.objects.select_related("producer")
    serializer_class = SupportActivitySerializer
    filterset_class = SupportActivityFilterSet
    delete_service = staticmethod(plans.support_activity_delete)
    delete_argument = "activity"


# --- The year summary -------------------------------------------------------------------------


class SummaryQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    area = serializers.CharField(max_length=60, help_text="Mã đơn vị (06) hoặc đường dẫn (old/06/).")
    as_of = serializers.DateField(required=False)


class CountsSerializer(serializers.Serializer):
    products = serializers.IntegerField()
    organizations = serializers.IntegerField()


class YearSummarySerializer(serializers.Serializer):
    """The year summary ("báo cáo tổng kết"); ``definitions`` says how each figure is counted."""

    year = serializers.IntegerField()
    area = serializers.DictField(child=serializers.CharField())
    as_of = serializers.DateField()
    surveyed = serializers.DictField(child=serializers.IntegerField())
    registered = serializers.DictField()
    evaluations = serializers.DictField()
    recognised = serializers.DictField(child=CountsSerializer())
    commended_organizations = serializers.IntegerField()
    certificates = serializers.DictField(child=serializers.IntegerField())
    plan = serializers.DictField(allow_null=True)
    targets = serializers.ListField(child=serializers.DictField())
    breakdowns = serializers.DictField()
    definitions = serializers.DictField(child=serializers.CharField())


class YearSummaryView(APIView):
    """``/reports/summary/?year=2018&area=06``: the year's figures for an area, within your view scope."""

    @extend_schema(parameters=[SummaryQuerySerializer], responses={200: YearSummarySerializer})
    def get(self, request):
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year, code = query.validated_data["year"], query.validated_data["area"]
        try:
            unit = summary.resolve_area(code, year)
        except AdministrativeUnit.DoesNotExist:
            raise exceptions.ValidationError({"area": [_("Không có đơn vị hành chính mã này.")]}) from None
        data = summary.year_summary(
            year=year, unit=unit, user=request.user, as_of=query.validated_data.get("as_of") or timezone.localdate()
        )
        return Response(YearSummarySerializer(data).data)
