"""The classification data migration: the three schemes as the acts (and ocop.md §2) give them."""

import pytest

from products.classification_data import load_classification
from products.models import Branch, ClassificationScheme, ProductGroup, ProductSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("classification")]


def test_2026_scheme_has_6_branches_17_groups_26_sets():
    sets = ProductSet.objects.filter(group__branch__scheme__code="148-2023")
    assert Branch.objects.filter(scheme__code="148-2023").count() == 6
    assert ProductGroup.objects.filter(branch__scheme__code="148-2023").count() == 17
    assert sorted(sets.values_list("number", flat=True)) == list(range(1, 27))
    per_branch = {code: sets.filter(group__branch__code=code).count() for code in ("I", "II", "III", "IV", "V", "VI")}
    assert per_branch == {"I": 13, "II": 4, "III": 3, "IV": 2, "V": 3, "VI": 1}


def test_sets_carry_english_names_and_lead_ministry():
    sets = ProductSet.objects.filter(group__branch__scheme__code="148-2023")
    assert not sets.filter(name_en="").exists()
    assert not sets.filter(lead_ministry="").exists()
    mineral_water = sets.get(number=16)
    assert mineral_water.name_vi == "Nước khoáng thiên nhiên, nước uống đóng chai"
    assert mineral_water.lead_ministry == "Bộ Y tế"
    assert mineral_water.group.branch.name_en == "Beverages"
    tourism = sets.get(number=26)
    assert tourism.lead_ministry == "Bộ Văn hóa, Thể thao và Du lịch; Bộ Nông nghiệp và Môi trường"


def test_2018_scheme_is_the_six_groups_of_490():
    branches = Branch.objects.filter(scheme__code="2018").order_by("code")
    assert [b.name_en for b in branches] == [
        "Foodstuffs",
        "Beverages",
        "Herbal products",
        "Fabric and garments",
        "Souvenirs, furniture, decoration",
        "Rural tourism services and sales",
    ]
    assert not ProductGroup.objects.filter(branch__scheme__code="2018").exists()


def test_1048_scheme_is_marked_incomplete_and_holds_only_confirmed_sets():
    scheme = ClassificationScheme.objects.get(code="1048-2019")
    assert Branch.objects.filter(scheme=scheme).count() == 6
    assert ProductSet.objects.filter(group__branch__scheme=scheme).count() == 9
    assert "Chưa đầy đủ" in scheme.note


def test_loading_again_changes_nothing():
    before = ProductSet.objects.count(), ProductGroup.objects.count(), Branch.objects.count()
    load_classification(ClassificationScheme, Branch, ProductGroup, ProductSet)
    assert (ProductSet.objects.count(), ProductGroup.objects.count(), Branch.objects.count()) == before
