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


def grant(account, *permissions):
    """Give ``account`` model permissions by their ``app_label.codename`` names; returns a fresh copy
    (Django caches a user's permissions on the instance)."""
    from django.contrib.auth.models import Permission

    for name in permissions:
        app_label, codename = name.split(".")
        account.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return get_user_model().objects.get(pk=account.pk)


def pdf_bytes(text="Phieu dang ky"):
    """A small but real PDF document."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def image_bytes(image_format="PNG", size=(8, 8)):
    """A real image that Pillow writes and reads back."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, image_format)
    return buffer.getvalue()


def executable_bytes():
    """The start of a Windows executable (MZ header, DOS stub): what a renamed virus looks like."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 47 + b"This program" * 20


REGISTRY_STAFF_PERMISSIONS = (
    "organizations.add_producer",
    "organizations.change_producer",
    "products.add_product",
    "products.change_product",
    "products.add_productphoto",
    "products.add_registration",
    "products.change_dossierdocument",
    "products.submit_registration",
)


def area_staff(unit_obj, *extra_permissions):
    """District or commune staff of ``unit_obj`` with the registry permissions their role holds."""
    account = user(role=StaffAssignment.Role.AREA_STAFF, unit_obj=unit_obj)
    return grant(account, *REGISTRY_STAFF_PERMISSIONS, *extra_permissions)


def officer(province_obj):
    """A provincial officer: the registry permissions plus accepting and returning registrations."""
    account = user(role=StaffAssignment.Role.OFFICER, unit_obj=province_obj)
    return grant(account, *REGISTRY_STAFF_PERMISSIONS, "products.accept_registration")
