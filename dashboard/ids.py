"""Component ids, one place, prefixed by page: a typo becomes an import error."""

LANG_SINK = "app-lang-sink"

KAART_PROGRAMME = "kaart-programme"
KAART_INDICATOR = "kaart-indicator"
KAART_MONTH = "kaart-month"
KAART_MEASURE = "kaart-measure"
KAART_LEGEND = "kaart-legend"
KAART_SHAPE = "kaart-shape"
KAART_ATTRIBUTION = "kaart-attribution"
KAART_URL_SINK = "kaart-url-sink"
KAART_MAP = "kaart-map"
KAART_TABLE = "kaart-table"
KAART_SUMMARY = "kaart-summary"
KAART_LANG = "kaart-lang"

CMP_PROGRAMME = "cmp-programme"
CMP_INDICATOR = "cmp-indicator"
CMP_MONTH = "cmp-month"
CMP_RANKING = "cmp-ranking"
CMP_RANKING_TABLE = "cmp-ranking-table"
CMP_RANKING_HELP = "cmp-ranking-help"
CMP_SORT = "cmp-sort"
CMP_EXPORT_CSV = "cmp-export-csv"
CMP_EXPORT_XLSX = "cmp-export-xlsx"
CMP_DOWNLOAD = "cmp-download"
CMP_REGIONS = "cmp-regions"
CMP_CHART = "cmp-chart"
CMP_SUMMARY = "cmp-summary"
CMP_TABLE = "cmp-table"
CMP_LANG = "cmp-lang"
CMP_URL_SINK = "cmp-url-sink"

DATA_SUBMISSIONS = "data-submissions"
DATA_SUBMISSIONS_SECTION = "aanleveringen"   # the pager's links land here
DATA_REVISIONS = "data-revisions"
DATA_REVISIONS_SECTION = "revisies"   # the pager's links land here
DATA_FIGURE_STATES = "data-figure-states"
DATA_REJECTED_SECTION = "afgewezen-regels"   # the pager's links land here
DATA_WARNINGS_SECTION = "waarschuwingen"
DATA_SOURCE_ROWS = "data-source-rows"
DATA_SOURCE_ROWS_SECTION = "bronregels"   # the pager's links land here
DATA_TEMPLATE_CSV = "data-template-csv"
DATA_TEMPLATE_XLSX = "data-template-xlsx"
DATA_TEMPLATE_DOWNLOAD = "data-template-download"
DATA_LATE_GRID = "data-late-grid"
DATA_LATE_EXPORT = "data-late-export"
DATA_LATE_DOWNLOAD = "data-late-download"
DATA_LATE_LANG = "data-late-lang"

# The message a failed callback shows in the page (components.callback_failed).
CALLBACK_ERROR = "callback-error"

REGIO_BOUNDARY = "regio-boundary"
REGIO_GEMEENTEN = "regio-gemeenten"
REGIO_STATE = "regio-state"
REGIO_URL_SINK = "regio-url-sink"

# The header's search box (components.search_box, dashboard/search.py).
SEARCH_INPUT = "site-search"
SEARCH_OPTIONS = "site-search-options"
# Why a fifth region was not added on Vergelijken (issue 15).
CMP_REGIONS_REFUSED = "cmp-regions-refused"
KAART_NATIONAL = "kaart-national"
