-- The context model's coefficients per indicator for Methode (issue 26): estimates on the log
-- scale with their 95% intervals, and exp(estimate), the factor on the expected level per unit
-- of the predictor.
select programme, indicator, term, estimate, ci_low, ci_high, exp(estimate) as factor
from context_coefficient
order by programme, indicator,
    case term when 'intercept' then 1 when 'unemployment_pct' then 2 when 'bbl_per_100' then 3 else 4 end
