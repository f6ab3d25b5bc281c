-- Freshness per region and partner with a reporting obligation, laggards first; months behind
-- and "behind" as v_partner_delivery defines them (the same as the list of late partners).
select f.region, r.name as region_name, f.partner, p.name_nl as partner_nl, p.name_en as partner_en,
    f.last_reported, f.last_received_at, f.files, f.months_behind, f.behind
from mv_partner_delivery as f
join region as r on r.code = f.region
join partner as p on p.code = f.partner
where f.programme = $programme
order by f.months_behind desc, r.name, f.partner
