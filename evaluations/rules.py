"""The programme's numeric rules as pure functions (ocop.md §3, §4, §11, §12).

Nothing here touches the database, so every rule can be tested at its edges and reused by the
services, the selectors, the admin and the importers without disagreeing.
"""

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# Half-open bands on the council's average (ocop.md §3.5): [90,100] 5★, [70,90) 4★, [50,70) 3★, [30,50) 2★.
STAR_BANDS = ((Decimal(90), 5), (Decimal(70), 4), (Decimal(50), 3), (Decimal(30), 2))
CERTIFIABLE_STARS = (3, 4, 5)
TWO_PLACES = Decimal("0.01")

CERTIFICATE_VALIDITY_MONTHS = 36
REFILING_OPENS_DAYS = 180  # a re-evaluation dossier goes in no earlier than 180 days before expiry ...
REFILING_CLOSES_DAYS = 120  # ... and no later than 120 days before it (26/2026 Art. 7)
DEFAULT_CERTIFICATE_PATTERN = "{seq}/GCN-OCOP-{province_code}-{year}"

# Which stars a council of each level may recognise, per era (ocop.md §4.1). A council copies its
# era's default on creation and the province may change it: it is a regulation setting, not code.
_RECOGNISABLE = {
    "bk2018": {"province": (3, 4)},
    "1048": {"province": (3, 4), "central": (5,)},
    "148": {"district": (3,), "province": (4,), "central": (5,)},
    "2025": {"province": (3, 4), "central": (5,)},
}


def round_score(value) -> Decimal:
    """Two decimals, half up, as councils write averages (91.14)."""
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def star_for_score(score) -> int:
    """Star band of an average total; 1★ below 30."""
    score = Decimal(score)
    for floor, star in STAR_BANDS:
        if score >= floor:
            return star
    return 1


def mean_score(totals: Iterable) -> Decimal:
    totals = [Decimal(t) for t in totals]
    if not totals:
        raise ValueError("no totals to average")
    return round_score(sum(totals) / len(totals))


def score_spread(totals: Iterable) -> Decimal:
    totals = [Decimal(t) for t in totals]
    return max(totals) - min(totals) if totals else Decimal(0)


def recognisable_stars(era: str, level: str) -> list[int]:
    """Default stars a council may recognise; an empty list means it evaluates and forwards."""
    return list(_RECOGNISABLE.get(era, {}).get(level, ()))


def quorum_met(*, scoring_members: int, present: int, chair_present: bool, percent: int) -> bool:
    """At least ``percent`` % of the scoring members, the chair among them (ocop.md §12.4)."""
    return chair_present and scoring_members > 0 and present * 100 >= percent * scoring_members


def minimum_thresholds(options: Iterable[tuple[int | None, int | None]]) -> dict[int, int]:
    """Points a criterion needs for each star, from its options' (points, min_star) pairs.

    An option marked ``***`` is the least a 3★ product must reach in that criterion; marks are
    cumulative (ocop.md §12.3), so a 4★ product must also reach the ``***`` option when the
    criterion has no ``****`` mark, and the strictest mark at or below a star level applies.
    """
    marks = [(star, points or 0) for points, star in options if star]
    thresholds = {}
    for level in CERTIFIABLE_STARS:
        applicable = [points for star, points in marks if star <= level]
        if applicable:
            thresholds[level] = max(applicable)
    return thresholds


def sheet_minimums_star(thresholds: Mapping[object, Mapping[int, int]], points: Mapping[object, int]) -> int:
    """Highest star whose minimums one sheet meets: 5, 4, 3, or 2 when even a ``***`` item is missed.

    ``thresholds`` maps a criterion to its :func:`minimum_thresholds`; ``points`` maps a criterion
    to the points of the option the member chose (a criterion left out counts as 0 points).
    """
    met = 2
    for level in CERTIFIABLE_STARS:
        for criterion, needed in thresholds.items():
            if level in needed and points.get(criterion, 0) < needed[level]:
                return met
        met = level
    return met


def council_minimums_star(sheet_stars: Iterable[int]) -> int:
    """The council's minimums star: the highest star that more than half of the sheets meet.

    Decision (ocop.md §12.3 leaves it open): a minimum is a fact about the product that each
    member judges on their own sheet, as they judge the points; the council concludes as a
    council does, by majority. Requiring every sheet would let one member veto a star; taking
    any sheet would let one member grant it. With a tie (2 of 4) the minimum is not met.
    """
    stars = sorted(sheet_stars, reverse=True)
    if not stars:
        raise ValueError("no sheets")
    return stars[len(stars) // 2]


def final_star(*, score_star: int, minimums_star: int | None, disqualified: bool) -> int | None:
    """The star from the score, lowered to the minimums met; no star at all when disqualified."""
    if disqualified:
        return None
    if minimums_star is None:
        return score_star
    return min(score_star, minimums_star)


def outcome_for(star: int | None, recognisable: Iterable[int]) -> str:
    """``recognised``, ``forwarded`` (a star above what this level may recognise), ``not_recognised``
    or ``disqualified`` (no star)."""
    recognisable = list(recognisable)
    if star is None:
        return "disqualified"
    if star in recognisable:
        return "recognised"
    if star in CERTIFIABLE_STARS and star > max(recognisable, default=0):
        return "forwarded"
    return "not_recognised"


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, or the last day of that month when it has no such day (Civil Code)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def certificate_expiry(issued_on: date) -> date:
    """Last day of validity: 12/12/2018 → 12/12/2021, 29/02/2024 → 28/02/2027 (ocop.md §12.5)."""
    return add_months(issued_on, CERTIFICATE_VALIDITY_MONTHS)


def refiling_window(expires_on: date) -> tuple[date, date]:
    """First and last day to file the re-evaluation dossier: 30/6/2027 → 01/01/2027–02/3/2027."""
    return expires_on - timedelta(days=REFILING_OPENS_DAYS), expires_on - timedelta(days=REFILING_CLOSES_DAYS)


def certificate_number(pattern: str, *, seq: int, province_code: str, year: int) -> str:
    return pattern.format(seq=seq, province_code=province_code, year=year)


def province_code_of(path: str) -> str:
    """The province code in a unit's materialised path: ``old/06/066/02083/`` → ``06``."""
    parts = [part for part in path.split("/") if part]
    return parts[1] if len(parts) > 1 else ""
