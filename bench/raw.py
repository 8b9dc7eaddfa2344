"""The limit: the same page as one hand-written SQL query and ``json.dumps``.

What the product list costs when nothing but the database and the JSON encoding is paid for:
the joins the portal's serializer needs, the scope, the filters, the page and its total count
(``count(*) OVER ()``) in a single statement, rows turned into the portal's JSON shape by hand.
No authentication, no FilterSet, no serializer. The benchmark passes what the portal would
resolve per request (the area's and the user's unit paths, the group's id) as parameters, so
the statement is exactly the one a person would write for this page. Mounted only by
``bench/urls.py`` in the benchmark process.
"""

import json

from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

PAGE_SIZE = 50

SELECT = """
SELECT p.id, p.code, p.name, p.description, p.story, p.raw_materials, p.raw_material_area_ha, p.packaging,
       p.shelf_life, p.quality_standard, p.certifications, p.trademark, p.geographical_indication,
       p.traceability_url, p.status, p.current_star, p.star_valid_until, p.is_archived, p.created_at, p.updated_at,
       pr.id, pr.name, pr.legal_form, pr.tax_code,
       ps.id, ps.number, ps.name_vi, ps.name_en, sc.code,
       c.id, c.code, c.era, c.name, c.level,
       d.id, d.code, d.era, d.name, d.level,
       v.id, v.code, v.era, v.name, v.level,
       count(*) OVER ()
FROM products_product p
JOIN organizations_producer pr ON pr.id = p.producer_id
JOIN organizations_administrativeunit c ON c.id = p.origin_commune_id
LEFT JOIN organizations_administrativeunit d ON d.id = c.parent_id
LEFT JOIN organizations_administrativeunit v ON v.id = d.parent_id
LEFT JOIN products_productset ps ON ps.id = p.product_set_id
LEFT JOIN products_productgroup g ON g.id = ps.group_id
LEFT JOIN products_branch b ON b.id = g.branch_id
LEFT JOIN products_classificationscheme sc ON sc.id = b.scheme_id
WHERE ({visible})
  {filters}
ORDER BY p.name, p.id
LIMIT %(limit)s OFFSET %(offset)s
"""
# What an officer sees: their area, or the published catalogue (an active certificate, 3★+, valid today).
VISIBLE = """
c.path LIKE ANY (%(scope)s)
OR (p.current_star >= 3 AND p.star_valid_until >= %(today)s AND NOT p.is_archived
    AND EXISTS (SELECT 1 FROM evaluations_certificate x WHERE x.product_id = p.id AND x.status = 'active'))
"""


def _unit(row, at):
    if row[at] is None:
        return None
    return {"id": row[at], "code": row[at + 1], "era": row[at + 2], "name": row[at + 3], "level": row[at + 4]}


def _location(row):
    commune, above, top = _unit(row, 29), _unit(row, 34), _unit(row, 39)
    district = above if above and above["level"] == "district" else None
    province = top if district else above
    return {**commune, "district": district, "province": province}


def _product(row):
    return {
        "id": row[0],
        "code": row[1],
        "name": row[2],
        "producer": {"id": row[20], "name": row[21], "legal_form": row[22], "tax_code": row[23]},
        "product_set": None
        if row[24] is None
        else {"id": row[24], "code": f"{row[28]}/{row[25]}", "number": row[25], "name_vi": row[26], "name_en": row[27]},
        "group_2018": None,
        "origin_commune": _location(row),
        "description": row[3],
        "story": row[4],
        "raw_materials": row[5],
        "raw_material_area_ha": None if row[6] is None else str(row[6]),
        "packaging": row[7],
        "shelf_life": row[8],
        "quality_standard": row[9],
        "certifications": row[10],
        "trademark": row[11],
        "geographical_indication": row[12],
        "traceability_url": row[13],
        "status": row[14],
        "current_star": row[15],
        "star_valid_until": row[16].isoformat() if row[16] else None,
        "is_archived": row[17],
        "created_at": timezone.localtime(row[18]).isoformat(),
        "updated_at": timezone.localtime(row[19]).isoformat(),
    }


def _rows(request, where_pk=None):
    get = request.GET
    params = {
        "scope": get.get("scope", "").split(","),
        "today": timezone.localdate(),
        "limit": PAGE_SIZE,
        "offset": PAGE_SIZE * (int(get.get("page", 1)) - 1),
    }
    params["scope"] = [f"{path}%" for path in params["scope"]]
    filters = []
    if get.get("paths"):
        filters.append("AND c.path LIKE ANY (%(area)s)")
        params["area"] = [f"{path}%" for path in get["paths"].split(",")]
    if get.get("star_min"):
        filters.append("AND p.current_star >= %(star_min)s")
        params["star_min"] = int(get["star_min"])
    if get.get("group_id"):
        filters.append("AND ps.group_id = %(group_id)s")
        params["group_id"] = int(get["group_id"])
    for n, word in enumerate(get.get("q", "").split()):
        filters.append(
            f"AND (ocop_search_text(p.name) LIKE '%%' || ocop_search_text(%(w{n})s) || '%%' "
            f"OR ocop_search_text(pr.name) LIKE '%%' || ocop_search_text(%(w{n})s) || '%%')"
        )
        params[f"w{n}"] = word
    if where_pk is not None:
        filters.append("AND p.id = %(pk)s")
        params["pk"] = where_pk
    sql = SELECT.format(visible=VISIBLE, filters="\n  ".join(filters))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _json(document):
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json")


def product_list(request):
    rows = _rows(request)
    return _json(
        {"count": rows[0][-1] if rows else 0, "next": None, "previous": None, "results": [_product(r) for r in rows]}
    )


def product_detail(request, pk):
    rows = _rows(request, where_pk=pk)
    return _json(_product(rows[0])) if rows else HttpResponse(status=404)
