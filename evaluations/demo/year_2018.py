"""2018: the survey, the registrations, the provincial council's scores, certificates and commendations."""

from datetime import date

from evaluations.demo import data_2018
from evaluations.demo.builder import Demo, refresh_statistics
from evaluations.demo.data_story import (
    ACCEPTED_2018,
    COMMENDATION_DATE_2018,
    DECISION_2018,
    FILED_2018,
    HELD_2018,
    UBND_BAC_KAN,
)
from evaluations.models import Council, Evaluation
from organizations.models import Commendation
from products.models import Branch, ProductSet, SurveyEntry

SURVEY_DAY = date(2018, 6, 15)
YEAR = 2018


def is_built() -> bool:
    return SurveyEntry.objects.filter(year=YEAR).exists()


def sets_by_number() -> dict[int, ProductSet]:
    return {s.number: s for s in ProductSet.objects.filter(group__branch__scheme__code="148-2023")}


def build(demo: Demo, clock, progress=None) -> None:
    groups = {branch.code: branch for branch in Branch.objects.filter(scheme__code="2018")}
    product_sets = sets_by_number()
    producers = {row.key: row for row in data_2018.PRODUCERS}

    clock.set(SURVEY_DAY)
    if progress:
        progress(2018)
    for row in data_2018.PRODUCERS:
        demo.producer(row, demo.commune(row.era, row.commune))
    for row in data_2018.PRODUCTS:
        product = demo.product(
            producer=demo.producers[row.producer],
            name=row.name,
            product_set=product_sets[row.product_set],
            group_2018=groups[row.group],
        )
        source = producers[row.producer]
        note = "; ".join(
            part for part in (row.note, source.note, f"Nguồn: {source.source}" if source.source else "") if part
        )
        entry = SurveyEntry(year=YEAR, product=product, group_2018=groups[row.group], note=note[:255])
        entry.full_clean()
        entry.save()

    refresh_statistics()
    registered = [row for row in data_2018.PRODUCTS if row.score is not None]
    clock.set(FILED_2018)
    registrations = {row.name: demo.register(demo.products[row.name], year=YEAR, kind="first") for row in registered}
    clock.set(ACCEPTED_2018)
    for name, registration in registrations.items():
        registrations[name] = demo.accept(registration)

    council = demo.council(
        level=Council.Level.PROVINCE,
        era=Council.Era.BK_2018,
        unit=demo.units["old", "06"],
        year=YEAR,
        round_number=1,
        authority=demo.authority(UBND_BAC_KAN),
        name="Hội đồng đánh giá, xếp hạng sản phẩm OCOP-BK tỉnh Bắc Kạn năm 2018",
        decision_number="2105/QĐ-UBND",
    )
    clock.set(HELD_2018)
    refresh_statistics()
    evaluations = []
    for row in registered:
        evaluation = demo.open(registrations[row.name], council)
        demo.score(evaluation, row.score)
        evaluations.append(demo.finalize(evaluation))

    clock.set(DECISION_2018.decided_on)
    for evaluation in evaluations:
        if evaluation.outcome == Evaluation.Outcome.RECOGNISED:
            demo.certify(evaluation, DECISION_2018)

    clock.set(COMMENDATION_DATE_2018)
    issuer = demo.authority(UBND_BAC_KAN)
    for key in data_2018.COMMENDED:
        commendation = Commendation(
            producer=demo.producers[key],
            year=YEAR,
            issuer=issuer,
            decision_number=data_2018.COMMENDATION_DECISION,
            decision_date=COMMENDATION_DATE_2018,
            reason="Có thành tích xuất sắc, đóng góp tích cực vào Đề án OCOP-BK năm 2018",
        )
        commendation.full_clean()
        commendation.save()
