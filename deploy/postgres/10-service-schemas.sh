#!/usr/bin/env bash
# Runs once, when the PostgreSQL container starts on an empty data volume (the image runs every
# script in /docker-entrypoint-initdb.d, connected as POSTGRES_USER to POSTGRES_DB).
#
# Gives each service its own LOGIN role that owns its own schema and nothing else, as
# local-stack's ServiceDatabases does for ./run-local.sh. The passwords come from the container's
# environment (docker-compose.yml passes them from .env): LOCAL DEMO CREDENTIALS only.
set -euo pipefail

service_schema() {
	local schema=$1 role=$2 password=$3
	psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
		-v schema="$schema" -v role="$role" -v password="$password" -v database="$POSTGRES_DB" <<-'SQL'
		CREATE ROLE :"role" LOGIN PASSWORD :'password';
		GRANT CONNECT ON DATABASE :"database" TO :"role";
		CREATE SCHEMA :"schema" AUTHORIZATION :"role";
		SQL
	echo "service_schema: role ${role} owns schema ${schema}"
}

# Only the roles granted CONNECT below may connect to the service database (and the superuser).
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-v database="$POSTGRES_DB" <<-'SQL'
	REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
	REVOKE ALL ON SCHEMA public FROM PUBLIC;
	SQL

service_schema orders orders_service "${ORDERS_DB_PASSWORD:?ORDERS_DB_PASSWORD is not set}"
service_schema inventory inventory_service "${INVENTORY_DB_PASSWORD:?INVENTORY_DB_PASSWORD is not set}"
service_schema notification notification_service "${NOTIFICATION_DB_PASSWORD:?NOTIFICATION_DB_PASSWORD is not set}"
