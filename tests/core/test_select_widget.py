"""The project's select rendering (apps.core.form_renderer) is exactly what Django's
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
        forms.Select(attrs={"disabled": False, "data-note": 'a "b" <c>'}, choices=[(2026, 2026), (2025, "2025년")]),
    ):
        for value in ("26", ["11", "29"], None, 2026):
            ours = widget.render("region", value, attrs={"id": "id_region"}, renderer=get_default_renderer())
            stock = widget.render("region", value, attrs={"id": "id_region"}, renderer=DjangoTemplates())
            assert ours == stock
            if value == "26" and widget.choices == CHOICES:
                assert 'value="26" selected>부산 &quot;광역&quot; &lt;시&gt;</option>' in ours
                assert '<optgroup label="광역">' in ours


def test_a_null_boolean_select_renders_as_the_stock_template():
    widget = forms.NullBooleanSelect()
    for value in (True, False, None):
        assert widget.render("ok", value, renderer=get_default_renderer()) == widget.render(
            "ok", value, renderer=DjangoTemplates()
        )
