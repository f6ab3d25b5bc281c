-- The notices of the Atom feeds (dashboard/feeds.py): the public kinds of v_notice
-- (core/notices.py PUBLIC_KINDS; never a rejected value, nor each new figure), of one region
-- ($region) or all (null), the newest publications first, at most $limit.
select *
from v_notice
where kind in ('publication', 'status', 'corrected', 'withdrawn')
    and ($region is null or region = $region)
order by publication desc, region,
    case kind when 'publication' then 1 when 'status' then 2 when 'corrected' then 3 else 4 end,
    indicator, period, partner, sector
limit $limit
