"""API resources of the organizations app: administrative units, producers, commendations."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ocop_portal.api.serializers import AllowedActionsField, ApiModelSerializer
from ocop_portal.api.viewsets import ApiModelViewSet, ReadOnlyApiViewSet
from organizations import services
from organizations.filters import AdministrativeUnitFilterSet, CommendationFilterSet, ProducerFilterSet
from organizations.models import AdministrativeUnit, Commendation, Producer

# --- Summaries nested in other resources ------------------------------------------------------


class UnitSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "era", "name", "level"]


class LocationSerializer(UnitSummarySerializer):
    """A commune with the district and province above it (``select_related("…__parent__parent")``)."""

    district = serializers.SerializerMethodField()
    province = serializers.SerializerMethodField()

    class Meta(UnitSummarySerializer.Meta):
        fields = [*UnitSummarySerializer.Meta.fields, "district", "province"]

    def _above(self, unit, level):
        """The unit's summary as ``UnitSummarySerializer`` gives it, built directly: a serializer
        instance per row and level cost a third of a 50-row product page (bench/README.md)."""
        while unit is not None and unit.level != level:
            unit = unit.parent
        if unit is None:
            return None
        return {name: getattr(unit, name) for name in UnitSummarySerializer.Meta.fields}

    @extend_schema_field(UnitSummarySerializer(allow_null=True))
    def get_district(self, unit):
        return self._above(unit.parent, AdministrativeUnit.Level.DISTRICT)

    @extend_schema_field(UnitSummarySerializer(allow_null=True))
    def get_province(self, unit):
        return self._above(unit.parent, AdministrativeUnit.Level.PROVINCE)


LOCATION_RELATED = "__parent__parent"  # what LocationSerializer reads above a commune


class ProducerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Producer
        fields = ["id", "name", "legal_form", "tax_code"]


# --- Administrative units ---------------------------------------------------------------------


class AdministrativeUnitSerializer(ApiModelSerializer):
    parent = UnitSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "era", "name", "level", "unit_type", "parent", "path", "valid_from", "valid_to"]
        brief_fields = ["id", "code", "era", "name", "level"]


class AdministrativeUnitViewSet(ReadOnlyApiViewSet):
    """Provinces, districts and communes of both eras (before and after 1/7/2025); public."""

    public_read = True
    queryset = AdministrativeUnit.objects.select_related("parent")
    serializer_class = AdministrativeUnitSerializer
    filterset_class = AdministrativeUnitFilterSet


# --- Producers --------------------------------------------------------------------------------


class ProducerSerializer(ApiModelSerializer):
    commune = LocationSerializer(read_only=True)
    commune_id = serializers.PrimaryKeyRelatedField(
        source="commune",
        write_only=True,
        queryset=AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE),
        help_text="id của xã/phường (xem /api/v1/admin-units/?level=commune).",
    )
    legal_form_changed_on = serializers.DateField(
        write_only=True, required=False, help_text="Ngày chuyển đổi loại hình (khi đổi legal_form)."
    )
    legal_form_note = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=255)
    allowed_actions = AllowedActionsField()

    class Meta:
        model = Producer
        fields = [
            "id",
            "name",
            "legal_form",
            "enterprise_kind",
            "community_capital_majority",
            "tax_code",
            "registration_number",
            "founded_on",
            "address",
            "commune",
            "commune_id",
            "phone",
            "email",
            "website",
            "representative_name",
            "representative_title",
            "representative_gender",
            "representative_ethnicity",
            "representative_disability",
            "workforce_total",
            "workforce_local",
            "workforce_women",
            "status",
            "created_at",
            "updated_at",
            "legal_form_changed_on",
            "legal_form_note",
            "allowed_actions",
        ]
        read_only_fields = ["created_at", "updated_at"]
        brief_fields = ["id", "name", "legal_form", "tax_code"]
        # Personal data of the representative and the workforce: not for the public catalogue.
        private_fields = [
            "representative_gender",
            "representative_ethnicity",
            "representative_disability",
            "workforce_total",
            "workforce_local",
            "workforce_women",
            "created_at",
        ]

    def create(self, validated_data):
        validated_data.pop("legal_form_changed_on", None)
        validated_data.pop("legal_form_note", None)
        return services.producer_create(user=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.producer_update(user=self.context["request"].user, producer=instance, **validated_data)


class ProducerViewSet(ApiModelViewSet):
    """OCOP producers. The public sees those with a product in the published catalogue."""

    public_read = True
    queryset = Producer.objects.select_related(f"commune{LOCATION_RELATED}")
    serializer_class = ProducerSerializer
    filterset_class = ProducerFilterSet


# --- Commendations ----------------------------------------------------------------------------


class CommendationSerializer(ApiModelSerializer):
    producer = ProducerSummarySerializer(read_only=True)
    issuer = serializers.CharField(source="issuer.name", read_only=True)

    class Meta:
        model = Commendation
        fields = ["id", "producer", "year", "issuer", "decision_number", "decision_date", "reason", "updated_at"]
        brief_fields = ["id", "producer", "year", "decision_number"]


class CommendationViewSet(ReadOnlyApiViewSet):
    queryset = Commendation.objects.select_related("producer", "issuer")
    serializer_class = CommendationSerializer
    filterset_class = CommendationFilterSet
