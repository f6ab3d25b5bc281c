-- Who delivers the region's realisations at the as-of month $month: per indicator and
-- organisation (grouped by its kind in the partner register), summed over sectors, with the
-- main sectors named in both languages (their labels, never their codes); from
-- v_contributions (not copied at publish: sql/materialize.sql), so the rows of an indicator add
-- up to the gain R − B on its card:
--   indicator_gain   mv_progress_monthly.realised_since_baseline, the card's R − B, which the
--                    page shows as the indicator's total row (tests/test_breakdowns.py checks
--                    that the partners' rows add up to it)
select
    c.indicator,
    k.label_nl as kind_nl,
    k.label_en as kind_en,
    c.partner,
    p.name_nl as partner_nl,
    p.name_en as partner_en,
    sum(c.realised) as realised,
    sum(c.share) as share,
    any_value(g.realised_since_baseline) as indicator_gain,
    string_agg(coalesce(s.label_nl, c.sector), ', ' order by c.realised desc) as sectors_nl,
    string_agg(coalesce(s.label_en, c.sector), ', ' order by c.realised desc) as sectors_en
from v_contributions as c
join partner as p on p.code = c.partner
left join sector as s on s.code = c.sector
join partner_kind as k on k.code = p.kind
join mv_progress_monthly as g using (programme, region, indicator, as_of_month)
where c.region = $region and c.programme = $programme and c.as_of_month = $month
group by all
order by c.indicator, any_value(k.position), realised desc
