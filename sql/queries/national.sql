-- The national picture beside the regions (v_national): every indicator at one programme and
-- as-of month.
select n.*, i.unit
from mv_national as n
join indicator as i on i.code = n.indicator
where n.programme = $programme and n.as_of_month = $month
order by case n.indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
