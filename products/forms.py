"""Forms of the portal pages for products and registrations. They collect input; services decide.

Choices come from ``editable_by(user)``: district staff cannot pick another district's producer.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizations.forms import CommuneChoiceField, current_communes
from organizations.models import Producer
from products.models import Product, ProductSet, Registration
from products.services import MANUAL_PRODUCT_STATUSES

CURRENT_SCHEME = "148-2023"  # 148/2023 = 26/2026 (ocop.md §2.3): the classification new products use


class ServiceFormMixin:
    """Model rules are checked by the service (one place); the form only parses the input."""

    def _post_clean(self):
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ProductForm(ServiceFormMixin, forms.ModelForm):
    certifications = forms.TypedMultipleChoiceField(
        label=_("Chứng nhận"),
        choices=Product.Certification.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "producer",
            "product_set",
            "origin_commune",
            "code",
            "description",
            "story",
            *Product.PRODUCTION_FIELDS,
            "status",
        ]
        field_classes = {"origin_commune": CommuneChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = Producer.objects.editable_by(user).order_by("name")
        self.fields["origin_commune"].queryset = current_communes(user, keep=self.instance.origin_commune_id)
        self.fields["product_set"].queryset = ProductSet.objects.filter(
            group__branch__scheme__code=CURRENT_SCHEME
        ).select_related("group")
        allowed = set(MANUAL_PRODUCT_STATUSES) | {self.instance.status}
        self.fields["status"].choices = [(v, label) for v, label in Product.Status.choices if v in allowed]


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Ảnh sản phẩm"), help_text=_("JPEG, PNG hoặc WebP, tối đa 5 MB."))
    caption = forms.CharField(label=_("Chú thích"), max_length=200, required=False)


class RegistrationForm(forms.Form):
    product = forms.ModelChoiceField(label=pgettext_lazy("one record", "Sản phẩm"), queryset=Product.objects.none())
    year = forms.IntegerField(label=_("Năm đăng ký"))
    evaluation_type = forms.ChoiceField(
        label=_("Loại đánh giá"), choices=Registration.EvaluationType.choices, initial="first"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            Product.objects.editable_by(user).select_related("producer").order_by("producer__name", "name")
        )
        self.fields["product"].label_from_instance = lambda product: f"{product.name} — {product.producer.name}"
        self.fields["year"].initial = timezone.localdate().year


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp"))
