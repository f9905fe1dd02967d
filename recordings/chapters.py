"""R8: a recording follows its meeting. The meeting and its agenda come from the core's meeting
provider (the council information system registers it), so this app imports no other; the
agenda items become a WebVTT chapters track and a list to jump to in the player."""

from __future__ import annotations

from portal.registry import Chapter, meeting_provider


def meeting_choices(municipality_id) -> list[tuple[str, str]]:
    provider = meeting_provider()
    return provider.choices(municipality_id) if provider and municipality_id else []


def meeting_label(recording) -> str:
    provider = meeting_provider()
    if provider is None or recording.meeting_uuid is None:
        return ""
    return provider.label(recording.municipality_id, recording.meeting_uuid)


def chapters_for(recording) -> list[Chapter]:
    provider = meeting_provider()
    if provider is None or recording.meeting_uuid is None:
        return []
    return provider.chapters(recording.municipality_id, recording.meeting_uuid)


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(title: str) -> str:
    """Cue text is markup in WebVTT: no line breaks, no arrow, ``&`` and ``<`` escaped."""
    flat = " ".join(title.split()).replace("-->", "→")
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt_chapters(chapters: list[Chapter]) -> str:
    cues = [
        f"{n}\n{_timestamp(c.start)} --> {_timestamp(c.end)}\n{_cue_text(c.title)}"
        for n, c in enumerate(chapters, start=1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + ("\n" if cues else "")
