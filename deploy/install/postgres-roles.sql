-- The sink's two PostgreSQL roles (deploy/README.md, "Database roles"). Run once, as a superuser or as the owner
-- role itself, any time before the first install or after it:
--
--   psql "host=... dbname=urlcheck user=urlcheck_owner sslmode=verify-full" -v ON_ERROR_STOP=1 \
--     -v owner_role=urlcheck_owner -v app_role=urlcheck_app -f deploy/install/postgres-roles.sql
--
-- owner_role (Secret urlcheck-postgres-owner) owns the schema's tables: the sink's `migrate` init container runs
-- Flyway as it. app_role (Secret urlcheck-postgres) is what the running sink connects as: it reads and writes rows
-- of every table the owner has made or will make, and cannot create, alter or drop any. Both roles must exist and
-- may log in; the owner needs CREATE on schema public (the database's owner has it).
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
