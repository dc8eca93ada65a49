"""The project's form renderer: widgets render with the project's templates
(``TemplatesSetting``) except a select, whose markup is written here. Django's template
includes one template per option and one more for its attributes, which made the public
filter form (~90 options) cost more than the page's data. The output is Django's, byte for
byte (``tests/core/test_select_widget.py``)."""

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _text(value) -> str:
    # ``{{ value|stringformat:'s' }}`` in an autoescaping template
    return conditional_escape(value if hasattr(value, "__html__") else f"{value}")


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone
    return "".join(
        f" {name}" if value is True else f' {name}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name != SELECT:
            return super().render(template_name, context, request)
        widget = context["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append("\n  ")
                if option["template_name"] == OPTION:
                    value, label = _text(option["value"]), conditional_escape(option["label"])
                    parts.append(f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
                else:
                    parts.append(super().render(option["template_name"], {**context, "widget": option}, request))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
