"""X3 and C8: PDF reports rendered in the background, with progress, fetching nothing from
outside, watermarked per recipient on every page, downloadable only by who may see them
(QUALITY C, D3, B1, B4). Task bodies are called directly (no eager mode)."""

import io
import re
import resource
import socket
import time
from datetime import timedelta

import pypdf
import pytest
from django.db import connection, transaction
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.audit import audit_record
from portal.background import run_message
from portal.models import AuditEvent, OutboxMessage, ReportJob, ReportStatus
from portal.reports import ReportError, ReportKind, register_report_kind, unregister_report_kind
from portal.reports import services as report_services
from portal.reports.pdf import RefusedURL, html_to_pdf, resolve_static_asset
from portal.reports.selectors import normalise_trace_code, trace_code_lookup
from portal.reports.services import StillRendering, report_render, report_request
from portal.roles import Role
from tests.factories import ReportJobFactory, UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def pdf_pages(job) -> list[str]:
    with job.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return [page.extract_text() for page in reader.pages]


def events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("seq"))


@pytest.fixture
def officer(world):
    return world.a.users[Role.PRIVACY_OFFICER]


@pytest.fixture
def requested(officer):
    return report_request(user=officer, kind="audit_extract", parameters={})


@pytest.fixture
def rendered(requested):
    assert report_render(job_id=requested.pk) == "done"
    requested.refresh_from_db()
    return requested


@pytest.fixture
def body_report_kind():
    """A kind about a subject (a body): whoever may see the body may download."""

    def may_view(user, job):
        body = job.subject
        return (
            user.has_perm("portal.view_bodies")
            and body is not None
            and body.municipality_id == user.municipality_id
        )

    kind = ReportKind(
        key="test_body_report",
        title="Orgaanrapport",
        template="pdf/base.html",
        build_context=lambda job: {},
        may_view=may_view,
    )
    register_report_kind(kind)
    yield kind
    unregister_report_kind(kind.key)


# --- request: job and outbox message together ---------------------------------------------


def test_x3_request_writes_the_job_and_its_outbox_message_in_one_transaction(officer):
    job = report_request(
        user=officer, kind="audit_extract", parameters={"action": "membership.add", "result": ""}
    )
    assert job.status == ReportStatus.QUEUED and job.progress == 0
    assert job.municipality == officer.municipality
    assert job.parameters == {
        "date_from": None,
        "date_to": None,
        "action": "membership.add",
        "result": "",
    }
    message = OutboxMessage.objects.get(task_name="portal.render_report")
    assert message.kwargs == {"job_id": job.pk} and message.queue == "pdf"
    (event,) = events("report.requested")
    assert event.actor_id == officer.pk and event.details["trace_code"] == job.trace_code


def test_x3_rolled_back_request_leaves_neither_job_nor_message(officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        report_request(user=officer, kind="audit_extract", parameters={})
        raise RuntimeError
    assert not ReportJob.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not events("report.requested")


def test_x3_request_is_refused_and_audited_for_who_may_not_read_the_audit_trail(world):
    from django.core.exceptions import PermissionDenied

    clerk = world.a.users[Role.CLERK]
    with pytest.raises(PermissionDenied):
        report_request(user=clerk, kind="audit_extract", parameters={})
    assert not ReportJob.objects.exists()
    (refusal,) = events("report.request", result="denied")
    assert refusal.actor_id == clerk.pk and refusal.details == {"rule": "X3"}


def test_x3_invalid_parameters_create_nothing(officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_request(
            user=officer,
            kind="audit_extract",
            parameters={"date_from": "2026-11-20", "date_to": "2026-11-01"},
        )
    assert not ReportJob.objects.exists() and not OutboxMessage.objects.exists()


# --- rendering: idempotent, with progress -------------------------------------------------


def test_x3_rendering_twice_has_one_effect_one_file(requested, private_storage):
    assert report_render(job_id=requested.pk) == "done"
    assert report_render(job_id=requested.pk) == "skipped"
    files = list((private_storage / "reports").rglob("*.pdf"))
    assert len(files) == 1
    requested.refresh_from_db()
    assert requested.status == ReportStatus.DONE and requested.progress == 100
    assert requested.file.name.endswith(".pdf") and str(requested.uuid) in requested.file.name
    assert requested.size == files[0].stat().st_size
    assert len(events("report.watermarked")) == 1


def test_x3_the_outbox_message_renders_the_job_once(requested):
    message = OutboxMessage.objects.get(task_name="portal.render_report")
    assert run_message(message.pk) == "done"
    assert run_message(message.pk) == "skipped"
    requested.refresh_from_db()
    assert requested.status == ReportStatus.DONE
    assert len(events("report.watermarked")) == 1


def test_x3_progress_is_committed_as_the_rendering_goes(requested, monkeypatch):
    seen = []
    original = report_services._progress

    def spy(job, claimed_at, percent, message):
        original(job, claimed_at, percent, message)
        # What the status page would read now, from the database.
        seen.append(ReportJob.objects.values_list("status", "progress").get(pk=job.pk))

    monkeypatch.setattr(report_services, "_progress", spy)
    report_render(job_id=requested.pk)
    assert [p for _, p in seen] == [5, 10, 30, 60, 90]
    assert {s for s, _ in seen} == {ReportStatus.RENDERING}
    requested.refresh_from_db()
    assert (requested.progress, requested.progress_message) == (100, "Klaar")
    assert requested.started_at <= requested.finished_at


def test_x3_a_live_rendering_is_left_alone_and_a_stale_one_is_taken_over(requested):
    ReportJob.objects.filter(pk=requested.pk).update(
        status=ReportStatus.RENDERING, started_at=timezone.now()
    )
    with pytest.raises(StillRendering):  # the outbox tries again later
        report_render(job_id=requested.pk)
    ReportJob.objects.filter(pk=requested.pk).update(
        started_at=timezone.now() - report_services.RENDER_LEASE - timedelta(seconds=1)
    )
    assert report_render(job_id=requested.pk) == "done"


def test_x3_a_failed_rendering_says_what_to_do_and_is_not_retried(officer, body_report_kind):
    def boom(job):
        raise ZeroDivisionError("interne details")

    register_report_kind(
        ReportKind(
            key="test_broken",
            title="Kapot",
            template="pdf/base.html",
            build_context=boom,
            may_view=lambda user, job: True,
        )
    )
    try:
        job = report_request(user=officer, kind="test_broken", parameters={})
        assert report_render(job_id=job.pk) == "failed"
        assert report_render(job_id=job.pk) == "skipped"
    finally:
        unregister_report_kind("test_broken")
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and not job.file
    assert job.trace_code in job.error_message and "interne details" not in job.error_message
    (failure,) = events("report.failed", result="failure")
    assert failure.details["error"] == "ZeroDivisionError"


def test_x3_a_report_error_is_shown_to_the_requester_as_written(officer):
    def too_much(job):
        raise ReportError("Te veel gegevens: kies een kortere periode.")

    register_report_kind(
        ReportKind("test_too_much", "Te veel", "pdf/base.html", too_much, lambda u, j: True)
    )
    try:
        job = report_request(user=officer, kind="test_too_much", parameters={})
        report_render(job_id=job.pk)
    finally:
        unregister_report_kind("test_too_much")
    job.refresh_from_db()
    assert job.error_message == "Te veel gegevens: kies een kortere periode."


# --- QUALITY C: the URL fetcher refuses everything but our static assets -----------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://127.0.0.1:9/x.png",
        "https://example.org/static/portal/pdf.css",
        "http://portal.invalid/static/portal/pdf.css",  # our static path, but not our origin
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://127.0.0.1/x.css",
        "https://portal.invalid/media/reports/x.pdf",
        "https://portal.invalid/static/../../../../etc/passwd",
        "https://portal.invalid/static/portal/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "https://portal.invalid/static//etc/passwd",
        "https://portal.invalid/static/portal/report-status.js",  # not an asset type for a PDF
        "https://portal.invalid/static/portal/missing.css",
    ],
)
def test_c_url_fetcher_refuses_everything_but_the_portals_static_assets(url):
    with pytest.raises(RefusedURL):
        resolve_static_asset(url)


def test_c_url_fetcher_serves_the_portals_own_stylesheet_from_local_disk():
    path, content_type = resolve_static_asset("https://portal.invalid/static/portal/pdf.css")
    assert path.endswith("static/portal/pdf.css") and content_type == "text/css"


def test_x3_template_reaching_for_local_files_and_the_network_renders_without_them(monkeypatch):
    """The issue's acceptance test: file:///etc/passwd and an http URL are not fetched, the PDF
    is still made, quickly, and no socket was opened."""
    connects = []
    monkeypatch.setattr(socket.socket, "connect", lambda *a: connects.append(a))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a))
    template = engines["django"].from_string(
        """<!DOCTYPE html><html lang="nl"><head><title>Aanval</title>
        <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
        <link rel="stylesheet" href="file:///etc/passwd">
        <style>@import url("file:///etc/passwd");
          body { background: url("http://127.0.0.1:9/bg.png"); }
          @font-face { font-family: X; src: url("http://127.0.0.1:9/f.woff"); }</style>
        </head><body><p>Inhoud blijft staan.</p>
        <img src="file:///etc/passwd" alt=""><img src="http://127.0.0.1:9/x.png" alt="">
        <object data="file:///etc/shadow"></object><iframe src="http://127.0.0.1:9/"></iframe>
        <svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>
        </body></html>"""
    )
    started = time.monotonic()
    result = html_to_pdf(template.render({}))
    elapsed = time.monotonic() - started
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(result.content)).pages
    )
    assert result.content.startswith(b"%PDF-") and "Inhoud blijft staan." in text
    assert "root:" not in text
    assert connects == []
    assert "file:///etc/passwd" in result.refused
    assert "http://127.0.0.1:9/x.png" in result.refused
    assert elapsed < 10, "refused URLs must not wait for a timeout"


def test_c_text_from_the_database_is_escaped_not_interpreted(officer):
    audit_record(
        action="access.not_found",
        actor=officer,
        object_type="portal.test",
        object_id="1",
        object_repr='<b>vet</b><img src="file:///etc/passwd">',
    )
    job = report_request(
        user=officer, kind="audit_extract", parameters={"action": "access.not_found"}
    )
    report_render(job_id=job.pk)
    job.refresh_from_db()
    text = "".join(pdf_pages(job)).replace("\n", "")  # table cells wrap long values
    assert '<b>vet</b><img src="file:///etc/passwd">' in text
    (stamped,) = events("report.watermarked")
    assert stamped.details["refused_urls"] == []  # the markup never became an element


# --- C8: watermark on every page, trace code resolves to the recipient -------------------


def test_c8_every_page_carries_the_recipients_name_date_time_and_trace_code(officer):
    for i in range(150):
        audit_record(action=f"test.page{i}", actor=officer, municipality=officer.municipality)
    job = report_request(user=officer, kind="audit_extract", parameters={})
    report_render(job_id=job.pk)
    job.refresh_from_db()
    pages = pdf_pages(job)
    assert len(pages) >= 3
    made = timezone.localtime(job.started_at).strftime("%d-%m-%Y %H:%M")
    name = officer.get_full_name()
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert f"Persoonlijk exemplaar voor {name}" in flat, number
        assert f"{name} · {made} · traceercode {job.trace_code}" in flat, number
        assert f"{number} / {len(pages)}" in flat


def test_c8_trace_code_is_in_the_audit_trail_and_resolves_to_the_recipient(world, rendered):
    officer = rendered.requested_by
    (stamped,) = events("report.watermarked")
    assert stamped.details["trace_code"] == rendered.trace_code
    assert stamped.details["recipient"] == str(officer.uuid)
    assert stamped.object_id == str(rendered.uuid)

    investigator = world.a.users[Role.INTEGRITY_OFFICER]
    typed = rendered.trace_code.lower().replace("-", " ").replace("0", "o")
    match = trace_code_lookup(typed, actor=investigator)
    assert match.recipient == officer and match.job == rendered
    assert match.recipient_label == officer.get_full_name()
    assert match.watermarked == stamped
    (used,) = events("report.trace_resolved")
    assert used.actor_id == investigator.pk and used.details["found"] is True

    # T1: another municipality's investigator learns nothing (and the attempt is audited).
    assert trace_code_lookup(rendered.trace_code, actor=world.b.users[Role.ADMINISTRATOR]) is None
    assert len(events("report.trace_resolved")) == 2


def test_c8_trace_code_resolves_from_the_audit_trail_when_the_job_row_is_gone(world, rendered):
    code, officer = rendered.trace_code, rendered.requested_by
    ReportJob.objects.filter(pk=rendered.pk).delete()
    match = trace_code_lookup(code, actor=world.a.users[Role.INTEGRITY_OFFICER])
    assert match.job is None and match.recipient == officer


def test_c8_normalising_a_typed_trace_code():
    assert normalise_trace_code(" 7kq2 m9xd-4hpa ") == "7KQ2-M9XD-4HPA"
    assert normalise_trace_code("OIL2-0000-0000") == "0112-0000-0000"


def test_x5_pdf_is_tagged_with_language_and_title(rendered):
    with rendered.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Uittreksel uit de audittrail"


# --- views: request, status, download (D3), scoping (T1, A2) ----------------------------


def test_x3_request_through_the_page_then_follow_progress_then_download(officer, login):
    client = login(officer)
    response = client.post(
        "/rapporten/nieuw/audit_extract/", {"action": "@portal.trail", "result": "success"}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rapporten/{job.uuid}/"
    assert job.parameters["action"] == "@portal.trail" and job.parameters["result"] == "success"

    page = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert 'data-report-status-url="/rapporten/' in page and "<progress" in page
    # CSP: no inline script; the page follows the progress with a static file.
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)
    status = client.get(f"/rapporten/{job.uuid}/status/").json()
    assert status == {
        "status": "queued",
        "status_label": "in de wachtrij",
        "progress": 0,
        "message": "",
        "finished": False,
        "download_url": "",
    }

    report_render(job_id=job.pk)
    status = client.get(f"/rapporten/{job.uuid}/status/").json()
    assert status["finished"] and status["download_url"] == f"/rapporten/{job.uuid}/download/"
    page = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert f'href="/rapporten/{job.uuid}/download/"' in page and "<progress" not in page
    assert "report-status.js" not in page


def test_x3_request_form_says_what_is_wrong(officer, login):
    response = login(officer).post(
        "/rapporten/nieuw/audit_extract/", {"date_from": "2026-11-20", "date_to": "2026-11-01"}
    )
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_d3_download_is_an_inert_pdf_attachment_and_audited(officer, login, rendered):
    response = login(officer).get(f"/rapporten/{rendered.uuid}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    made = timezone.localtime(rendered.finished_at).strftime("%Y%m%d-%H%M")
    assert response["Content-Disposition"] == (
        f'attachment; filename="audittrail-{made}-{rendered.trace_code}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-") and len(body) == rendered.size
    (download,) = events("report.downloaded")
    assert download.actor_id == officer.pk and download.object_id == str(rendered.uuid)
    assert download.details["trace_code"] == rendered.trace_code
    assert download.details["sha256"] == rendered.sha256
    assert download.ip_address == "127.0.0.1"


def test_d3_download_through_nginx_with_x_accel_redirect(officer, login, rendered, settings):
    settings.PORTAL_X_ACCEL_REDIRECT = True
    response = login(officer).get(f"/rapporten/{rendered.uuid}/download/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{rendered.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert events("report.downloaded")[0].details["served_by"] == "nginx"


def test_d3_unfinished_report_has_no_download(officer, login, requested):
    assert login(officer).get(f"/rapporten/{requested.uuid}/download/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "status/", "download/"])
def test_t1_another_municipalitys_user_gets_404_and_the_attempt_is_audited(
    world, login, rendered, suffix
):
    stranger = world.b.users[Role.PRIVACY_OFFICER]  # same role, other municipality
    response = login(stranger).get(f"/rapporten/{rendered.uuid}/{suffix}")
    assert response.status_code == 404
    (miss,) = events("access.out_of_scope")
    assert miss.actor_id == stranger.pk and miss.object_id == str(rendered.uuid)
    assert not events("report.downloaded")


def test_x3_a_colleague_does_not_see_a_report_without_a_subject(world, login, rendered):
    colleague = world.a.users[Role.INTEGRITY_OFFICER]  # may read the trail, did not ask
    assert login(colleague).get(f"/rapporten/{rendered.uuid}/download/").status_code == 404


def test_x3_the_requester_who_lost_the_permission_gets_404(officer, login, rendered):
    officer.groups.clear()
    assert login(officer).get(f"/rapporten/{rendered.uuid}/download/").status_code == 404


def test_x3_who_may_see_the_subject_may_download_and_who_may_not_gets_404(
    world, login, body_report_kind
):
    clerk = world.a.users[Role.CLERK]
    job = report_request(
        user=clerk, kind=body_report_kind.key, parameters={}, subject=world.a.commissie
    )
    assert job.subject == world.a.commissie
    report_render(job_id=job.pk)
    management = world.a.users[Role.MANAGEMENT]  # sees the bodies of Alfa
    response = login(management).get(f"/rapporten/{job.uuid}/download/")
    assert response.status_code == 200
    download = events("report.downloaded")[0]
    assert download.actor_id == management.pk
    assert download.details["recipient"] == str(clerk.uuid)  # whose name is on the pages

    no_bodies = UserFactory(identity_domain=world.a.org)  # same municipality, no permission
    assert login(no_bodies).get(f"/rapporten/{job.uuid}/download/").status_code == 404
    stranger = world.b.users[Role.MANAGEMENT]
    assert login(stranger).get(f"/rapporten/{job.uuid}/download/").status_code == 404


def test_x3_subject_kind_is_refused_to_who_may_not_see_the_subject(world, body_report_kind):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_request(
            user=world.b.users[Role.CLERK],
            kind=body_report_kind.key,
            parameters={},
            subject=world.a.commissie,
        )
    assert not ReportJob.objects.exists()


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )


def test_b1_report_list_query_count_is_constant_for_1_and_20_jobs(officer, login):
    client = login(officer)
    ReportJobFactory(requested_by=officer, done=True)
    one = count_queries(client, "/rapporten/")
    ReportJobFactory.create_batch(10, requested_by=officer, done=True)
    ReportJobFactory.create_batch(9, requested_by=officer, rendering=True)
    twenty = count_queries(client, "/rapporten/")
    print(f"B1 queries /rapporten/ rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= MAX_QUERIES


def test_x3_report_list_shows_only_the_users_own_jobs(world, officer, login):
    mine = ReportJobFactory(requested_by=officer)
    theirs = ReportJobFactory(requested_by=world.a.users[Role.INTEGRITY_OFFICER])
    page = login(officer).get("/rapporten/").content.decode()
    assert str(mine.uuid) in page and str(theirs.uuid) not in page
    assert "/rapporten/nieuw/audit_extract/" in page


# --- B4: figures for a 1,000-row extract (printed, never asserted) ------------------------


# Seven declared actions of one group, so that the extract's group filter selects all 1,000.
BENCH_ACTIONS = [
    "leaks.viewed",
    "leaks.weigh",
    "leaks.decide",
    "leaks.transition",
    "leaks.team_add",
    "leaks.link_add",
    "leaks.breach_update",
]


def test_b4_render_figures_for_a_1000_row_audit_extract(officer, capsys):
    for i in range(1000):
        audit_record(action=BENCH_ACTIONS[i % 7], actor=officer, municipality=officer.municipality)
    job = report_request(user=officer, kind="audit_extract", parameters={"action": "@leaks"})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    assert report_render(job_id=job.pk) == "done"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    job.refresh_from_db()
    with capsys.disabled():
        print(
            f"\nB4 audit-extract rows=1000 pages={len(pdf_pages(job))} seconds={seconds:.2f} "
            f"size_kb={job.size // 1024} peak_rss_mb={peak / 1024:.0f} "
            f"(process peak before render {before / 1024:.0f})"
        )
