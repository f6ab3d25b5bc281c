-- Remove the figures archived by archive_revised.sql, then add the new ones (a figure sent
-- again unchanged keeps its first source). Parameters: $submission_id, $is_demo.
delete from observation as o
using intake_change as c
where c.change in ('replaced', 'withdrawn')
    and o.region = c.region and o.indicator = c.indicator and o.period = c.period
    and o.partner = c.partner and o.sector = c.sector;

insert into observation by name
select region, indicator, period, partner, sector, new_value as value, source_row, note,
       $submission_id as submission_id, $is_demo as is_demo
from intake_change
where change in ('added', 'replaced');
