"""The project's select template (options written inline) renders exactly what Django's
stock template does: groups, the selected option, attributes, escaping."""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer

CHOICES = [
    ("", "전체"),
    ("광역", [("11", "서울특별시"), ("26", '부산 "광역" <시>')]),
    ("29", "광주광역시 (2026-07-01 폐지 → 광주전남통합특별시)"),
]


def test_inline_options_render_as_the_stock_template():
    for widget in (
        forms.Select(attrs={"class": "krds-form-select", "aria-describedby": "hint"}, choices=CHOICES),
        forms.SelectMultiple(attrs={"class": "krds-form-select", "required": True}, choices=CHOICES),
    ):
        for value in ("26", ["11", "29"], None):
            ours = widget.render("region", value, attrs={"id": "id_region"}, renderer=get_default_renderer())
            stock = widget.render("region", value, attrs={"id": "id_region"}, renderer=DjangoTemplates())
            assert ours == stock
            if value == "26":
                assert 'value="26" selected>부산 &quot;광역&quot; &lt;시&gt;</option>' in ours
                assert '<optgroup label="광역">' in ours
