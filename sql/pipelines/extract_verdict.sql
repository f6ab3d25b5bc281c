-- What decides whether an extract read by extract_records.sql may be counted without the
-- staged path: how many records hold a cell that is not one of the checked values (no gemeente
-- cell, month or figure) and, for the duplicate check, how many ids are integers after their
-- prefix (a missing id is none) and their range.
select
    count(*) filter (where cell_id is null or period is null or figure_id is null) as failing,
    count(*) as records,
    count(id_number) as numbered,
    min(id_number) as lowest,
    max(id_number) as highest
from intake_record;
