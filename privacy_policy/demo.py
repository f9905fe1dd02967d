"""Demo content (seed_demo): filled in below."""


def seed_demo(municipality, users, bodies):
    return None
