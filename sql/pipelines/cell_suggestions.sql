-- The closest known names for each unknown region cell (cell_rules.sql), once per distinct
-- cell however many rows have it: what a message offers as "did you mean". Run by
-- pipelines/validation.py only when cell_region has an unknown cell, after registering
-- closest_names (difflib's ratio, as partners have learnt to read it): registering a Python
-- function imports numpy, 0,12 s of CPU that a file with only known regions need not pay.
update cell_region
set candidates = closest_names(cell)
where rank is null;
