"""A1: the permission matrix. Every URL pattern × every principal × method is requested and its
outcome compared with a declarative matrix; a URL that no rule covers fails the suite.

Rules live in ``tests/<app>/matrix_rules.py`` as ``RULES = [Rule(...), ...]``. A rule matches
URL keys (``namespace:name``, or ``path:<route>`` for unnamed patterns) by glob; the first
matching rule wins. Expected outcomes are per principal and method; a principal not listed takes
the rule's ``default``.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Outcomes
ALLOW = "allow"  # the view ran: 2xx, 400 (form errors) or a redirect that is not a sign-in
LOGIN = "login"  # redirected to a sign-in page
UNAUTHENTICATED = "401"  # a JSON API's answer to a caller not signed in (portal.api)
DENY = "deny"  # 403
NOT_FOUND = "404"
NO_METHOD = "405"
ANY = "any"  # self-service pages of libraries about the user's own account: any non-5xx
DENIALS = {LOGIN, UNAUTHENTICATED, DENY, NOT_FOUND, NO_METHOD}

METHODS = ("GET", "POST")

PRINCIPALS = (
    "anonymous",
    "clerk",
    "civil_servant",
    "privacy_officer",
    "integrity_officer",
    "management",
    "council_member",
    "administrator",
    "other_municipality_admin",
    "other_municipality_clerk",
    "other_domain_clerk",
    "inactive",
    "superuser",
)


# Principals of another municipality than Alfa's objects, or of none (the service centre).
OUTSIDE_ALFA = {"other_municipality_admin", "other_municipality_clerk", "superuser"}


@dataclass
class Rule:
    pattern: str  # glob over URL keys
    expect: dict[str, dict[str, str] | str] = field(default_factory=dict)
    default: dict[str, str] | str = DENY
    kwargs: Callable | None = None  # (ctx, key, kwarg_names) -> dict
    path: Callable | None = None  # (ctx, key) -> a concrete path, for unnamed regex patterns
    expect_fn: Callable | None = None  # (ctx, key, principal, method) -> outcome
    note: str = ""
    # The URL names one of Alfa's objects: whoever is outside Alfa and would be refused gets
    # 404 instead (T1, issue 14 finding 12: a 403 says the object exists).
    scoped: bool = False

    def expected(self, ctx, key, principal, method) -> str:
        outcome = self._expected(ctx, key, principal, method)
        if self.scoped and outcome == DENY and principal in OUTSIDE_ALFA:
            return NOT_FOUND
        return outcome

    def _expected(self, ctx, key, principal, method) -> str:
        if self.expect_fn is not None:
            return self.expect_fn(ctx, key, principal, method)
        value = self.expect.get(principal, self.default)
        if isinstance(value, dict):
            return value.get(method, value.get("*", DENY))
        return value


def out_of_scope_is_404(rules: list[Rule], *names: str) -> list[Rule]:
    """Marks the rules of ``names`` (their patterns, exactly) as :attr:`Rule.scoped`."""
    found = set()
    for rule in rules:
        if rule.pattern in names:
            rule.scoped = True
            found.add(rule.pattern)
    assert found == set(names), set(names) - found
    return rules


@dataclass(frozen=True)
class UrlEntry:
    key: str
    name: str | None
    route: str
    kwarg_names: tuple[str, ...]
    n_args: int = 0  # unnamed groups (simple_history's admin URLs)


def walk_urls(patterns=None, prefix="", namespace=None, outer_kwargs=(), outer_args=0):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        kwarg_names = (*outer_kwargs, *p.pattern.regex.groupindex)
        n_args = outer_args + p.pattern.regex.groups - len(p.pattern.regex.groupindex)
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in [namespace, p.namespace] if x) or None
            yield from walk_urls(p.url_patterns, prefix + str(p.pattern), ns, kwarg_names, n_args)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            key = name or f"path:{route}"
            yield UrlEntry(key, name, route, tuple(kwarg_names), n_args)


def load_rules() -> list[Rule]:
    rules: list[Rule] = []
    root = Path(__file__).parent
    for module_path in sorted(root.glob("*/matrix_rules.py")):
        module = importlib.import_module(f"tests.{module_path.parent.name}.matrix_rules")
        rules.extend(module.RULES)
    return rules


def rule_for(rules, key) -> Rule | None:
    for rule in rules:
        if fnmatch.fnmatchcase(key, rule.pattern):
            return rule
    return None


_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def build_path(entry: UrlEntry, kwargs: dict) -> str:
    if entry.name:
        if "__args__" in kwargs:
            return reverse(entry.name, args=kwargs["__args__"])
        return reverse(entry.name, kwargs=kwargs)
    path = _ROUTE_PARAM.sub(lambda m: str(kwargs[m.group(1)]), entry.route)
    return "/" + path


def path_for(rule: Rule, ctx, entry: UrlEntry) -> str:
    """The concrete path the matrix requests for ``entry``: the rule's own path for unnamed
    patterns, else the URL reversed with the rule's objects (made only when the URL needs them)."""
    if rule.path is not None:
        return rule.path(ctx, entry)
    needs_args = entry.kwarg_names or entry.n_args
    return build_path(entry, rule.kwargs(ctx, entry) if (rule.kwargs and needs_args) else {})


LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def classify(response, path: str = "") -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        if any(location.startswith(p) for p in LOGIN_PATHS) or "/login/?next=" in location:
            return LOGIN
        if location == "/admin/" and path not in ("/admin/login/", "/admin/logout/"):
            return NOT_FOUND  # the admin's answer to an object that does not exist for you
        return ALLOW
    if status == 401:
        return UNAUTHENTICATED
    if status == 403:
        return DENY
    if status == 404:
        return NOT_FOUND
    if status == 405:
        return NO_METHOD
    if status >= 500:
        return f"error-{status}"
    return ALLOW


@dataclass
class Report:
    urls: int = 0
    cells: int = 0
    unexpected_allow: list = field(default_factory=list)
    unexpected_deny: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)

    def line(self, principals: int) -> str:
        return (
            f"A1 permission-matrix: urls={self.urls} roles={principals} cells={self.cells} "
            f"unexpected_allow={len(self.unexpected_allow)} "
            f"unexpected_deny={len(self.unexpected_deny)} mismatched={len(self.mismatched)} "
            f"errors={len(self.errors)} unmapped={len(self.unmapped)}"
        )

    def record(self, cell, expected, actual):
        self.cells += 1
        if expected == ANY:
            if actual.startswith("error"):
                self.errors.append((*cell, expected, actual))
            return
        if actual == expected:
            return
        if actual.startswith("error"):
            self.errors.append((*cell, expected, actual))
        elif actual == ALLOW and expected in DENIALS:
            self.unexpected_allow.append((*cell, expected, actual))
        elif expected == ALLOW and actual in DENIALS:
            self.unexpected_deny.append((*cell, expected, actual))
        else:
            self.mismatched.append((*cell, expected, actual))
