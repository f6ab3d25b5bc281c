-- What decides whether an extract read by extract_records.sql loads without the staged path:
-- how many records fail (or hold a value extract_values.sql did not foresee) and, for the
-- duplicate check, how many ids are integers (after their prefix) and their range.
select
    count(*) filter (where not ok) as failing,
    count(*) as records,
    count(id_number) as numbered,
    min(id_number) as lowest,
    max(id_number) as highest
from intake_record;
