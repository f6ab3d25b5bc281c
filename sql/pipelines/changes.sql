-- What an input changes in the warehouse, figure by figure: each figure of `incoming`
-- against the published figure with the same region × indicator × month × partner × sector
-- (the revision rule: a row replaces exactly that figure, nothing else), and, for a registry
-- extract, each published figure inside its scope (scope.sql) that it no longer supports:
-- withdrawn, as a row with 'intrekken' withdraws one. Such a figure's source_row is the first
-- of its records whose status does not count (only those can be left), null when none is.
-- The preview of `validate` and `ingest`, and what pipelines/submissions.py applies. A
-- flagged figure (plausibility.sql) is held for review instead, unless $approve_warnings or
-- a steward decided on it with the file (review_decision at its moment $received_at: ingest
-- --approve-warnings). A decision taken later is replayed later, where it was made
-- (pipelines/decisions.py). Parameters: $submission_id, $approve_warnings, $received_at.
create or replace temp table intake_change as
with compared as (
    select
        n.region, n.indicator, n.period, n.partner, n.sector, n.source_row,
        o.value as old_value,
        case when not n.withdraw then n.value::decimal(18, 2) end as new_value,
        n.withdraw,
        n.note,
        case when f.source_row is null then null
             when d.decided_at <= $received_at then d.decision
             when $approve_warnings then 'approved'
             else 'waiting' end as review
    from incoming as n
    left join observation as o using (region, indicator, period, partner, sector)
    left join intake_flagged as f using (region, indicator, period, partner, sector)
    left join review_decision as d
        on d.submission_id = $submission_id and d.source_row = n.source_row
),
unsupported as (
    select o.region, o.indicator, o.period, o.partner, o.sector, o.value
    from observation as o
    join intake_scope as s
        on s.region = o.region and s.indicator = o.indicator and s.partner = o.partner
        and o.period between s.first_month and s.last_month
    anti join incoming as n
        on n.region = o.region and n.indicator = o.indicator and n.period = o.period
        and n.partner = o.partner and n.sector = o.sector
),
-- the first record of each unsupported figure, where its records are all cancelled: matched
-- with the few unsupported figures before grouping, not grouped over the whole extract
cancelled as (
    select u.region, u.indicator, u.period, u.partner, u.sector,
           min(g.first_row)::integer as source_row
    from unsupported as u
    join intake_group as g
        on g.region = u.region and g.indicator = u.indicator and g.period = u.period
        and g.partner = u.partner and g.sector = u.sector
    where g.kind = 'registry' and g.ok and not g.counts
    group by all
),
withdrawn as (
    select
        u.region, u.indicator, u.period, u.partner, u.sector, c.source_row,
        u.value as old_value,
        null::decimal(18, 2) as new_value,
        true as withdraw,
        null::varchar as note,
        null::varchar as review
    from unsupported as u
    left join cancelled as c using (region, indicator, period, partner, sector)
),
final as (
    select
        *,
        case when review = 'waiting' then 'held'
             when review = 'rejected' then 'rejected'
             when withdraw and old_value is null then 'nothing'
             when withdraw then 'withdrawn'
             when old_value is null then 'added'
             when old_value = new_value then 'unchanged'
             else 'replaced' end as change
    from (select * from compared union all select * from withdrawn)
)
select * from final;
