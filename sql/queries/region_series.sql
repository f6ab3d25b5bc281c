-- Realised at the end of each month from the baseline month to the current month, for the
-- region's trajectory charts, with the recent-pace projection of the current month.
select m.indicator, m.as_of_month, m.realised, m.months_reported
from v_progress_monthly as m
join v_current_month as c using (programme)
where m.region = $region and m.programme = $programme
    and m.as_of_month <= c.as_of_month and m.realised is not null
order by m.indicator, m.as_of_month
