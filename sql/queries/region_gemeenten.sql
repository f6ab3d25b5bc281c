-- A region's gemeenten under one boundary view at the as-of month, one row per gemeente, ready
-- for the table and the map (issue 15: the page only formats), from mv_gemeente_shares
-- (sql/views/55_gemeente_shares.sql says what each column is and which months count).
select gemeente, gemeente_name, records, share_all, is_demo, cells
from mv_gemeente_shares
where programme = $programme and boundary = $boundary and region = $region
    and as_of_month = $month
order by records desc, gemeente_name
