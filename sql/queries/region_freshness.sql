-- How fresh the region's figures are, per partner with a reporting obligation; months behind as
-- v_partner_delivery defines them, the same figure as the region page's "Late deliveries".
select f.partner, p.name_nl as partner_nl, p.name_en as partner_en, f.last_reported,
    f.last_received_at, f.files, f.months_behind
from mv_partner_delivery as f
join partner as p on p.code = f.partner
where f.region = $region and f.programme = $programme
order by f.months_behind desc, f.partner
