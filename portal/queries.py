"""Query expressions shared by the selectors.

The detail pages fetch their child rows as part of the object's own query (QUALITY B1: a query
count that does not grow with the rows), as ``ARRAY(subquery)``. PostgreSQL is the only engine
(X8), so these are written for it alone.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    CharField,
    F,
    Func,
    IntegerField,
    QuerySet,
    Subquery,
    Value,
)


class Rows(ArraySubquery):
    """The rows of a correlated queryset with one column named ``row`` (a ``JSONObject`` or a
    plain value) as a list in the outer query's row, in the subquery's order."""


class SubqueryCount(Subquery):
    """The number of rows of a correlated queryset (one filtered on an ``OuterRef``).

    B1: ``annotate(n=Count("children"))`` joins and groups every row of the list before the page
    is cut, so a list page costs its whole table; a subquery is evaluated for the rows shown."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)


class InSubquery(Func):
    """``field = ANY(ARRAY(subquery))``: ``field`` is one of the (uncorrelated) subquery's
    values, computed once for the query (an init plan).

    B9: ``field__in=subquery`` inside an OR becomes a hashed subplan that PostgreSQL checks
    against every row of the table, so a table that grows with the installation (every
    municipality's recording grants) is read whole; with the values as an array the OR can use
    each column's index, and the rows read stay those of the user."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()

    def __init__(self, field: str, queryset: QuerySet, **extra):
        super().__init__(F(field), ArraySubquery(queryset.order_by()), **extra)


class DayMonthYear(Func):
    """A date as the pages show it (dd-mm-jjjj), computed in the query."""

    function = "to_char"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value("DD-MM-YYYY"), **extra)


def with_list_element(qs: QuerySet, field: str, value: str) -> QuerySet:
    """The rows of ``qs`` whose JSON list ``field`` holds the string ``value`` (a code such as a
    Woo ground): jsonb containment, so a code is never found inside another one."""
    return qs.filter(**{f"{field}__contains": [value]})
