"""seed_scale on every CPU (issue 20 step 6: the 10× data set in under 30 minutes).

Seeding is mostly Python building rows, so one process used one core of the machine while
PostgreSQL idled on the other. Here the work is spread over worker processes:

- each municipality's items (the apps' scale seeders) are made whole by one worker;
- the audit events are split by chain: each chain is appended by exactly one worker, from its
  head, in one transaction, so no two workers write the same chain or wait for the same head.
  The installation-wide numbers come from the sequence, which never waits; within a chain they
  still rise with the position, as ``audit_record`` makes them.

Workers are spawned, not forked (a fork would share the parent's database connection), and
connect to the parent's database by name (a test's database included).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator


def _init(database_name: str) -> None:
    import django

    django.setup()
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database_name


def _quiet(*_args) -> None:
    """Workers draw no progress bar: the parent draws one as their results come in."""


def _seed_apps(job) -> dict[str, int]:
    made, size = job
    from portal.registry import scale_seeders

    return {key: seeder(made, size, progress=_quiet) or 0 for key, seeder in scale_seeders()}


def _seed_chains(job) -> int:
    count, actors = job
    from portal.scale import seed_audit_events

    return seed_audit_events(count, actors, _quiet)


def split_by_chain(
    count: int, actors: list[tuple[int, str, int]], parts: int
) -> list[tuple[int, list]]:
    """``count`` events over ``actors`` (user id, e-mail, municipality id) as at most
    ``parts`` jobs, each holding whole municipalities (whole chains) and a share of the events
    in proportion to its actors; the shares add up to ``count``."""
    municipalities = sorted({m for _, _, m in actors})
    groups: list[list] = [[] for _ in range(min(parts, len(municipalities)))]
    slot = {m: i % len(groups) for i, m in enumerate(municipalities)}
    for actor in actors:
        groups[slot[actor[2]]].append(actor)
    jobs, given = [], 0
    for i, group in enumerate(groups):
        share = count - given if i == len(groups) - 1 else count * len(group) // len(actors)
        given += share
        if share > 0:
            jobs.append((share, group))
    return jobs


def in_workers(workers: int, fn: Callable, jobs: Iterable) -> Iterator:
    """Run ``fn`` over ``jobs`` in ``workers`` spawned processes; results as they finish."""
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    connections.close_all()
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(name,)) as pool:
        yield from pool.imap_unordered(fn, list(jobs))


def seed_apps(workers: int, seeded: list, size) -> Iterator[dict[str, int]]:
    return in_workers(workers, _seed_apps, [(made, size) for made in seeded])


def seed_chains(workers: int, count: int, actors: list) -> Iterator[int]:
    # Four jobs per worker: a worker that finishes early takes the next, and the progress bar
    # moves more than once per worker.
    return in_workers(workers, _seed_chains, split_by_chain(count, actors, workers * 4))
