package io.cdclake.job.decode;

import io.cdclake.format.TableId;
import org.apache.flink.table.data.GenericRowData;

/**
 * One row for the lake: a table's columns and the metadata columns, with the schema version it
 * follows. Rows travel chained from the decoder to the writers; they are not meant to be shipped
 * between tasks.
 */
public record LakeRow(TableId table, TableSchema schema, GenericRowData row, long commitTimeMs) {}
