-- Changes streamed after the snapshot of postgres-types.sql (besides a copy of every row, which
-- PostgresTypesITCase inserts): special values replaced by others and the other way round.
UPDATE types.numeric_table SET db_nan = 'Infinity', r_pinf = 'NaN', r = 'NaN' WHERE pk = 1;
UPDATE types.numeric_decimal_table SET nvs_nan = 1.5, nvs = 'NaN', d = 'NaN', nvs_pinf = '-Infinity'
    WHERE pk = 2;
UPDATE types.time_table SET tz_pinf = '-infinity', ts_us = 'infinity', date = '-infinity',
    ttf = '23:59:59.999999', tz = 'infinity', ts = '-infinity', ts_ms = 'infinity' WHERE pk = 1;
UPDATE types.time_table SET tz = '-infinity', ti = '24:00:00', it = '1 mon -30 days' WHERE pk = 3;
UPDATE types.time_table SET ts_min = '4713-12-31T00:00:00 BC',
    tz_min = '4714-12-31T23:59:59.999999+00 BC', date_min = '4713-01-01 BC' WHERE pk = 2;
UPDATE types.geom_table SET p = '(2,3)', cc = '<(0,0),1>', pg = '((0,0),(1,1),(2,0))' WHERE pk = 1;
UPDATE types.text_table SET x = '<changed attr="&quot;"/>', jb = '{"n": 2}' WHERE pk = 1;
UPDATE types.range_table SET numerange = '[1,2]', empty_range = '[3,4]' WHERE pk = 1;
UPDATE types.array_table SET float_array = '{NaN}', date_array = '{-infinity}' WHERE pk = 1;
DELETE FROM types.string_table WHERE pk = 2;
UPDATE types.table_without_pk SET val = 2 WHERE val IS NULL;
UPDATE "Quoted_"" . Schema"."Quoted_"" . Table" SET "Quoted_"" . Text_Column" = 'updated "q"'
    WHERE pk = 2;
