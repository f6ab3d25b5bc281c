"""Every user-facing string in Dutch and English (formats: regiomonitor/formatting.py).

Dutch is the default. A string missing in one language is a test failure, not a
silent fallback (tests/test_i18n.py checks the catalogue).
"""
from __future__ import annotations

from regiomonitor.formatting import (  # noqa: F401 - the dashboard's formats, in one import
    fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct)

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"nl": "Regiomonitor", "en": "Regiomonitor"},
    "tagline": {"nl": "Regionale convenanten leren en werken: doelen en voortgang per arbeidsmarktregio",
                "en": "Regional learning and work covenants: targets and progress per labour-market region"},
    "skip_link": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav_label": {"nl": "Hoofdnavigatie", "en": "Main navigation"},
    "language_label": {"nl": "Taal", "en": "Language"},
    "page_kaart": {"nl": "Kaart", "en": "Map"},
    "page_regio": {"nl": "Regio", "en": "Region"},
    "demo_banner": {"nl": "De realisaties en de meeste doelen op deze pagina zijn gegenereerd en "
                          "geen echte cijfers. Alleen de doelen en uitgangswaarden van Rivierenland "
                          "komen uit het convenant.",
                    "en": "The realisations and most targets on this page are generated, not real "
                          "figures. Only Rivierenland's targets and baselines come from the covenant."},
    "demo_tag": {"nl": "demonstratiedata", "en": "demonstratiedata (demo)"},
    "real_tag": {"nl": "doel uit het convenant", "en": "target from the covenant"},
    "demo_target_tag": {"nl": "doel: demonstratiedata", "en": "target: demonstratiedata (demo)"},
    "demo_realised_tag": {"nl": "realisaties: demonstratiedata", "en": "realised: demonstratiedata (demo)"},
    "indicator_choice": {"nl": "Indicator", "en": "Indicator"},
    "map_heading": {"nl": "Percentage van het doel per arbeidsmarktregio",
                    "en": "Percentage of target per labour-market region"},
    "map_summary": {"nl": "{indicator}: {n} regio's met een doel. Mediaan {median} van het doel; "
                          "hoogste {best} ({best_pct}), laagste {worst} ({worst_pct}).",
                    "en": "{indicator}: {n} regions with a target. Median {median} of target; "
                          "highest {best} ({best_pct}), lowest {worst} ({worst_pct})."},
    "map_click_hint": {"nl": "Klik op een regio op de kaart of in de tabel voor de regiopagina.",
                       "en": "Click a region on the map or in the table to open its page."},
    "map_attribution": {"nl": "Schematische tegelkaart: één vak per regio, ongeveer op zijn plek; geen echte grenzen.",
                        "en": "Schematic tile map: one square per region, roughly in place; not real boundaries."},
    "table_caption": {"nl": "Alle regio's: gerealiseerd, doel en percentage van het doel ({indicator})",
                      "en": "All regions: realised, target and percentage of target ({indicator})"},
    "col_region": {"nl": "Regio", "en": "Region"},
    "col_code": {"nl": "Code", "en": "Code"},
    "col_realised": {"nl": "Gerealiseerd", "en": "Realised"},
    "col_target": {"nl": "Doel", "en": "Target"},
    "col_pct": {"nl": "% van doel", "en": "% of target"},
    "col_last_reported": {"nl": "Laatst gerapporteerd", "en": "Last reported"},
    "col_indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "col_indicator": {"nl": "Indicator", "en": "Indicator"},
    "col_partner": {"nl": "Partner", "en": "Partner"},
    "col_share": {"nl": "Aandeel", "en": "Share"},
    "col_sectors": {"nl": "Sectoren (grootste eerst)", "en": "Sectors (largest first)"},
    "col_months_behind": {"nl": "Maanden achter", "en": "Months behind"},
    "contributions_heading": {"nl": "Bijdragen per partner en sector", "en": "Contributions by partner and sector"},
    "contributions_caption": {"nl": "Gerealiseerd sinds de start, per indicator en partner",
                              "en": "Realised since the start, per indicator and partner"},
    "freshness_heading": {"nl": "Actualiteit per partner", "en": "Freshness per partner"},
    "freshness_caption": {"nl": "Laatste maand die elke partner aanleverde, en hoeveel maanden dat "
                                "achterloopt op de laatste maand in de monitor",
                          "en": "Last month each partner reported, and how many months that lags "
                                "behind the monitor's last month"},
    "col_file": {"nl": "Bestand", "en": "File"},
    "col_received": {"nl": "Ontvangen", "en": "Received"},
    "col_rows": {"nl": "Regels", "en": "Rows"},
    "col_status": {"nl": "Status", "en": "Status"},
    "hover": {"nl": "<b>{name}</b> ({code})<br>Gerealiseerd: {realised}<br>Doel: {target}<br>{pct} van het doel",
              "en": "<b>{name}</b> ({code})<br>Realised: {realised}<br>Target: {target}<br>{pct} of target"},
    "no_target": {"nl": "geen doel", "en": "no target"},
    "back_to_map": {"nl": "← Terug naar de kaart", "en": "← Back to the map"},
    "region_not_found": {"nl": "Regio {code} bestaat niet. Kies een regio op de kaart.",
                         "en": "Region {code} does not exist. Choose a region on the map."},
    "region_heading": {"nl": "Arbeidsmarktregio {name} ({code})", "en": "Labour-market region {name} ({code})"},
    "card_realised": {"nl": "Gerealiseerd", "en": "Realised"},
    "card_target": {"nl": "Doel", "en": "Target"},
    "card_baseline": {"nl": "Uitgangswaarde op {date}", "en": "Baseline on {date}"},
    "card_deadline": {"nl": "Termijn", "en": "Deadline"},
    "card_pct": {"nl": "van het doel", "en": "of target"},
    "card_as_of": {"nl": "Stand per {month}", "en": "As of {month}"},
    "card_no_data": {"nl": "nog geen realisaties", "en": "no realisations yet"},
    "card_expected": {"nl": "Verwacht op de rechte lijn", "en": "Expected on the straight path"},
    "card_required": {"nl": "Nodig per maand vanaf nu", "en": "Required per month from now"},
    "card_projected": {"nl": "Prognose op de termijn", "en": "Projected at the deadline"},
    "card_reached": {"nl": "Doel bereikt in", "en": "Target reached in"},
    "card_last_reported": {"nl": "laatst gerapporteerd: {month}", "en": "last reported: {month}"},
    "after_deadline": {"nl": "na de termijn", "en": "after the deadline"},
    "not_at_pace": {"nl": "niet in dit tempo", "en": "not at this pace"},
    "status_uncertain": {"nl": "onzeker", "en": "uncertain"},
    "chart_projection": {"nl": "Prognose (tempo laatste 6 maanden)", "en": "Projection (pace of the last 6 months)"},
    "chart_interval": {"nl": "Prognose-interval (95%)", "en": "Projection interval (95%)"},
    "chart_realised": {"nl": "Gerealiseerd (cumulatief)", "en": "Realised (cumulative)"},
    "chart_path": {"nl": "Rechte lijn naar het doel", "en": "Straight path to target"},
    "chart_target": {"nl": "Doel", "en": "Target"},
    "chart_summary": {"nl": "Grafiek {indicator}: van {baseline} op {start} naar {realised} op {as_of}; "
                            "doel {target} op {deadline}.",
                      "en": "Chart {indicator}: from {baseline} on {start} to {realised} on {as_of}; "
                            "target {target} by {deadline}."},
    "covenant_heading": {"nl": "Convenant", "en": "Covenant"},
    "covenant_period": {"nl": "Looptijd: {start} tot {end}", "en": "Period: {start} to {end}"},
    "signatories": {"nl": "Ondertekenaars", "en": "Signatories"},
    "no_signatories": {"nl": "Geen ondertekenaars vastgelegd.", "en": "No signatories recorded."},
    "role_ondertekenaar": {"nl": "ondertekenaar", "en": "signatory"},
    "role_uitvoering": {"nl": "neemt deel aan de uitvoering", "en": "takes part in carrying it out"},
    "targets_caption": {"nl": "Doelen en hun wijzigingen (een wijziging is een nieuwe versie met een "
                              "ingangsdatum)",
                        "en": "Targets and their amendments (an amendment is a new version with the "
                              "date it took effect)"},
    "col_version": {"nl": "Versie", "en": "Version"},
    "col_valid_from": {"nl": "Geldig vanaf", "en": "Valid from"},
    "col_baseline": {"nl": "Uitgangswaarde", "en": "Baseline"},
    "col_source": {"nl": "Bron", "en": "Source"},
    "sources_heading": {"nl": "Aanleveringen achter deze cijfers", "en": "Submissions behind these figures"},
    "sources_caption": {"nl": "Bestanden waaruit de realisaties van deze regio komen",
                        "en": "Files the region's realisations come from"},
    "status_loaded": {"nl": "geladen", "en": "loaded"},
    "status_rejected": {"nl": "afgewezen", "en": "rejected"},
    "status_partial": {"nl": "deels geladen", "en": "partly loaded"},
    "footer": {"nl": "Regiomonitor · gegevens uit het gepubliceerde datawarehouse van {published}",
               "en": "Regiomonitor · figures from the warehouse published {published}"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The string for `key` in `lang`, with {placeholders} filled in."""
    text = STRINGS[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def language(value: str | None) -> str:
    """A supported language from a URL parameter, Dutch otherwise."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
