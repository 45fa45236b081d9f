package com.acme.payments;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The payments table. Given: do not change this file (the graders' tests read this exact table).
 *
 * <p>Tables of your own (for idempotency keys) are yours to design: create them from your code, with
 * {@code CREATE TABLE IF NOT EXISTS}, when the service starts.
 */
public final class Schema {

  /** One row per payment the service made: one successful charge at the provider. */
  public static final String PAYMENTS_DDL = """
      CREATE TABLE IF NOT EXISTS payments (
        id         TEXT        PRIMARY KEY,
        client_id  TEXT        NOT NULL,
        amount     BIGINT      NOT NULL,
        currency   TEXT        NOT NULL,
        reference  TEXT        NOT NULL,
        charge_id  TEXT        NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )""";

  private Schema() {}

  /** Creates the payments table if it does not exist yet. */
  public static void apply(DataSource dataSource) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(PAYMENTS_DDL);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the schema: " + e.getMessage(), e);
    }
  }
}
