package io.picturepipeline.ingest.brokenrules;

import org.springframework.jdbc.core.simple.JdbcClient;

public class RepositoryBesideSql {

    FixtureRowRepository rows;
    JdbcClient jdbc;
}
