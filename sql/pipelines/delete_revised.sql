-- Remove the figures archived by archive_revised.sql (same region, partner and month).
delete from observation as o
using (select distinct region, partner, period from incoming) as k
where o.region = k.region and o.partner = k.partner and o.period = k.period
