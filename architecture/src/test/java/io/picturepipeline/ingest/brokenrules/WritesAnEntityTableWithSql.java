package io.picturepipeline.ingest.brokenrules;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

public class WritesAnEntityTableWithSql {

    JdbcClient jdbc;

    void insert(UUID id) {
        jdbc.sql("insert into ingest.fixture_row (id) values (:id)")
                .param("id", id)
                .update();
    }
}
