package io.cdclake.reader.verify;

import io.cdclake.format.CsvSyntax;
import io.cdclake.format.MetadataColumns;
import io.cdclake.reader.verify.LakeTableReader.ParquetPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Checks that the CSV files of a table hold the same rows as its Parquet files: every row, found by
 * its {@link EventRowId}, in both formats once, with the same values. Each format encodes values
 * its own way, so a CSV field is decoded by the Parquet type of its column ({@link CsvValues}) and
 * compared with the Parquet value.
 *
 * <p>A CSV file's header must name the columns of the Parquet file that holds the same events (the
 * same table version); a file that does not parse to its end, or whose header differs, is a problem
 * naming the file and the line. Feed it every CSV file ({@link #add}), then ask for the {@link
 * #result}.
 */
final class CsvParquetComparison {

    private record Located(ParquetPart part, LakeRecord row) {}

    private final Map<EventRowId, Located> parquet = new LinkedHashMap<>();
    private final Set<List<String>> parquetSchemas = new LinkedHashSet<>();
    private final Map<EventRowId, String> seenInCsv = new HashMap<>();
    private final FindingCounter problems;
    private final FindingCounter onlyInCsv;
    private final FindingCounter differing;
    private final FindingCounter repeated;
    private final int maxExamples;
    private final List<ParquetPart> parts;
    private final Set<String> cleanFiles = new LinkedHashSet<>();
    private final Set<EventRowId> inCleanFiles = new java.util.HashSet<>();
    private int files;
    private long rows;

    CsvParquetComparison(List<ParquetPart> parts, int maxExamples) {
        this.maxExamples = maxExamples;
        this.parts = List.copyOf(parts);
        problems = new FindingCounter(maxExamples);
        onlyInCsv = new FindingCounter(maxExamples);
        differing = new FindingCounter(maxExamples);
        repeated = new FindingCounter(maxExamples);
        for (ParquetPart part : parts) {
            parquetSchemas.add(columnNames(part.schema()));
            for (LakeRecord row : part.rows()) {
                // A row written twice to Parquet is the replay's finding; here the first copy
                // stands for it.
                parquet.putIfAbsent(EventRowId.of(row), new Located(part, row));
            }
        }
    }

    /** One CSV file, parsed as far as it parses. */
    void add(String file, CsvSyntax.Parsed parsed) {
        long findingsBefore = findings();
        List<EventRowId> ids = new ArrayList<>();
        compare(file, parsed, ids);
        if (findings() == findingsBefore) {
            cleanFiles.add(file);
            inCleanFiles.addAll(ids);
        }
    }

    private long findings() {
        return problems.count() + onlyInCsv.count() + differing.count() + repeated.count();
    }

    /** The CSV files added whose every row matched a Parquet row of the same event. */
    Set<String> cleanFiles() {
        return Set.copyOf(cleanFiles);
    }

    /** The Parquet files whose every row is in one of the {@link #cleanFiles}. */
    Set<String> matchedParquetFiles() {
        Set<String> matched = new LinkedHashSet<>();
        for (ParquetPart part : parts) {
            if (part.rows().stream().allMatch(row -> inCleanFiles.contains(EventRowId.of(row)))) {
                matched.add(part.file());
            }
        }
        return matched;
    }

    private void compare(String file, CsvSyntax.Parsed parsed, List<EventRowId> ids) {
        files++;
        String name = PartFiles.shortName(file);
        if (parsed.problem() != null) {
            problems.add(
                    () ->
                            name
                                    + " line "
                                    + parsed.problem().line()
                                    + ": "
                                    + parsed.problem().message());
        }
        List<String> header = parsed.header();
        if (header.isEmpty()) {
            return;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        List<String> missingIdColumns = new ArrayList<>();
        for (String column :
                List.of(
                        MetadataColumns.TOPIC,
                        MetadataColumns.PARTITION,
                        MetadataColumns.OFFSET,
                        MetadataColumns.IMAGE)) {
            if (!index.containsKey(column)) {
                missingIdColumns.add(column);
            }
        }
        if (!missingIdColumns.isEmpty()) {
            problems.add(
                    () ->
                            name
                                    + " line 1: the header has no "
                                    + String.join(", ", missingIdColumns)
                                    + ", so its rows cannot be matched with Parquet rows");
            for (CsvSyntax.Line line : parsed.lines()) {
                rows++;
                onlyInCsv.add(() -> "line " + line.number() + " of " + name);
            }
            return;
        }

        boolean headerChecked = false;
        for (CsvSyntax.Line line : parsed.lines()) {
            rows++;
            EventRowId id;
            try {
                id = id(line.fields(), index);
            } catch (NumberFormatException e) {
                problems.add(
                        () ->
                                name
                                        + " line "
                                        + line.number()
                                        + ": _partition or _offset is not a number");
                continue;
            }
            ids.add(id);
            String where = name + " line " + line.number();
            String first = seenInCsv.putIfAbsent(id, where);
            if (first != null) {
                repeated.add(() -> id.render() + " at " + first + " and " + where);
                continue;
            }
            Located match = parquet.get(id);
            if (match == null) {
                onlyInCsv.add(() -> id.render() + " at " + where);
                continue;
            }
            MessageType schema = match.part().schema();
            if (!headerChecked) {
                headerChecked = true;
                List<String> expected = columnNames(schema);
                if (!expected.equals(header)) {
                    problems.add(
                            () ->
                                    name
                                            + " line 1: header "
                                            + header
                                            + " differs from the columns "
                                            + expected
                                            + " of "
                                            + PartFiles.shortName(match.part().file())
                                            + ", which holds the same events");
                }
            }
            compareValues(id, where, line.fields(), header, schema, match.row());
        }
        if (!headerChecked && !parquetSchemas.isEmpty() && !parquetSchemas.contains(header)) {
            problems.add(
                    () ->
                            name
                                    + " line 1: header "
                                    + header
                                    + " is not the column list of any Parquet file of the table");
        }
    }

    private void compareValues(
            EventRowId id,
            String where,
            List<String> fields,
            List<String> header,
            MessageType schema,
            LakeRecord row) {
        boolean rowDiffers = false;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (!schema.containsField(column)) {
                continue;
            }
            Type type = schema.getType(column);
            Object parquetValue = row.get(column);
            String text = fields.get(i);
            String csvShown;
            boolean same;
            try {
                Object csvValue = CsvValues.decode(text, type);
                // The job's CSV writer writes an empty byte array as an empty field, as it writes
                // null: the CSV cannot tell the two apart, so an empty field stands for either.
                same =
                        CsvValues.same(parquetValue, csvValue)
                                || text == null
                                        && parquetValue instanceof byte[] bytes
                                        && bytes.length == 0;
                csvShown = CsvValues.show(csvValue);
            } catch (IllegalArgumentException e) {
                same = false;
                csvShown = "unreadable " + CanonicalValues.render(text);
            }
            if (!same) {
                String shown = csvShown;
                if (!rowDiffers) {
                    rowDiffers = true;
                    differing.add(
                            () ->
                                    id.render()
                                            + " "
                                            + column
                                            + ": Parquet "
                                            + CsvValues.show(parquetValue)
                                            + ", CSV "
                                            + shown
                                            + " ("
                                            + where
                                            + ")");
                }
            }
        }
    }

    private static EventRowId id(List<String> fields, Map<String, Integer> index) {
        String partition = fields.get(index.get(MetadataColumns.PARTITION));
        String offset = fields.get(index.get(MetadataColumns.OFFSET));
        return new EventRowId(
                fields.get(index.get(MetadataColumns.TOPIC)),
                partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset),
                fields.get(index.get(MetadataColumns.IMAGE)));
    }

    private static List<String> columnNames(MessageType schema) {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    VerifyReport.CsvCheck result() {
        FindingCounter onlyInParquet = new FindingCounter(maxExamples);
        parquet.forEach(
                (id, located) -> {
                    if (!seenInCsv.containsKey(id)) {
                        onlyInParquet.add(
                                () ->
                                        id.render()
                                                + " in "
                                                + PartFiles.shortName(located.part().file()));
                    }
                });
        return new VerifyReport.CsvCheck(
                files,
                rows,
                problems.finding(),
                onlyInParquet.finding(),
                onlyInCsv.finding(),
                differing.finding(),
                repeated.finding());
    }
}
