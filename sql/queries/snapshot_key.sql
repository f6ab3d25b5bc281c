-- What names a published snapshot in the view cache all workers share (dashboard/shared_cache.py):
-- its latest publication and when it was made. Every flow publishes through sql/publication.sql.
select
    coalesce(max(id), 0) as publication,
    coalesce(cast(max(published_at) as varchar), '') as published_at
from publication
