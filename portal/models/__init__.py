from .audit import AuditEvent, AuditHead
from .tenancy import Body, DomainTrust, IdentityDomain, Membership, Municipality
from .users import User

__all__ = [
    "AuditEvent",
    "AuditHead",
    "Body",
    "DomainTrust",
    "IdentityDomain",
    "Membership",
    "Municipality",
    "User",
]
