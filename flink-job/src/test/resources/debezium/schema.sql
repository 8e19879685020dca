-- Tables and rows of the Debezium fixtures in this folder, run by DebeziumFixtureCapture
-- (local-stack tests) before the capture and by the verifier tests that rebuild its tables.
CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');

CREATE TABLE numeric_types (id int PRIMARY KEY, c_smallint smallint, c_int int, c_bigint bigint,
    c_real real, c_double double precision, c_numeric numeric(10,2), c_numeric_var numeric, c_bool boolean);
INSERT INTO numeric_types VALUES
    (1, 42, 123456, 9876543210, 3.5, 2.718281828459045, 12345.67, 3.14159265358979323846, true),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, -32768, -2147483648, 9223372036854775807, -1.5e-10, 1.7976931348623157e308, -99999999.99,
        -0.000000000000000000001, false);

CREATE TABLE text_types (id int PRIMARY KEY, c_text text, c_varchar varchar(20), c_char char(5),
    c_uuid uuid, c_enum mood);
INSERT INTO text_types VALUES
    (1, 'hello', 'varchar value', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy'),
    (2, NULL, NULL, NULL, NULL, NULL),
    (3, E'line1\nline2 "quoted" \\ backslash, comma; \u00fcn\u00efc\u00f6d\u00e9 \U0001F600', '', '',
        '00000000-0000-0000-0000-000000000000', 'sad');

CREATE TABLE temporal_types (id int PRIMARY KEY, c_date date, c_time time, c_time3 time(3), c_time6 time(6),
    c_ts3 timestamp(3), c_ts6 timestamp(6), c_tstz timestamptz, c_timetz timetz, c_interval interval);
INSERT INTO temporal_types VALUES
    (1, '2024-02-29', '13:45:30', '13:45:30.123', '13:45:30.123456', '2024-02-29 13:45:30.123',
        '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30.123456+02', '13:45:30.123456+02',
        '1 year 2 months 3 days 04:05:06.789'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, '1969-07-20', '00:00:00', '23:59:59.999', '23:59:59.999999', '1900-01-01 00:00:00',
        '1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999+00', '00:00:00-05:30', '-1 days -00:00:01');

CREATE TABLE json_types (id int PRIMARY KEY, c_json json, c_jsonb jsonb);
INSERT INTO json_types VALUES
    (1, '{"a": 1, "b": [true, null]}', '{"nested": {"k": "v"}, "n": 1.5}'),
    (2, NULL, NULL),
    (3, '[]', '"just a string"');

CREATE TABLE binary_types (id int PRIMARY KEY, c_bit bit(4), c_varbit varbit, c_bytea bytea);
INSERT INTO binary_types VALUES
    (1, B'1010', B'110011', '\xdeadbeef'),
    (2, NULL, NULL, NULL),
    (3, B'0000', B'', '\x');

CREATE TABLE array_types (id int PRIMARY KEY, c_int_arr int[], c_text_arr text[]);
INSERT INTO array_types VALUES
    (1, '{1,2,3}', '{"a","b c"}'),
    (2, NULL, NULL),
    (3, '{}', '{NULL,"with,comma","quote\""}');

CREATE TABLE ops_demo (id int PRIMARY KEY, name text, score int);
INSERT INTO ops_demo VALUES (1, 'Ada', 10);

CREATE TABLE ops_full (id int PRIMARY KEY, name text, score int);
ALTER TABLE ops_full REPLICA IDENTITY FULL;
INSERT INTO ops_full VALUES (1, 'Ada', 10);

CREATE TABLE toast_demo (id int PRIMARY KEY, payload text, counter int);
ALTER TABLE toast_demo ALTER COLUMN payload SET STORAGE EXTERNAL;
