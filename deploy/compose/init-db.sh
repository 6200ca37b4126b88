#!/usr/bin/env bash
# Runs once, when the Postgres container initialises its data directory: one login role and one
# schema per service, each role owning its schema and reaching nothing else.
set -euo pipefail

for service in gateway request approval ledger audit; do
  password_var="$(echo "${service}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!password_var:?${password_var} must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=role="${service}_svc" --set=schema="${service}" --set=password="${password}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE SCHEMA :"schema" AUTHORIZATION :"role";
ALTER ROLE :"role" SET search_path TO :"schema";
SQL
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE CONNECT ON DATABASE "$POSTGRES_DB" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE "$POSTGRES_DB" TO gateway_svc, request_svc, approval_svc, ledger_svc, audit_svc;
SQL
