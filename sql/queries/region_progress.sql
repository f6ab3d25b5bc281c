-- One row per indicator of the region's targets in a programme at an as-of month, with the
-- figure expected given its context (sql/views/80_context.sql: context_expected in the
-- indicator's unit, context_per_10k, the year it rests on, or context_no_figure: why not).
select p.*, i.unit, x.expected as context_expected, x.expected_per_10k as context_per_10k,
    x.baseline_per_10k as context_baseline_per_10k, x.fit_year as context_year,
    x.no_figure as context_no_figure
from mv_progress_monthly as p
join indicator as i on i.code = p.indicator
left join v_context_expected as x using (programme, indicator, region)
where p.region = $region and p.programme = $programme and p.as_of_month = $month
order by case p.indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
