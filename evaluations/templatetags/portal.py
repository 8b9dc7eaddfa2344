"""Template helpers of the portal pages: the role's menu, stars, status badges and QR codes.

They live in the top app (``evaluations``) because the menu spans every app's pages.
"""

import segno
from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluations.models import CouncilMember
from organizations import accounts
from organizations.views_common import portal_role

register = template.Library()


def _menu_items(user):
    """(url name, label) pairs for the user's role: each role sees the pages of its job."""
    items = [("home", _("Trang chủ")), ("catalogue", _("Sản phẩm OCOP"))]
    role = portal_role(user)
    if role in ("officer", "area_staff"):
        items += [
            ("dashboard", _("Tổng quan")),
            ("area-producers", _("Chủ thể")),
            ("area-products", _("Sản phẩm")),
            ("area-registrations", _("Hồ sơ đăng ký")),
        ]
    if role == "officer":
        items += [
            ("review-queue", _("Tiếp nhận hồ sơ")),
            ("councils", _("Hội đồng")),
            ("certificates", _("Giấy chứng nhận")),
            ("plans", _("Kế hoạch")),
            ("year-summary", _("Báo cáo năm")),
        ]
    if user.is_authenticated and CouncilMember.objects.filter(user=user).exists():
        items.append(("my-sessions", _("Phiên chấm điểm")))
    return items


@register.simple_tag(takes_context=True)
def portal_menu(context):
    request = context["request"]
    menu = []
    for name, label in _menu_items(request.user):
        url = reverse(name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        menu.append({"url": url, "label": label, "current": current})
    return menu


@register.simple_tag
def stars(value, total=5):
    """★★★☆☆ with a spoken label; an empty value reads "chưa xếp hạng"."""
    if not value:
        return format_html('<span class="muted">{}</span>', _("Chưa xếp hạng"))
    label = ngettext("%(n)d sao", "%(n)d sao", value) % {"n": value}
    return format_html(
        '<span class="stars" role="img" aria-label="{}">{}<span class="off">{}</span></span>',
        label,
        "★" * value,
        "★" * (total - value),
    )


@register.filter
def person_name(user):
    return accounts.display_name(user)


@register.filter
def lookup(mapping, key):
    return mapping.get(key)


@register.filter
def star_symbols(value):
    return "★" * (value or 0)


@register.simple_tag
def badge(value, label):
    """A status badge; the CSS class is the status code (``draft``, ``returned`` ...)."""
    return format_html('<span class="badge {}">{}</span>', value, label)


@register.simple_tag(takes_context=True)
def qr_code(context, path, label=""):
    """An inline SVG QR code of the absolute URL of ``path`` (segno; no external service)."""
    url = context["request"].build_absolute_uri(path)
    svg = segno.make(url, error="m").svg_inline(scale=4, omitsize=True, title=label or url)
    return mark_safe(svg)  # noqa: S308 - segno output: markup built from the QR matrix, url escaped
