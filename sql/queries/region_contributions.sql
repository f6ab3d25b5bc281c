-- Who delivers the region's realisations: per indicator and partner, summed over sectors,
-- with the main sectors named; from mv_contributions.
select
    c.indicator,
    c.partner,
    p.name_nl as partner_nl,
    p.name_en as partner_en,
    sum(c.realised) as realised,
    sum(c.share) as share,
    string_agg(c.sector, ', ' order by c.realised desc) as sectors
from mv_contributions as c
join partner as p on p.code = c.partner
where c.region = $region and c.programme = $programme
group by all
order by c.indicator, realised desc
