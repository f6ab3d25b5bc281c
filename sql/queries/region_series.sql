-- Realised at the end of each month from the baseline month to the as-of month, for the
-- region's trajectory charts.
-- complete: every expected partner delivered that month (or nobody was expected).
select m.indicator, m.as_of_month, m.realised, m.months_reported,
    coalesce(m.month_state, 'complete') = 'complete' as complete
from mv_progress_monthly as m
where m.region = $region and m.programme = $programme
    and m.as_of_month <= $month and m.realised is not null
order by m.indicator, m.as_of_month
