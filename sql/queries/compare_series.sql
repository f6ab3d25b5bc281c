-- Trajectories of up to four regions side by side, every indicator (the page draws them as
-- small multiples): % of target at each month end (the month's last day, when its figures are
-- known).
select p.indicator, p.region, r.name as region_name, last_day(p.as_of_month) as month_end,
    p.realised, p.achievement
from mv_progress_monthly as p
join region as r on r.code = p.region
where p.programme = $programme and p.as_of_month <= $month
    and p.region in (select unnest($regions)) and p.realised is not null
order by p.indicator, p.region, p.as_of_month
