-- The completeness settings the views apply (written from regiomonitor/config.py at refresh).
select name, value, description from setting order by name
