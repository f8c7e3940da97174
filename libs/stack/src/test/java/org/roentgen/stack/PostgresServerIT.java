package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.stack.child.Nobody;

/**
 * PostgreSQL serves its database over JDBC, keeps its data through a stop and through a kill (crash
 * recovery), runs beside another of its kind, and under root runs as nobody.
 */
class PostgresServerIT {

  @Test
  void theSharedServerServesItsDatabaseToItsUserAlone() throws Exception {
    SharedStack stack = SharedStack.get();

    try (Connection c =
            DriverManager.getConnection(
                stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT current_database(), current_user, current_setting('server_encoding'),"
                    + " current_setting('lc_collate'), current_setting('server_version')")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo(PostgresServer.DEFAULT_DATABASE);
      assertThat(r.getString(2)).isEqualTo(PostgresServer.DEFAULT_USER);
      assertThat(r.getString(3)).isEqualTo("UTF8");
      assertThat(r.getString(4)).isEqualTo("C");
      assertThat(r.getString(5)).startsWith("14.");
    }
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), "wrong")
                    .close())
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
  }

  @Test
  void stopAndKillThenRestartKeepThePortAndTheRows() throws Exception {
    try (PostgresServer pg = PostgresServer.builder().build()) {
      pg.start();
      String url = pg.jdbcUrl();
      try (Connection c = connect(pg);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
        s.execute("INSERT INTO kept VALUES (1, 'before stop')");
      }
      long firstPid = pg.pid().orElseThrow();
      List<ProcessHandle> firstServer = pg.descendants();
      assertThat(firstServer).isNotEmpty();

      pg.stop();

      assertThat(pg.isRunning()).isFalse();
      assertThat(ProcessHandle.of(firstPid)).isEmpty();
      assertThat(firstServer).noneMatch(ProcessHandle::isAlive);
      assertThat(Files.readString(pg.logFile())).contains("database system is shut down");
      pg.start();
      assertThat(pg.jdbcUrl()).isEqualTo(url);
      assertThat(rows(pg)).containsExactly("1 before stop");
      try (Connection c = connect(pg);
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO kept VALUES (2, 'before kill')");
      }
      List<ProcessHandle> secondServer = pg.descendants();

      pg.kill();

      assertThat(secondServer).noneMatch(ProcessHandle::isAlive);
      pg.start();
      assertThat(rows(pg)).containsExactly("1 before stop", "2 before kill");
      assertThat(Files.readString(pg.logFile()))
          .contains("database system was interrupted")
          .contains("redo done");
    }
  }

  @Test
  void twoServersRunSideBySideEachWithItsOwnCluster() throws Exception {
    try (PostgresServer one = PostgresServer.builder().build();
        PostgresServer two =
            PostgresServer.builder()
                .user("second")
                .password("second-secret")
                .database("other")
                .build()) {
      one.start();
      two.start();

      assertThat(two.port()).isNotEqualTo(one.port());
      assertThat(two.jdbcUrl()).endsWith(":" + two.port() + "/other");
      try (Connection c = connect(one);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE only_in_one (id int)");
      }
      try (Connection c = connect(two);
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT current_user, count(*) FROM pg_tables WHERE tablename = 'only_in_one'")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("second");
        assertThat(r.getInt(2)).isZero();
      }
      assertThat(one.isRunning()).isTrue();
    }
  }

  @Test
  void underRootTheServerAndItsClusterBelongToNobody() throws Exception {
    assumeTrue(Nobody.root(), "only under root does PostgreSQL run as another user");
    try (PostgresServer pg = PostgresServer.builder().build()) {
      pg.start();

      assertThat(Files.getAttribute(pg.dataDir(), "unix:uid")).isEqualTo(Nobody.UID);
      assertThat(Files.getAttribute(pg.clusterDir(), "unix:uid")).isEqualTo(Nobody.UID);
      long postmaster =
          Long.parseLong(Files.readAllLines(pg.clusterDir().resolve("postmaster.pid")).get(0));
      assertThat(ProcessHandle.of(postmaster).orElseThrow().info().user()).hasValue("nobody");
      // Every process of the server (a backend that just ended has no user to show).
      assertThat(pg.descendants())
          .extracting(p -> p.info().user().orElse("nobody"))
          .containsOnly("nobody");
    }
  }

  static Connection connect(PostgresServer pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static List<String> rows(PostgresServer pg) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect(pg);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, note FROM kept ORDER BY id")) {
      while (r.next()) {
        rows.add(r.getInt(1) + " " + r.getString(2));
      }
    }
    return rows;
  }
}
