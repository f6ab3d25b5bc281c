-- Valid records of a registry extract counted per region × indicator × month × partner ×
-- sector, traceable to the submission and the first record's line. Records with status
-- 'geannuleerd' (cancelled before they started) are not counted: the indicators count starts.
-- Parameters: $submission_id, $is_demo.
create or replace temp table incoming as
select
    region,
    indicator,
    date_trunc('month', start_date)::date as period,
    partner,
    sector,
    count(*)::double as value,
    $submission_id as submission_id,
    min(source_row)::integer as source_row,
    null::varchar as note,
    $is_demo as is_demo
from extract_checked
where problem is null and status <> 'geannuleerd'
group by all
