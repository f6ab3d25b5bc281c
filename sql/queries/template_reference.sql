-- What a submission template lists: the valid codes per column.
select 'regio' as kolom, code, name as omschrijving from region
union all select 'indicator', code, label_nl from indicator
union all select 'partner', code, name_nl from partner
union all select 'sector', code, label_nl from sector
order by 1, 2
