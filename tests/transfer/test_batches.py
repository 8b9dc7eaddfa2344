"""New rows are created a batch at a time: statements that do not grow with the rows, the same checks and
messages as one row at a time, and the audit trail of every row."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop_portal.audit import SOURCE_IMPORT
from organizations.models import Producer
from organizations.transfer import PRODUCERS
from products import services as product_services
from products.models import Product
from products.transfer import PRODUCTS
from tests import factories
from tests.transfer.conftest import counts, run, xlsx

pytestmark = pytest.mark.django_db

HEADINGS = ["Tên chủ thể", "Loại hình", "Mã số thuế", "Quận/huyện", "Xã/phường", "Tổng số lao động", "Lao động nữ"]
PRODUCT_HEADINGS = ["Tên sản phẩm", "Mã số thuế chủ thể", "Tên chủ thể", "Mã sản phẩm"]


def producers_file(n, *, start=0):
    places = [("Na Rì", "Côn Minh"), ("Chợ Mới", "Nông Hạ")]
    rows = [
        [f"HTX số {i}", "Hợp tác xã", f"47{i:08d}", *places[i % 2], 20, 12]
        for i in range(start, start + n)  # every commune and district in both files
    ]
    return xlsx(HEADINGS, rows, name=f"chu-the-{n}.xlsx")


def statements(kind, upload, user, *, dry_run=False):
    with CaptureQueriesContext(connection) as queries:
        result = run(kind, upload, user, dry_run=dry_run)
    assert result.ok, result.errors
    return len(queries), result


@pytest.mark.parametrize("dry_run", [True, False])
def test_statements_of_a_producers_import_do_not_grow_with_its_rows(area, officer, dry_run):
    few, result = statements(PRODUCERS, producers_file(10), officer, dry_run=dry_run)
    assert counts(result) == (10, 0, 0, 0)
    many, result = statements(PRODUCERS, producers_file(50, start=100), officer, dry_run=dry_run)
    assert counts(result) == (50, 0, 0, 0)
    assert many <= few + 2, (few, many)
    assert many <= 25


def test_statements_of_a_products_import_do_not_grow_with_its_rows(area, officer):
    run(PRODUCERS, producers_file(50), officer)

    def products_file(n, name):
        rows = [[f"{name} {i}", f"47{i:08d}", f"HTX số {i}", ""] for i in range(n)]
        return xlsx(PRODUCT_HEADINGS, rows, name=f"san-pham-{n}.xlsx")

    few, result = statements(PRODUCTS, products_file(10, "Miến dong"), officer)
    assert counts(result) == (10, 0, 0, 0)
    many, result = statements(PRODUCTS, products_file(50, "Mật ong"), officer)
    assert counts(result) == (50, 0, 0, 0)
    assert many <= few + 2, (few, many)
    assert many <= 25


def test_every_row_created_together_leaves_its_audit_event_with_the_import_context(area, officer):
    result = run(PRODUCERS, producers_file(30), officer)
    assert result.committed and result.new == 30
    events = Producer.pgh_event_model.objects.filter(pgh_label="insert").select_related("pgh_context")
    assert events.count() == 30
    assert {event.pgh_obj_id for event in events} == set(Producer.objects.values_list("pk", flat=True))
    contexts = {event.pgh_context_id for event in events}
    assert len(contexts) == 1  # one import, one context
    metadata = events[0].pgh_context.metadata
    assert (metadata["source"], metadata["user"], metadata["username"]) == (SOURCE_IMPORT, officer.pk, "officer")
    assert (metadata["import_kind"], metadata["import_file"]) == ("producers", "chu-the-30.xlsx")


def test_a_dry_run_leaves_no_record_and_no_event(area, officer):
    result = run(PRODUCERS, producers_file(30), officer, dry_run=True)
    assert counts(result) == (30, 0, 0, 0) and not result.committed
    assert not Producer.objects.exists()
    assert not Producer.pgh_event_model.objects.exists()


def test_bad_rows_among_good_ones_get_their_own_messages_and_nothing_is_written(area, officer):
    rows = [[f"HTX số {i}", "Hợp tác xã", f"47{i:08d}", "Na Rì", "Côn Minh", 20, 12] for i in range(40)]
    rows[7][6] = 25  # more women than workers: the model's clean()
    rows[31][1] = "Doanh nghiệp nhỏ và vừa"  # an enterprise must say which kind
    result = run(PRODUCERS, xlsx(HEADINGS, rows), officer)
    assert counts(result) == (38, 0, 0, 2)
    assert [str(error) for error in result.errors] == [
        "Dòng 9, cột Lao động nữ: Số lao động nữ không được lớn hơn tổng số lao động.",
        "Dòng 33, cột Loại doanh nghiệp: Doanh nghiệp phải chọn loại: công ty TNHH, công ty cổ phần hoặc "
        "doanh nghiệp tư nhân.",
    ]
    assert not result.committed and not Producer.objects.exists()


def test_a_row_the_database_refuses_is_found_and_reported_as_on_its_own(area, officer):
    """Two new products with one product code pass the checks in memory; the unique index refuses the
    insert, and the row is reported with the message the one-row service gives."""
    producer = factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    rows = [[f"Miến dong {i}", "4700123456", "HTX Tài Hoan", ""] for i in range(20)]
    rows[3][3] = rows[15][3] = "06-02173-001-2020"
    result = run(PRODUCTS, xlsx(PRODUCT_HEADINGS, rows), officer)
    assert counts(result) == (19, 0, 0, 1)
    assert not result.committed and not Product.objects.exists()
    [error] = result.errors
    assert (error.line, error.column) == (17, "Mã sản phẩm")

    factories.product(producer, name="Miến dong 3", code="06-02173-001-2020")
    with pytest.raises(ValidationError) as alone:
        product_services.product_create(
            user=officer, name="Miến dong 15", producer=producer, origin_commune=area["con_minh"], code=rows[3][3]
        )
    assert alone.value.message_dict == {"code": [error.message]}


def test_a_later_row_sees_a_producer_created_by_an_earlier_row_of_the_same_batch(area, officer):
    """Without a tax code a row matches by name in its commune: here the producer an earlier row creates."""
    rows = [
        ["HTX Tài Hoan", "Hợp tác xã", "4700123456", "Na Rì", "Côn Minh", 20, None],
        ["HTX Tài Hoan", "Hợp tác xã", None, "Na Rì", "Côn Minh", 25, None],
    ]
    result = run(PRODUCERS, xlsx(HEADINGS, rows), officer)
    assert counts(result) == (1, 1, 0, 0), result.errors
    producer = Producer.objects.get()
    assert (producer.tax_code, producer.workforce_total) == ("4700123456", 25)


def test_a_product_on_a_producer_the_user_only_sees_is_refused_among_products_in_scope(area):
    """The batch's scope check (one query) finds the row, and the row gets the one-row service's message."""
    reader = factories.user("nari_wide", role="area_staff", unit_obj=area["na_ri"], view_unit=area["province"])
    factories.producer(area["con_minh"], name="HTX Tài Hoan", tax_code="4700123456")
    factories.producer(area["nong_ha"], name="HTX Nông Hạ", tax_code="4700000002")
    headings = ["Tên sản phẩm", "Mã số thuế chủ thể", "Tên chủ thể", "Xã/phường nơi sản xuất"]
    rows = [[f"Miến dong {i}", "4700123456", "HTX Tài Hoan", ""] for i in range(12)]
    rows.insert(5, ["Mật ong", "4700000002", "HTX Nông Hạ", "Côn Minh"])  # made in Côn Minh, in scope
    result = run(PRODUCTS, xlsx(headings, rows), reader)
    assert counts(result) == (12, 0, 0, 1)
    [error] = result.errors
    assert (error.line, error.column) == (7, "Tên chủ thể")
    assert error.message.endswith("“HTX Nông Hạ” nằm ngoài địa bàn bạn được giao quản lý.")
    assert not result.committed and not Product.objects.exists()
