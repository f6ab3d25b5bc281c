-- The revision rule: a submission replaces every earlier figure of the same region, partner
-- and month. Before they are deleted, those figures go to observation_revision, with the
-- figure that replaces them (null when the correction no longer reports that key).
-- Parameters: $submission_id, $received_at. Reads the temp table `incoming` (incoming.sql).
insert into observation_revision
select o.region, o.indicator, o.period, o.partner, o.sector, o.value, o.submission_id,
       o.source_row, o.note, o.is_demo, $submission_id, $received_at, n.value
from observation as o
semi join (select distinct region, partner, period from incoming) as k
    using (region, partner, period)
left join incoming as n using (region, indicator, period, partner, sector)
