"""Data for the load run: ``python -m tests.reliability.seed`` (Django configured from the environment).

A small Bắc Kạn with a public catalogue of recognised products, products waiting to be registered
(one registration each per year, so the writers never collide), an officer and a district
staff member with API tokens. Rows are written directly, as the services leave them, to seed
thousands of rows in seconds; the load itself then goes through the services (the API).
Prints one JSON object: the tokens and the ids the load script draws from.
"""

import datetime
import json
import sys

import django


def seed(*, published: int = 300, registrable: int = 3000, registered: int = 200) -> dict:
    from django.utils import timezone

    from evaluations.models import Certificate
    from ocop_portal import services as portal_services
    from organizations import roles
    from organizations.models import IssuingAuthority, Producer
    from products.models import DossierDocument, Product, Registration
    from products.services import dossier_checklist
    from tests import factories

    roles.setup_roles()
    tree = factories.bac_kan_tree()
    today = timezone.localdate()
    authority = IssuingAuthority.objects.create(name="UBND tỉnh Bắc Kạn", level="province", unit=tree["province"])
    communes = [tree["con_minh"], tree["nong_ha"]]
    producers = Producer.objects.bulk_create(
        Producer(name=f"HTX Nông sản số {n}", legal_form=Producer.LegalForm.COOPERATIVE, commune=communes[n % 2])
        for n in range(1, 101)
    )

    def products(count, prefix, **fields):
        return Product.objects.bulk_create(
            Product(
                name=f"{prefix} {n}",
                producer=producers[n % len(producers)],
                origin_commune=producers[n % len(producers)].commune,
                **fields,
            )
            for n in range(1, count + 1)
        )

    valid_until = today + datetime.timedelta(days=700)
    public = products(published, "Miến dong đặc sản", current_star=4, star_valid_until=valid_until, status="rated")
    Certificate.objects.bulk_create(
        Certificate(
            product=product,
            star=3 + n % 3,
            number=f"{n}/GCN-OCOP-06-SEED",
            decision_number=f"{n}/QĐ-UBND",
            decision_date=today - datetime.timedelta(days=400),
            authority=authority,
            issued_on=today - datetime.timedelta(days=400),
            expires_on=valid_until,
        )
        for n, product in enumerate(public, start=1)
    )
    nari = [tree["con_minh"]]
    waiting = [p for p in products(registrable * 2, "Măng khô chờ đăng ký") if p.origin_commune in nari][:registrable]
    in_progress = Registration.objects.bulk_create(
        Registration(product=product, year=today.year) for product in products(registered, "Chè shan tuyết")
    )
    checklist = dossier_checklist(Registration.EvaluationType.FIRST)
    DossierDocument.objects.bulk_create(
        DossierDocument(registration=registration, kind=kind, required=required, note=note)
        for registration in in_progress
        for kind, required, note in checklist
    )
    officer = factories.officer(tree["province"])
    staff = factories.area_staff(tree["na_ri"])
    tokens = {}
    for name, owner in (("officer", officer), ("staff", staff)):
        _token, tokens[name] = portal_services.api_token_create(user=None, owner=owner, name="load", read_only=False)
    return {
        "tokens": tokens,
        "published": [p.pk for p in public],
        "registrable": [p.pk for p in waiting],
        "registrations": [r.pk for r in in_progress],
        "producers": [p.pk for p in producers],
        "years": [today.year, today.year + 1],
    }


if __name__ == "__main__":
    django.setup()
    json.dump(seed(), sys.stdout)
