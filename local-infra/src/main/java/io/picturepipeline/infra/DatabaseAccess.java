package io.picturepipeline.infra;

import io.picturepipeline.schemas.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Applies {@link Access#databaseRoles()} to a database as its superuser: one login role per service that owns its
 * (empty) schema, so that its own Flyway migrates it as that role and nothing else is reachable; PUBLIC keeps no
 * right to create anything. Idempotent: existing roles get the given password again.
 *
 * <p>The projection's migration also manages the {@code analyst} role ({@code ALTER ROLE analyst SET …}), and its
 * watchdog cancels analysts' runaway queries: PostgreSQL allows both only to a role with CREATEROLE that holds
 * {@code analyst} with ADMIN OPTION (which also lets it see and cancel analysts' backends). CREATEROLE of PostgreSQL
 * 16+ reaches only roles it administers, so that is all the projection can change.
 */
public final class DatabaseAccess {

    private DatabaseAccess() {}

    /** Before the services start: roles, schemas, the analyst role. {@code passwords}: role → password. */
    public static void prepare(PostgresServer postgres, String database, Map<String, String> passwords) {
        try (Connection connection = postgres.connect(database);
                Statement sql = connection.createStatement()) {
            sql.execute("revoke create on schema public from public");
            sql.execute("revoke all on database " + database + " from public");
            for (Access.DatabaseRole role : Access.databaseRoles()) {
                upsertRole(sql, role.role(), passwords.get(role.role()));
                sql.execute("grant connect, temporary on database " + database + " to " + role.role());
                sql.execute("create schema if not exists " + role.schema() + " authorization " + role.role());
            }
            upsertRole(sql, Access.ANALYST_ROLE, passwords.get(Access.ANALYST_ROLE));
            sql.execute("grant connect on database " + database + " to " + Access.ANALYST_ROLE);
            String projection = Access.databaseRole(Access.PROJECTION).role();
            sql.execute("alter role " + projection + " createrole");
            sql.execute("grant " + Access.ANALYST_ROLE + " to " + projection + " with admin option");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the database roles: " + e.getMessage(), e);
        }
    }

    /**
     * After the owning service has migrated: the reads across schemas the definition allows (the ingest-api's of the
     * projection's read model), table by table.
     */
    public static void grantReads(PostgresServer postgres, String database) {
        try (Connection connection = postgres.connect(database);
                Statement sql = connection.createStatement()) {
            for (Access.DatabaseRole role : Access.databaseRoles()) {
                for (String table : role.reads()) {
                    String schema = table.substring(0, table.indexOf('.'));
                    sql.execute("grant usage on schema " + schema + " to " + role.role());
                    sql.execute("grant select on " + table + " to " + role.role());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the reads across schemas: " + e.getMessage(), e);
        }
    }

    private static void upsertRole(Statement sql, String role, String password) throws SQLException {
        RequiredPasswords.check(role, password);
        boolean exists = sql.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")
                .next();
        sql.execute((exists ? "alter" : "create") + " role " + role + " login nosuperuser password '" + password + "'");
    }
}
