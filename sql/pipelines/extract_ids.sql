-- How many distinct integers the ids are (extract_records.sql), one bit each between $lowest
-- and $highest (extract_verdict.sql): ten million ids cost one pass over a bitmap, where
-- hashing them cost two seconds (docs/benchmarks.md).
select bit_count(bitstring_agg(id_number, $lowest, $highest)) as distinct_ids
from intake_record;
