#!/bin/sh
# Creates Temporal's two databases in the shared PostgreSQL and brings their schemas up to the
# version shipped with temporalio/admin-tools (replaces the deprecated auto-setup image).
set -eu
PLUGIN=postgres12
HOST=postgresql
until nc -z -w 5 "$HOST" 5432; do echo "waiting for $HOST:5432"; sleep 2; done
for DB in temporal temporal_visibility; do
  temporal-sql-tool --plugin "$PLUGIN" --ep "$HOST" -u "$POSTGRES_USER" -p 5432 --db "$DB" create || true
done
temporal-sql-tool --plugin "$PLUGIN" --ep "$HOST" -u "$POSTGRES_USER" -p 5432 --db temporal setup-schema -v 0.0 || true
temporal-sql-tool --plugin "$PLUGIN" --ep "$HOST" -u "$POSTGRES_USER" -p 5432 --db temporal \
  update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned
temporal-sql-tool --plugin "$PLUGIN" --ep "$HOST" -u "$POSTGRES_USER" -p 5432 --db temporal_visibility setup-schema -v 0.0 || true
temporal-sql-tool --plugin "$PLUGIN" --ep "$HOST" -u "$POSTGRES_USER" -p 5432 --db temporal_visibility \
  update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned
echo "Temporal schemas are up to date"
