-- The revision rule: a row replaces (or withdraws) exactly the figure with the same region,
-- indicator, month, partner and sector. Before it is deleted, that figure goes to
-- observation_revision with the figure that replaces it (null for a withdrawal).
-- Parameters: $submission_id, $received_at. Reads intake_change (changes.sql).
insert into observation_revision
select o.region, o.indicator, o.period, o.partner, o.sector, o.value, o.submission_id,
       o.source_row, o.note, o.is_demo, $submission_id, $received_at, c.new_value
from observation as o
join intake_change as c using (region, indicator, period, partner, sector)
where c.change in ('replaced', 'withdrawn');
