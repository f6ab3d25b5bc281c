-- How many figures a later file replaced or withdrew: the pages of data_revisions.sql.
select count(*) as revisions
from observation_revision as r
join submission as old on old.id = r.submission_id
join submission as new on new.id = r.replaced_by
