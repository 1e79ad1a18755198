package io.picturepipeline.infra;

import io.picturepipeline.schemas.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies {@link Access#databaseRoles()} to a database as its superuser: one login role per service that owns its
 * (empty) schema, so that its own Flyway migrates it as that role and nothing else is reachable; PUBLIC keeps no
 * right to create anything. Idempotent: existing roles get the given password again. The statements are rendered
 * here once ({@link #roleStatements}, {@link #readGrants}); compose's {@code postgres/*.sh} carry exactly them,
 * which its tests check.
 *
 * <p>The projection's migration also manages the {@code analyst} role ({@code ALTER ROLE analyst SET …}), and its
 * watchdog cancels analysts' runaway queries: PostgreSQL allows both only to a role with CREATEROLE that holds
 * {@code analyst} with ADMIN OPTION (which also lets it see and cancel analysts' backends). CREATEROLE of PostgreSQL
 * 16+ reaches only roles it administers, so that is all the projection can change.
 */
public final class DatabaseAccess {

    private static final String CREATE_ROLE = "create role ";

    private DatabaseAccess() {}

    /** Before the services start: roles, schemas, the analyst role. {@code passwords}: role → password. */
    public static void prepare(PostgresServer postgres, String database, Map<String, String> passwords) {
        try (Connection connection = postgres.connect(database);
                Statement sql = connection.createStatement()) {
            List<String> statements = roleStatements(database, role -> {
                RequiredPasswords.check(role, passwords.get(role));
                return "'" + passwords.get(role) + "'";
            });
            for (String statement : statements) {
                sql.execute(
                        existingRole(sql, statement)
                                ? "alter role " + statement.substring(CREATE_ROLE.length())
                                : statement);
            }
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
            for (String statement : readGrants()) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the reads across schemas: " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #prepare} runs, in order, with the password of a role written as {@code password.apply(role)}: an
     * SQL literal, or a psql variable ({@code :'ingest_password'}) in compose's init script.
     */
    public static List<String> roleStatements(String database, Function<String, String> password) {
        List<String> sql = new ArrayList<>();
        sql.add("revoke create on schema public from public");
        sql.add("revoke all on database " + database + " from public");
        for (Access.DatabaseRole role : Access.databaseRoles()) {
            sql.add(CREATE_ROLE + role.role() + " login nosuperuser password " + password.apply(role.role()));
            sql.add("grant connect, temporary on database " + database + " to " + role.role());
            sql.add("create schema if not exists " + role.schema() + " authorization " + role.role());
        }
        sql.add(CREATE_ROLE + Access.ANALYST_ROLE + " login nosuperuser password "
                + password.apply(Access.ANALYST_ROLE));
        sql.add("grant connect on database " + database + " to " + Access.ANALYST_ROLE);
        String projection = Access.databaseRole(Access.PROJECTION).role();
        sql.add("alter role " + projection + " createrole");
        sql.add("grant " + Access.ANALYST_ROLE + " to " + projection + " with admin option");
        return sql;
    }

    /** What {@link #grantReads} runs, in order. */
    public static List<String> readGrants() {
        List<String> sql = new ArrayList<>();
        for (Access.DatabaseRole role : Access.databaseRoles()) {
            for (String table : role.reads()) {
                String usage = "grant usage on schema " + table.substring(0, table.indexOf('.')) + " to " + role.role();
                if (!sql.contains(usage)) {
                    sql.add(usage);
                }
                sql.add("grant select on " + table + " to " + role.role());
            }
        }
        return sql;
    }

    private static boolean existingRole(Statement sql, String statement) throws SQLException {
        if (!statement.startsWith(CREATE_ROLE)) {
            return false;
        }
        String role = statement.substring(CREATE_ROLE.length(), statement.indexOf(' ', CREATE_ROLE.length()));
        return sql.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")
                .next();
    }
}
