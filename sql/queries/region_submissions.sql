-- The files behind a region's figures: every observation keeps its submission id. Indicators
-- by name in both languages (never a raw code where a name exists).
select
    s.id,
    s.file_name,
    s.received_at,
    s.status,
    s.is_demo,
    count(*) as rows_for_region,
    string_agg(distinct i.label_nl, ', ' order by i.label_nl) as indicators_nl,
    string_agg(distinct i.label_en, ', ' order by i.label_en) as indicators_en
from observation as o
join submission as s on s.id = o.submission_id
join indicator as i on i.code = o.indicator
where o.region = $region
group by all
order by s.file_name
