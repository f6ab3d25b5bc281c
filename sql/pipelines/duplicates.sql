-- Identities that occur more than once in the input, with the row where each first appeared:
-- GROUP BYs, so ten thousand (or ten million) rows are hashed once, never compared in pairs.
-- Registry ids come straight from the staging relation (no rule needs to run for them), and
-- only when counting distinct ids (cheaper than grouping them) says some id repeats; partner
-- rows are identified by their checked key (checked_rows.sql).
-- The count is of distinct hashes of the ids: integers, cheaper to count than ten million
-- strings. Repeated ids always repeat their hash, so none is missed; two ids sharing a hash
-- only make the exact GROUP BY below run, and it names repeated ids only.
create or replace temp table intake_id_repeats as
select count(nullif(record_id, ''))
           > count(distinct case when record_id <> '' then hash(record_id) end) as repeats
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
