-- The figures of one file that have something to tell (sql/views/75_states.sql v_figure_state):
-- held, approved, rejected, replaced or withdrawn, with the steward's reason and the moment, or
-- the later file. A figure simply loaded is said by the file's state. By row, at most 200.
select f.source_row, f.region, f.indicator, f.period, p.name_nl as partner_nl, p.name_en as partner_en,
       f.sector, f.value, f.state, f.decision_reason, f.decided_by,
       coalesce(f.decided_at, f.replaced_at) as state_at, f.replaced_by, f.replaced_by_file, f.new_value
from v_figure_state as f
join partner as p on p.code = f.partner
where f.submission_id = $submission and f.state <> 'loaded'
order by f.source_row
limit 200
