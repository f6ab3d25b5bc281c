-- The intake rules of a context file (data/reference/context.csv, issue 26): one row per bad
-- cell of context_input (every column read as text, `row` the file's line number), with the
-- reason code of data/reference/reasons.csv and its argument. Empty predictor cells are allowed
-- (missing is never zero: the region then gets no figure, and the page says why); an empty key,
-- population, source or date is not.
--   year                a whole number from 1990 to 2100
--   population_15_74    a whole number above 0
--   unemployment_pct    a number from 0 to 100, or empty
--   mbo_bbl, mbo_bol    a whole number of 0 or more, or empty
--   source_date         a date as 2005-12-31
with cells as (
    select row, region, unnest(['year', 'population_15_74', 'unemployment_pct', 'mbo_bbl',
                                'mbo_bol', 'source', 'source_date', 'region']) as col,
        unnest([year, population_15_74, unemployment_pct, mbo_bbl, mbo_bol, source,
                source_date, region]) as cell
    from context_input
),

typed as (
    select row, col, cell, nullif(trim(cell), '') as text,
        try_cast(nullif(trim(cell), '') as double) as number
    from cells
),

cell_problems as (
    select row, col, cell,
        case
            when text is null and col in ('region', 'year', 'population_15_74', 'source', 'source_date')
                then 'empty'
            when text is null then null
            when col = 'region' and text not in (select code from region) then 'unknown_context_region'
            when col = 'source_date' and try_cast(text as date) is null then 'not_a_date'
            when col in ('region', 'source', 'source_date') then null
            when number is null then 'not_a_number'
            when number < 0 then 'negative'
            when col <> 'unemployment_pct' and number <> floor(number) then 'fractional'
            when col = 'year' and number not between 1990 and 2100 then 'not_a_year'
            when col = 'population_15_74' and number = 0 then 'not_positive'
            when col = 'unemployment_pct' and number > 100 then 'not_a_percentage'
        end as problem,
        null::integer as first_row
    from typed
),

keys as (
    select row, year as cell, min(row) over (partition by trim(region), trim(year)) as first_row
    from context_input
),

duplicates as (
    select row, 'year' as col, cell,
        case when row > first_row then 'duplicate_context' end as problem, first_row
    from keys
),

final as (
    select row, col, cell, problem, first_row from cell_problems where problem is not null
    union all
    select row, col, cell, problem, first_row from duplicates where problem is not null
)
select * from final order by row, col;
