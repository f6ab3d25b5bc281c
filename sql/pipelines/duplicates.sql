-- Identities that occur more than once in the input, with the row where each first appeared:
-- GROUP BYs, so ten thousand (or ten million) rows are hashed once, never compared in pairs.
-- Registry ids come straight from the staging relation (no rule needs to run for them), and
-- only when counting distinct ids (cheaper than grouping them) says some id repeats; partner
-- rows are identified by their checked key (checked_rows.sql).
create or replace temp table intake_id_repeats as
select count(nullif(record_id, '')) > count(distinct nullif(record_id, '')) as repeats
from staged;

create or replace temp table intake_duplicate as
select record_id as identity, min(coalesce(source_row, rowid + 2))::integer as first_row
from staged
where record_id <> '' and (select repeats from intake_id_repeats)
group by record_id
having count(*) > 1
union all
select identity, min(source_row)
from checked_rows
where record_id is null and identity is not null
group by identity
having count(*) > 1;
