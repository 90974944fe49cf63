package io.jwtbridge.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bridge asked of PostgreSQL during the run: statements by text from
 * {@code pg_stat_statements} (when the server preloads it: calls, rows, execution time), rows
 * written per table from {@code pg_stat_user_tables}, commits from {@code pg_stat_database}, and
 * the WAL written by the whole server from {@code pg_stat_wal}.
 */
final class DatabaseCounters {

    /** One moment's counters. */
    record Snapshot(Map<String, long[]> statements, Map<String, long[]> tables, long commits, long walBytes) {}

    private final String url;
    private final String user;
    private final boolean statementsAvailable;

    DatabaseCounters(String url, String user) throws SQLException {
        this.url = url;
        this.user = user;
        boolean available;
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.executeQuery("select 1 from pg_stat_statements limit 1").close();
            available = true;
        } catch (SQLException ex) {
            available = false;
        }
        this.statementsAvailable = available;
    }

    boolean statementsAvailable() {
        return statementsAvailable;
    }

    Snapshot snapshot() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            Map<String, long[]> statements = new TreeMap<>();
            if (statementsAvailable) {
                try (ResultSet rows = statement.executeQuery("""
                        select query, calls, rows, (total_exec_time * 1000)::bigint, (total_plan_time * 1000)::bigint
                        from pg_stat_statements
                        where dbid = (select oid from pg_database where datname = current_database())
                          and query not like '%pg_stat%' and query not ilike '%create extension%'
                        """)) {
                    while (rows.next()) {
                        statements.merge(
                                rows.getString(1).replaceAll("\\s+", " ").trim(),
                                new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)},
                                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});
                    }
                }
            }
            Map<String, long[]> tables = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                }
            }
            long commits;
            try (ResultSet rows = statement.executeQuery(
                    "select xact_commit from pg_stat_database where datname = current_database()")) {
                rows.next();
                commits = rows.getLong(1);
            }
            long walBytes;
            try (ResultSet rows = statement.executeQuery("select wal_bytes::bigint from pg_stat_wal")) {
                rows.next();
                walBytes = rows.getLong(1);
            }
            return new Snapshot(statements, tables, commits, walBytes);
        }
    }

    /**
     * Per statement text: calls, rows, execution and planning time (µs; planning only when the
     * server tracks it) between the two snapshots, busiest first.
     */
    static Map<String, long[]> statementDelta(Snapshot before, Snapshot after) {
        Map<String, long[]> delta = new LinkedHashMap<>();
        after.statements().entrySet().stream()
                .map(entry -> {
                    long[] was = before.statements().getOrDefault(entry.getKey(), new long[4]);
                    long[] now = entry.getValue();
                    return Map.entry(
                            entry.getKey(),
                            new long[] {now[0] - was[0], now[1] - was[1], now[2] - was[2], now[3] - was[3]});
                })
                .filter(entry -> entry.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(entry -> delta.put(entry.getKey(), entry.getValue()));
        return delta;
    }

    /** Per table: rows inserted, updated and deleted between the two snapshots. */
    static Map<String, long[]> tableDelta(Snapshot before, Snapshot after) {
        Map<String, long[]> delta = new TreeMap<>();
        after.tables().forEach((table, counts) -> {
            long[] was = before.tables().getOrDefault(table, new long[3]);
            long[] change = {counts[0] - was[0], counts[1] - was[1], counts[2] - was[2]};
            if (change[0] + change[1] + change[2] > 0) {
                delta.put(table, change);
            }
        });
        return delta;
    }

    static boolean isWrite(String statement) {
        String start = statement.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("insert") || start.startsWith("update") || start.startsWith("delete")
                || start.startsWith("merge");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, null);
    }
}
