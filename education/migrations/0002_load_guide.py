from django.db import migrations

from education.loader import guide_load, guide_unload


def load(apps, schema_editor):
    guide_load(apps)


def unload(apps, schema_editor):
    guide_unload(apps)


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
