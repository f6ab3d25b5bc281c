-- Two ways to put a gemeente code in an arbeidsmarktregio (issue 5).

-- Boundaries when each programme was signed: the gemeente_region rows valid on its start date.
-- A gemeente created later (e.g. West Betuwe, 2019) has no row here: its area was split
-- between regions at signing, so it is left unassigned rather than guessed.
create view gemeente_region_at_signing as
with final as (
    select p.code as programme, g.code as gemeente, g.region
    from programme p
    join gemeente_region g
        on (g.valid_from is null or g.valid_from <= p.start_date)
        and (g.valid_to is null or p.start_date < g.valid_to)
)
select * from final;

-- Today's boundaries (CBS "constant boundaries"): a former gemeente counts in the region of
-- its successor. One step of succession is enough for the mergers in the table; a test checks
-- that every successor is itself current.
create view gemeente_region_current as
with current_rows as (
    select code, region from gemeente_region where valid_to is null
),
final as (
    select g.code as gemeente, coalesce(g.successor, g.code) as current_gemeente, c.region
    from gemeente_region g
    join current_rows c on c.code = coalesce(g.successor, g.code)
)
select * from final;
