"""The naive baseline: the product API as a typical quick build would write it.

A plain DRF ``ModelViewSet`` with nested ``ModelSerializer``s and no ``select_related`` /
``prefetch_related``: every nested object of every row is one more query (producer, its commune,
district and province; the product set, its group, branch and scheme; the origin commune and its
parents). It gets the same rows as the portal — the same scoped queryset (``visible_to``), the
same FilterSet, the same pagination — so the difference measured is the query shape alone.
Mounted only by ``bench/urls.py`` in the benchmark process.
"""

from rest_framework import serializers, viewsets

from organizations.models import AdministrativeUnit, Producer
from products.filters import ProductFilterSet
from products.models import Branch, ClassificationScheme, Product, ProductGroup, ProductSet


class SchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassificationScheme
        fields = ["id", "code", "name"]


class BranchSerializer(serializers.ModelSerializer):
    scheme = SchemeSerializer()

    class Meta:
        model = Branch
        fields = ["id", "code", "name_vi", "name_en", "scheme"]


class GroupSerializer(serializers.ModelSerializer):
    branch = BranchSerializer()

    class Meta:
        model = ProductGroup
        fields = ["id", "code", "name_vi", "name_en", "branch"]


class ProductSetSerializer(serializers.ModelSerializer):
    group = GroupSerializer()

    class Meta:
        model = ProductSet
        fields = ["id", "number", "name_vi", "name_en", "group"]


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "era", "name", "level"]


class DistrictSerializer(ProvinceSerializer):
    parent = ProvinceSerializer()

    class Meta(ProvinceSerializer.Meta):
        fields = [*ProvinceSerializer.Meta.fields, "parent"]


class CommuneSerializer(ProvinceSerializer):
    parent = DistrictSerializer()

    class Meta(ProvinceSerializer.Meta):
        fields = [*ProvinceSerializer.Meta.fields, "parent"]


class ProducerSerializer(serializers.ModelSerializer):
    commune = CommuneSerializer()

    class Meta:
        model = Producer
        fields = ["id", "name", "legal_form", "tax_code", "commune"]


class ProductSerializer(serializers.ModelSerializer):
    producer = ProducerSerializer()
    product_set = ProductSetSerializer()
    group_2018 = BranchSerializer()
    origin_commune = CommuneSerializer()

    class Meta:
        model = Product
        fields = "__all__"


class ProductViewSet(viewsets.ModelViewSet):
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet

    def get_queryset(self):
        return Product.objects.visible_to(self.request.user).order_by("name", "id")
