from .audit import AuditEvent, AuditHead
from .background import OutboxMessage, OutboxStatus
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
    "AuditEvent",
    "AuditHead",
    "Body",
    "BodyGroupObjectPermission",
    "BodyUserObjectPermission",
    "DomainTrust",
    "IdentityDomain",
    "Membership",
    "Municipality",
    "OutboxMessage",
    "OutboxStatus",
    "User",
]
