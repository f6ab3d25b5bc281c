-- `regiomonitor progress`: one region's metrics per indicator at an as-of month
-- (the programme's current month when none is given).
select p.*, r.name as region_name, i.unit, i.label_nl, i.label_en, s.label_nl as status_nl,
    s.label_en as status_en, g.name as programme_name
from mv_progress_monthly as p
join region as r on r.code = p.region
join indicator as i on i.code = p.indicator
join programme as g on g.code = p.programme
left join status as s on s.code = p.status
where p.region = $region
    and p.programme = coalesce($programme, (select code from programme order by start_date limit 1))
    and p.as_of_month = coalesce($month, (select as_of_month from mv_current_month as c
                                          where c.programme = p.programme))
order by case p.indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
