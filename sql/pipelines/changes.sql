-- What an input changes in the warehouse, figure by figure: each figure of `incoming`
-- against the published figure with the same region × indicator × month × partner × sector
-- (the revision rule: a row replaces exactly that figure, nothing else). The preview of
-- `validate` and `ingest`, and what pipelines/submissions.py applies. A flagged figure
-- (plausibility.sql) is held for review instead, unless $approve_warnings or a steward
-- decided on it with the file (review_decision at its moment $received_at: ingest
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
    from compared
)
select * from final;
