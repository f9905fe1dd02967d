"""Leak cases under the municipality's *afwegingskader informatielekken*: DOMAIN L1–L8.

Terms of art, defined once:

- *afwegingskader informatielekken*: a municipality's weighing framework for (suspected) leaks
  of confidential information or internal messages to third parties or the press (seed 002,
  version 1 of 11-3-2020). Facts differ per case, so it holds no standard actions, only steps
  and considerations to weigh, and tracks to decide on;
- *afwegingsverslag*: the weighing record, the PDF of every answer and decision with reasons;
- *datalek*: a personal data breach (AVG art. 4(12)), with its own 72-hour clock (art. 33);
- *aangifte* / *sepot*: a report to the police / the prosecutor's decision not to prosecute.

Split by rule: ``framework`` (L1), ``cases`` (L2-L4, L6, L7), ``breach`` (L5, L9: the facts),
``notifications`` (L5, L9: the frozen versions sent to the AP), ``retention`` (destruction
lists of breach records).
"""

from .breach import Breach
from .cases import (
    CaseEvent,
    CaseLink,
    ConsiderationAnswer,
    LeakCase,
    LeakCaseGroupObjectPermission,
    LeakCaseUserObjectPermission,
    TrackDecision,
)
from .framework import Consideration, FrameworkStep, FrameworkTrack, FrameworkVersion
from .notifications import BreachNotification
from .retention import BreachDestructionItem, BreachDestructionList

__all__ = [
    "Breach",
    "BreachDestructionItem",
    "BreachDestructionList",
    "BreachNotification",
    "CaseEvent",
    "CaseLink",
    "Consideration",
    "ConsiderationAnswer",
    "FrameworkStep",
    "FrameworkTrack",
    "FrameworkVersion",
    "LeakCase",
    "LeakCaseGroupObjectPermission",
    "LeakCaseUserObjectPermission",
    "TrackDecision",
]
