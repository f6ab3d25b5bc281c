-- Every failing cell of the checked input: its row, the column as the input names it, the
-- cell as delivered (long ones cut to their start and length) and the reason in Dutch and
-- English from the reason table, its {1} and {2} filled in. Run only when intake_group counts
-- a failing row. Parameter $failing: true (kept so a caller may run it unconditionally; when
-- false DuckDB skips the scan of `checked`).
-- A region cell's candidates and an unknown organisation's suggestions are the "did you
-- mean" names (cells.sql).
-- $per_kind: at most this many cells per reason, the first by row (null: every one), for an
-- extract refused past its ceiling (pipelines/validation.py); `cells_failing` counts every
-- failing cell of the records it reads (past the ceiling only those of first_failing.sql,
-- which counts them all).
create or replace temp table intake_problem as
with failing as (
    select * from checked where $failing and not ok
        and ($per_kind is null or source_row in (select source_row from intake_first_failing))
),
cells as (
    unpivot (
        select source_row, kind, candidates, duplicate_of, record_id, partner, region_text,
               indicator_text, period_text, value_text, partner_text, sector_text,
               status_text, note_text,
               id_problem as record_id_p, region_problem as region_text_p,
               indicator_problem as indicator_text_p, period_problem as period_text_p,
               value_problem as value_text_p, partner_problem as partner_text_p,
               sector_problem as sector_text_p, status_problem as status_text_p,
               note_problem as note_text_p, row_problem as row_p
        from failing
    )
    on columns('_p$') into name field value problem
),
located as (
    select
        c.*,
        replace(c.field, '_p', '') as cell_field,
        case replace(c.field, '_p', '')
            when 'record_id' then c.record_id
            when 'region_text' then c.region_text
            when 'indicator_text' then c.indicator_text
            when 'period_text' then c.period_text
            when 'value_text' then c.value_text
            when 'partner_text' then c.partner_text
            when 'sector_text' then c.sector_text
            when 'status_text' then c.status_text
            when 'note_text' then c.note_text
        end as cell
    from cells as c
),
detailed as (
    select
        l.source_row,
        ic.column_name,
        ic.position,
        l.cell,
        l.problem,
        case l.problem
            when 'too_long' then length(l.cell)::varchar
            when 'unknown_region' then l.candidates
            when 'ambiguous_region' then l.candidates
            when 'unknown_indicator' then (select string_agg(code, ', ' order by code) from indicator)
            when 'unknown_partner' then ps.candidates
            when 'partner_region' then sc.label
            when 'unknown_sector' then (select string_agg(code, ', ' order by code) from sector)
            when 'unknown_status' then (select string_agg(code, ', ' order by code)
                                        from record_status)
            when 'out_of_window' then strftime(w.first_month, '%Y-%m')
            when 'duplicate_key' then l.duplicate_of::varchar
        end as arg1,
        case l.problem
            when 'too_long' then w.max_cell_chars::varchar
            when 'out_of_window' then strftime(w.last_month, '%Y-%m')
            when 'partner_region' then array_to_string(sc.regions, ', ')
        end as arg2
    from located as l
    cross join intake_setting as w
    left join cell_partner_suggestion as ps on ps.cell = l.partner_text
    left join partner_scope as sc on sc.partner = l.partner
    left join intake_column as ic on ic.kind = l.kind and ic.field = l.cell_field
),
final as (
    select
        d.source_row,
        d.column_name,
        case when d.column_name is null then null
             when length(d.cell) > 80
                 then left(d.cell, 60) || '… (' || length(d.cell) || ' tekens/characters)'
             else d.cell end as value,
        replace(replace(r.reason_nl, '{1}', coalesce(d.arg1, '')), '{2}', coalesce(d.arg2, ''))
            as reason_nl,
        replace(replace(r.reason_en, '{1}', coalesce(d.arg1, '')), '{2}', coalesce(d.arg2, ''))
            as reason_en,
        d.position,
        count(*) over () as cells_failing
    from detailed as d
    join reason as r on r.code = d.problem
    qualify $per_kind is null
        or row_number() over (partition by d.problem order by d.source_row, d.position) <= $per_kind
)
select * from final
