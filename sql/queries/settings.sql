-- The completeness settings the views apply (written from core/settings.py at refresh).
select name, value, description from setting order by name
