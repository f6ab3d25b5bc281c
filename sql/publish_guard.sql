-- What must hold before a warehouse is published (pipelines/warehouse.finish): one figure per
-- region × indicator × month × partner × sector. observation declares no primary key: the one
-- writer (sql/pipelines/apply_changes.sql) removes a figure before it adds its replacement,
-- and DuckDB's key index cost 0,2 s of a ten-million-record ingest (docs/benchmarks.md). This
-- check stands guard instead, for every flow that publishes: a second figure for a key stops
-- the publish, and the served warehouse keeps what it had.
select error('Twee cijfers voor één sleutel, niets gepubliceerd / two figures for one key, '
             || 'nothing published: ' || region || ' · ' || indicator || ' · '
             || strftime(period, '%Y-%m') || ' · ' || partner || ' · ' || sector)
from observation
group by region, indicator, period, partner, sector
having count(*) > 1
limit 1;
