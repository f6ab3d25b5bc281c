-- "Gewijzigd sinds de vorige publicatie": the figures the latest publication changed (new,
-- replaced, withdrawn), of one region ($region) or all (null), with the file the new figure
-- came from, or the file that withdrew it (sql/publication.sql). Empty after the first
-- publication.
with latest as (
    select * from publication order by id desc limit 1
),
final as (
    select
        l.published_at,
        c.region,
        c.indicator,
        c.period,
        c.partner,
        p.name_nl as partner_name,
        c.sector,
        c.old_value,
        c.new_value,
        s.file_name,
        c.submission_id
    from latest as l
    join figure_change as c on c.publication = l.id
    join partner as p on p.code = c.partner
    left join submission as s on s.id = c.submission_id
    where $region is null or c.region = $region
)
select * from final
order by region, indicator, period, partner, sector
