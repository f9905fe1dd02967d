"""R8: the meetings of the RIS as the core's meeting provider (``portal.registry``): which
meetings a recording can follow, and the agenda items as chapters of the recording."""

from __future__ import annotations

from portal.registry import Chapter

from .models import Meeting


def _meeting(municipality_id, meeting_uuid) -> Meeting | None:
    if not municipality_id or not meeting_uuid:
        return None
    return Meeting.objects.filter(municipality_id=municipality_id, uuid=meeting_uuid).first()


class RisMeetings:
    def choices(self, municipality_id) -> list[tuple[str, str]]:
        meetings = Meeting.objects.filter(municipality_id=municipality_id).order_by("-date", "name")
        return [(str(m.uuid), f"{m.date:%d-%m-%Y} {m.name}") for m in meetings[:200]]

    def label(self, municipality_id, meeting_uuid) -> str:
        meeting = _meeting(municipality_id, meeting_uuid)
        return f"{meeting.date:%d-%m-%Y} {meeting.name}" if meeting else ""

    def chapters(self, municipality_id, meeting_uuid) -> list[Chapter]:
        """Each agenda item with a start time, from the meeting's start (or the first item's):
        the recording is taken to start when the meeting does."""
        meeting = _meeting(municipality_id, meeting_uuid)
        if meeting is None:
            return []
        items = list(meeting.agenda_items.exclude(starts_at=None).order_by("starts_at", "position"))
        if not items:
            return []
        origin = meeting.starts_at or items[0].starts_at
        chapters = []
        for index, item in enumerate(items):
            start = max((item.starts_at - origin).total_seconds(), 0.0)
            following = items[index + 1].starts_at if index + 1 < len(items) else None
            end_at = item.ends_at or following
            end = max((end_at - origin).total_seconds(), start + 1) if end_at else start + 1
            title = f"{item.label} {item.title}".strip()
            chapters.append(Chapter(start=start, end=end, title=title))
        return chapters
