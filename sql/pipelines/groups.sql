-- The checked rows counted per region × gemeente code × indicator × month × partner × sector,
-- whether they are fine and whether they count (a registry record that was cancelled before
-- it started does not), with the first row: the one pass over `checked` that every later
-- count, the observations (incoming.sql) and the gemeente counts read instead of the rows.
-- A partner file's rows keep their own note; an extract has none.
create or replace temp table intake_group as
select
    kind,
    region,
    gemeente_code,
    indicator,
    period,
    partner,
    sector,
    nullif(trim(note_text), '') as note,
    ok,
    coalesce(counts, true) as counts,
    sum(value) as value,
    count(*) as records,
    min(source_row) as first_row
from checked
group by all
