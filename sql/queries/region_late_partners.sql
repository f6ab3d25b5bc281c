-- Partners of one region that are behind or missing months (v_late_partners), with their names.
select l.partner, p.name_nl as partner_nl, p.name_en as partner_en, l.behind, l.months_behind, l.behind_since,
    l.last_delivered, l.indicators_behind, l.months_missing, l.due_month
from mv_late_partners as l
join partner as p on p.code = l.partner
where l.region = $region and l.programme = $programme
order by l.months_behind desc, l.partner
