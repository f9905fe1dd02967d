"""Query expressions for the selectors that work on PostgreSQL (production and CI) and on SQLite
(the embedded default that ``bin/demo`` runs on) alike.

The detail pages fetch their child rows as part of the object's own query (QUALITY B1: a query
count that does not grow with the rows). On PostgreSQL that is ``ARRAY(subquery)``; SQLite has
no arrays, so there the same rows come as a JSON array that is decoded here. Without these the
demo answered 500 on every secret item, leak case and motion page (found by a walk through the
demo in a browser; tests/portal/test_queries.py and the SQLite crawl in bin/test keep it so).
"""

import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, Func, IntegerField, JSONField, QuerySet, Subquery, Value
from django.db.models.functions import Cast


class Rows(ArraySubquery):
    """The rows of a correlated queryset with one column named ``row`` (a ``JSONObject`` or a
    plain value) as a list in the outer query's row, in the subquery's order."""

    sqlite_template = "(SELECT json_group_array(rows.row) FROM (%(subquery)s) AS rows)"
    # json(): a JSON object made inside the subquery reaches the aggregate as text.
    sqlite_json_template = "(SELECT json_group_array(json(rows.row)) FROM (%(subquery)s) AS rows)"

    def as_sqlite(self, compiler, connection, **extra_context):
        is_json = isinstance(self.query.output_field, JSONField)
        template = self.sqlite_json_template if is_json else self.sqlite_template
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def get_db_converters(self, connection):
        if connection.vendor == "sqlite":
            return [_json_list]
        return super().get_db_converters(connection)


def _json_list(value, expression, connection):
    return json.loads(value) if value else []


class SubqueryCount(Subquery):
    """The number of rows of a correlated queryset (one filtered on an ``OuterRef``).

    B1: ``annotate(n=Count("children"))`` joins and groups every row of the list before the page
    is cut, so a list page costs its whole table; a subquery is evaluated for the rows shown."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)


class DayMonthYear(Func):
    """A date as the pages show it (dd-mm-jjjj), computed in the query."""

    function = "strftime"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(Value("%d-%m-%Y"), expression, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        to_char = self.copy()
        to_char.set_source_expressions([self.get_source_expressions()[1], Value("DD-MM-YYYY")])
        return to_char.as_sql(compiler, connection, function="to_char", **extra_context)


def with_list_element(qs: QuerySet, field: str, value: str) -> QuerySet:
    """The rows of ``qs`` whose JSON list ``field`` holds the string ``value`` (a code such as a
    Woo ground). Matched on the list's text with the value's quotes: a code is never found
    inside another one."""
    alias = f"{field}_as_text"
    return qs.alias(**{alias: Cast(field, CharField())}).filter(
        **{f"{alias}__contains": json.dumps(value)}
    )
