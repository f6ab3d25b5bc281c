-- Revision history: which figure a later file replaced or withdrew (new_value null: a row
-- 'intrekken', or a registry extract that no longer supports it), when, and from which file.
-- One page of it, newest first ($rows from $offset; the Data page shows 100 at a time).
select r.region, r.indicator, r.period, r.partner, r.sector, r.value as old_value, r.new_value,
    old.file_name as old_file, old.id as old_id, new.file_name as new_file, new.id as new_id,
    r.replaced_at
from observation_revision as r
join submission as old on old.id = r.submission_id
join submission as new on new.id = r.replaced_by
order by r.replaced_at desc, r.region, r.indicator, r.period, r.submission_id, r.source_row
limit $rows offset $offset
