package io.cdclake.loader.bench;

import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicRow;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.stream.Collectors;

/**
 * The baseline COPY is measured against: plain {@code INSERT ... VALUES} statements sent in JDBC
 * batches, one transaction. The connection must not rewrite batches into multi-row inserts.
 */
final class BatchedInsertLoader {

    private BatchedInsertLoader() {}

    static long load(
            Connection connection,
            PgTable table,
            TitanicGenerator generator,
            int rows,
            int batchSize)
            throws SQLException {
        String sql =
                "INSERT INTO "
                        + table.sql()
                        + " ("
                        + TitanicSchema.COLUMN_NAMES.stream()
                                .map(PgIdentifiers::quote)
                                .collect(Collectors.joining(", "))
                        + ") VALUES ("
                        + String.join(", ", Collections.nCopies(TitanicSchema.COLUMNS.size(), "?"))
                        + ")";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long inserted = 0;
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int id = 1; id <= rows; id++) {
                bind(st, generator.row(id));
                st.addBatch();
                if (id % batchSize == 0 || id == rows) {
                    for (int count : st.executeBatch()) {
                        inserted += count;
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return inserted;
    }

    private static void bind(PreparedStatement st, TitanicRow row) throws SQLException {
        st.setInt(1, row.passengerId());
        st.setInt(2, row.survived());
        st.setInt(3, row.pclass());
        st.setString(4, row.name());
        st.setString(5, row.sex());
        setDecimal(st, 6, row.age());
        st.setInt(7, row.sibSp());
        st.setInt(8, row.parch());
        st.setString(9, row.ticket());
        setDecimal(st, 10, row.fare());
        st.setString(11, row.cabin());
        st.setString(12, row.embarked());
    }

    private static void setDecimal(PreparedStatement st, int index, String value)
            throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NUMERIC);
        } else {
            st.setBigDecimal(index, new BigDecimal(value));
        }
    }
}
