-- Dutch numbers and months, read from the raw cell text of every input (partner files and
-- registry extracts alike). Macros, so the rules inline into the checking query and DuckDB
-- evaluates them in its vectors: no per-cell Python.

-- '1.200' → 1200, '37,5' → 37.5, '1.234,56' → 1234.56, '37.5' → 37.5. A lone dot with three
-- digits after it is a thousands separator, as a Dutch reader means it. Spaces (also the
-- non-breaking ones Excel inserts) are ignored. Null when the text is no number.
create or replace temp macro nl_number(cell) as (
    case
        when regexp_full_match(replace(replace(trim(cell), chr(160), ''), ' ', ''),
                               '-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?')
            then replace(replace(replace(replace(trim(cell), chr(160), ''), ' ', ''), '.', ''),
                         ',', '.')::double
        when regexp_full_match(replace(replace(trim(cell), chr(160), ''), ' ', ''), '-?\d+(\.\d+)?')
            then replace(replace(trim(cell), chr(160), ''), ' ', '')::double
    end
);

-- A month as its first day: '2006-03', 'mrt 2006', 'maart 2006', '2006-03-15', '15-03-2006'.
-- A date must exist ('31-02-2006' does not). Quarters ('2006-Q1') are no month: spreading a
-- quarter over its months would invent a monthly pattern the partner never reported.
-- The ISO date comes first and alone for most registry records, so ten million of them
-- cost one cast each.
create or replace temp macro nl_month(cell) as (
    coalesce(
        date_trunc('month', try_cast(trim(cell) as date))::date,
        case
            when regexp_full_match(trim(cell), '\d{4}-\d{1,2}')
                then try_cast(trim(cell) || '-01' as date)
            when regexp_full_match(trim(cell), '\d{1,2}-\d{1,2}-\d{4}')
                then date_trunc('month', try_strptime(trim(cell), '%d-%m-%Y'))::date
            when regexp_full_match(lower(trim(cell)), '[a-z]+\.?\s+\d{4}')
                then make_date(
                    regexp_extract(trim(cell), '(\d{4})$', 1)::integer,
                    map {'jan': 1, 'januari': 1, 'feb': 2, 'februari': 2, 'mrt': 3, 'maart': 3,
                         'apr': 4, 'april': 4, 'mei': 5, 'jun': 6, 'juni': 6, 'jul': 7,
                         'juli': 7, 'aug': 8, 'augustus': 8, 'sep': 9, 'sept': 9,
                         'september': 9, 'okt': 10, 'oktober': 10, 'nov': 11,
                         'november': 11, 'dec': 12, 'december': 12}
                        [regexp_extract(lower(trim(cell)), '^([a-z]+)', 1)],
                    1)
        end
    )
);

-- Why a cell can hold no code or figure at all, before any rule looks at it: empty, pasted
-- text or an attack (longer than the limit), or a spreadsheet formula saved as text.
create or replace temp macro cell_problem(cell, max_chars) as (
    case
        when cell is null or trim(cell) = '' then 'empty'
        when length(cell) > max_chars then 'too_long'
        when trim(cell)[1] in ('=', '@') then 'formula'
    end
);

-- How a name is compared: case, accents and repeated spaces do not count ('Rôc  rivor' is
-- 'ROC Rivor').
create or replace temp macro name_key(cell) as (
    regexp_replace(lower(strip_accents(trim(cell))), '\s+', ' ', 'g')
);

-- The word in a waarde cell that withdraws the figure with the row's key (README, template).
create or replace temp macro is_withdrawal(cell) as (
    name_key(cell) in ('intrekken', 'withdraw')
);

-- An organisation reporting for a region outside those the partner register lists for it
-- (a row rule: it needs the row's region and partner together).
create or replace temp macro partner_region_problem(partner_regions, region) as (
    case when not list_contains(partner_regions, region) then 'partner_region' end
);
