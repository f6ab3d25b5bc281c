-- Ids that occur more than once in the extract, with the first record's rowid: the later ones
-- are rejected. A GROUP BY over the ids only (not a window over whole records), so ten million
-- records are hashed once and never sorted. Reads the temp table `extract_raw`.
create or replace temp table extract_duplicate as
select id, min(rowid) as first_rowid
from extract_raw
where id is not null
group by id
having count(*) > 1
