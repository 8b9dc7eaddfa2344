"""Small builders for test data: real rows in PostgreSQL, no mocks.

Each helper takes keyword arguments for what a test cares about and fills the rest.
"""

import itertools

from django.contrib.auth import get_user_model

from organizations.models import AdministrativeUnit, Producer, StaffAssignment
from products.models import Product, Registration

_seq = itertools.count(1)


def unit(code, name, *, level, unit_type, parent=None, era="old"):
    obj, _ = AdministrativeUnit.objects.get_or_create(
        era=era, code=code, defaults={"name": name, "level": level, "unit_type": unit_type, "parent": parent}
    )
    return obj


def bac_kan_tree():
    """Bắc Kạn (06) with two districts and one commune each: Na Rì (066) and Chợ Mới (065)."""
    province = unit("06", "Bắc Kạn", level="province", unit_type="tinh")
    na_ri = unit("066", "Na Rì", level="district", unit_type="huyen", parent=province)
    cho_moi = unit("065", "Chợ Mới", level="district", unit_type="huyen", parent=province)
    con_minh = unit("02173", "Côn Minh", level="commune", unit_type="xa", parent=na_ri)
    nong_ha = unit("02107", "Nông Hạ", level="commune", unit_type="xa", parent=cho_moi)
    return {
        "province": province,
        "na_ri": na_ri,
        "cho_moi": cho_moi,
        "con_minh": con_minh,
        "nong_ha": nong_ha,
    }


def producer(commune, **fields):
    n = next(_seq)
    defaults = {
        "name": f"HTX Thử nghiệm {n}",
        "legal_form": Producer.LegalForm.COOPERATIVE,
        "commune": commune,
    }
    defaults.update(fields)
    return Producer.objects.create(**defaults)


def product(producer_obj, **fields):
    n = next(_seq)
    defaults = {"name": f"Sản phẩm thử {n}", "producer": producer_obj, "origin_commune": producer_obj.commune}
    defaults.update(fields)
    return Product.objects.create(**defaults)


def registration(product_obj, year=2026, **fields):
    return Registration.objects.create(product=product_obj, year=year, **fields)


def user(username=None, *, role=None, unit_obj=None, view_unit=None, **fields):
    username = username or f"user{next(_seq)}"
    account = get_user_model().objects.create_user(username=username, password="a-long-test-password", **fields)
    if role:
        StaffAssignment.objects.create(user=account, role=role, unit=unit_obj, view_unit=view_unit)
    return account
