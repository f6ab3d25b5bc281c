-- A registry extract into the staging relation, in file order (a record's line is its rowid
-- + 2). {source} is read_csv($path, all_varchar = true, header = true) or read_parquet($path), chosen
-- from a fixed list in pipelines/staging.py. Parameter: $path.
insert into staged
select
    'registry',
    null,
    null,
    coalesce(id::varchar, ''),
    coalesce(gemeente_code::varchar, ''),
    coalesce(indicator::varchar, ''),
    coalesce(start_date::varchar, ''),
    null,
    coalesce(partner::varchar, ''),
    coalesce(sector::varchar, ''),
    coalesce(status::varchar, ''),
    null
from {source}
