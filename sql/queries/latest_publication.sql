-- The latest publication: when, how many figures it changed, and whether it was the first.
select id, published_at, figures_changed, first from publication order by id desc limit 1
