package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library behind {@link LocalPostgres} trusts every loopback client ({@code initdb -A trust}): before the secure
 * stack asked for passwords, its superuser's documented {@code postgres}, or any other password, let anyone in.
 */
class LocalPostgresPasswordsTest {

    private static final String INVALID_PASSWORD = "28P01";

    @Test
    void theSuperuserNeedsItsOwnPasswordAndTheDocumentedOneIsRefused(@TempDir Path dir) throws Exception {
        String password = RequiredPasswords.random();
        try (LocalPostgres postgres = LocalPostgres.startRequiringPasswords(dir, 0, password)) {
            assertThat(postgres.password()).isEqualTo(password);
            assertRefused(postgres, "postgres", LocalPostgres.DEVELOPMENT_PASSWORD);
            try (Connection connection = postgres.connect("postgres")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aRoleMadeWithAPasswordMustProveIt(@TempDir Path dir) throws Exception {
        String role = RequiredPasswords.random();
        try (LocalPostgres postgres = LocalPostgres.startRequiringPasswords(dir, 0, RequiredPasswords.random())) {
            try (Connection connection = postgres.connect("postgres")) {
                connection.createStatement().execute("create role probe login password '" + role + "'");
            }
            assertRefused(postgres, "probe", RequiredPasswords.random());
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "probe", role)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aRestartOnTheSameDirectoryStillAsksForThePassword(@TempDir Path dir) throws Exception {
        String password = RequiredPasswords.random();
        int port;
        try (LocalPostgres postgres = LocalPostgres.startRequiringPasswords(dir, 0, password)) {
            port = postgres.port();
        }
        try (LocalPostgres postgres = LocalPostgres.startRequiringPasswords(dir, port, password)) {
            assertRefused(postgres, "postgres", LocalPostgres.DEVELOPMENT_PASSWORD);
            try (Connection connection = postgres.connect("postgres")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void thePlainDevelopmentServerKeepsItsDocumentedSuperuser(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dir, 0);
                Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), "postgres", LocalPostgres.DEVELOPMENT_PASSWORD)) {
            assertThat(postgres.password()).isEqualTo(LocalPostgres.DEVELOPMENT_PASSWORD);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    private static void assertRefused(LocalPostgres postgres, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), user, password)
                        .close())
                .as("%s with password '%s'", user, password)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
    }
}
