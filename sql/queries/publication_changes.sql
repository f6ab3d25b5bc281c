-- "Gewijzigd sinds de vorige publicatie": the figures changed (new, replaced, withdrawn) by the
-- latest publication that was not a review decision's, together with the review decisions
-- published since (sql/queries/latest_publication.sql): a steward's decision adds to the list,
-- it never drops the partner's correction from it (issue 23). A figure changed more than once
-- in that span shows its value before the first change and after the last, with the file of
-- the last change (the new figure's, or the file that withdrew it: sql/publication.sql); a
-- figure back where it was is left out. One region ($region) or all (null). Empty after the
-- first publication.
with reviews as (
    select distinct publication as id from review_decision where publication is not null
),
anchor as (
    select max(id) as id from publication where id not in (select id from reviews)
),
span as (
    select c.*
    from figure_change as c
    where c.publication >= (select id from anchor)
        and ($region is null or c.region = $region)
),
netted as (
    select
        region, indicator, period, partner, sector,
        first(old_value order by publication) as old_value,
        last(new_value order by publication) as new_value,
        last(submission_id order by publication) as submission_id
    from span
    group by region, indicator, period, partner, sector
),
final as (
    select
        l.published_at,
        n.region,
        n.indicator,
        n.period,
        n.partner,
        p.name_nl as partner_name,
        n.sector,
        n.old_value,
        n.new_value,
        s.file_name,
        n.submission_id
    from netted as n
    cross join (select published_at from publication order by id desc limit 1) as l
    join partner as p on p.code = n.partner
    left join submission as s on s.id = n.submission_id
    where n.old_value is distinct from n.new_value
)
select * from final
order by region, indicator, period, partner, sector
