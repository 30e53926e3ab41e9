package org.greenplan.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * A province run into PostGIS (tables of migration V34): the run, its units with their boundaries, one row per
 * unit, indicator and mode with its target status. Written from the driver — the rows are collected there
 * anyway, a few per unit — in one transaction, the run marked finished last, so the server never reads half a
 * run and a failed write changes nothing.
 */
final class BatchResultTable {

    /** A unit as the table keeps it. */
    record Unit(String code, String name, String level, byte[] wkb) {
    }

    private BatchResultTable() {
    }

    /** Writes the run and returns its id. */
    static long write(ProvinceJob.Options o, String workspace, String inputs, List<Unit> units,
            List<UnitIndicators.Row> rows, List<TargetStatus> targets, Instant computedAt) {
        try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword())) {
            c.setAutoCommit(false);
            try {
                long run;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_run (workspace_id, inputs, "
                        + "units_kind, target_set, target_year, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    s.setString(1, workspace);
                    s.setString(2, inputs);
                    s.setString(3, o.unitsKind());
                    s.setString(4, o.targets());
                    setInt(s, 5, o.year());
                    s.setTimestamp(6, Timestamp.from(computedAt));
                    s.executeUpdate();
                    try (ResultSet k = s.getGeneratedKeys()) {
                        k.next();
                        run = k.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_unit (run_id, code, name, level, geom) "
                        + "VALUES (?, ?, ?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326))")) {
                    for (Unit u : units) {
                        s.setLong(1, run);
                        s.setString(2, u.code());
                        s.setString(3, u.name());
                        s.setString(4, u.level());
                        s.setBytes(5, u.wkb());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_result (run_id, unit_code, indicator, "
                        + "mode, value, numerator, denominator, measure, reason, target_set, target_year, "
                        + "target_comparator, target_value, status, distance_to_target, computed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Timestamp at = Timestamp.from(computedAt);
                    for (int i = 0; i < rows.size(); i++) {
                        UnitIndicators.Row r = rows.get(i);
                        TargetStatus t = targets.get(i);
                        s.setLong(1, run);
                        s.setString(2, r.unitCode());
                        s.setString(3, r.indicator());
                        s.setString(4, r.mode() == null ? "" : r.mode());
                        setDouble(s, 5, r.value());
                        setDouble(s, 6, r.numerator());
                        setDouble(s, 7, r.denominator());
                        s.setString(8, r.measure());
                        s.setString(9, r.reason());
                        s.setString(10, t.set());
                        setInt(s, 11, t.year());
                        s.setString(12, t.comparator());
                        setDouble(s, 13, t.target() == null ? Double.NaN : t.target());
                        s.setString(14, t.status());
                        setDouble(s, 15, t.distance() == null ? Double.NaN : t.distance());
                        s.setTimestamp(16, at);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE batch_run SET finished_at = now() WHERE id = ?")) {
                    s.setLong(1, run);
                    s.executeUpdate();
                }
                c.commit();
                return run;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the run to batch_result at " + o.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** NaN is stored as NULL: PostgreSQL would keep a NaN, which no comparison with a target handles. */
    private static void setDouble(PreparedStatement s, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }
}
