-- How many rows the Data page's two lists of reasons have (every page of
-- sql/queries/data_rejected.sql and data_warnings.sql).
select
    (select count(*) from rejected_row) as rejected,
    (select count(*) from submission_warning) as warnings
