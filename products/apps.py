from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_classification(using="default", **kwargs):
    """``post_migrate`` receiver: the classification is reference data every database must hold.

    The data migration loads it once; ``flush`` (run between transactional tests, or by hand)
    empties the tables and then sends ``post_migrate``, so the rows come back here.
    """
    from products.classification_data import SCHEMES, load_classification
    from products.models import Branch, ClassificationScheme, ProductGroup, ProductSet

    if ClassificationScheme.objects.using(using).count() >= len(SCHEMES):
        return
    load_classification(ClassificationScheme, Branch, ProductGroup, ProductSet)


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Sản phẩm và đăng ký")

    def ready(self):
        post_migrate.connect(ensure_classification, sender=self, dispatch_uid="ocop_ensure_classification")
