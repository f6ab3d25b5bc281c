-- How fresh the region's figures are, per partner; from mv_freshness.
select f.partner, p.name_nl as partner_nl, p.name_en as partner_en, f.last_period,
    f.last_received_at, f.submissions, f.months_behind
from mv_freshness as f
join partner as p on p.code = f.partner
where f.region = $region
order by f.months_behind desc, f.partner
