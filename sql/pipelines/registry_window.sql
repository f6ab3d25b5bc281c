-- The months a registry extract's start dates must fall in, for the view extract_checked.
-- Parameters: $first_month, $last_month.
create or replace temp table extract_window as
select $first_month::date as first_month, $last_month::date as last_month
