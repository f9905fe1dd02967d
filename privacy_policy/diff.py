"""What changed between two texts, word by word, and between two versions section by section
(P5, P7). Plain data for templates: they mark removed words with <del> and added ones with <ins>,
so the change is announced to screen readers and visible without colour (WCAG 1.4.1)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass
class Segment:
    op: str  # "same", "del", "ins"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    a, b = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("del", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("ins", " ".join(b[j1:j2])))
    return segments


@dataclass
class SectionChange:
    key: str
    heading: str
    change: str  # "added", "removed", "changed", "unchanged"
    segments: list[Segment] = field(default_factory=list)


def section_diff(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]):
    """``old`` and ``new`` are (key, heading, text) in order. Sections are matched by key."""
    old_by_key = {key: (heading, text) for key, heading, text in old}
    new_keys = {key for key, _h, _t in new}
    changes = []
    for key, heading, text in new:
        if key not in old_by_key:
            changes.append(SectionChange(key, heading, "added", [Segment("ins", text)]))
            continue
        old_heading, old_text = old_by_key[key]
        if (old_heading, old_text) == (heading, text):
            changes.append(SectionChange(key, heading, "unchanged"))
        else:
            changes.append(SectionChange(key, heading, "changed", word_diff(old_text, text)))
    for key, heading, text in old:
        if key not in new_keys:
            changes.append(SectionChange(key, heading, "removed", [Segment("del", text)]))
    return changes
