"""Forms of the portal pages for producers. They collect input; ``organizations.services`` decides.

Choices come from ``editable_by(user)``: district staff cannot even pick another district's commune.
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import AdministrativeUnit, Producer

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"})


def current_communes(user, keep=None):
    """Communes the user may put records in: their edit scope, units still in force (plus ``keep``)."""
    today = timezone.localdate()
    in_force = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    if keep is not None:
        in_force |= Q(pk=keep)
    return (
        AdministrativeUnit.objects.editable_by(user)
        .filter(in_force, level=AdministrativeUnit.Level.COMMUNE)
        .select_related("parent")
        .order_by("path")
    )


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}, {obj.parent}" if obj.parent_id else str(obj)


class ProducerForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = [
            "name",
            "legal_form",
            "enterprise_kind",
            "community_capital_majority",
            "tax_code",
            "registration_number",
            "founded_on",
            "address",
            "commune",
            "phone",
            "email",
            "website",
            "representative_name",
            "representative_title",
            "representative_gender",
            "representative_ethnicity",
            "representative_disability",
            "workforce_total",
            "workforce_local",
            "workforce_women",
            "status",
        ]
        field_classes = {"commune": CommuneChoiceField}
        widgets = {"founded_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = current_communes(user, keep=self.instance.commune_id)

    def _post_clean(self):
        """Model rules are checked by the service (one place); the form only parses input."""
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
