from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import KrdsFormMixin


class ImportUploadForm(KrdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("작성한 서식 파일(.xlsx)"),
        help_text=_("내려받은 서식에 작성해 .xlsx로 저장한 파일을 올려 주세요. 10 MB, 10,000행까지 올릴 수 있습니다."),
        error_messages={"required": _("올릴 파일을 선택해 주세요."), "empty": _("빈 파일입니다.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class LedgerUploadForm(KrdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("고친 관리대장(.xlsx)"),
        help_text=_(
            "내려받은 관리대장에서 내 역할의 열만 고쳐 .xlsx로 저장한 파일을 올려 주세요. 10 MB까지 올릴 수 있습니다."
        ),
        error_messages={"required": _("올릴 파일을 선택해 주세요."), "empty": _("빈 파일입니다.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
