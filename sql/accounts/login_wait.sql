-- How long a sign-in attempt must wait before its password is checked (issue 25), from the
-- attempts that failed in the last :memory_s seconds. Never a lock: the wait grows, and ends.
--
--   per account   n = failed attempts on :username, from any address
--   per address   m = distinct account names that failed from :address (one person mistyping
--                     their own password stays n; trying many accounts is what an address does)
--   wait(k, free) = 0                                          while k < free
--                 = min(:longest_s, :first_s · 2^(k − free))   from then on, counted from the
--                                                               last failure it counts
--   wait_s = max(wait(n, :free_account) − (:now − last of n),
--                wait(m, :free_address) − (:now − last of m), 0)
--
-- With free 5, first 2 s, longest 900 s: five wrong passwords cost nothing, the sixth waits
-- 2 s, then 4, 8, 16 … up to 15 minutes between tries: about 100 guesses a day at most, and
-- the right password still works the moment its wait is over.
with recent as (
    select at, username, address
    from login_failure
    where at > :now - :memory_s
),

per_account as (
    select count(*) as k, coalesce(max(at), 0) as last_at
    from recent
    where username = :username
),

per_address as (
    select count(distinct username) as k, coalesce(max(at), 0) as last_at
    from recent
    where address = :address
),

waits as (
    select
        case when a.k < :free_account then 0
             else min(:longest_s, :first_s * (1 << min(a.k - :free_account, 30)))
                  - (:now - a.last_at) end as account_wait_s,
        case when d.k < :free_address then 0
             else min(:longest_s, :first_s * (1 << min(d.k - :free_address, 30)))
                  - (:now - d.last_at) end as address_wait_s
    from per_account as a, per_address as d
),

final as (
    select
        max(account_wait_s, address_wait_s, 0) as wait_s,
        case when account_wait_s <= 0 and address_wait_s <= 0 then null
             when account_wait_s >= address_wait_s then 'account'
             else 'address' end as reason
    from waits
)

select * from final
