-- One row per indicator of the region's targets in a programme at an as-of month.
select p.*, i.unit
from mv_progress_monthly as p
join indicator as i on i.code = p.indicator
where p.region = $region and p.programme = $programme and p.as_of_month = $month
order by case p.indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
