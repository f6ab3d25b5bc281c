-- One publish of the warehouse (pipelines/warehouse.finish): record it, the figures that
-- differ from the previous publication (new, changed, withdrawn), and keep the figures as
-- published for the next comparison. The first publication compares with nothing: it
-- records no changes. Every flow publishes through here (refresh, ingest, review, geometry).
-- A changed figure names the file of its new value; a withdrawn one the file that withdrew it
-- (observation_revision's replaced_by: a row 'intrekken', or an extract that no longer
-- supports it), else its own.
create or replace temp table publishing as
with now_figure as (
    select region, indicator, period, partner, sector, value, submission_id from observation
),
withdrawn_by as (
    select region, indicator, period, partner, sector, submission_id, value,
           arg_max(replaced_by, (replaced_at, replaced_by)) as replaced_by   -- the latest
    from observation_revision
    where new_value is null
    group by all
),
final as (
    select
        coalesce(n.region, p.region) as region,
        coalesce(n.indicator, p.indicator) as indicator,
        coalesce(n.period, p.period) as period,
        coalesce(n.partner, p.partner) as partner,
        coalesce(n.sector, p.sector) as sector,
        p.value as old_value,
        n.value as new_value,
        coalesce(n.submission_id, w.replaced_by, p.submission_id) as submission_id
    from now_figure as n
    full join published_figure as p using (region, indicator, period, partner, sector)
    left join withdrawn_by as w
        on n.value is null and w.region = p.region and w.indicator = p.indicator
        and w.period = p.period and w.partner = p.partner and w.sector = p.sector
        and w.submission_id = p.submission_id and w.value = p.value
    where n.value is distinct from p.value
)
select * from final;

insert into publication
select coalesce(max(id), 0) + 1,
       timezone('UTC', current_timestamp),
       case when count(*) > 0 then (select count(*) from publishing) else 0 end,
       count(*) = 0
from publication;

insert into figure_change
select (select max(id) from publication), *
from publishing
where not (select first from publication order by id desc limit 1);

delete from published_figure;
insert into published_figure
select region, indicator, period, partner, sector, value, submission_id from observation;

drop table publishing;
