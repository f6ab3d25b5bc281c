-- When the warehouse was last published: an Atom feed's <updated> (dashboard/feeds.py).
select max(published_at) as published_at from publication
