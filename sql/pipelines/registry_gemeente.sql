-- The same valid records counted per gemeente code (as delivered) × region × partner ×
-- indicator × month, so the region page can show each gemeente's share and both boundary
-- views can be drawn from the codes the registry used.
-- Parameters: $submission_id, $is_demo.
insert into registry_gemeente_count
select
    $submission_id as submission_id,
    upper(trim(gemeente_code)) as gemeente_code,
    region,
    partner,
    indicator,
    date_trunc('month', start_date)::date as period,
    count(*) as records,
    $is_demo as is_demo
from extract_checked
where problem is null and status <> 'geannuleerd'
group by all
