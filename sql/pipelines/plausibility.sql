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
-- Reads `incoming` (incoming.sql), observation, partner, partner_kind, indicator,
-- outlier_rule, outlier_level.
create or replace temp table intake_flagged as
with history as (
    select o.region, o.indicator, o.partner, o.sector, o.value::double as value
    from observation as o
    anti join incoming as n using (region, indicator, period, partner, sector)
    where o.indicator in (select indicator from incoming)
    union all
    select region, indicator, partner, sector, value from incoming where not withdraw
),
-- each new or changed figure, with its partner's kind
judged as (
    select n.region, n.indicator, n.period, n.partner, n.sector, n.source_row, n.value,
           p.kind
    from incoming as n
    join partner as p on p.code = n.partner
    left join observation as o using (region, indicator, period, partner, sector)
    where not n.withdraw and o.value is distinct from n.value
),
-- each series of a judged figure under the key of every level ('*' where the level pools a
-- column): a group and whether it has enough history depend on the series, not the month, so
-- the levels are weighed once per series (6.860 for a ten-million-record extract), not once
-- per figure (171.107 × 5 levels, joined on six text keys: issue 27)
judged_series as (
    select s.region, s.indicator, s.partner, s.sector, l.code as level, l.position,
           if(l.by_region, s.region, '*') as key_region,
           if(l.by_partner, s.partner, '*') as key_partner,
           if(l.by_sector, s.sector, '*') as key_sector,
           if(l.by_partner_kind, s.kind, '*') as key_kind
    from (select distinct region, indicator, partner, sector, kind from judged) as s
    cross join outlier_level as l
),
-- each series of the history with its figures, under the key of every level
keyed as (
    select h.indicator, h.figures, l.code as level,
           if(l.by_region, h.region, '*') as key_region,
           if(l.by_partner, h.partner, '*') as key_partner,
           if(l.by_sector, h.sector, '*') as key_sector,
           if(l.by_partner_kind, p.kind, '*') as key_kind
    from (select region, indicator, partner, sector, list(value) as figures
          from history group by all) as h
    join partner as p on p.code = h.partner
    cross join outlier_level as l
),
-- the median and MAD of each group a judged series belongs to, its series' figures pooled
usual as (
    select level, indicator, key_region, key_partner, key_sector, key_kind,
           list_aggregate(pooled, 'median') as median, list_aggregate(pooled, 'mad') as mad,
           len(pooled) - 1 as others
    from (select level, indicator, key_region, key_partner, key_sector, key_kind,
                 flatten(list(figures)) as pooled
          from keyed
          semi join judged_series
              using (level, indicator, key_region, key_partner, key_sector, key_kind)
          group by all)
),
-- each judged series against every level whose group has min_history other figures
series_by_level as (
    select s.*, u.median, u.mad, u.others, i.unit,
           floor(greatest(u.median + r.mad_multiplier * 1.4826 * u.mad,
                          r.median_ratio * u.median,
                          u.median + r.min_excess)) as limit_value
    from judged_series as s
    join usual as u using (level, indicator, key_region, key_partner, key_sector, key_kind)
    join indicator as i on i.code = s.indicator
    join outlier_rule as r on r.unit = i.unit
    where u.others >= r.min_history
),
-- ... and against the first of them: a semi join on the lowest position, not a window, which
-- sorted every figure under every level (1,2 → 0,7 s CPU for a ten-million-record extract's
-- 171.000 figures, issue 27); then each figure of the series against that level
judged_against as (
    select j.region, j.indicator, j.period, j.partner, j.sector, j.source_row, j.value,
           a.level, a.key_region, a.key_partner, a.key_sector, a.key_kind, a.median, a.mad,
           a.others, a.unit, a.limit_value
    from judged as j
    join (select * from series_by_level as a
          semi join (select region, indicator, partner, sector, min(position) as position
                     from series_by_level group by all) as f
              using (region, indicator, partner, sector, position)) as a
        using (region, indicator, partner, sector)
),
-- the group as a warning names it: 'AM10 · stages · ROC (beroepsonderwijs) · zorg'
final as (
    select a.region, a.indicator, a.period, a.partner, a.sector, a.source_row, a.value, a.unit,
           a.level, a.median, a.mad, a.others, a.limit_value,
           replace(l.label_nl, '{key}', concat_ws(' · ', nullif(a.key_region, '*'), a.indicator,
                   p.name_nl, nullif(a.key_sector, '*'), k.label_nl)) as group_nl,
           replace(l.label_en, '{key}', concat_ws(' · ', nullif(a.key_region, '*'), a.indicator,
                   p.name_en, nullif(a.key_sector, '*'), k.label_en)) as group_en
    from judged_against as a
    join outlier_level as l on l.code = a.level
    left join partner as p on p.code = a.key_partner
    left join partner_kind as k on k.code = a.key_kind
    where a.value > a.limit_value
)
select * from final;
