from .audit import AuditEvent, AuditHead
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
    "User",
]
