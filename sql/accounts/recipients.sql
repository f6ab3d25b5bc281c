-- Who receives digests (pipelines/notify.py): every enabled account with an address, its
-- language, the regions it follows (JSON list) and, for a partner that asked, its organisations
-- (JSON list; empty: it does not hear about its own files).
select
    a.username,
    n.email,
    n.lang,
    coalesce((select json_group_array(s.region) from subscription as s
              where s.username = a.username), '[]') as regions,
    case when n.own_files and a.role = 'partner' then a.orgs else '[]' end as orgs
from account as a
join notify_setting as n using (username)
where not a.disabled and n.email <> ''
order by a.username
