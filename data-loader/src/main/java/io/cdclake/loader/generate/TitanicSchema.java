package io.cdclake.loader.generate;

import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.ColumnType;
import java.util.List;

/**
 * The titanic table's columns, exactly as the loader infers them from the bundled titanic.csv, so
 * that a generated table and a loaded one look the same to Debezium and the lake.
 */
public final class TitanicSchema {

    public static final String PRIMARY_KEY = "PassengerId";

    public static final List<Column> COLUMNS =
            List.of(
                    Column.of("PassengerId", ColumnType.INTEGER),
                    Column.of("Survived", ColumnType.INTEGER),
                    Column.of("Pclass", ColumnType.INTEGER),
                    Column.of("Name", ColumnType.TEXT),
                    Column.of("Sex", ColumnType.TEXT),
                    Column.of("Age", ColumnType.NUMERIC),
                    Column.of("SibSp", ColumnType.INTEGER),
                    Column.of("Parch", ColumnType.INTEGER),
                    Column.of("Ticket", ColumnType.TEXT),
                    Column.of("Fare", ColumnType.NUMERIC),
                    Column.of("Cabin", ColumnType.TEXT),
                    Column.of("Embarked", ColumnType.TEXT));

    public static final List<String> COLUMN_NAMES = COLUMNS.stream().map(Column::name).toList();

    /**
     * Class path resource of the bundled sample, the public Kaggle/Stanford Titanic passenger list.
     */
    public static final String SAMPLE_RESOURCE = "/titanic.csv";

    private TitanicSchema() {}
}
