#!/usr/bin/env bash
# The reads across schemas that io.picturepipeline.schemas.Access allows (the ingest-api's of the projection's read
# model), table by table, as the superuser once the projection has migrated them: the one-shot postgres-grants service,
# on every up (a repeated grant changes nothing). Connection from PGHOST, PGDATABASE, PGUSER, PGPASSWORD.
# DatabaseProvisioningTest fails unless the block between BEGIN and END is exactly DatabaseAccess.readGrants.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --no-psqlrc <<'SQL'
-- BEGIN grants from io.picturepipeline.schemas.Access
grant usage on schema projection to ingest;
grant select on projection.generation_v1 to ingest;
grant select on projection.generation_event_v1 to ingest;
-- END grants
SQL
