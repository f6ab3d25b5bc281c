-- What the one pass over an extract leaves behind (pipelines/extract_pass.py), dropped whether
-- it vouched for the extract or not: its records, and the enum types of extract_enums.sql,
-- which must never reach a published warehouse, and its macro.
drop table if exists temp.intake_record;
drop type if exists intake_gemeente;
drop type if exists intake_day;
drop type if exists intake_indicator;
drop type if exists intake_partner;
drop type if exists intake_sector;
drop type if exists intake_status;
drop macro if exists intake_figure;
