"""Component ids, one place, prefixed by page: a typo becomes an import error."""

LANG_SINK = "app-lang-sink"

KAART_INDICATOR = "kaart-indicator"
KAART_MAP = "kaart-map"
KAART_TABLE = "kaart-table"
KAART_SUMMARY = "kaart-summary"
KAART_LANG = "kaart-lang"
KAART_NAV_SINK = "kaart-nav-sink"
