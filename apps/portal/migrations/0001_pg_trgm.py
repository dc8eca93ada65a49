"""PostgreSQL's pg_trgm, for similarity search in the public list (``selectors``).

Only on PostgreSQL, and only if the database role may create the extension: without it
the search falls back silently to substring matching, so a role without the privilege
(managed databases often) must not fail the deployment.
"""

from django.db import DatabaseError, migrations, transaction


def create_pg_trgm(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        # A savepoint: a refused CREATE must not abort the migration's transaction.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        pass


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(create_pg_trgm, migrations.RunPython.noop, elidable=True)]
