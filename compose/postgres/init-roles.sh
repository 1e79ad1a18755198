#!/usr/bin/env bash
# One PostgreSQL login role per service, owning the schema of its name, and the analysts' role: what
# io.picturepipeline.schemas.Access declares, in the statements local-infra's DatabaseAccess renders (./pp up --secure
# runs the same ones). The postgres image runs this once, as the superuser, when it initialises an empty postgres-data
# volume (/docker-entrypoint-initdb.d); a volume made before keeps what it has (docs/deployment.md, "Database").
# DatabaseProvisioningTest fails unless the block between BEGIN and END is exactly DatabaseAccess.roleStatements.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set ingest_password="${POSTGRES_INGEST_PASSWORD:?set POSTGRES_INGEST_PASSWORD in compose/.env}" \
  --set generation_password="${POSTGRES_GENERATION_PASSWORD:?set POSTGRES_GENERATION_PASSWORD in compose/.env}" \
  --set download_password="${POSTGRES_DOWNLOAD_PASSWORD:?set POSTGRES_DOWNLOAD_PASSWORD in compose/.env}" \
  --set projection_password="${POSTGRES_PROJECTION_PASSWORD:?set POSTGRES_PROJECTION_PASSWORD in compose/.env}" \
  --set analyst_password="${POSTGRES_ANALYST_PASSWORD:?set POSTGRES_ANALYST_PASSWORD in compose/.env}" <<'SQL'
-- BEGIN roles from io.picturepipeline.schemas.Access
revoke create on schema public from public;
revoke all on database picture from public;
create role ingest login nosuperuser password :'ingest_password';
grant connect, temporary on database picture to ingest;
create schema if not exists ingest authorization ingest;
create role generation login nosuperuser password :'generation_password';
grant connect, temporary on database picture to generation;
create schema if not exists generation authorization generation;
create role download login nosuperuser password :'download_password';
grant connect, temporary on database picture to download;
create schema if not exists download authorization download;
create role projection login nosuperuser password :'projection_password';
grant connect, temporary on database picture to projection;
create schema if not exists projection authorization projection;
create role analyst login nosuperuser password :'analyst_password';
grant connect on database picture to analyst;
alter role projection createrole;
grant analyst to projection with admin option;
-- END roles
SQL
