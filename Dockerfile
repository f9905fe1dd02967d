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

# The pinned dependencies first, in their own layer: it is rebuilt only when pyproject.toml
# changes, not on every code change.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --requirement /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
COPY --from=nlds /build/node_modules ./node_modules
# Editable, so that the portal runs from /app next to templates/, static/ and locale/ (settings
# find them relative to the source tree); the dependencies are already in place.
RUN pip install --no-deps --editable . \
    && if [ -d locale ]; then python manage.py compilemessages --ignore=.venv --ignore=node_modules; fi \
    && DJANGO_SETTINGS_MODULE=portal.settings.base DJANGO_SECRET_KEY=collectstatic-only \
        python manage.py collectstatic --noinput \
    && mkdir -p /srv/private /srv/static \
    && chown portal:portal /srv/private /srv/static

USER portal
EXPOSE 8000
ENTRYPOINT ["/app/deploy/entrypoint"]
CMD ["web"]
