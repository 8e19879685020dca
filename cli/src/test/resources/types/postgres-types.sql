-- The column types of Debezium's PostgreSQL type tests (postgres_create_tables.ddl in
-- debezium-connector-postgres), with ordinary values, their special values (NaN, infinities,
-- 24:00:00, the extremes of each range) and NULLs; run by PostgresTypesITCase before the
-- connector starts. Its changes after the snapshot are in postgres-types-changes.sql.
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS isn;
CREATE SCHEMA types;
SET search_path = types, public;

CREATE TYPE types.mood AS ENUM ('happy', 'sad', 'with ''quote''');
CREATE DOMAIN types.positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN types.short_text AS varchar(10);

CREATE TABLE numeric_table (pk serial PRIMARY KEY, si smallint, i integer, bi bigint,
    r real, db double precision, r_int real, db_int double precision,
    r_nan real, db_nan double precision, r_pinf real, db_pinf double precision,
    r_ninf real, db_ninf double precision, ss smallserial, bs bigserial, b boolean, o oid);
INSERT INTO numeric_table (si, i, bi, r, db, r_int, db_int, r_nan, db_nan, r_pinf, db_pinf,
        r_ninf, db_ninf, b, o) VALUES
    (1, 123456, 1234567890123, 3.3, 4.44, 3, 4, 'NaN', 'NaN', 'Infinity', 'Infinity',
        '-Infinity', '-Infinity', true, 4294967295),
    (-32768, -2147483648, -9223372036854775808, -1.5e-10, 1.7976931348623157e308, -0.0, 5e-324,
        1, 2, 3, 4, 5, 6, false, 0),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- no suffix: fixed scale, zs: zero scale, vs: variable scale
CREATE TABLE numeric_decimal_table (pk serial PRIMARY KEY,
    d decimal(3,2), dzs decimal(4), dvs decimal, d_nn decimal(3,2) NOT NULL, n numeric(6,4),
    nzs numeric(4), nvs numeric,
    d_int decimal(3,2), dzs_int decimal(4), dvs_int decimal, n_int numeric(6,4),
    nzs_int numeric(4), nvs_int numeric,
    d_nan decimal(3,2), dzs_nan decimal(4), dvs_nan decimal, n_nan numeric(6,4),
    nzs_nan numeric(4), nvs_nan numeric, nvs_pinf numeric, nvs_ninf numeric,
    n_wide numeric(40,2), n_tiny numeric);
INSERT INTO numeric_decimal_table (d, dzs, dvs, d_nn, n, nzs, nvs, d_int, dzs_int, dvs_int,
        n_int, nzs_int, nvs_int, d_nan, dzs_nan, dvs_nan, n_nan, nzs_nan, nvs_nan, nvs_pinf,
        nvs_ninf, n_wide, n_tiny) VALUES
    (1.1, 10.11, 10.1111, 3.30, 22.22, 22.2, 22.2222, 1, 10, 10, 22, 22, 22,
        'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'Infinity', '-Infinity',
        12345678901234567890123456789012345678.12, 0.000000000000000000000000000000000000000001),
    (-9.99, -9999, -1e-20, 0, -99.9999, 0, 1.50, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -0.01, 100000000000000000000000000000000),
    (NULL, NULL, NULL, 1.00, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE string_table (pk serial PRIMARY KEY, vc varchar(2), vcv character varying(2),
    ch character(4), c char(3), t text, b bytea, bnn bytea NOT NULL, ct citext, bp bpchar,
    nm name, qc "char");
INSERT INTO string_table (vc, vcv, ch, c, t, b, bnn, ct, bp, nm, qc) VALUES
    ('ąę', 'ÅÄ', 'ab', 'cd', E'line1\nline2 "quoted" \\ back, comma; \U0001F600', '\x00ff01',
        '\x', 'MiXeD', 'bp ', 'a_name', 'x'),
    ('', '', '', '', '', '\x', '\x00', '', '', '', ' '),
    (NULL, NULL, NULL, NULL, NULL, NULL, '\x01', NULL, NULL, NULL, NULL);

CREATE TABLE network_table (pk serial PRIMARY KEY, i inet, c cidr, m macaddr, m8 macaddr8);
INSERT INTO network_table (i, c, m, m8) VALUES
    ('192.168.2.0/12', '192.168.100.128/25', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05'),
    ('2001:db8::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00:00:00'),
    (NULL, NULL, NULL, NULL);

CREATE TABLE cash_table (pk serial PRIMARY KEY, csh money);
-- money reaches 92233720368547758.07, but Debezium reads it through a double: exact up to 2^53 cents.
INSERT INTO cash_table (csh) VALUES (1234.11), (-1234567890123.45), (1234567890123.45), (NULL);

CREATE TABLE bitbin_table (pk serial PRIMARY KEY, ba bytea, bol bit(1), bol2 bit, bs bit(2),
    bs7 bit(7), bv bit varying(2), bv2 bit varying(24), bvl bit varying(64),
    bvunlimited1 bit varying);
INSERT INTO bitbin_table (ba, bol, bol2, bs, bs7, bv, bv2, bvl, bvunlimited1) VALUES
    ('\x010203', B'1', B'0', B'11', B'1000000', B'00', B'000000110000001000000001',
        B'1000000000000000000000000000000000000000000000000000000000000000', B'101'),
    ('\x', B'0', B'1', B'01', B'0000001', B'1', B'1', B'1', B'11111111111111111111111111111111111111'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- Dates and timestamps before the Gregorian calendar are in postgres-types-changes.sql: the
-- snapshot reads them through java.sql types, which shift them to the Julian calendar.
CREATE TABLE time_table (pk serial PRIMARY KEY, ts timestamp, tsneg timestamp(6),
    ts_ms timestamp(3), ts_us timestamp(6), tz timestamptz, date date, date_pinf date,
    date_ninf date, ti time, tip time(3), ttf time, ttz time with time zone,
    tptz time(3) with time zone, it interval, tsp timestamp(0) with time zone,
    ts_large timestamp, ts_large_us timestamp(6), ts_large_ms timestamp(3), tz_large timestamptz,
    ts_max timestamp(6), ts_min timestamp(6), tz_max timestamptz, tz_min timestamptz,
    ts_pinf timestamp(6), ts_ninf timestamp(6), tz_pinf timestamptz, tz_ninf timestamptz,
    tz_zero timestamptz, date_min date, date_max date, it_month interval, it_days interval);
INSERT INTO time_table (ts, tsneg, ts_ms, ts_us, tz, date, date_pinf, date_ninf, ti, tip, ttf,
        ttz, tptz, it, tsp, ts_large, ts_large_us, ts_large_ms, tz_large, ts_max, ts_min, tz_max,
        tz_min, ts_pinf, ts_ninf, tz_pinf, tz_ninf, tz_zero, date_min, date_max, it_month,
        it_days) VALUES
    ('2016-11-04T13:51:30.123456', '1936-10-25T22:10:12.608', '2016-11-04T13:51:30.123456',
        '2016-11-04T13:51:30.123456', '2016-11-04T13:51:30.123456+02:00', '2016-11-04',
        'infinity', '-infinity', '13:51:30', '13:51:30.123', '24:00:00', '13:51:30.123789+02:00',
        '13:51:30.123+02:00', 'P1Y2M3DT4H5M6.78S', '2016-11-04T13:51:30.123456+02:00',
        '21016-11-04T13:51:30.123456', '21016-11-04T13:51:30.123457',
        '21016-11-04T13:51:30.124', '21016-11-04T13:51:30.123456+07:00',
        '294247-01-01T23:59:59.999999', NULL, '294247-01-01T23:59:59.999999+00', NULL, 'infinity', '-infinity', 'infinity', '-infinity',
        '2021-01-01 00:00:00+00', NULL, '5874897-12-31', '1 mon',
        '30 days 10:30:00'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '00:00:00', '23:59:59.999', '23:59:59.999999',
        '00:00:00-05:30', '23:59:59.999+00', '-178000000 years', NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-1 mon 2 days -00:00:01',
        '0 seconds'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL);

CREATE TABLE text_table (pk serial PRIMARY KEY, j json, jb jsonb, x xml, u uuid);
INSERT INTO text_table (j, jb, x, u) VALUES
    ('{"bar": "baz"}', '{"bar": "baz", "n": 1.50}', '<foo>bar</foo><foo>bar</foo>',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    ('[]', '"just a string"', '<?xml version="1.0"?><a x="1">&lt;b&gt; ü</a>',
        '00000000-0000-0000-0000-000000000000'),
    (NULL, NULL, NULL, NULL);

CREATE TABLE geom_table (pk serial PRIMARY KEY, p point, bx box, cc circle, l line, ls lseg,
    pth path, pg polygon);
INSERT INTO geom_table (p, bx, cc, l, ls, pth, pg) VALUES
    ('(1,1)', '((0,0),(1,1))', '<(10,4),10>', '{-1,0,-5}', '[(0,0),(0,1)]',
        '((0,0),(0,1),(0,2))', '((0,0),(0,1),(1,0),(0,0))'),
    ('(-0.5,1e300)', '((-1.5,2),(3,-4.25))', '<(0,0),0.5>', '{1,2,3}', '[(1.5,2),(3,4)]',
        '[(1,2),(3,4)]', '((1,1),(2,2),(3,1))'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE range_table (pk serial PRIMARY KEY, unbounded_exclusive_tsrange tsrange,
    bounded_inclusive_tsrange tsrange, unbounded_exclusive_tstzrange tstzrange,
    bounded_inclusive_tstzrange tstzrange, unbounded_exclusive_daterange daterange,
    bounded_exclusive_daterange daterange, int4_number_range int4range, numerange numrange,
    int8_number_range int8range, empty_range int4range);
INSERT INTO range_table (unbounded_exclusive_tsrange, bounded_inclusive_tsrange,
        unbounded_exclusive_tstzrange, bounded_inclusive_tstzrange, unbounded_exclusive_daterange,
        bounded_exclusive_daterange, int4_number_range, numerange, int8_number_range,
        empty_range) VALUES
    ('[2019-03-31 15:30:00, infinity)', '[2019-03-31 15:30:00, 2019-04-30 15:30:00]',
        '[2017-06-05 11:29:12.549426+00,)', '[2017-06-05 11:29:12.549426+00, 2017-06-05 12:34:56.789012+00]',
        '[2019-03-31, infinity)', '[2019-03-31, 2019-04-30)', '[1000,6000)', '[5.3,6.3)',
        '[1000000,6000000)', 'empty'),
    (NULL, NULL, NULL, NULL, NULL, NULL, '(,)', '(,1.50]', '[-9223372036854775808,0)', NULL);

CREATE TABLE array_table (pk serial PRIMARY KEY, int_array int[], bigint_array bigint[],
    text_array text[], char_array char(10)[], varchar_array varchar(10)[], date_array date[],
    numeric_array numeric(10,2)[], varnumeric_array numeric[3], citext_array citext[],
    inet_array inet[], cidr_array cidr[], macaddr_array macaddr[], tsrange_array tsrange[],
    tstzrange_array tstzrange[], daterange_array daterange[], int4range_array int4range[],
    numerange_array numrange[], int8range_array int8range[], uuid_array uuid[], json_array json[],
    jsonb_array jsonb[], oid_array oid[], bool_array boolean[], float_array double precision[]);
INSERT INTO array_table (int_array, bigint_array, text_array, char_array, varchar_array,
        date_array, numeric_array, varnumeric_array, citext_array, inet_array, cidr_array,
        macaddr_array, tsrange_array, tstzrange_array, daterange_array, int4range_array,
        numerange_array, int8range_array, uuid_array, json_array, jsonb_array, oid_array,
        bool_array, float_array) VALUES
    ('{1,2,3}', '{1550166368505037572}', '{"one","two","three"}', '{"cone","ctwo","cthree"}',
        '{"vcone","vctwo","vcthree"}', '{2016-11-04,2016-11-05,2016-11-06}', '{1.2,3.4,5.6}',
        '{1.1,2.22,3.333}', '{"four","five","six"}', '{"192.168.2.0/12","192.168.1.1","192.168.0.2/1"}',
        '{"192.168.100.128/25","192.168.0.0/25","192.168.1.0/24"}',
        '{"08:00:2b:01:02:03","08-00-2b-01-02-03","08002b:010203"}',
        '{"[\"2019-03-31 15:30:00\",infinity)","[\"2019-03-31 15:30:00\",\"2019-04-30 15:30:00\"]"}',
        '{"[\"2017-06-05 11:29:12.549426+00\",)","[\"2017-06-05 11:29:12.549426+00\",\"2017-06-05 12:34:56.789012+00\"]"}',
        '{"[2019-03-31,infinity)","[2019-03-31,2019-04-30)"}', '{"[1,6)","[1,4)"}',
        '{"[5.3,6.3)","[10.0,20.0)"}', '{"[1000000,6000000)","[5000,9000)"}',
        '{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12"}',
        array['{"bar": "baz"}','{"foo": "qux"}']::json[], array['{"bar": "baz"}','{"foo": "qux"}']::jsonb[],
        '{3,4000000000}', '{true,NULL,false}', '{1.5,NaN,Infinity,-Infinity}'),
    ('{NULL,1}', '{}', '{NULL,"with,comma","quote\"","NULL"}', NULL, NULL, '{infinity,NULL}',
        '{NULL}', '{1.5,NULL}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE custom_table (pk serial PRIMARY KEY, lt ltree, i isbn NOT NULL, n text,
    lt_array ltree[]);
INSERT INTO custom_table (lt, i, n, lt_array) VALUES
    ('Top.Collections.Pictures.Astronomy.Galaxies', '978-0-393-04002-9', NULL,
        '{"Ship.Sail.Mast","Ship.Sail.Rope"}'),
    (NULL, '0-393-04002-X', 'text', NULL);

CREATE TABLE hstore_table (pk serial PRIMARY KEY, hs hstore, hsarr hstore[]);
INSERT INTO hstore_table (hs, hsarr) VALUES
    ('"key" => "val"', array['"key1" => "val1", "key2" => "val2"', '"key3" => "val3"']::hstore[]),
    ('"key1" => "val1", "key2" => NULL, "a b" => "c=>d"', NULL),
    ('', NULL),
    (NULL, NULL);

CREATE TABLE enum_domain_table (pk serial PRIMARY KEY, m mood, m_array mood[], p positive_int,
    s short_text);
INSERT INTO enum_domain_table (m, m_array, p, s) VALUES
    ('happy', '{happy,sad}', 1, 'short'),
    ('with ''quote''', '{}', 2147483647, ''),
    (NULL, NULL, NULL, NULL);

CREATE TABLE not_null_table (pk serial PRIMARY KEY,
    val numeric(20,8), created_at timestamp NOT NULL, created_at_tz timestamptz NOT NULL,
    ctime time NOT NULL, ctime_tz timetz NOT NULL, cdate date NOT NULL, cmoney money NOT NULL,
    cbits bit(3) NOT NULL, csmallint smallint NOT NULL, cinteger integer NOT NULL,
    cbigint bigint NOT NULL, creal real NOT NULL, cbool bool NOT NULL, cfloat8 float8 NOT NULL,
    cnumeric numeric(6,2) NOT NULL, cvarchar varchar(5) NOT NULL, cbox box NOT NULL,
    ccircle circle NOT NULL, cinterval interval NOT NULL, cline line NOT NULL,
    clseg lseg NOT NULL, cpath path NOT NULL, cpoint point NOT NULL, cpolygon polygon NOT NULL,
    cchar char NOT NULL, ctext text NOT NULL, cjson json NOT NULL, cxml xml NOT NULL,
    cuuid uuid NOT NULL, cvarbit varbit(3) NOT NULL, cinet inet NOT NULL, ccidr cidr NOT NULL,
    cmacaddr macaddr NOT NULL);
INSERT INTO not_null_table (val, created_at, created_at_tz, ctime, ctime_tz, cdate, cmoney,
        cbits, csmallint, cinteger, cbigint, creal, cbool, cfloat8, cnumeric, cvarchar, cbox,
        ccircle, cinterval, cline, clseg, cpath, cpoint, cpolygon, cchar, ctext, cjson, cxml, cuuid,
        cvarbit, cinet, ccidr, cmacaddr) VALUES
    (123456789012.12345678, '2024-02-29 13:45:30', '2024-02-29 13:45:30+02', '13:45:30',
        '13:45:30+02', '2024-02-29', 12.34, B'101', 1, 2, 3, 4.5, true, 6.5, 7.25, 'abc',
        '((0,0),(1,1))', '<(1,2),3>', '1 day', '{1,-1,0}', '[(0,0),(1,1)]', '[(0,0),(1,1)]',
        '(1,2)', '((0,0),(1,1),(1,0))', 'a', 'text', '{}', '<a/>',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', B'11', '10.0.0.1', '10.0.0.0/8',
        '08:00:2b:01:02:03');

CREATE TABLE table_without_pk (id serial, val integer);
ALTER TABLE table_without_pk REPLICA IDENTITY FULL;
INSERT INTO table_without_pk (val) VALUES (1), (1), (NULL);

CREATE SCHEMA "Quoted_"" . Schema";
CREATE TABLE "Quoted_"" . Schema"."Quoted_"" . Table" (pk serial PRIMARY KEY,
    "Quoted_"" . Text_Column" text, "with space" integer);
INSERT INTO "Quoted_"" . Schema"."Quoted_"" . Table" ("Quoted_"" . Text_Column", "with space")
    VALUES ('quoted', 1), (NULL, NULL);
