"""Members' score sheets aimed at a council average, as a council would fill them.

The demo data gives each evaluation the average the council reached; members differ a little
around it (well inside the 10-point spread rule). On a legacy part-totals sheet a member writes
three part scores; on a per-criterion sheet a member ticks one option per criterion, and a
product meant for N stars meets every minimum (``***`` …) of N stars, as a product of that class
does. The evaluation service then computes the average, the star and the outcome from the sheets.
"""

from decimal import Decimal

from evaluations import rules
from evaluations.models import CriteriaSheet, Criterion

# How far each member's total lies from the council's average, by council size (they sum to 0).
OFFSETS = {
    3: (Decimal("-1.2"), Decimal("0"), Decimal("1.2")),
    4: (Decimal("-1.5"), Decimal("-0.5"), Decimal("0.5"), Decimal("1.5")),
    5: (Decimal("-1.6"), Decimal("-0.8"), Decimal("0"), Decimal("0.8"), Decimal("1.6")),
}


def member_totals(average: Decimal, members: int) -> list[Decimal]:
    """Totals whose mean is exactly ``average`` (two decimals), one per scoring member."""
    return [average + offset for offset in OFFSETS[members]]


def legacy_parts(total: Decimal, maxima: tuple[int, int, int]) -> tuple[Decimal, Decimal, Decimal]:
    """Split a member's total into parts A, B, C in proportion to their maxima (two decimals each)."""
    whole = sum(maxima)
    part_a = rules.round_score(total * maxima[0] / whole)
    part_b = rules.round_score(total * maxima[1] / whole)
    return part_a, part_b, total - part_a - part_b


class CriteriaForm:
    """A per-criterion sheet, read once: each criterion's options by points and its star minimums."""

    def __init__(self, sheet: CriteriaSheet):
        self.criteria = []  # (criterion id, [(points, option id)] by rising points, minimum points per star)
        queryset = Criterion.objects.filter(section__part__sheet=sheet).prefetch_related("options")
        for criterion in queryset.order_by("section__part__code", "section__position", "position"):
            options = list(criterion.options.all())
            thresholds = rules.minimum_thresholds((option.points, option.min_star) for option in options)
            levels = {}
            for option in sorted(options, key=lambda option: option.position):
                levels.setdefault(option.points or 0, option.pk)  # one option per number of points
            self.criteria.append((criterion.pk, sorted(levels.items()), thresholds))

    def choices(self, target: Decimal, star: int, variant: int = 0) -> dict[int, int]:
        """One option per criterion: the star's minimums first, then more points up to ``target``.

        Criteria are raised one level at a time, starting at a different criterion for each
        ``variant`` so that members' sheets differ like real ones do.
        """
        chosen = []
        for _pk, levels, thresholds in self.criteria:
            floor = thresholds.get(star, 0) if star >= 3 else 0
            chosen.append(next((i for i, (points, _option) in enumerate(levels) if points >= floor), len(levels) - 1))
        total = sum(self.criteria[index][1][level][0] for index, level in enumerate(chosen))
        count = len(self.criteria)
        raised = True
        while total < target and raised:
            raised = False
            for step in range(count):
                index = (step + variant * 5) % count
                levels = self.criteria[index][1]
                if chosen[index] + 1 >= len(levels):
                    continue
                gain = levels[chosen[index] + 1][0] - levels[chosen[index]][0]
                if total + gain > target:
                    continue
                chosen[index] += 1
                total += gain
                raised = True
                if total >= target:
                    break
        steps = [
            (self.criteria[i][1][chosen[i] + 1][0] - self.criteria[i][1][chosen[i]][0], i)
            for i in range(count)
            if chosen[i] + 1 < len(self.criteria[i][1])
        ]
        if total < target and steps:  # one more step if it lands nearer the target than stopping short
            gain, index = min(steps)
            if total + gain - target < target - total:
                chosen[index] += 1
        return {self.criteria[index][0]: self.criteria[index][1][level][1] for index, level in enumerate(chosen)}
