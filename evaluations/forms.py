"""Forms of the officers' pages: they collect input; ``evaluations.services`` decides."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations.models import Certificate
from organizations.models import IssuingAuthority
from products.models import Registration

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"})


class OpenEvaluationForm(forms.Form):
    registration = forms.ModelChoiceField(label=_("Hồ sơ đã tiếp nhận"), queryset=Registration.objects.none())

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            Registration.objects.editable_by(user)
            .filter(status=Registration.Status.ACCEPTED)
            .exclude(evaluations__council=council)
            .select_related("product__producer")
            .order_by("product__name")
        )
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.product.name} — {r.product.producer.name} ({r.year})"
        )


class FinalizeForm(forms.Form):
    spread_override_reason = forms.CharField(
        label=_("Lý do chấp nhận chênh lệch điểm (nếu có)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CertificateIssueForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_WIDGET)
    issued_on = forms.DateField(label=_("Ngày cấp"), widget=DATE_WIDGET)
    authority = forms.ModelChoiceField(
        label=_("Cơ quan công nhận"),
        queryset=IssuingAuthority.objects.all(),
        required=False,
        help_text=_("Để trống: cơ quan của hội đồng."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["decision_date"].initial = today
        self.fields["issued_on"].initial = today


class CertificateRevokeForm(forms.Form):
    ground = forms.ChoiceField(label=_("Căn cứ thu hồi"), choices=Certificate.RevocationGround.choices)
    decision = forms.CharField(label=_("Quyết định thu hồi"), max_length=60)
    revoked_on = forms.DateField(label=_("Ngày thu hồi"), widget=DATE_WIDGET)


class YearSummaryQueryForm(forms.Form):
    """The year summary page's question, bounded like the API's (``SummaryQuerySerializer``): a year
    from 2000 to 2100 and a unit code or path (a NUL or an overlong code is refused, not sent to SQL).
    The messages are the portal's own: Django's Vietnamese ones for numbers read poorly."""

    YEAR_RANGE = _("Năm phải là số nguyên từ 2000 đến 2100.")
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": YEAR_RANGE, "min_value": YEAR_RANGE, "max_value": YEAR_RANGE},
    )
    area = forms.CharField(
        label=_("Mã địa bàn"),
        max_length=60,
        required=False,
        error_messages={
            "null_characters_not_allowed": _("Mã địa bàn chứa ký tự không hợp lệ."),
            "max_length": _("Mã địa bàn dài quá 60 ký tự."),
        },
    )
