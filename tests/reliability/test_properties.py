"""Properties that must hold for every input, checked on many generated ones (hypothesis).

The scoring rules (``evaluations.rules``): star bands are monotonic and cover 0–100, a better sheet
never earns a lower star, lowering a minimum never lowers the star, disqualification always wins.
The importers: whatever the cells or the bytes of the file, the answer is a report (never an
exception, never a 5xx through the API), and the database either takes the whole file or
nothing of it.
"""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from evaluations import rules
from ocop_portal import importer
from ocop_portal.reliability.fingerprints import table_fingerprints
from organizations.models import Producer
from organizations.transfer import PRODUCERS
from tests import factories
from tests.api.conftest import client_for
from tests.transfer.conftest import csv_file, xlsx

pytestmark = pytest.mark.reliability

RULES = settings(max_examples=500, deadline=None)
IMPORTS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
stars = st.integers(min_value=1, max_value=5)
certifiable = st.sampled_from(rules.CERTIFIABLE_STARS)


# --- Scoring rules -------------------------------------------------------------------------------


@RULES
@given(scores, scores)
def test_star_bands_are_monotonic_and_cover_every_score(a, b):
    low, high = sorted((a, b))
    assert 1 <= rules.star_for_score(low) <= rules.star_for_score(high) <= 5
    expected = next((star for floor, star in rules.STAR_BANDS if a >= floor), 1)
    assert rules.star_for_score(a) == expected


@RULES
@given(st.lists(scores, min_size=1, max_size=15))
def test_the_council_average_lies_between_the_members_totals(totals):
    average = rules.mean_score(totals)
    assert min(totals) <= average <= max(totals)
    assert average == average.quantize(Decimal("0.01"))
    assert rules.score_spread(totals) == max(totals) - min(totals) >= 0


@st.composite
def sheet_minimums(draw):
    """Criteria with options (points, mark) and one member's points per criterion."""
    criteria = draw(st.integers(min_value=1, max_value=8))
    thresholds, points = {}, {}
    for criterion in range(criteria):
        options = draw(
            st.lists(
                st.tuples(st.integers(0, 10), st.one_of(st.none(), certifiable)), min_size=1, max_size=5, unique_by=str
            )
        )
        thresholds[criterion] = rules.minimum_thresholds(options)
        points[criterion] = draw(st.integers(0, 10))
    return thresholds, points


@RULES
@given(sheet_minimums(), st.data())
def test_more_points_never_lower_the_minimums_star(case, data):
    thresholds, points = case
    criterion = data.draw(st.sampled_from(sorted(points)))
    better = {**points, criterion: points[criterion] + data.draw(st.integers(1, 5))}
    assert rules.sheet_minimums_star(thresholds, points) <= rules.sheet_minimums_star(thresholds, better)


@RULES
@given(sheet_minimums(), st.data())
def test_lowering_a_minimum_never_lowers_the_star(case, data):
    thresholds, points = case
    marked = sorted((criterion, level) for criterion, needed in thresholds.items() for level in needed)
    assume(marked)
    criterion, level = data.draw(st.sampled_from(marked))
    less = data.draw(st.integers(1, 5))
    lowered = {**thresholds, criterion: {**thresholds[criterion], level: max(0, thresholds[criterion][level] - less)}}
    assert rules.sheet_minimums_star(thresholds, points) <= rules.sheet_minimums_star(lowered, points)


@RULES
@given(st.lists(st.tuples(st.integers(0, 10), st.one_of(st.none(), certifiable)), max_size=6))
def test_minimums_are_cumulative(options):
    needed = rules.minimum_thresholds(options)
    levels = sorted(needed)
    assert all(needed[a] <= needed[b] for a, b in zip(levels, levels[1:], strict=False))


@RULES
@given(st.lists(st.integers(2, 5), min_size=1, max_size=15), st.data())
def test_the_council_minimums_star_is_a_members_star_and_monotonic(sheet_stars, data):
    star = rules.council_minimums_star(sheet_stars)
    assert star in sheet_stars
    index = data.draw(st.integers(0, len(sheet_stars) - 1))
    raised = [*sheet_stars]
    raised[index] = min(5, raised[index] + data.draw(st.integers(1, 3)))
    assert rules.council_minimums_star(raised) >= star


@RULES
@given(stars, st.one_of(st.none(), st.integers(2, 5)), st.booleans())
def test_the_final_star_never_exceeds_the_score_and_disqualification_wins(score_star, minimums_star, disqualified):
    final = rules.final_star(score_star=score_star, minimums_star=minimums_star, disqualified=disqualified)
    if disqualified:
        assert final is None
        assert rules.outcome_for(final, [3, 4]) == "disqualified"
    else:
        assert final <= score_star and (minimums_star is None or final <= minimums_star)
        assert rules.outcome_for(final, [3, 4]) != "disqualified"


@RULES
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_a_certificate_is_valid_36_months_and_its_refiling_window_comes_before(issued):
    expires = rules.certificate_expiry(issued)
    assert (expires.year - issued.year) * 12 + expires.month - issued.month == 36
    assert expires.day <= issued.day and timedelta(days=1092) <= expires - issued <= timedelta(days=1097)
    opens, closes = rules.refiling_window(expires)
    assert issued < opens < closes < expires


@RULES
@given(st.integers(1, 30), st.integers(0, 30), st.integers(1, 100))
def test_quorum_never_lost_by_more_members_coming(members, present, percent):
    assume(present < members)
    assert rules.quorum_met(scoring_members=members, present=present, chair_present=True, percent=percent) <= (
        rules.quorum_met(scoring_members=members, present=present + 1, chair_present=True, percent=percent)
    )
    assert not rules.quorum_met(scoring_members=members, present=members, chair_present=False, percent=percent)


# --- Importers -------------------------------------------------------------------------------------

HEADINGS = ["Tên chủ thể *", "Loại hình *", "Mã số thuế", "Quận/huyện", "Xã/phường *", "Ngày thành lập", "Điện thoại"]
cell = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="0123456789-/.", max_size=14),
    st.sampled_from(["Hợp tác xã", "Côn Minh", "Na Rì", "Nông Hạ", "4700123456", "=1+1", "@SUM(A1)", "15/03/2016"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(min_size=250, max_size=400),
)
rows = st.lists(st.lists(cell, min_size=0, max_size=9), min_size=0, max_size=12)


@pytest.fixture
def officer(db):
    area = factories.bac_kan_tree()
    return factories.user("officer_props", role="officer", unit_obj=area["province"], is_staff=True)


def producer_state():
    return table_fingerprints(tables=["organizations_producer", "organizations_legalformchange"])


@pytest.mark.django_db
@IMPORTS
@given(table=rows)
def test_random_cells_are_reported_and_a_file_goes_in_whole_or_not_at_all(officer, table):
    before = producer_state()
    try:
        upload = xlsx(HEADINGS, table)
    except (ValueError, IllegalCharacterError):  # openpyxl cannot write it: no one can send such a file
        assume(False)
    result = importer.run_import(PRODUCERS, upload, user=officer, filename="chu-the.xlsx", dry_run=False)
    written = result.new + result.updated
    if result.committed:
        assert not result.errors and not result.file_errors
        assert Producer.objects.count() == before["organizations_producer"][0] + result.new
    else:
        assert producer_state() == before
    for error in result.errors:
        assert error.line >= 2 and str(error)
    assert written >= 0


@pytest.mark.django_db
@IMPORTS
@given(content=st.binary(max_size=4096), name=st.sampled_from(["a.xlsx", "a.csv", "a.xls", "a", "a.XLSX"]))
def test_random_bytes_are_a_file_error_not_an_exception(officer, content, name):
    before = producer_state()
    result = importer.run_import(PRODUCERS, io.BytesIO(content), user=officer, filename=name, dry_run=False)
    assert not result.committed or result.rows == 0 or result.new + result.updated + result.unchanged > 0
    if not result.committed:
        assert producer_state() == before


@pytest.mark.django_db
@IMPORTS
@given(text=st.text(max_size=600))
def test_random_csv_text_through_the_api_is_never_a_5xx(officer, text):
    before = producer_state()
    client = client_for(officer)
    upload = SimpleUploadedFile("chu-the.csv", csv_file(text).read(), content_type="text/csv")
    response = client.post("/api/v1/imports/producers/", {"file": upload, "dry_run": "false"}, format="multipart")
    assert response.status_code < 500, response.content
    if response.status_code != 200 or not response.json().get("committed"):
        assert producer_state() == before
