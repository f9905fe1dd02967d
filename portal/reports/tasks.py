"""The PDF worker's task (queue ``pdf``; never run in a web process, QUALITY B4)."""

from portal.background import background_task
from portal.reports.services import RENDER_LEASE, report_give_up, report_render


@background_task(
    "portal.render_report",
    queue="pdf",
    atomic=False,  # progress is committed as it goes; the job row keeps the run idempotent
    lease=RENDER_LEASE,
    soft_time_limit=600,
    time_limit=660,
    on_failed=report_give_up,
)
def render_report(*, job_id: int):
    """X3: render one report job. Safe to run twice: a finished job is left alone."""
    return report_render(job_id=job_id)
