-- The checked records counted per region × gemeente × indicator × month × partner × sector ×
-- problem (the gemeente grain feeds registry_gemeente_count),
-- and whether they count (status 'geannuleerd': cancelled before they started, never counted),
-- with the first record's line: one pass over extract_checked that every later count and the
-- aggregate read instead of the records.
create or replace temp table extract_groups as
select region, gemeente_code, indicator, period, partner, sector, problem,
       status is distinct from 'geannuleerd' as counts,
       count(*) as records, min(source_row) as first_row
from extract_checked
group by all
