# One image for web, worker, beat and migrate (deploy/entrypoint picks the role).
# Configuration comes from the environment at run time (.env, docker-compose.yml); the image
# holds no secrets.
# The NL Design System CSS and fonts from the npm registry (package-lock.json); only the
# runtime dependencies (axe-core is for the browser tests). collectstatic below picks them up.
FROM node:20-bookworm-slim AS nlds
WORKDIR /build
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: compilemessages at build time. Pango, its FreeType backend, HarfBuzz's subsetter
# and a font: what WeasyPrint (PDF reports) loads at run time.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --shell /usr/sbin/nologin portal

WORKDIR /app

# The locked dependencies first, in their own layer: it is rebuilt only when the lock changes,
# not on every code change. Every package, direct and indirect, with the hashes of its files
# (requirements/base.txt, written by bin/lock); pip refuses anything else.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes --requirement requirements/base.txt

COPY . .
COPY --from=nlds /build/node_modules ./node_modules
# Editable, so that the portal runs from /app next to templates/, static/ and locale/ (settings
# find them relative to the source tree); the dependencies, setuptools included, are in place.
RUN pip install --no-deps --no-build-isolation --editable . \
    && if [ -d locale ]; then python manage.py compilemessages --ignore=.venv --ignore=node_modules; fi \
    && DJANGO_SETTINGS_MODULE=portal.settings.base DJANGO_SECRET_KEY=collectstatic-only \
        python manage.py collectstatic --noinput \
    && mkdir -p /srv/private /srv/static \
    && chown portal:portal /srv/private /srv/static

USER portal
EXPOSE 8000
ENTRYPOINT ["/app/deploy/entrypoint"]
CMD ["web"]
