-- Who delivers the region's realisations: per indicator and organisation (grouped by its
-- kind in the partner register), summed over sectors, with the main sectors named in both
-- languages (their labels, never their codes); from mv_contributions.
select
    c.indicator,
    k.label_nl as kind_nl,
    k.label_en as kind_en,
    c.partner,
    p.name_nl as partner_nl,
    p.name_en as partner_en,
    sum(c.realised) as realised,
    sum(c.share) as share,
    string_agg(coalesce(s.label_nl, c.sector), ', ' order by c.realised desc) as sectors_nl,
    string_agg(coalesce(s.label_en, c.sector), ', ' order by c.realised desc) as sectors_en
from mv_contributions as c
join partner as p on p.code = c.partner
left join sector as s on s.code = c.sector
join partner_kind as k on k.code = p.kind
where c.region = $region and c.programme = $programme
group by all
order by c.indicator, any_value(k.position), realised desc
