-- The publication "gewijzigd sinds de vorige publicatie" starts from: the latest one that was
-- not a review decision's (review_decision.publication), with when, how many figures it
-- changed, whether it was the first, and how many review decisions were published since
-- (their changes add to its list: sql/queries/publication_changes.sql; issue 23).
with reviews as (
    select distinct publication as id from review_decision where publication is not null
),
anchor as (
    select * from publication
    where id not in (select id from reviews)
    order by id desc
    limit 1
),
final as (
    select
        a.id,
        a.published_at,
        a.figures_changed,
        a.first,
        (select count(*) from publication as p where p.id > a.id) as reviews_since
    from anchor as a
)
select * from final
