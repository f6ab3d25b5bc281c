-- Every partner behind or missing months, per region, for the stewards' reminder list.
select l.region, r.name as region_name, l.partner, p.name_nl as partner_nl, p.name_en as partner_en,
    l.behind, l.months_behind, l.behind_since, l.last_delivered, l.indicators_behind, l.months_missing,
    l.due_month
from mv_late_partners as l
join region as r on r.code = l.region
join partner as p on p.code = l.partner
where l.programme = $programme
order by l.months_behind desc, r.name, l.partner
