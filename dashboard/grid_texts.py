"""The words and number separators of dash-ag-grid's own controls (paging, filters, their screen
reader labels), in the page's language: AG Grid's `localeText`.

Without it the Dutch Data page said "Page Size" and "1 to 20 of 142" (issue 22). The keys are
AG Grid's own (community edition, the features our grids use); the texts come from the
catalogue under the context "grid", so a short word here never takes another page's translation.
"""
from __future__ import annotations

from babel.numbers import get_decimal_symbol, get_group_symbol

from core.texts import LOCALES, language, pgettext


def locale_text(lang: str) -> dict[str, str]:
    """AG Grid's localeText for `lang`."""
    locale = LOCALES[language(lang)]
    return {
        "thousandSeparator": get_group_symbol(locale), "decimalSeparator": get_decimal_symbol(locale),
        "page": pgettext("grid", "Page", lang),
        "of": pgettext("grid", "of", lang),
        "to": pgettext("grid", "to", lang),
        "more": pgettext("grid", "more", lang),
        "pageSizeSelectorLabel": pgettext("grid", "Page Size:", lang),
        "ariaPageSizeSelectorLabel": pgettext("grid", "Page Size", lang),
        "firstPage": pgettext("grid", "First Page", lang),
        "previousPage": pgettext("grid", "Previous Page", lang),
        "nextPage": pgettext("grid", "Next Page", lang),
        "lastPage": pgettext("grid", "Last Page", lang),
        "noRowsToShow": pgettext("grid", "No Rows To Show", lang),
        "loadingOoo": pgettext("grid", "Loading...", lang),
        "filterOoo": pgettext("grid", "Filter...", lang),
        "empty": pgettext("grid", "Choose one", lang),
        "equals": pgettext("grid", "Equals", lang),
        "notEqual": pgettext("grid", "Does not equal", lang),
        "lessThan": pgettext("grid", "Less than", lang),
        "greaterThan": pgettext("grid", "Greater than", lang),
        "lessThanOrEqual": pgettext("grid", "Less than or equal to", lang),
        "greaterThanOrEqual": pgettext("grid", "Greater than or equal to", lang),
        "inRange": pgettext("grid", "Between", lang),
        "inRangeStart": pgettext("grid", "From", lang),
        "inRangeEnd": pgettext("grid", "To", lang),
        "contains": pgettext("grid", "Contains", lang),
        "notContains": pgettext("grid", "Does not contain", lang),
        "startsWith": pgettext("grid", "Begins with", lang),
        "endsWith": pgettext("grid", "Ends with", lang),
        "blank": pgettext("grid", "Blank", lang),
        "notBlank": pgettext("grid", "Not blank", lang),
        "andCondition": pgettext("grid", "AND", lang),
        "orCondition": pgettext("grid", "OR", lang),
        "ariaFilterInput": pgettext("grid", "Filter Input", lang),
        "ariaFilteringOperator": pgettext("grid", "Filtering Operator", lang),
        "ariaColumnFiltered": pgettext("grid", "Column Filtered", lang),
        "ariaFilterValue": pgettext("grid", "Filter Value", lang),
        "ariaFilterFromValue": pgettext("grid", "Filter from value", lang),
        "ariaFilterToValue": pgettext("grid", "Filter to value", lang),
        "ariaFilterMenuOpen": pgettext("grid", "Open Filter Menu", lang),
        "ariaLabelColumnFilter": pgettext("grid", "Column Filter", lang),
        "ariaLabelColumnMenu": pgettext("grid", "Column Menu", lang),
        "ariaMenuColumn": pgettext("grid", "Press ALT DOWN to open column menu", lang),
        "ariaSortableColumn": pgettext("grid", "Press ENTER to sort", lang),
        "ariaChecked": pgettext("grid", "checked", lang),
        "ariaUnchecked": pgettext("grid", "unchecked", lang),
        "ariaIndeterminate": pgettext("grid", "indeterminate", lang),
    }
