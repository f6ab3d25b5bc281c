-- Every notice of the publications after $after (pipelines/notify.py: the digests), every
-- kind: a digest picks the public kinds for the regions an account follows and the own kinds
-- for a partner's organisations (core/notices.py).
select *
from v_notice
where publication > $after
order by publication, region,
    case kind when 'publication' then 1 when 'status' then 2 when 'corrected' then 3 else 4 end,
    indicator, period, partner, sector
