"""Demo data: two fictional municipalities, each with an organisation and a council domain,
bodies, and one account per role. Idempotent: running it again changes nothing but passwords."""

from dataclasses import dataclass

from django.apps import apps as django_apps
from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.constants import BodyKind, DomainKind, MembershipRole
from portal.models import Body, IdentityDomain, Membership, Municipality, User
from portal.registry import demo_seeders
from portal.role_grants import ensure_default_assignable_roles
from portal.roles import Role, all_role_permissions, grant_role_permissions, role_group

# The demo password is published in the README; it is not a secret.
DEMO_PASSWORD = "Demo-wachtwoord-2026"  # nosec B105

MUNICIPALITIES = [
    ("Westerdijk", "westerdijk", "GM9901", "#154273"),
    ("Oosterbroek", "oosterbroek", "GM9902", "#5b2c6f"),
]

# (local part, first name, last name, role, domain kind, staff)
PEOPLE = [
    ("griffier", "Greet", "Griffier", Role.CLERK, DomainKind.COUNCIL, False),
    ("ambtenaar", "Anton", "Ambtenaar", Role.CIVIL_SERVANT, DomainKind.ORGANISATION, False),
    ("privacy", "Priya", "Privacy", Role.PRIVACY_OFFICER, DomainKind.ORGANISATION, False),
    (
        "integriteit",
        "Ingrid",
        "Integriteit",
        Role.INTEGRITY_OFFICER,
        DomainKind.ORGANISATION,
        False,
    ),
    ("cmt", "Carel", "Management", Role.MANAGEMENT, DomainKind.ORGANISATION, False),
    ("raadslid1", "Rita", "Raadslid", Role.COUNCIL_MEMBER, DomainKind.COUNCIL, False),
    ("raadslid2", "Ruud", "Raadslid", Role.COUNCIL_MEMBER, DomainKind.COUNCIL, False),
    ("commissielid", "Kees", "Commissielid", Role.COUNCIL_MEMBER, DomainKind.COUNCIL, False),
    ("beheer", "Bea", "Beheerder", Role.ADMINISTRATOR, DomainKind.ORGANISATION, True),
]

BODIES = [
    (BodyKind.RAAD, "Gemeenteraad", DomainKind.COUNCIL),
    (BodyKind.COLLEGE, "College van burgemeester en wethouders", DomainKind.ORGANISATION),
    (BodyKind.BURGEMEESTER, "Burgemeester", DomainKind.ORGANISATION),
    (BodyKind.COMMISSIE, "Commissie Bestuur en Middelen", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Ruimte", DomainKind.COUNCIL),
    (BodyKind.REKENKAMER, "Rekenkamer", DomainKind.COUNCIL),
    (BodyKind.PRESIDIUM, "Presidium", DomainKind.COUNCIL),
    (BodyKind.CMT, "Concernmanagementteam", DomainKind.ORGANISATION),
]

# (body name, local part, role)
SEATS = [
    ("Gemeenteraad", "raadslid1", MembershipRole.MEMBER),
    ("Gemeenteraad", "raadslid2", MembershipRole.MEMBER),
    ("Gemeenteraad", "griffier", MembershipRole.CLERK),
    ("Commissie Bestuur en Middelen", "raadslid1", MembershipRole.CHAIR),
    ("Commissie Bestuur en Middelen", "commissielid", MembershipRole.MEMBER),
    ("Commissie Bestuur en Middelen", "griffier", MembershipRole.CLERK),
    ("Presidium", "raadslid1", MembershipRole.MEMBER),
    ("Concernmanagementteam", "cmt", MembershipRole.MEMBER),
]


@dataclass
class DemoAccount:
    email: str
    password: str
    role: str
    municipality: str
    domain: str


def email_for(slug: str, local: str, kind: str) -> str:
    host = f"raad{slug}.example" if kind == DomainKind.COUNCIL else f"{slug}.example"
    return f"{local}@{host}"


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    accounts: list[DemoAccount] = []
    # The roles come from a data migration; make sure they are there (a flushed database).
    grant_role_permissions(django_apps, all_role_permissions())
    ensure_default_assignable_roles()
    start = timezone.localdate().replace(month=1, day=1)
    for name, slug, code, colour in MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            slug=slug,
            defaults={"name": f"Gemeente {name}", "cbs_code": code, "theme_colour": colour},
        )
        domains = {}
        for kind, label, host in [
            (DomainKind.ORGANISATION, f"Organisatie {name}", f"{slug}.example"),
            (DomainKind.COUNCIL, f"Raad en griffie {name}", f"raad{slug}.example"),
        ]:
            domains[kind], _ = IdentityDomain.objects.update_or_create(
                municipality=municipality,
                kind=kind,
                defaults={"name": label, "email_domains": [host]},
            )
        bodies = {}
        for kind, label, domain_kind in BODIES:
            bodies[label], _ = Body.objects.update_or_create(
                municipality=municipality,
                name=label,
                defaults={"kind": kind, "domain": domains[domain_kind]},
            )
        users = {}
        for local, first, last, role, kind, staff in PEOPLE:
            email = email_for(slug, local, kind)
            user, _ = User.objects.update_or_create(
                email=email,
                defaults={
                    "first_name": first,
                    "last_name": f"{last} ({name})",
                    "identity_domain": domains[kind],
                    "is_staff": staff,
                    "is_active": True,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set([role_group(role)])
            users[local] = user
            accounts.append(
                DemoAccount(email, DEMO_PASSWORD, role, municipality.name, domains[kind].name)
            )
        for body_name, local, role in SEATS:
            Membership.objects.get_or_create(
                body=bodies[body_name], user=users[local], defaults={"role": role, "start": start}
            )
        for seeder in demo_seeders():
            seeder(municipality, users, bodies)
    ssc, _ = User.objects.update_or_create(
        email="servicecentrum@ssc.example",
        defaults={
            "first_name": "Sam",
            "last_name": "Servicecentrum",
            "is_staff": True,
            "is_superuser": True,
            "identity_domain": None,
        },
    )
    ssc.set_password(DEMO_PASSWORD)
    ssc.save(update_fields=["password"])
    accounts.append(DemoAccount(ssc.email, DEMO_PASSWORD, "superuser (servicecentrum)", "", ""))
    audit_record(action="demo.seeded", details={"accounts": len(accounts)})
    return accounts
