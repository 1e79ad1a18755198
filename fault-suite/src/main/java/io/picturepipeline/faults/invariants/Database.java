package io.picturepipeline.faults.invariants;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The stack's database as its superuser {@code postgres}: the checker reads every service's schema. The password is
 * the plain stack's documented one, or the secure stack's own.
 */
public record Database(String jdbcUrl, String superuserPassword) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", superuserPassword);
    }
}
