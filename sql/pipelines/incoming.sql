-- The figures an input adds: its valid rows per region × indicator × month × partner ×
-- sector (one row each for a partner file, whose keys are unique; counted records for an
-- extract), with the first row they came from. A withdrawal ('intrekken') has no value.
-- Reads intake_group.
create or replace temp table incoming as
select
    region,
    indicator,
    period,
    partner,
    sector,
    sum(value)::double as value,
    bool_or(withdraw) as withdraw,
    min(first_row)::integer as source_row,
    min(note) as note
from intake_group
where ok and counts
group by region, indicator, period, partner, sector;
