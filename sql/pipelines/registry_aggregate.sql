-- Valid records of a registry extract counted per region × indicator × month × partner ×
-- sector, traceable to the submission and the first record's line. Records with status
-- 'geannuleerd' (cancelled before they started) are not counted: the indicators count starts.
-- Reads extract_groups. Parameters: $submission_id, $is_demo.
create or replace temp table incoming as
select
    region,
    indicator,
    period,
    partner,
    sector,
    sum(records)::double as value,
    $submission_id as submission_id,
    min(first_row)::integer as source_row,
    null::varchar as note,
    $is_demo as is_demo
from extract_groups
where problem is null and counts
group by region, indicator, period, partner, sector
