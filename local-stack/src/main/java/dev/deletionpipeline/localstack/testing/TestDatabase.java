package dev.deletionpipeline.localstack.testing;

import javax.sql.DataSource;

/** A database of the shared test PostgreSQL, with the pipeline's schema applied. */
public record TestDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource) {}
