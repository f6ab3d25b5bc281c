select f.region, r.name as region_name, f.partner, p.name_nl as partner_nl, p.name_en as partner_en,
    f.last_period, f.last_received_at, f.submissions, f.months_behind
from mv_freshness as f
join region as r on r.code = f.region
join partner as p on p.code = f.partner
order by f.months_behind desc, r.name, f.partner
