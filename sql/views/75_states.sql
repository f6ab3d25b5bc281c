-- What became of every delivered file and of every figure in it (issue 24): the one definition
-- of the states a partner sees on /aanleveren, the stewards on /beheer, everyone on the Data page
-- (without names) and the command line (`regiomonitor inbox`), so that none of them says
-- "geladen" of a figure a steward rejected.
--
-- v_figure_state: one row per figure a file delivered that passed the checks, in one state:
--   loaded      published, as delivered
--   approved    held for review, approved by a steward, published
--   held        held for review: waits for a steward, not published
--   rejected    held for review, rejected by a steward: never published
--   replaced    published once, replaced since by a later file's figure of the same cell
--   withdrawn   published once, withdrawn since by a later file (a row 'intrekken', or a
--               registry extract that no longer supports it)
-- with the steward's decision (who, why, when) when there was one, and the later file when
-- replaced or withdrawn. Rows a file's checks rejected are not figures: rejected_row has them
-- with their reasons.
create view v_figure_state as
with published as (
    select submission_id, source_row, region, indicator, period, partner, sector, value,
        'loaded' as base_state, null::varchar as replaced_by, null::timestamp as replaced_at,
        null::decimal(18, 2) as new_value
    from observation
),

revised as (
    select submission_id, source_row, region, indicator, period, partner, sector, value,
        case when new_value is null then 'withdrawn' else 'replaced' end as base_state,
        replaced_by, replaced_at, new_value
    from observation_revision
),

held as (   -- an approved figure is in observation (or revised since): not counted twice
    select submission_id, source_row, region, indicator, period, partner, sector, value,
        case status when 'waiting' then 'held' else status end as base_state,
        null::varchar as replaced_by, null::timestamp as replaced_at, null::decimal(18, 2) as new_value
    from held_figure
    where status in ('waiting', 'rejected')
),

figures as (
    select * from published
    union all select * from revised
    union all select * from held
),

final as (
    select
        f.submission_id,
        f.source_row,
        s.file_name,
        s.received_at,
        f.region,
        f.indicator,
        f.period,
        f.partner,
        f.sector,
        f.value,
        case when f.base_state = 'loaded' and d.decision = 'approved' then 'approved'
             else f.base_state end as state,
        d.decision,
        d.reason as decision_reason,
        d.steward as decided_by,
        d.decided_at,
        f.replaced_by,
        l.file_name as replaced_by_file,
        f.replaced_at,
        f.new_value
    from figures as f
    join submission as s on s.id = f.submission_id
    left join review_decision as d using (submission_id, source_row)
    left join submission as l on l.id = f.replaced_by
)
select * from final;

-- v_submission_state: one row per delivered file, its state from its figures':
--   rejected         the checks rejected the file (nothing loaded), or a steward rejected every
--                    figure it had
--   held             figures of it wait for a steward
--   partly_rejected  a steward rejected some of its figures; the others count
--   approved         a steward approved figures of it; all of it counts
--   superseded       every figure of it has been replaced or withdrawn by later files
--   loaded, partial  as loaded (partial: the valid rows, the others in rejected_row)
-- with the last steward decision on it (what, why, who, when).
create view v_submission_state as
with counts as (
    select
        submission_id,
        count(*) as figures,
        count(*) filter (where state = 'held') as figures_held,
        count(*) filter (where state = 'approved') as figures_approved,
        count(*) filter (where state = 'rejected') as figures_rejected,
        count(*) filter (where state in ('replaced', 'withdrawn')) as figures_replaced,
        count(*) filter (where state in ('loaded', 'approved')) as figures_counted
    from v_figure_state
    group by submission_id
),

last_decision as (
    select
        submission_id,
        arg_max(decision, (decided_at, source_row)) as decision,
        arg_max(reason, (decided_at, source_row)) as decision_reason,
        arg_max(steward, (decided_at, source_row)) as decided_by,
        max(decided_at) as decided_at
    from review_decision
    group by submission_id
),

final as (
    select
        s.id,
        s.file_name,
        s.sha256,
        s.received_at,
        s.steward,
        s.status,
        s.rows_accepted,
        s.rows_rejected,
        s.is_demo,
        coalesce(c.figures, 0) as figures,
        coalesce(c.figures_held, 0) as figures_held,
        coalesce(c.figures_approved, 0) as figures_approved,
        coalesce(c.figures_rejected, 0) as figures_rejected,
        coalesce(c.figures_replaced, 0) as figures_replaced,
        coalesce(c.figures_counted, 0) as figures_counted,
        case
            when s.status = 'rejected' then 'rejected'
            when c.figures_held > 0 then 'held'
            when c.figures_rejected > 0 and c.figures_counted = 0 and c.figures_replaced = 0 then 'rejected'
            when c.figures_rejected > 0 then 'partly_rejected'
            when c.figures > 0 and c.figures_replaced = c.figures then 'superseded'
            when c.figures_approved > 0 then 'approved'
            else s.status
        end as state,
        d.decision,
        d.decision_reason,
        d.decided_by,
        d.decided_at
    from submission as s
    left join counts as c on c.submission_id = s.id
    left join last_decision as d on d.submission_id = s.id
)
select * from final;
