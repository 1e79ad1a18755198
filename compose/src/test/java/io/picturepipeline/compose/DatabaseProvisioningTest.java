package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.DatabaseAccess;
import io.picturepipeline.schemas.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL side of the deployment: {@code postgres/init-roles.sh} and {@code postgres/grant-reads.sh} run
 * exactly the statements {@link DatabaseAccess} renders from {@link Access} (which {@code ./pp up --secure} and its
 * tests apply to a real PostgreSQL), and every service logs in as its own role with the password the script sets.
 */
class DatabaseProvisioningTest {

    private static final String DATABASE = "picture";

    private final ComposeFile compose = ComposeFile.main();
    private final String initRoles = Repo.read(Repo.compose("postgres/init-roles.sh"));

    @Test
    void theInitScriptCreatesExactlyTheRolesOfTheAccessDefinition() {
        List<String> expected = statements(DatabaseAccess.roleStatements(DATABASE, role -> ":'" + role + "_password'"));

        assertThat(block(initRoles, "roles"))
                .as("postgres/init-roles.sh between BEGIN and END must be exactly:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theGrantsScriptGrantsExactlyTheReadsOfTheAccessDefinition() {
        List<String> expected = statements(DatabaseAccess.readGrants());

        assertThat(block(Repo.read(Repo.compose("postgres/grant-reads.sh")), "grants"))
                .as("postgres/grant-reads.sh between BEGIN and END must be exactly:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void eachServiceLogsInAsItsOwnRoleWithThePasswordTheInitScriptSets() {
        Map<String, String> postgres = compose.environment("postgres");
        for (Access.DatabaseRole role : Access.databaseRoles()) {
            String variable = passwordVariable(role.role());
            Map<String, String> service = compose.environment(role.service());
            assertThat(service).as(role.service()).containsEntry("SPRING_DATASOURCE_USERNAME", role.role());
            assertThat(service.get("SPRING_DATASOURCE_PASSWORD"))
                    .as(role.service())
                    .startsWith("${" + variable + ":?");
            assertThat(postgres).as("postgres receives " + variable).containsKey(variable);
        }
        assertThat(postgres).containsKey(passwordVariable(Access.ANALYST_ROLE));
    }

    @Test
    void thePostgresImageRunsTheInitScriptAndTheApiWaitsForTheGrants() {
        assertThat(ComposeFile.list(compose.service("postgres").get("volumes"), "postgres"))
                .contains("./postgres/init-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro");
        Map<String, Object> grantsDependOn =
                ComposeFile.map(compose.service("postgres-grants").get("depends_on"), "postgres-grants");
        assertThat(ComposeFile.map(grantsDependOn.get("projection"), "postgres-grants -> projection"))
                .containsEntry("condition", "service_healthy");
        Map<String, Object> ingestDependsOn =
                ComposeFile.map(compose.service("ingest-api").get("depends_on"), "ingest-api");
        assertThat(ComposeFile.map(ingestDependsOn.get("postgres-grants"), "ingest-api -> postgres-grants"))
                .containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void everyPasswordVariableOfTheInitScriptIsRequired() {
        Matcher set =
                Pattern.compile("--set (\\w+)_password=\"\\$\\{(\\w+):\\?").matcher(initRoles);
        List<String> roles = new ArrayList<>();
        while (set.find()) {
            roles.add(set.group(1));
            assertThat(set.group(2)).isEqualTo(passwordVariable(set.group(1)));
        }
        List<String> expected = new ArrayList<>(
                Access.databaseRoles().stream().map(Access.DatabaseRole::role).toList());
        expected.add(Access.ANALYST_ROLE);
        assertThat(roles).containsExactlyElementsOf(expected);
    }

    private static String passwordVariable(String role) {
        return "POSTGRES_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    private static List<String> statements(List<String> sql) {
        return sql.stream().map(statement -> statement + ";").toList();
    }

    private static List<String> block(String script, String name) {
        Matcher block = Pattern.compile(
                        "(?s)-- BEGIN " + name + " from io.picturepipeline.schemas.Access\n(.*?)-- END " + name)
                .matcher(script);
        assertThat(block.find()).as("the generated block " + name).isTrue();
        return block.group(1).lines().toList();
    }
}
