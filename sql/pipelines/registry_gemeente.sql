-- The same valid records counted per gemeente code (as delivered) × region × partner ×
-- indicator × month, so the region page can show each gemeente's share and both boundary
-- views can be drawn from the codes the registry used. Reads extract_groups.
-- Parameters: $submission_id, $is_demo.
insert into registry_gemeente_count
select
    $submission_id as submission_id,
    gemeente_code,
    region,
    partner,
    indicator,
    period,
    sum(records)::integer as records,
    $is_demo as is_demo
from extract_groups
where problem is null and counts
group by gemeente_code, region, partner, indicator, period
