package io.cdclake.loader.load;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.difference;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.loader.WithPostgres;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicRow;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.postgres.PgTable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedLoaderITCase extends WithPostgres {

    private static final int ROWS = 5000;

    private static LoadResult generate(String table, long seed, int rows) throws Exception {
        return GeneratedLoader.load(
                connection,
                new TitanicGenerator(seed),
                rows,
                LoadOptions.into(PgTable.of(table)).withProgress(Progress.NEVER, System.err));
    }

    @Test
    void sameSeedSameTableOtherSeedOtherTable() throws Exception {
        assertThat(generate("gen_a", 1, ROWS).rowsLoaded()).isEqualTo(ROWS);
        generate("gen_b", 1, ROWS);
        generate("gen_c", 2, ROWS);

        assertThat(count(connection, "gen_a")).isEqualTo(ROWS);
        assertThat(difference(connection, "gen_a", "gen_b")).isZero();
        assertThat(difference(connection, "gen_a", "gen_c")).isGreaterThan(ROWS);
    }

    @Test
    void storedRowsAreExactlyTheGeneratedOnes() throws Exception {
        generate("gen_exact", 9, 1000);
        TitanicGenerator generator = new TitanicGenerator(9);
        String sql = "SELECT * FROM gen_exact WHERE \"PassengerId\" = ?";
        for (int id : new int[] {1, 2, 500, 1000}) {
            TitanicRow expected = generator.row(id);
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                st.setInt(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("Name")).isEqualTo(expected.name());
                    assertThat(rs.getBigDecimal("Fare")).isEqualTo(new BigDecimal(expected.fare()));
                    assertThat(rs.getBigDecimal("Fare").scale()).isEqualTo(4);
                    assertThat(rs.getString("Age")).isEqualTo(expected.age());
                    assertThat(rs.getString("Cabin")).isEqualTo(expected.cabin());
                    assertThat(rs.getInt("Pclass")).isEqualTo(expected.pclass());
                }
            }
        }
    }

    @Test
    void generatedTableIsReadyForCaptureAndShapedLikeTheLoadedFile() throws Exception {
        LoadResult result = generate("customers", 42, 2000);
        CsvLoader.load(
                connection,
                CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE),
                LoadOptions.into(PgTable.of("real_titanic"))
                        .withPrimaryKey(List.of("PassengerId"))
                        .withProgress(Progress.NEVER, System.err));

        assertThat(result.tableCreated()).isTrue();
        assertThat(
                        value(
                                connection,
                                "SELECT relreplident FROM pg_class WHERE oid ="
                                        + " 'customers'::regclass"))
                .isEqualTo("f");
        assertThat(
                        count(
                                connection,
                                "pg_publication_tables WHERE pubname = 'cdc_lake' AND tablename ="
                                        + " 'customers'"))
                .isEqualTo(1);
        String columns =
                "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER"
                    + " BY attnum) FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0";
        assertThat(value(connection, columns, "customers"))
                .isEqualTo(value(connection, columns, "real_titanic"));
        assertThat(value(connection, "SELECT count(DISTINCT \"Embarked\") FROM customers"))
                .isEqualTo(3L);
        assertThat(count(connection, "customers WHERE \"Age\" IS NULL")).isBetween(300L, 500L);
    }

    @Test
    void generatingIntoRowsThatExistFailsAndChangesNothing() throws Exception {
        generate("gen_twice", 5, 100);

        assertThatThrownBy(() -> generate("gen_twice", 5, 200))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("duplicate key")
                .hasMessageContaining("(\"PassengerId\")=(1)");
        assertThat(count(connection, "gen_twice")).isEqualTo(100);
    }
}
