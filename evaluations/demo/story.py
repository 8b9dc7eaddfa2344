"""2019 to today: every dated event of ``data_story`` replayed in date order.

Products appear, plans are approved and reviewed, organisations are supported, dossiers are filed
and accepted, councils meet, authorities decide, certificates expire on their last day (unless a
re-evaluation is under way), the districts disappear on 1/7/2025 and the 2026 round is left open
for the demo accounts. Events of one day run in a fixed order (``CREATE`` … ``OTHER`` below).
"""

from __future__ import annotations

import heapq
import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from evaluations import plans
from evaluations import services as evaluation_services
from evaluations.demo import data_story as story
from evaluations.demo.builder import Demo, refresh_statistics
from evaluations.demo.year_2018 import sets_by_number
from evaluations.models import Council, CriteriaSheet, Evaluation
from organizations import services as producer_services
from products import services as product_services

# The order of the events of one day.
CREATE, PLAN, FILE, ACCEPT, MEET, DECIDE, OTHER = range(7)
OPEN_COUNCIL_DAY = date(2026, 9, 1)
OPEN_EVALUATION_DAY = date(2026, 11, 16)
OPEN_SCORING_DAY = date(2026, 11, 20)


def is_built() -> bool:
    return Council.objects.filter(
        level=Council.Level.PROVINCE, year=story.OPEN_ROUND_YEAR, round=story.OPEN_ROUND_NUMBER
    ).exists()


class Timeline:
    """Dated actions run in date order; each new day starts by expiring what ended the day before,
    each new year by refreshing the planner's statistics (``refresh_statistics``)."""

    def __init__(self):
        self._events = []
        self._order = itertools.count()

    def add(self, day: date, kind: int, action) -> None:
        heapq.heappush(self._events, (day, kind, next(self._order), action))

    def run(self, clock, progress=None) -> None:
        """``progress(year)`` is called as each year begins: the replay takes a minute or more."""
        current = None
        while self._events:
            day, _kind, _order, action = heapq.heappop(self._events)
            clock.set(day)
            if current is None or day.year != current.year:
                if progress:
                    progress(day.year)
                refresh_statistics()
            if day != current:
                evaluation_services.certificates_expire()
                current = day
            action()


def build(demo: Demo, clock, progress=None) -> None:
    timeline = Timeline()
    product_sets = sets_by_number()
    rows = {row.key: row for row in story.PRODUCERS}

    def create_product(row):
        if row.producer in rows and row.producer not in demo.producers:  # a producer founded after 2018
            producer_row = rows[row.producer]
            demo.producer(producer_row, demo.commune(producer_row.era, producer_row.commune))
        demo.product(
            producer=demo.producer_by_key(row.producer),
            name=row.name,
            product_set=product_sets[row.product_set],
        )

    for row in story.PRODUCTS:
        timeline.add(row.created_on, CREATE, lambda row=row: create_product(row))
    for key, name, kind, day in story.RENAMES:
        timeline.add(day, OTHER, lambda key=key, name=name, kind=kind: rename(demo, key, name, kind))
    for spec in story.PLANS:
        add_plan(timeline, demo, spec)
    for name, day, url in story.TRACEABILITY:
        timeline.add(day, OTHER, lambda name=name, url=url: demo.update_product(name, traceability_url=url))
    for support in story.SUPPORT:
        timeline.add(support.happened_on, OTHER, lambda support=support: support_activity(demo, support))
    for round_spec in story.ROUNDS:
        RoundRun(demo, round_spec).schedule(timeline)
    for record in story.RECORDS:
        timeline.add(record.decision.decided_on, DECIDE, lambda record=record: recognise(demo, record))
    schedule_open_round(timeline, demo)
    timeline.run(clock, progress)


def rename(demo: Demo, key: str, name: str, kind: str) -> None:
    demo.producers[key] = producer_services.producer_update(
        user=None, producer=demo.producer_by_key(key), name=name, enterprise_kind=kind
    )


def support_activity(demo: Demo, support) -> None:
    plans.support_activity_create(
        user=demo.officer,
        producer=demo.producer_by_key(support.producer),
        year=support.year,
        kind=support.kind,
        description=support.description,
        happened_on=support.happened_on,
    )


def add_plan(timeline: Timeline, demo: Demo, spec: dict) -> None:
    state = {}

    def approve():
        plan = plans.plan_create(
            user=demo.officer,
            year=spec["year"],
            unit=demo.units["old", "06"],
            title=spec["title"],
            targets=[
                {"indicator": indicator, "target_min": low, "target_max": high, "note": note}
                for indicator, low, high, note in spec["targets"]
            ],
        )
        state["plan"] = plans.plan_approve(
            user=demo.officer, plan=plan, decision_number=spec["decision_number"], decision_date=spec["decision_date"]
        )

    def report(value, as_of, source):
        target = state["plan"].targets.get(indicator="sales_points")
        plans.reported_value_add(user=demo.officer, target=target, value=value, as_of=as_of, source=source)

    def close():
        plans.plan_close(user=demo.officer, plan=state["plan"])

    timeline.add(spec["decision_date"], PLAN, approve)
    for year, value, as_of, source in story.SALES_POINTS:  # figures the records cannot give
        if year == spec["year"]:
            timeline.add(as_of, OTHER, lambda value=value, as_of=as_of, source=source: report(value, as_of, source))
    timeline.add(date(spec["year"] + 1, 1, 20), PLAN, close)  # the year-end review


def recognise(demo: Demo, record) -> None:
    product = demo.products[record.product]
    if record.authority == "district":
        authority = demo.district_authority(demo.district_code(product))
        number = district_decision_number(record.decision, demo.district_code(product))
    else:
        authority, number = demo.authority(record.authority), record.decision.number
    demo.record(product, star=record.star, authority=authority, decision=record.decision, decision_number=number)


def district_decision_number(decision, district_code: str) -> str:
    """District decisions of one round share a date, not a number: each district keeps its own register."""
    return f"{int(district_code) * 17 + decision.decided_on.year % 100}/{decision.number}"


class RoundRun:
    """One round: file and accept the dossiers, then each level meets and decides in turn."""

    def __init__(self, demo: Demo, spec: story.Round):
        self.demo = demo
        self.spec = spec
        self.registrations = {}
        self.pending = {level: [] for level in spec.levels}  # entries waiting for a level's council
        self.recognised = {level: [] for level in spec.levels}

    def schedule(self, timeline: Timeline) -> None:
        timeline.add(self.spec.filed_on, FILE, self.file)
        timeline.add(self.spec.accepted_on, ACCEPT, self.accept)
        for level in self.spec.levels:
            timeline.add(self.spec.held_on[level], MEET, lambda level=level: self.meet(level))
            if level in self.spec.decisions:
                timeline.add(self.spec.decisions[level].decided_on, DECIDE, lambda level=level: self.decide(level))

    def file(self) -> None:
        for entry in self.spec.entries:
            product = self.demo.products[entry.product]
            self.registrations[entry.product] = self.demo.register(product, year=self.spec.year, kind=entry.kind)

    def accept(self) -> None:
        for entry in self.spec.entries:
            self.registrations[entry.product] = self.demo.accept(self.registrations[entry.product])
            self.pending[self.spec.levels[0]].append((entry, 0))

    def meet(self, level: str) -> None:
        for entry, step in self.pending[level]:
            product = self.demo.products[entry.product]
            council = self.council(level, product)
            sheet = None
            if self.spec.sheet_version:
                sheet = CriteriaSheet.objects.get(
                    version__code=self.spec.sheet_version, product_set=product.product_set
                )
            evaluation = self.demo.open(self.registrations[entry.product], council, sheet)
            self.demo.score(evaluation, entry.scores[step], absent=0 if level == Council.Level.DISTRICT else 1)
            evaluation = self.demo.finalize(evaluation)
            last = step == len(entry.scores) - 1
            if evaluation.outcome == Evaluation.Outcome.FORWARDED and not last:
                following = self.spec.levels[self.spec.levels.index(level) + 1]
                self.pending[following].append((entry, step + 1))
            elif evaluation.outcome == Evaluation.Outcome.RECOGNISED and last:
                self.recognised[level].append(evaluation)
            elif evaluation.outcome != Evaluation.Outcome.NOT_RECOGNISED or not last:
                raise ImproperlyConfigured(
                    f"demo data: {entry.product} ({self.spec.year}) scored {evaluation.average_score} at the "
                    f"{level} council → {evaluation.outcome}, which does not match its scores {entry.scores}"
                )

    def decide(self, level: str) -> None:
        decision = self.spec.decisions[level]
        for evaluation in self.recognised[level]:
            number = None
            if level == Council.Level.DISTRICT:
                number = district_decision_number(decision, evaluation.council.unit.code)
            self.demo.certify(evaluation, decision, decision_number=number)

    def council(self, level: str, product) -> Council:
        spec, demo = self.spec, self.demo
        if level == Council.Level.DISTRICT:
            code = demo.district_code(product)
            unit = demo.units["old", code]
            return demo.council(
                level=level,
                era=spec.era,
                unit=unit,
                year=spec.year,
                round_number=spec.number,
                authority=demo.district_authority(code),
                name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {unit} năm {spec.year}",
            )
        if level == Council.Level.CENTRAL:
            authority = demo.authority(story.MARD if spec.decisions[level].decided_on < story.REFORM else story.MAE)
            return demo.council(
                level=level,
                era=spec.era,
                unit=demo.units["old", "06"],
                year=spec.year,
                round_number=spec.number,
                authority=authority,
                name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp Trung ương năm {spec.year}",
            )
        return province_council(demo, year=spec.year, round_number=spec.number, era=spec.era)


def province_council(
    demo: Demo, *, year: int, round_number: int, era: str, decision_number: str = "", everyone_scores=False
) -> Council:
    merged = era == Council.Era.RULES_2025
    province = "Thái Nguyên" if merged else "Bắc Kạn"
    return demo.council(
        level=Council.Level.PROVINCE,
        era=era,
        unit=demo.units[("new", "19") if merged else ("old", "06")],
        year=year,
        round_number=round_number,
        authority=demo.authority(story.UBND_THAI_NGUYEN if merged else story.UBND_BAC_KAN),
        name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh {province} năm {year} (đợt {round_number})",
        decision_number=decision_number,
        secretary=not everyone_scores,
    )


# --- The open 2026 round -------------------------------------------------------------------------


def schedule_open_round(timeline: Timeline, demo: Demo) -> None:
    registrations = {}

    def file(name, kind, state):
        registrations[name] = demo.register(
            demo.products[name], year=story.OPEN_ROUND_YEAR, kind=kind, submit=state != "draft"
        )

    def accept(name):
        registrations[name] = demo.accept(registrations[name])

    def give_back(name):
        registrations[name] = product_services.registration_return(
            user=demo.officer, registration=registrations[name], reason=story.RETURN_REASON
        )

    def council():
        province_council(
            demo,
            year=story.OPEN_ROUND_YEAR,
            round_number=story.OPEN_ROUND_NUMBER,
            era=Council.Era.RULES_2025,
            decision_number=story.OPEN_ROUND_COUNCIL_DECISION,
            everyone_scores=True,  # the demo's council members all have a sheet to fill
        )

    def open_evaluation(name, state):
        the_council = province_council(
            demo, year=story.OPEN_ROUND_YEAR, round_number=story.OPEN_ROUND_NUMBER, era=Council.Era.RULES_2025
        )
        evaluation = demo.open(registrations[name], the_council)
        if state == "scoring":
            timeline.add(OPEN_SCORING_DAY, OTHER, lambda: score(evaluation))

    def score(evaluation):
        demo.score_some(
            evaluation, {username: (Decimal(total), submit) for username, (total, submit) in story.OPEN_SHEETS.items()}
        )

    timeline.add(OPEN_COUNCIL_DAY, CREATE, council)
    for name, kind, state, filed_on in story.OPEN_REGISTRATIONS:
        timeline.add(filed_on, FILE, lambda name=name, kind=kind, state=state: file(name, kind, state))
        if state in ("accepted", "evaluation_opened", "scoring"):
            timeline.add(filed_on + timedelta(days=14), ACCEPT, lambda name=name: accept(name))
        if state in ("evaluation_opened", "scoring"):
            timeline.add(OPEN_EVALUATION_DAY, MEET, lambda name=name, state=state: open_evaluation(name, state))
        if state == "returned":
            timeline.add(filed_on + timedelta(days=10), ACCEPT, lambda name=name: give_back(name))
