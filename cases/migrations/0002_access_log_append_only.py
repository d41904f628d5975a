"""The access log is append-only in the database itself, not only in the application.

PostgreSQL refuses UPDATE and DELETE (TRUNCATE, used by test flushes and by a deliberate
purge after the retention period, is a table-level statement and stays possible).
SQLite refuses UPDATE; its test flush deletes rows, so DELETE stays open there.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_accesslog_no_change
    BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS cases_accesslog_no_change ON cases_accesslogentry;
DROP FUNCTION IF EXISTS cases_accesslog_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER cases_accesslog_no_update BEFORE UPDATE ON cases_accesslogentry
BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS cases_accesslog_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
