# Examples for `semgrep --test tools/semgrep/`: each "ruleid" line must be found, each "ok" line
# must not, so the rules are proven to fire (a check that cannot fail is no check). Never imported.
# ruff: noqa
from django.db import connection
from django.template import Context, Engine, Template, engines
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.csrf import csrf_exempt
from weasyprint import HTML


def examples(request, user_text, cursor, pk, html):
    # ruleid: template-from-user-input
    Template(user_text)
    # ruleid: template-from-user-input
    engines["django"].from_string(request.GET["t"])
    # ok: template-from-user-input
    Template("{{ value }}")

    # ruleid: weasyprint-without-safe-fetcher
    HTML(string=html).write_pdf()
    # ok: weasyprint-without-safe-fetcher
    HTML(string=html, url_fetcher=safe_url_fetcher).write_pdf()

    # ruleid: raw-sql-with-formatting
    cursor.execute(f"SELECT * FROM portal_user WHERE id = {pk}")
    # ruleid: raw-sql-with-formatting
    cursor.execute("SELECT * FROM portal_user WHERE id = %s" % pk)
    # ruleid: raw-sql-with-formatting
    User.objects.raw("SELECT * FROM portal_user WHERE id = {}".format(pk))
    # ok: raw-sql-with-formatting
    cursor.execute("SELECT * FROM portal_user WHERE id = %s", [pk])

    # ruleid: mark-safe-on-formatted-string
    mark_safe(f"<b>{user_text}</b>")
    # ok: mark-safe-on-formatted-string
    mark_safe("<b>constant</b>")

    # ruleid: mark-safe-on-a-value
    mark_safe(user_text)
    # ruleid: mark-safe-on-a-value
    SafeString(request.POST["note"])
    # ok: mark-safe-on-a-value
    mark_safe(' aria-current="page"')

    # ruleid: format-html-with-a-built-format
    format_html("<p>" + user_text + "</p>")
    # ruleid: format-html-with-a-built-format
    format_html(user_text)
    # ruleid: format-html-with-a-built-format
    format_html_join("", user_text, rows)
    # ok: format-html-with-a-built-format
    format_html("<p>{}</p>", user_text)
    # ok: format-html-with-a-built-format
    format_html_join("", "<li>{}</li>", rows)

    # ruleid: autoescape-switched-off
    Engine(dirs=["templates"], autoescape=False)
    # ruleid: autoescape-switched-off
    Context({"note": user_text}, autoescape=False)
    # ruleid: autoescape-switched-off
    TEMPLATES = [{"BACKEND": "x", "OPTIONS": {"autoescape": False}}]
    # ok: autoescape-switched-off
    Engine(dirs=["templates"])

    # ruleid: file-response-without-attachment
    FileResponse(open("x", "rb"))
    # ok: file-response-without-attachment
    FileResponse(open("x", "rb"), as_attachment=True)


# ruleid: csrf-exempt
@csrf_exempt
def webhook(request):
    pass
