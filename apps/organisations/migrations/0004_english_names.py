"""English names marked verified or not; MOLIT units get an English-name column (issue 15).

Only a verified English name is shown on English pages; otherwise the Korean name is.
"""

from django.db import migrations, models

from apps.organisations import reference


def load(apps, schema_editor):
    reference.load_english_names(apps.get_model)


def verified_flag():
    return models.BooleanField(
        default=False,
        help_text="참고자료에서 확인된 영문 명칭일 때만 영어 화면에 씁니다. 확인되지 않으면 한글 명칭을 보입니다.",
        verbose_name="영문 명칭 확인됨",
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_clean_control_characters")]

    operations = [
        migrations.AddField(
            model_name="department",
            name="name_en",
            field=models.CharField(blank=True, max_length=120, verbose_name="영문 명칭"),
        ),
        *[
            migrations.AddField(model_name=model, name="name_en_verified", field=verified_flag())
            for model in ("region", "body", "department", "partnerorganisation")
        ],
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
