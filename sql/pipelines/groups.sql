-- The checked rows counted per gemeente (or region) cell × month × combination of codes ×
-- note, whether they are fine, with the first row: the one pass over `checked` that every
-- later count, the observations (incoming.sql) and the gemeente counts read instead of the
-- rows. The pass groups on the raw region cell and the number of the codes' combination
-- (cells.sql), cheap keys; region, gemeente code and codes join the ~1 M groups afterwards.
-- A partner file's rows keep their own note; an extract has none.
create or replace temp table intake_group as
with grouped as (
    select
        region_text,
        period,
        codes_id,
        nullif(trim(note_text), '') as note,
        ok,
        any_value(kind) as kind,
        any_value(region) as region,   -- one per region cell and month
        sum(value) as value,
        bool_or(withdraw) as withdraw,
        count(*) as records,
        min(source_row) as first_row
    from checked
    group by region_text, period, codes_id, nullif(trim(note_text), ''), ok
),
final as (
    select
        g.kind, g.region, r.gemeente_code, c.indicator, g.period, c.partner, c.sector, g.note,
        g.ok, coalesce(c.counts, true) as counts, g.value, g.withdraw, g.records, g.first_row
    from grouped as g
    left join cell_region as r on r.cell = g.region_text
    left join cell_codes as c on c.codes_id = g.codes_id
)
select * from final
