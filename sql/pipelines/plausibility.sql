-- Figures far above what their own series usually is, for every kind of input: held for a
-- steward's review (changes.sql, pipelines/review.py), never published unseen (issue 23: a
-- spike of 250 in a series whose median is 9 loaded because it was compared with the
-- partner's monthly total, 28).
--
-- A figure's series is its region × indicator × partner × sector; its history is every
-- figure of the series as it would stand after this file: the published ones, with this
-- file's figures in their place (a withdrawal removes one). So a late month, a correction
-- and a whole year delivered in one file are judged alike. With the parameters of the
-- indicator's unit (outlier_rule, data/reference/outlier_rules.csv):
--     m     = median of the history
--     MAD   = median of |x − m| over the history;  σ = 1,4826 · MAD (σ of normal data)
--     limit = ⌊max(m + k · σ, r · m, m + d)⌋       flagged when value > limit
-- k = mad_multiplier: robust standard deviations above the median (Hampel's filter);
-- r = median_ratio: never less than r × m, for a steady series whose MAD is about 0;
-- d = min_excess: never less than d above m, so that 3 in a series of 1s is no outlier.
-- The history counts the figure itself, as Hampel's window does: one value moves a median
-- and a MAD little. A series with fewer than min_history other figures is judged against the
-- first group of outlier_level (data/reference/outlier_levels.csv, by position) that has
-- enough: the same indicator, with the columns its by_* flags keep, every figure of the
-- group pooled. When none has enough, the figure is not judged.
-- A figure equal to the published one changes nothing and is not judged again (an approved
-- outlier delivered once more stays published). A file that shifts a whole series at once
-- shifts its median too: the rule finds spikes, not a changed unit.
-- Reads `incoming` (incoming.sql), observation, partner, indicator.
create or replace temp table intake_flagged as
with history as (
    select o.region, o.indicator, o.partner, o.sector, o.value::double as value
    from observation as o
    anti join incoming as n using (region, indicator, period, partner, sector)
    where o.indicator in (select indicator from incoming)
    union all
    select region, indicator, partner, sector, value from incoming where not withdraw
),
judged as (
    select n.region, n.indicator, n.period, n.partner, n.sector, n.source_row, n.value
    from incoming as n
    left join observation as o using (region, indicator, period, partner, sector)
    where not n.withdraw and o.value is distinct from n.value
),
series as (
    select h.region, h.indicator, h.partner, h.sector, p.kind, count(*) as figures
    from history as h
    join partner as p on p.code = h.partner
    group by all
),
-- every series under the key of each level ('*' where the level pools a column); the levels
-- are decided per series, whose figures all have the same history
series_key as (
    select s.region, s.indicator, s.partner, s.sector, s.kind, s.figures,
           l.code as level, l.position,
           if(l.by_region, s.region, '*') as key_region,
           if(l.by_partner, s.partner, '*') as key_partner,
           if(l.by_sector, s.sector, '*') as key_sector,
           if(l.by_partner_kind, s.kind, '*') as key_kind
    from series as s
    cross join outlier_level as l
),
group_size as (
    select level, key_region, indicator, key_partner, key_sector, key_kind,
           sum(figures) as figures
    from series_key
    group by all
),
-- the level each judged series is judged at: the first with at least min_history figures
-- besides the one judged
chosen as (
    select k.region, k.indicator, k.partner, k.sector, arg_min(k.level, k.position) as level
    from series_key as k
    semi join judged using (region, indicator, partner, sector)
    join group_size as g
        using (level, key_region, indicator, key_partner, key_sector, key_kind)
    join indicator as i on i.code = k.indicator
    join outlier_rule as r on r.unit = i.unit
    where g.figures - 1 >= r.min_history
    group by all
),
chosen_key as (
    select k.* from series_key as k join chosen using (region, indicator, partner, sector, level)
),
-- every series that a chosen group pools, so its figures count in that group's median
member as (
    select k.region, k.indicator, k.partner, k.sector, k.level,
           k.key_region, k.key_partner, k.key_sector, k.key_kind
    from series_key as k
    semi join chosen_key
        using (level, key_region, indicator, key_partner, key_sector, key_kind)
),
usual as (
    select m.level, m.key_region, m.indicator, m.key_partner, m.key_sector, m.key_kind,
           median(h.value) as median, mad(h.value) as mad, count(*) - 1 as others
    from member as m
    join history as h using (region, indicator, partner, sector)
    group by all
),
judged_against as (
    select j.*, i.unit, l.code as level, l.label_nl, l.label_en, k.key_region, k.key_partner,
           k.key_sector, k.key_kind, u.median, u.mad, u.others,
           floor(greatest(u.median + r.mad_multiplier * 1.4826 * u.mad,
                          r.median_ratio * u.median,
                          u.median + r.min_excess)) as limit_value
    from judged as j
    join chosen_key as k using (region, indicator, partner, sector)
    join usual as u using (level, key_region, indicator, key_partner, key_sector, key_kind)
    join outlier_level as l on l.code = k.level
    join indicator as i on i.code = j.indicator
    join outlier_rule as r on r.unit = i.unit
),
-- the group as a warning names it: 'AM10 · stages · ROC Rivor · zorg'
named as (
    select a.*,
           concat_ws(' · ', nullif(a.key_region, '*'), a.indicator, p.name_nl,
                     nullif(a.key_sector, '*'), k.label_nl) as key_nl,
           concat_ws(' · ', nullif(a.key_region, '*'), a.indicator, p.name_en,
                     nullif(a.key_sector, '*'), k.label_en) as key_en
    from judged_against as a
    left join partner as p on p.code = a.key_partner
    left join partner_kind as k on k.code = a.key_kind
    where a.value > a.limit_value
),
final as (
    select region, indicator, period, partner, sector, source_row, value, unit, level,
           median, mad, others, limit_value,
           replace(label_nl, '{key}', key_nl) as group_nl,
           replace(label_en, '{key}', key_en) as group_en
    from named
)
select * from final;
