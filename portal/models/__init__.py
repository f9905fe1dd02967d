from .audit import AuditEvent, AuditHead
from .background import OutboxMessage, OutboxStatus
from .notifications import EmailDelivery, Notification, NotificationPreference
from .reports import ReportJob, ReportStatus
from .roles import AssignableRole
from .tenancy import (
    Body,
    BodyGroupObjectPermission,
    BodyUserObjectPermission,
    DomainTrust,
    IdentityDomain,
    Membership,
    Municipality,
)
from .users import User

__all__ = [
    "AssignableRole",
    "AuditEvent",
    "AuditHead",
    "Body",
    "BodyGroupObjectPermission",
    "BodyUserObjectPermission",
    "DomainTrust",
    "EmailDelivery",
    "IdentityDomain",
    "Membership",
    "Municipality",
    "Notification",
    "NotificationPreference",
    "OutboxMessage",
    "OutboxStatus",
    "ReportJob",
    "ReportStatus",
    "User",
]
