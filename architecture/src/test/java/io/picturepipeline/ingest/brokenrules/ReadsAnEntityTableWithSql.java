package io.picturepipeline.ingest.brokenrules;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps the rule: SQL may read a table written through its entity. */
public class ReadsAnEntityTableWithSql {

    JdbcClient jdbc;

    List<UUID> ids() {
        return jdbc.sql("select id from ingest.fixture_row").query(UUID.class).list();
    }
}
