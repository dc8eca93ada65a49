"""A select's empty choice says what to do ("선택하세요"), never Django's dashes."""

from django import forms
from django.contrib.auth.models import Group

from apps.core.forms import KrdsFormMixin


class Example(KrdsFormMixin, forms.Form):
    group = forms.ModelChoiceField(queryset=Group.objects.none(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "가")], required=False)
    named = forms.ChoiceField(choices=[("", "지역을 고르세요"), ("a", "가")], required=False)


def test_empty_choices_read_select_please(db):
    html = str(Example())
    assert "---------" not in html
    assert html.count("선택하세요") == 2
    assert "지역을 고르세요" in html  # a form's own wording stays
