# Examples for `semgrep --test tools/semgrep/`: each "ruleid" line must be found, each "ok" line
# must not, so the rules are proven to fire (a check that cannot fail is no check). Never imported.
# ruff: noqa
from django.db import connection
from django.template import Template, engines
from django.utils.safestring import mark_safe
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

    # ruleid: file-response-without-attachment
    FileResponse(open("x", "rb"))
    # ok: file-response-without-attachment
    FileResponse(open("x", "rb"), as_attachment=True)


# ruleid: csrf-exempt
@csrf_exempt
def webhook(request):
    pass
