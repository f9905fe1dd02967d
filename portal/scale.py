"""The municipal-scale data set of QUALITY.md (issue 8), for the benchmark and load tests.

Per municipality: an organisation and a council identity domain, 12 bodies, 45 council members,
5 clerks, 600 staff with roles, memberships; then whatever each domain app adds through
``portal.registry.register_scale_seeder`` (secrecy items, motions, cases, recordings); and audit
events in one valid HMAC chain (``verify_audit`` passes on the result).

Everything is written with bulk inserts (COPY for the audit chain on PostgreSQL), so 10
municipalities and 1,000,000 audit events take minutes, not hours. Never for production data:
the accounts share one password hash and the names are synthetic.
"""

import io
import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction

from portal.audit import (
    GENESIS,
    SEQUENCE,
    STORED_FIELDS,
    chain_of,
    compute_hash,
    sign_head,
)
from portal.audit_partitions import ensure_partitions
from portal.constants import AuditChannel, AuditResult, BodyKind, DomainKind, MembershipRole
from portal.models import (
    AuditEvent,
    AuditHead,
    Body,
    IdentityDomain,
    Membership,
    Municipality,
    User,
)
from portal.progress import Progress
from portal.registry import scale_seeders
from portal.roles import ROLE_GROUP_NAMES, Role, all_role_permissions, grant_role_permissions

SCALE_PASSWORD = "Schaal-wachtwoord-2026"  # nosec B105
SLUG_PREFIX = "schaal"

BODIES = [
    (BodyKind.RAAD, "Gemeenteraad", DomainKind.COUNCIL),
    (BodyKind.COLLEGE, "College van burgemeester en wethouders", DomainKind.ORGANISATION),
    (BodyKind.BURGEMEESTER, "Burgemeester", DomainKind.ORGANISATION),
    (BodyKind.COMMISSIE, "Commissie Bestuur", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Middelen", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Ruimte", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Sociaal Domein", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Veiligheid", DomainKind.COUNCIL),
    (BodyKind.COMMISSIE, "Commissie Wonen", DomainKind.COUNCIL),
    (BodyKind.REKENKAMER, "Rekenkamer", DomainKind.COUNCIL),
    (BodyKind.PRESIDIUM, "Presidium", DomainKind.COUNCIL),
    (BodyKind.CMT, "Concernmanagementteam", DomainKind.ORGANISATION),
]

# Staff roles, as counts out of 600 (the rest are civil servants).
STAFF_ROLES = [
    (Role.PRIVACY_OFFICER, 3),
    (Role.INTEGRITY_OFFICER, 2),
    (Role.MANAGEMENT, 10),
    (Role.ADMINISTRATOR, 2),
]


@dataclass
class Size:
    municipalities: int = 10
    council_members: int = 45
    clerks: int = 5
    staff: int = 600
    audit_events: int = 1_000_000
    # Read by the apps' scale seeders (per municipality).
    secrecy_items: int = 20_000
    motions: int = 2_000
    leak_cases: int = 500
    recordings: int = 300

    def times(self, scale: int) -> "Size":
        """B9's growth curve: ``scale`` times the municipalities and the audit events, each
        municipality the same size (1×, 3×, 10×: 10, 30, 100 municipalities)."""
        return Size(
            municipalities=self.municipalities * scale,
            audit_events=self.audit_events * scale,
        )

    def scaled(self, factor: float) -> "Size":
        """A smaller set of the same shape (``--fraction 0.01`` for a quick try)."""
        return Size(
            municipalities=max(1, round(self.municipalities * min(1, factor * 10))),
            council_members=self.council_members,
            clerks=self.clerks,
            staff=max(20, round(self.staff * factor)),
            audit_events=round(self.audit_events * factor),
            secrecy_items=max(20, round(self.secrecy_items * factor)),
            motions=max(20, round(self.motions * factor)),
            leak_cases=max(5, round(self.leak_cases * factor)),
            recordings=max(3, round(self.recordings * factor)),
        )


@dataclass
class ScaleMunicipality:
    """What an app's scale seeder gets: the municipality and its people and bodies."""

    municipality: Municipality
    domains: dict[str, IdentityDomain]
    bodies: dict[str, Body]  # by name
    council_members: list[User]
    clerks: list[User]
    staff: dict[str, list[User]] = field(default_factory=dict)  # by role key


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def seed_municipality(index: int, size: Size, password_hash: str) -> ScaleMunicipality | None:
    """One municipality with its domains, bodies, people and memberships; None when it exists."""
    slug = f"{SLUG_PREFIX}{index:02d}"
    if Municipality.objects.filter(slug=slug).exists():
        return None
    name = f"Schaalgemeente {index:02d}"
    with transaction.atomic():
        municipality = Municipality.objects.create(name=name, slug=slug, cbs_code=f"GM8{index:03d}")
        domains = {
            kind: IdentityDomain.objects.create(
                municipality=municipality,
                kind=kind,
                name=f"{label} {name}",
                email_domains=[host],
            )
            for kind, label, host in [
                (DomainKind.ORGANISATION, "Organisatie", f"{slug}.example"),
                (DomainKind.COUNCIL, "Raad en griffie", f"raad{slug}.example"),
            ]
        }
        bodies = {
            label: body
            for (kind, label, domain_kind), body in zip(
                BODIES,
                Body.objects.bulk_create(
                    Body(municipality=municipality, kind=kind, name=label, domain=domains[dk])
                    for kind, label, dk in BODIES
                ),
                strict=True,
            )
        }

        def people(prefix, count, domain_kind):
            host = domains[domain_kind].email_domains[0]
            return [
                User(
                    email=f"{prefix}{n:04d}@{host}",
                    first_name=prefix.capitalize(),
                    last_name=f"{n:04d} ({slug})",
                    identity_domain=domains[domain_kind],
                    password=password_hash,
                )
                for n in range(count)
            ]

        council = User.objects.bulk_create(
            people("raadslid", size.council_members, DomainKind.COUNCIL)
        )
        clerks = User.objects.bulk_create(people("griffie", size.clerks, DomainKind.COUNCIL))
        staff_users = User.objects.bulk_create(
            people("medewerker", size.staff, DomainKind.ORGANISATION), batch_size=1000
        )
        staff: dict[str, list[User]] = {}
        offset = 0
        for role, count in STAFF_ROLES:
            staff[role] = staff_users[offset : offset + count]
            offset += count
        staff[Role.CIVIL_SERVANT] = staff_users[offset:]

        groups = {g.name: g.pk for g in Group.objects.all()}
        through = User.groups.through
        links = [(u, Role.COUNCIL_MEMBER) for u in council] + [(u, Role.CLERK) for u in clerks]
        links += [(u, role) for role, users in staff.items() for u in users]
        through.objects.bulk_create(
            [through(user_id=u.pk, group_id=groups[ROLE_GROUP_NAMES[r]]) for u, r in links],
            batch_size=2000,
        )

        start = date(date.today().year - 2, 1, 1)
        seats = [Membership(body=bodies["Gemeenteraad"], user=u, start=start) for u in council]
        committees = [b for b in bodies.values() if b.kind == BodyKind.COMMISSIE]
        for n, user in enumerate(council):
            seats.append(Membership(body=committees[n % len(committees)], user=user, start=start))
        seats += [Membership(body=bodies["Presidium"], user=u, start=start) for u in council[:7]]
        for body in [bodies["Gemeenteraad"], *committees]:
            seats.append(
                Membership(body=body, user=clerks[0], role=MembershipRole.CLERK, start=start)
            )
        seats += [
            Membership(body=bodies["Concernmanagementteam"], user=u, start=start)
            for u in staff[Role.MANAGEMENT]
        ]
        Membership.objects.bulk_create(seats)
    return ScaleMunicipality(municipality, domains, bodies, council, clerks, staff)


AUDIT_ACTIONS = [
    ("auth.login", AuditResult.SUCCESS),
    ("secrecy.viewed", AuditResult.SUCCESS),
    ("secrecy.downloaded", AuditResult.SUCCESS),
    ("recording.play", AuditResult.SUCCESS),
    ("access.out_of_scope", AuditResult.DENIED),
    ("assignment.update", AuditResult.SUCCESS),
]
# The columns of an event, from the one list audit_record writes too (issue 20 step 4).
COPY_COLUMNS = STORED_FIELDS


def _copy_field(value) -> str:
    if value is None:
        return r"\N"
    text = value if isinstance(value, str) else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy_audit_rows(table: str, rows: list[dict]) -> None:
    lines = []
    for values in rows:
        text = {**values, "details": json.dumps(values["details"])}
        text["created_at"] = values["created_at"].isoformat()
        lines.append("\t".join(_copy_field(text[c]) for c in COPY_COLUMNS))
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN",
            io.StringIO("\n".join(lines) + "\n"),
        )


def _lock_heads(chains) -> dict[int, AuditHead]:
    """The heads of ``chains``, made where missing and locked until the seed commits."""
    for chain in chains:
        AuditHead.objects.get_or_create(
            chain=chain,
            defaults={"last_hash": GENESIS, "signature": sign_head(chain, 0, GENESIS)},
        )
    heads = AuditHead.objects.select_for_update().filter(chain__in=chains).order_by("chain")
    return {head.chain: head for head in heads}


# The seeded events are spread over the last two years.
AUDIT_SPAN = timedelta(days=730)


def _numbers(count: int) -> list[int]:
    """``count`` installation-wide event numbers from the sequence that audit_record uses."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [SEQUENCE, count])
        return [row[0] for row in cursor.fetchall()]


def seed_audit_events(count: int, actors: list[tuple[int, str, int]], progress) -> int:
    """Append ``count`` events to the chains of the actors' municipalities, continuing from
    each chain's head, in one transaction.

    ``actors`` are (user id, e-mail, municipality id). Each event is hashed exactly as
    ``audit_record`` would hash it, so ``verify_audit`` checks every chain."""
    if count <= 0 or not actors:
        return 0
    table = AuditEvent._meta.db_table
    now = datetime.now(UTC)
    span = AUDIT_SPAN
    # The months the events fall in, each its own partition (else they land in the default).
    ensure_partitions(since=(now - span).date())
    with transaction.atomic():
        heads = _lock_heads(sorted({chain_of(m) for _, _, m in actors}))
        ends = {chain: (head.last_seq, head.last_hash or GENESIS) for chain, head in heads.items()}
        done = 0
        for batch in _batched(range(count), 20_000):
            rows = []
            for n, seq in zip(batch, _numbers(len(batch)), strict=True):
                actor_id, email, municipality_id = actors[n % len(actors)]
                action, result = AUDIT_ACTIONS[n % len(AUDIT_ACTIONS)]
                chain = chain_of(municipality_id)
                position, prev_hash = ends[chain]
                values = {
                    "seq": seq,
                    "chain": chain,
                    "chain_seq": position + 1,
                    "uuid": uuid.uuid4(),
                    "created_at": now - span + span * (n / count),
                    "actor_id": actor_id,
                    "actor_label": email,
                    "municipality_id": municipality_id,
                    "action": action,
                    "object_type": "",
                    "object_id": "",
                    "object_repr": "",
                    "result": str(result),
                    "channel": str(AuditChannel.WEB),
                    "ip_address": f"10.0.0.{n % 250 + 1}",
                    "user_agent": "seed_scale",
                    "request_id": "",
                    "details": {"seed": "scale"},
                    "prev_hash": prev_hash,
                }
                values["hash"] = compute_hash(values)
                ends[chain] = (position + 1, values["hash"])
                rows.append(values)
            _copy_audit_rows(table, rows)
            done += len(batch)
            progress("audit events", done, count)
        for chain, head in heads.items():
            head.last_seq, head.last_hash = ends[chain]
            head.signature = sign_head(chain, head.last_seq, head.last_hash)
            head.save(update_fields=["last_seq", "last_hash", "signature"])
    return count


def seed_scale(size: Size, progress=None, workers: int = 1) -> dict:
    """Seed (or complete) the scale data set; returns what was added, by kind. With
    ``workers`` > 1 the municipalities' items and the audit chains are made in that many
    processes (``portal.scale_workers``); inside a transaction (a test's) always in this one,
    since other processes could not see what it has not committed."""
    from portal import scale_workers

    progress = progress or Progress(enabled=False)
    parallel = workers > 1 and not connection.in_atomic_block
    # The roles come from data migrations; make sure they are there (a flushed database).
    grant_role_permissions(django_apps, all_role_permissions())
    password_hash = make_password(SCALE_PASSWORD)
    added: dict[str, int] = {"municipalities": 0}
    seeded: list[ScaleMunicipality] = []
    for index in range(1, size.municipalities + 1):
        made = seed_municipality(index, size, password_hash)
        progress("municipalities", index, size.municipalities)
        if made is None:
            continue
        added["municipalities"] += 1
        seeded.append(made)
    added.update({key: 0 for key, _seeder in scale_seeders()})
    if parallel and seeded:
        for n, counts in enumerate(scale_workers.seed_apps(workers, seeded, size), start=1):
            for key, count in counts.items():
                added[key] += count
            progress(f"items ({workers} processes)", n, len(seeded))
    else:
        for key, seeder in scale_seeders():
            for n, made in enumerate(seeded, start=1):
                added[key] += seeder(made, size, progress=progress) or 0
                progress(key, n, len(seeded))
    existing = AuditEvent.objects.filter(user_agent="seed_scale").count()
    # Every municipality's people act, so every chain grows with the data set (B9).
    actors = list(
        User.objects.filter(identity_domain__municipality__slug__startswith=SLUG_PREFIX)
        .order_by("pk")
        .values_list("pk", "email", "identity_domain__municipality_id")
    )
    missing = size.audit_events - existing
    if parallel and missing > 0 and actors:
        # The months' partitions first, here: workers making the same one at once would clash.
        ensure_partitions(since=(datetime.now(UTC) - AUDIT_SPAN).date())
        done = 0
        for count in scale_workers.seed_chains(workers, missing, actors):
            done += count
            progress(f"audit events ({workers} processes)", done, missing)
        added["audit_events"] = done
    else:
        added["audit_events"] = seed_audit_events(missing, actors, progress)
    # Planner statistics for the bulk-loaded tables: before autovacuum gets to them the
    # planner thinks they are empty (the council's scoped list took 242 ms instead of 37).
    # VACUUM also sets the visibility map, as autovacuum would on a live database: without
    # it every COUNT behind a list page reads the heap (register list 65 ms instead of 32).
    # VACUUM cannot run inside a transaction (a test's): there, statistics only.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return added
