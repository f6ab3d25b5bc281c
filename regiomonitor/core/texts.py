"""Every user-facing string in Dutch and English (formats: regiomonitor/core/formats.py).

Dutch is the default. A string missing in one language is a test failure, not a
silent fallback (tests/test_i18n.py checks the catalogue).
"""
from __future__ import annotations

from regiomonitor.core.formats import fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct

# The dashboard takes its strings and its number and date formats from this one module.
__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "STRINGS", "t", "language",
           "fmt_amount", "fmt_date", "fmt_month", "fmt_number", "fmt_pct"]

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
    "page_vergelijken": {"nl": "Vergelijken", "en": "Compare"},
    "page_data": {"nl": "Data", "en": "Data"},
    "page_methode": {"nl": "Methode", "en": "Method"},
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
    "map_heading": {"nl": "Voortgang per arbeidsmarktregio", "en": "Progress per labour-market region"},
    "map_summary": {"nl": "{indicator}, stand per {month}: {n} regio's met een doel. Mediaan {median} "
                          "van het doel; hoogste {best} ({best_pct}), laagste {worst} ({worst_pct}).",
                    "en": "{indicator}, as of {month}: {n} regions with a target. Median {median} of "
                          "target; highest {best} ({best_pct}), lowest {worst} ({worst_pct})."},
    "legend_label": {"nl": "Aantal regio's per status", "en": "Regions per status"},
    "programme_choice": {"nl": "Programma", "en": "Programme"},
    "measure_choice": {"nl": "Kleur op de kaart", "en": "Map colour"},
    "measure_status": {"nl": "Status", "en": "Status"},
    "measure_pct": {"nl": "% van het doel", "en": "% of target"},
    "measure_per10k": {"nl": "Groei per 10.000 inwoners 15-74", "en": "Gain per 10,000 aged 15-74"},
    "shape_choice": {"nl": "Kaartvorm", "en": "Map shapes"},
    "shape_cbs": {"nl": "Echte grenzen (CBS)", "en": "Real boundaries (CBS)"},
    "shape_schematic": {"nl": "Schematische tegels", "en": "Schematic tiles"},
    "month_choice": {"nl": "Stand per maand", "en": "As of month"},
    "col_per10k": {"nl": "Groei per 10.000 inw.", "en": "Gain per 10,000"},
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
    "col_rank": {"nl": "Rang", "en": "Rank"},
    "col_rank_per10k": {"nl": "Rang per 10.000", "en": "Rank per 10,000"},
    "col_pace": {"nl": "Tempo ρ", "en": "Pace ρ"},
    "col_trend": {"nl": "Verloop (12 mnd)", "en": "Trend (12 months)"},
    "col_month": {"nl": "Maand", "en": "Month"},
    "compare_heading": {"nl": "Regio's vergelijken", "en": "Compare regions"},
    "ranking_heading": {"nl": "Rangorde", "en": "Ranking"},
    "ranking_help": {"nl": "Gerangschikt naar percentage van het doel (Rang). Klik op een kolomkop om "
                           "anders te sorteren; de export volgt de getoonde volgorde. Gelijke waarden "
                           "delen een rang.",
                     "en": "Ranked by percentage of target (Rank). Click a column header to sort "
                           "otherwise; the export follows the order shown. Equal values share a rank."},
    "export_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "export_xlsx": {"nl": "Download Excel (XLSX)", "en": "Download Excel (XLSX)"},
    "compare_chart_heading": {"nl": "Verloop naast elkaar", "en": "Trajectories side by side"},
    "regions_choice": {"nl": "Regio's (hoogstens {n})", "en": "Regions (at most {n})"},
    "regions_hint": {"nl": "Kies hoogstens {n} regio's; klik nogmaals om een regio weg te halen.",
                     "en": "Choose at most {n} regions; click again to remove one."},
    "compare_none": {"nl": "Kies een of meer regio's.", "en": "Choose one or more regions."},
    "compare_summary": {"nl": "Percentage van het doel per {month}: {regions}.",
                        "en": "Percentage of target as of {month}: {regions}."},
    "compare_table_caption": {"nl": "Percentage van het doel per maand", "en": "Percentage of target per month"},
    "data_heading": {"nl": "Data: aanleveringen, controles en actualiteit",
                     "en": "Data: submissions, checks and freshness"},
    "submissions_heading": {"nl": "Aanleveringen", "en": "Submissions"},
    "submissions_summary": {"nl": "{n} bestanden: {loaded} geladen, {partial} deels geladen, "
                                  "{rejected} afgewezen.",
                            "en": "{n} files: {loaded} loaded, {partial} partly loaded, "
                                  "{rejected} rejected."},
    "submissions_caption": {"nl": "Alle aangeleverde bestanden, nieuwste eerst; klik voor de bronregels",
                            "en": "Every delivered file, newest first; click for its source rows"},
    "rejected_heading": {"nl": "Afgewezen regels", "en": "Rejected rows"},
    "rejected_caption": {"nl": "Elke afgewezen regel met de reden", "en": "Every rejected row with its reason"},
    "rejected_none": {"nl": "Er zijn geen afgewezen regels.", "en": "There are no rejected rows."},
    "warnings_heading": {"nl": "Waarschuwingen", "en": "Warnings"},
    "warnings_caption": {"nl": "Geladen regels die opvallen (bijvoorbeeld tien keer het gebruikelijke niveau)",
                         "en": "Loaded rows that stand out (e.g. ten times the usual level)"},
    "warnings_none": {"nl": "Er zijn geen waarschuwingen.", "en": "There are no warnings."},
    "revisions_heading": {"nl": "Revisies", "en": "Revisions"},
    "revisions_caption": {"nl": "Cijfers die een gecorrigeerd bestand verving (de laatste 500)",
                          "en": "Figures a corrected file replaced (the last 500)"},
    "revisions_none": {"nl": "Er zijn nog geen cijfers vervangen.", "en": "No figures have been replaced yet."},
    "col_old_value": {"nl": "Oude waarde", "en": "Old value"},
    "changes_heading": {"nl": "Gewijzigd sinds de vorige publicatie", "en": "Changed since the previous publication"},
    "changes_first": {"nl": "Dit is de eerste publicatie: er is nog niets om mee te vergelijken.",
                      "en": "This is the first publication: there is nothing to compare with yet."},
    "changes_none": {"nl": "De publicatie van {when} veranderde hier geen cijfers.",
                     "en": "The publication of {when} changed no figures here."},
    "changes_summary": {"nl": "De publicatie van {when} veranderde {n}: oude en nieuwe waarde, met het bestand.",
                        "en": "The publication of {when} changed {n}: old and new value, with the file."},
    "changes_caption": {"nl": "Cijfers die de laatste publicatie toevoegde, verving of introk",
                        "en": "Figures the latest publication added, replaced or withdrew"},
    "col_change": {"nl": "Oud → nieuw", "en": "Old → new"},
    "review_heading": {"nl": "Wacht op controle", "en": "Waiting for review"},
    "review_none": {"nl": "Er wachten geen cijfers op controle.", "en": "No figures are waiting for review."},
    "review_summary": {"nl": "Ter controle: {n}, sterk boven het gebruikelijke niveau. Ze tellen nergens mee tot een databeheerder ze goedkeurt.",
                       "en": "Held for review: {n}, far above the usual level. They count nowhere until a data steward approves them."},
    "review_caption": {"nl": "Vastgehouden cijfers: bestand, rij en reden", "en": "Held figures: file, row and reason"},
    "col_new_value": {"nl": "Nieuwe waarde", "en": "New value"},
    "col_old_file": {"nl": "Oud bestand", "en": "Old file"},
    "col_new_file": {"nl": "Nieuw bestand", "en": "New file"},
    "runs_heading": {"nl": "Pipeline-runs", "en": "Pipeline runs"},
    "runs_caption": {"nl": "De laatste 50 runs die het datawarehouse publiceerden",
                     "en": "The last 50 runs that published the warehouse"},
    "coverage_heading": {"nl": "Dekking per regio en maand", "en": "Coverage per region and month"},
    "coverage_help": {"nl": "Per cel: hoeveel van de partners van de regio die maand aanleverden. "
                            "0 betekent: nog niets ontvangen.",
                      "en": "Each cell: how many of the region's partners reported that month. "
                            "0 means: nothing received yet."},
    "coverage_caption": {"nl": "Partners die aanleverden, per regio en maand",
                         "en": "Partners that reported, per region and month"},
    "freshness_summary": {"nl": "{n} combinaties van regio en partner lopen achter; toon alle",
                          "en": "{n} region and partner pairs are behind; show all"},
    "freshness_all_caption": {"nl": "Laatste aangeleverde maand per regio en partner, achterlopers eerst",
                              "en": "Last month reported per region and partner, laggards first"},
    "template_heading": {"nl": "Sjabloon voor aanleveringen", "en": "Submission template"},
    "template_help": {"nl": "Eén regel per regio, indicator, maand, partner en sector. Getallen mogen "
                            "Nederlands geschreven worden (1.200; 37,5). Het Excel-sjabloon heeft keuzelijsten "
                            "en een blad Toelichting: elke kolom, corrigeren en intrekken.",
                      "en": "One row per region, indicator, month, partner and sector. Numbers may be "
                            "written the Dutch way (1.200; 37,5). The Excel template has dropdowns and a "
                            "sheet Toelichting: every column, correcting and withdrawing."},
    "template_csv": {"nl": "Download sjabloon (CSV)", "en": "Download template (CSV)"},
    "template_xlsx": {"nl": "Download sjabloon (Excel)", "en": "Download template (Excel)"},
    "submission_heading": {"nl": "Aanlevering {file}", "en": "Submission {file}"},
    "submission_not_found": {"nl": "Aanlevering {id} bestaat niet.", "en": "Submission {id} does not exist."},
    "back_to_data": {"nl": "← Terug naar Data", "en": "← Back to Data"},
    "source_rows_caption": {"nl": "Bronregels zoals de partner ze aanleverde (rijnummers als in Excel)",
                            "en": "Source rows as the partner delivered them (row numbers as in Excel)"},
    "col_steward": {"nl": "Beheerder", "en": "Steward"},
    "col_accepted": {"nl": "Regels geladen", "en": "Rows loaded"},
    "col_rejected": {"nl": "Regels afgewezen", "en": "Rows rejected"},
    "col_loaded": {"nl": "Bestanden geladen", "en": "Files loaded"},
    "col_row": {"nl": "Rij", "en": "Row"},
    "col_column": {"nl": "Kolom", "en": "Column"},
    "col_value": {"nl": "Waarde", "en": "Value"},
    "col_reason": {"nl": "Reden", "en": "Reason"},
    "col_flow": {"nl": "Flow", "en": "Flow"},
    "col_started": {"nl": "Gestart", "en": "Started"},
    "col_finished": {"nl": "Klaar", "en": "Finished"},
    "col_run_id": {"nl": "Run-id (Prefect)", "en": "Run id (Prefect)"},
    "col_duration_s": {"nl": "Duur (s)", "en": "Duration (s)"},
    "col_run_files_loaded": {"nl": "Bestanden geladen", "en": "Files loaded"},
    "col_run_files_partial": {"nl": "Deels geladen", "en": "Partly loaded"},
    "col_run_files_rejected": {"nl": "Afgewezen", "en": "Rejected"},
    "col_run_files_unchanged": {"nl": "Al geladen", "en": "Already loaded"},
    "col_run_rows_loaded": {"nl": "Regels geladen", "en": "Rows loaded"},
    "col_run_rows_rejected": {"nl": "Regels afgewezen", "en": "Rows rejected"},
    "col_run_errors": {"nl": "Fouten", "en": "Errors"},
    "col_run_warnings": {"nl": "Waarschuwingen", "en": "Warnings"},
    "col_sector": {"nl": "Sector", "en": "Sector"},
    "col_note": {"nl": "Opmerking", "en": "Note"},
    "col_sha256": {"nl": "SHA-256", "en": "SHA-256"},
    "method_heading": {"nl": "Methode: hoe de monitor rekent", "en": "Method: how the monitor calculates"},
    "method_intro": {"nl": "Alle cijfers komen uit één plek: de SQL-views van het datawarehouse. Deze pagina "
                           "leest de definities en drempels uit dezelfde tabellen als die views.",
                     "en": "Every figure comes from one place: the warehouse's SQL views. This page reads "
                           "the definitions and thresholds from the same tables those views use."},
    "method_indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "method_indicators_caption": {"nl": "Definities van de indicatoren", "en": "Indicator definitions"},
    "col_unit": {"nl": "Eenheid", "en": "Unit"},
    "col_definition": {"nl": "Betekenis", "en": "Meaning"},
    "col_threshold": {"nl": "Drempel", "en": "Threshold"},
    "unit_aantal": {"nl": "aantal", "en": "count"},
    "unit_euro": {"nl": "euro", "en": "euro"},
    "method_formulas": {"nl": "Formules", "en": "Formulas"},
    "formula_months_term": {"nl": "Maanden", "en": "Months"},
    "formula_months": {"nl": "Een doel met uitgangsdatum d0 en termijn d1 telt de maanden na de maand van d0 "
                             "tot en met de maand van d1 (Rivierenland: december 2005 t/m november 2007, "
                             "N = 24). Verstreken k = peilmaand − maand van d0; τ = k / N.",
                       "en": "A target with baseline date d0 and deadline d1 counts the months after d0's "
                             "month up to and including d1's month (Rivierenland: December 2005 to November "
                             "2007, N = 24). Elapsed k = as-of month − d0's month; τ = k / N."},
    "formula_realised_term": {"nl": "Gerealiseerd R", "en": "Realised R"},
    "formula_realised": {"nl": "R = uitgangswaarde B + alle gerapporteerde realisaties in de maanden sinds de "
                               "start, tot en met de peilmaand. Een maand zonder aanlevering telt als nul.",
                         "en": "R = baseline B + every realisation reported in the months since the start, "
                               "up to the as-of month. A month nobody reported counts as zero."},
    "formula_achievement_term": {"nl": "Percentage van het doel", "en": "Percentage of target"},
    "formula_achievement": {"nl": "R / T.", "en": "R / T."},
    "formula_expected_term": {"nl": "Verwacht op de rechte lijn E", "en": "Expected on the straight path E"},
    "formula_expected": {"nl": "E = B + (T − B) · τ; het verschil is R − E.",
                         "en": "E = B + (T − B) · τ; the gap is R − E."},
    "formula_run_rate_term": {"nl": "Per maand tot nu", "en": "Per month so far"},
    "formula_run_rate": {"nl": "(R − B) / k.", "en": "(R − B) / k."},
    "formula_required_term": {"nl": "Nodig per maand vanaf nu", "en": "Required per month from now"},
    "formula_required": {"nl": "(T − R) / (N − k); bij de start voor Rivierenland (1.200 − 290) / 24 = 37,9.",
                         "en": "(T − R) / (N − k); at the start for Rivierenland (1,200 − 290) / 24 = 37.9."},
    "formula_pace_term": {"nl": "Tempo ρ", "en": "Pace ratio ρ"},
    "formula_pace": {"nl": "ρ = (R − B) / (E − B): de gerealiseerde groei gedeeld door de groei die op de "
                           "rechte lijn nodig was (zoals de SDG-trackers van Open SDG).",
                     "en": "ρ = (R − B) / (E − B): the realised gain over the gain required on the straight "
                           "path (as the Open SDG trackers do)."},
    "formula_projection_term": {"nl": "Prognose op de termijn", "en": "Projection at the deadline"},
    "formula_projection": {"nl": "P = R + p · (N − k), met p het gemiddelde van de complete maanden in de "
                                 "laatste zes maanden; interval P ± 1,96 · (s / √n) · (N − k). De status heet "
                                 "onzeker als het interval het doel omvat.",
                           "en": "P = R + p · (N − k), p being the mean of the complete months among the last "
                                 "six; interval P ± 1.96 · (s / √n) · (N − k). The status is uncertain when the "
                                 "interval contains the target."},
    "formula_reached_term": {"nl": "Doel bereikt in", "en": "Target reached in"},
    "formula_reached": {"nl": "Peilmaand + ⌈(T − R) / p⌉ maanden, gemarkeerd ‘verwacht’; ‘niet in dit tempo’ als "
                              "p ≤ 0. Is het doel bereikt, dan de eerste maand waarin R ≥ T.",
                        "en": "As-of month + ⌈(T − R) / p⌉ months, marked ‘expected’; ‘not at this pace’ when "
                              "p ≤ 0. Once the target is reached, the first month in which R ≥ T."},
    "formula_per10k_term": {"nl": "Per 10.000 inwoners", "en": "Per 10,000 inhabitants"},
    "formula_per10k": {"nl": "Gedeeld door de beroepsbevolking van 15 tot en met 74 jaar van de regio, maal "
                             "10.000. De bevolkingscijfers in deze demo zijn gegenereerd (demonstratiedata).",
                       "en": "Divided by the region's population aged 15 to 74, times 10,000. The population "
                             "figures in this demo are generated (demonstratiedata)."},
    "formula_ranking_term": {"nl": "Rangorde", "en": "Ranking"},
    "formula_ranking": {"nl": "Per indicator en maand, absoluut, per 10.000 inwoners en op tempo; gelijke waarden "
                              "delen een rang (1, 1, 3).",
                        "en": "Per indicator and month, absolute, per 10,000 inhabitants and by pace; equal "
                              "values share a rank (1, 1, 3)."},
    "formula_versions_term": {"nl": "Gewijzigde doelen", "en": "Amended targets"},
    "formula_versions": {"nl": "Een wijziging is een nieuwe versie met een ingangsdatum; elke maand wordt "
                               "gemeten tegen de versie die aan het eind van die maand gold.",
                         "en": "An amendment is a new version with a start date; each month is measured "
                               "against the version in force at the end of that month."},
    "method_statuses": {"nl": "Statussen en drempels", "en": "Statuses and thresholds"},
    "method_statuses_help": {"nl": "Eerst gelden de regels (bereikt, niet begonnen, termijn verstreken, geen "
                                   "gegevens); daarna bepaalt het tempo ρ de status. De drempels zijn die van "
                                   "Open SDG en staan in de tabel ‘status’.",
                             "en": "The rules come first (achieved, not started, deadline passed, no data); then "
                                   "the pace ratio ρ decides. The thresholds are Open SDG's and live in the "
                                   "‘status’ table."},
    "method_statuses_caption": {"nl": "Statussen zoals de views ze toekennen", "en": "Statuses as the views assign them"},
    "status_rule": {"nl": "regel", "en": "rule"},
    "method_sources": {"nl": "Bronnen", "en": "Sources"},
    "source_covenant": {"nl": "Samenwerkingsovereenkomst over leven lang leren en werk in de regio Tiel "
                              "(Rivierenland), getekend op 28-11-2005 met de ministeries van SZW en OCW: ten "
                              "minste 1.200 leerwerkplaatsen en 1.500 EVC-trajecten in twee jaar; bij tekening "
                              "290 leerwerkbanen en 340 EVC-trajecten.",
                        "en": "Agreement on lifelong learning and work in the Tiel region (Rivierenland), "
                              "signed on 28 Nov 2005 with the ministries of SZW and OCW: at least 1,200 "
                              "work-learning places and 1,500 EVC trajectories in two years; 290 and 340 at "
                              "signing."},
    "source_national": {"nl": "Context: Leren & Werken stelde landelijke doelen voor leerwerktrajecten "
                              "(2005–2007 en 2008–2011); zie de Kamerstukken van de Projectdirectie Leren & Werken.",
                        "en": "Context: Leren & Werken set national goals for work-learning trajectories "
                              "(2005–2007 and 2008–2011); see the parliamentary papers of the Projectdirectie "
                              "Leren & Werken."},
    "source_regions": {"nl": "Arbeidsmarktregio's: CBS-codes en -namen 2025 (AM01–AM38, zonder AM04, AM16 en AM31).",
                       "en": "Labour-market regions: CBS codes and names 2025 (AM01–AM38, without AM04, AM16 "
                             "and AM31)."},
    "source_demo": {"nl": "Alle andere doelen, alle realisaties en de bevolkingscijfers zijn gegenereerde "
                          "demonstratiedata.",
                    "en": "All other targets, all realisations and the population figures are generated "
                          "demonstration data (demonstratiedata)."},
    "method_accessibility": {"nl": "Toegankelijkheid", "en": "Accessibility"},
    "a11y_standard": {"nl": "Regiomonitor streeft naar WCAG 2.1 niveau AA, zoals voor Nederlandse "
                            "overheidswebsites geldt.",
                      "en": "Regiomonitor aims at WCAG 2.1 level AA, as Dutch public-sector websites must."},
    "a11y_tested": {"nl": "Elke pagina wordt bij elke wijziging automatisch getest met axe-core in Chromium en "
                          "met alleen het toetsenbord bediend. Elke grafiek heeft een tekstuele samenvatting en "
                          "een tabel met dezelfde cijfers; status staat er altijd in woorden en met een symbool bij.",
                    "en": "Every page is tested automatically with axe-core in Chromium on every change and "
                          "operated by keyboard alone. Every chart has a text summary and a table with the same "
                          "figures; a status is always given in words and with a symbol."},
    "a11y_limits": {"nl": "Bekende beperking: de kaart zelf is niet met het toetsenbord te bedienen; de tabel "
                          "onder de kaart biedt dezelfde cijfers en links.",
                    "en": "Known limitation: the map itself cannot be operated by keyboard; the table below "
                          "it offers the same figures and links."},
    "a11y_contact": {"nl": "Loopt u tegen een probleem aan? Meld het bij de beheerders van de monitor.",
                     "en": "Run into a problem? Report it to the monitor's maintainers."},
    "col_indicator": {"nl": "Indicator", "en": "Indicator"},
    "col_partner": {"nl": "Partner", "en": "Partner"},
    "col_partner_kind": {"nl": "Soort organisatie", "en": "Kind of organisation"},
    "col_share": {"nl": "Aandeel", "en": "Share"},
    "col_sectors": {"nl": "Sectoren (grootste eerst)", "en": "Sectors (largest first)"},
    "col_months_behind": {"nl": "Maanden achter", "en": "Months behind"},
    "contributions_heading": {"nl": "Bijdragen per partner en sector", "en": "Contributions by partner and sector"},
    "contributions_caption": {"nl": "Gerealiseerd sinds de start, per indicator en organisatie (naar soort)",
                              "en": "Realised since the start, per indicator and organisation (by kind)"},
    "freshness_heading": {"nl": "Actualiteit per partner", "en": "Freshness per partner"},
    "freshness_caption": {"nl": "Laatste maand die elke partner aanleverde, en hoeveel maanden dat "
                                "achterloopt op de laatste maand in de monitor",
                          "en": "Last month each partner reported, and how many months that lags "
                                "behind the monitor's last month"},
    "col_file": {"nl": "Bestand", "en": "File"},
    "col_received": {"nl": "Ontvangen", "en": "Received"},
    "col_rows": {"nl": "Regels", "en": "Rows"},
    "col_status": {"nl": "Status", "en": "Status"},
    "hover": {"nl": "<b>{name}</b><br>Status: {status}<br>Gerealiseerd: {realised}<br>"
                    "Doel: {target}<br>{pct} van het doel<br>Groei per 10.000 inwoners 15-74: {per10k}",
              "en": "<b>{name}</b><br>Status: {status}<br>Realised: {realised}<br>"
                    "Target: {target}<br>{pct} of target<br>Gain per 10,000 aged 15-74: {per10k}"},
    "no_target": {"nl": "geen doel", "en": "no target"},
    "back_to_map": {"nl": "← Terug naar de kaart", "en": "← Back to the map"},
    "region_not_found": {"nl": "Regio {code} bestaat niet. Kies een regio op de kaart.",
                         "en": "Region {code} does not exist. Choose a region on the map."},
    "region_heading": {"nl": "Arbeidsmarktregio {name} ({code})", "en": "Labour-market region {name} ({code})"},
    "region_as_of": {"nl": "Stand per {month}", "en": "As of {month}"},
    "region_no_targets": {"nl": "Deze regio heeft geen doelen in dit programma op deze maand.",
                          "en": "This region has no targets in this programme in this month."},
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
    "reached_expected": {"nl": "verwacht", "en": "expected"},
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
    "gemeenten_heading": {"nl": "Gemeenten (registergegevens)", "en": "Municipalities (registry data)"},
    "gemeenten_none": {"nl": "Voor deze regio zijn geen registergegevens per gemeente geladen.",
                       "en": "No registry data per municipality has been loaded for this region."},
    "gemeenten_caption": {"nl": "Geregistreerde starts per gemeente tot en met {month}, met het aandeel in de regio",
                          "en": "Registered starts per municipality up to {month}, with the share of the region"},
    "gemeenten_map_current_only": {"nl": "De kaart toont alleen de huidige gemeentegrenzen; kies ‘Huidige indeling’ "
                                         "om hem te zien.",
                                   "en": "The map shows today's municipal boundaries only; choose ‘Today's "
                                         "boundaries’ to see it."},
    "gemeenten_map_summary": {"nl": "Kaart van de {n} gemeenten, gekleurd naar hun aandeel in de geregistreerde "
                                    "starts; het grootste aandeel heeft {name} ({share}).",
                              "en": "Map of the {n} municipalities, coloured by their share of registered "
                                    "starts; {name} has the largest share ({share})."},
    "col_gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "boundary_choice": {"nl": "Gemeentelijke indeling", "en": "Municipal boundaries"},
    "boundary_signing": {"nl": "Indeling bij ondertekening", "en": "Boundaries at signing"},
    "boundary_current": {"nl": "Huidige indeling", "en": "Today's boundaries"},
    "boundary_shown_signing": {"nl": "Getoond: de regio zoals die was bij de ondertekening van het convenant. "
                                     "Gemeenten die later fuseerden staan er apart in (zoals Geldermalsen en "
                                     "Neerijnen); Lingewaal hoorde toen bij Gorinchem.",
                               "en": "Shown: the region as it was when the covenant was signed. Municipalities "
                                     "that merged later appear separately (such as Geldermalsen and Neerijnen); "
                                     "Lingewaal then belonged to Gorinchem."},
    "boundary_shown_current": {"nl": "Getoond: de regio op de huidige gemeentegrenzen (constante grenzen, zoals "
                                     "het CBS): gefuseerde gemeenten tellen mee bij hun opvolger, zoals West Betuwe.",
                               "en": "Shown: the region on today's municipal boundaries (constant boundaries, as "
                                     "CBS does): merged municipalities count for their successor, such as West "
                                     "Betuwe."},
    "sources_heading": {"nl": "Aanleveringen achter deze cijfers", "en": "Submissions behind these figures"},
    "sources_caption": {"nl": "Bestanden waaruit de realisaties van deze regio komen",
                        "en": "Files the region's realisations come from"},
    "status_loaded": {"nl": "geladen", "en": "loaded"},
    "status_rejected": {"nl": "afgewezen", "en": "rejected"},
    "status_partial": {"nl": "deels geladen", "en": "partly loaded"},
    # Completeness and provisional figures (issue 10)
    "provisional_tag": {"nl": "voorlopig", "en": "provisional"},
    "status_stand": {"nl": "stand per {month}", "en": "as of {month}"},
    "card_provisional": {"nl": "Voorlopig: {n} maand(en) tot en met {month} zijn nog niet door alle "
                               "partners aangeleverd. Niet aangeleverd telt niet als 0: status, tempo en "
                               "prognose gaan uit van {stand}, de laatste complete maand.",
                         "en": "Provisional: {n} month(s) up to {month} have not been delivered by every "
                               "partner yet. Not delivered does not count as 0: status, pace and projection "
                               "rest on {stand}, the last complete month."},
    "month_state_complete": {"nl": "compleet", "en": "complete"},
    "month_state_partial": {"nl": "gedeeltelijk ({k} van {n})", "en": "partial ({k} of {n})"},
    "month_state_missing": {"nl": "niet aangeleverd (0 van {n})", "en": "not delivered (0 of {n})"},
    "card_month_state": {"nl": "Aanlevering {month}: {state}", "en": "Deliveries {month}: {state}"},
    "default_month_reason": {"nl": "Standaard toont deze pagina {month}: de laatste maand die voor minstens "
                                   "{share} van de regio's compleet is aangeleverd ({k} van {n}). Latere "
                                   "maanden zijn te kiezen, maar voorlopig.",
                             "en": "By default this page shows {month}: the latest month that is complete for "
                                   "at least {share} of the regions ({k} of {n}). Later months can be chosen "
                                   "but are provisional."},
    "default_month_reason_none": {"nl": "Geen maand is voor {share} van de regio's compleet aangeleverd; "
                                        "standaard wordt de startmaand {month} getoond.",
                                  "en": "No month is complete for {share} of the regions; the start month "
                                        "{month} is shown by default."},
    "provisional_legend": {"nl": "voorlopig (open ring op de kaart): {n}",
                           "en": "provisional (open ring on the map): {n}"},
    "col_provisional": {"nl": "Voorlopig", "en": "Provisional"},
    "chart_provisional": {"nl": "Voorlopig (niet compleet)", "en": "Provisional (incomplete)"},
    "late_heading": {"nl": "Achterstand in aanlevering", "en": "Late deliveries"},
    "late_notice": {"nl": "Niet alle partners hebben tot en met {month} aangeleverd: cijfers over de "
                          "maanden die nog ontbreken zijn voorlopig.",
                    "en": "Not every partner has delivered up to {month}: figures for the months still "
                          "missing are provisional."},
    "late_item": {"nl": "{partner}: {n} maand(en) achter, sinds {month} ({indicators})",
                  "en": "{partner}: {n} month(s) behind, since {month} ({indicators})"},
    "late_gaps": {"nl": "{partner}: bij; {n} eerdere maand(en) niet volledig aangeleverd",
                  "en": "{partner}: up to date; {n} earlier month(s) not fully delivered"},
    "late_none": {"nl": "Alle partners hebben aangeleverd tot en met {month}.",
                  "en": "Every partner has delivered up to {month}."},
    "late_caption": {"nl": "Partners die achterlopen of maanden missen, per regio (peilmaand {month})",
                     "en": "Partners behind or missing months, per region (due month {month})"},
    "late_help": {"nl": "Een maand is verschuldigd zodra minstens {share} van de regio's erover heeft "
                        "aangeleverd. Filter de lijst per kolom (regio, partner, maanden achter) en "
                        "exporteer precies wat getoond wordt, bijvoorbeeld voor herinneringsmails.",
                  "en": "A month is due once at least {share} of the regions have reported on it. Filter "
                        "the list per column (region, partner, months behind) and export exactly what is "
                        "shown, for reminder mails for instance."},
    "late_data_heading": {"nl": "Achterlopende partners", "en": "Partners behind"},
    "late_export": {"nl": "Exporteer als CSV", "en": "Export as CSV"},
    "late_filename": {"nl": "achterlopende-partners", "en": "late-partners"},
    "col_behind_since": {"nl": "Achter sinds", "en": "Behind since"},
    "col_months_missing": {"nl": "Maanden onvolledig", "en": "Months incomplete"},
    "col_indicators_behind": {"nl": "Indicatoren achter", "en": "Indicators behind"},
    "completeness_heading": {"nl": "Volledigheid per maand", "en": "Completeness per month"},
    "completeness_caption": {"nl": "Per indicator en maand: hoeveel van de verwachte partners aanleverden",
                             "en": "Per indicator and month: how many of the expected partners delivered"},
    "completeness_help": {"nl": "Compleet: alle verwachte partners leverden aan. Gedeeltelijk: k van n. "
                                "Niet aangeleverd: geen enkele; dat is onbekend, geen 0.",
                          "en": "Complete: every expected partner delivered. Partial: k of n. Not "
                                "delivered: none did; that is unknown, not 0."},
    "method_provisional": {"nl": "Voorlopige cijfers", "en": "Provisional figures"},
    "method_obligation": {"nl": "Leveringsplicht: per regio, partner en indicator staat vast wie maandelijks "
                                "aanlevert (data/reference/obligations.csv). Waar dat register zwijgt geldt: "
                                "een partner die een indicator voor een regio heeft aangeleverd, wordt vanaf "
                                "die eerste maand elke maand verwacht tot de termijn van het doel.",
                          "en": "Reporting obligation: per region, partner and indicator it is set who "
                                "delivers monthly (data/reference/obligations.csv). Where that register is "
                                "silent: a partner that has delivered an indicator for a region is expected "
                                "every month from that first month until the target's deadline."},
    "method_completeness": {"nl": "Volledigheid per regio, indicator en maand: compleet (alle verwachte "
                                  "partners), gedeeltelijk (k van n) of niet aangeleverd. Niet aangeleverd is "
                                  "onbekend en telt nooit als 0; zulke maanden tellen ook niet mee in het "
                                  "recente tempo p.",
                            "en": "Completeness per region, indicator and month: complete (every expected "
                                  "partner), partial (k of n) or not delivered. Not delivered is unknown and "
                                  "never counts as 0; such months are also left out of the recent pace p."},
    "method_stand": {"nl": "Stand per: status, tempo ρ en prognose worden berekend op de laatste complete "
                           "maand. Een cijfer dat een onvolledige maand bevat heet voorlopig en is zo "
                           "gemarkeerd op de kaart (open ring), in de regiokaarten, de grafiek (open punten, "
                           "stippellijn), de rangorde, de exports en `regiomonitor progress`. ‘Doel bereikt’ "
                           "geldt direct: later aangeleverde cijfers kunnen R alleen verhogen.",
                     "en": "As of: status, pace ratio ρ and projection are computed on the last complete "
                           "month. A figure that includes an incomplete month is provisional and marked so on "
                           "the map (open ring), region cards, chart (open markers, dashed line), ranking, "
                           "exports and `regiomonitor progress`. ‘Target achieved’ holds at once: later "
                           "deliveries can only raise R."},
    "method_default_month": {"nl": "Standaardmaand: kaart en Vergelijken tonen standaard de laatste maand die "
                                   "voor minstens {share} van de regio's compleet is (instelling in "
                                   "regiomonitor/core/settings.py); één vroeg bestand verschuift die niet. Nu: {month}.",
                             "en": "Default month: the map and Compare show by default the latest month that "
                                   "is complete for at least {share} of the regions (a setting in "
                                   "regiomonitor/core/settings.py); one early file does not move it. Now: {month}."},
    "method_late": {"nl": "Achterstand: een maand is verschuldigd zodra minstens {share} van de regio's erover "
                          "heeft aangeleverd; een partner die die maand nog niet leverde loopt achter sinds "
                          "de maand na zijn laatste aanlevering.",
                    "en": "Behind: a month is due once at least {share} of the regions have reported on it; "
                          "a partner that has not delivered it is behind since the month after its last "
                          "delivery."},
    "error_message": {"nl": "Dit onderdeel kon niet worden getoond door een fout aan onze kant. Kies een andere "
                            "maand of regio, of laad de pagina opnieuw. De fout is gelogd.",
                      "en": "This part could not be shown because of an error on our side. Choose another "
                            "month or region, or reload the page. The error has been logged."},
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


# Accounts, upload and steward pages (issue 14).
STRINGS.update({
    "page_aanleveren": {"nl": "Aanleveren", "en": "Submit"},
    "page_beheer": {"nl": "Beheer", "en": "Administration"},
    "signed_in_as": {"nl": "Ingelogd als {user}", "en": "Signed in as {user}"},
    "logout": {"nl": "Uitloggen", "en": "Sign out"},
    "login_heading": {"nl": "Inloggen", "en": "Sign in"},
    "login_help": {"nl": "Voor partners die cijfers aanleveren en voor databeheerders. Het dashboard zelf is "
                         "openbaar en vraagt geen account.",
                   "en": "For partners who submit figures and for data stewards. The dashboard itself is "
                         "public and needs no account."},
    "login_username": {"nl": "Gebruikersnaam", "en": "User name"},
    "login_password": {"nl": "Wachtwoord", "en": "Password"},
    "login_submit": {"nl": "Inloggen", "en": "Sign in"},
    "login_failed": {"nl": "Gebruikersnaam of wachtwoord klopt niet, of het account is uitgeschakeld.",
                     "en": "User name or password is wrong, or the account is disabled."},
    "upload_heading": {"nl": "Cijfers aanleveren", "en": "Submit figures"},
    "upload_help": {"nl": "U levert aan voor: {orgs}. Kies een CSV- of XLSX-bestand; u ziet eerst het "
                          "controlerapport en bevestigt daarna.",
                    "en": "You submit for: {orgs}. Choose a CSV or XLSX file; you see the check report "
                          "first and confirm after that."},
    "upload_file_label": {"nl": "Bestand (CSV of XLSX)", "en": "File (CSV or XLSX)"},
    "upload_file_hint": {"nl": "Ten hoogste {limit} MB.", "en": "At most {limit} MB."},
    "upload_check": {"nl": "Controleren", "en": "Check"},
    "upload_bad_type": {"nl": "Kies een bestand dat eindigt op .csv of .xlsx.",
                        "en": "Choose a file ending in .csv or .xlsx."},
    "uploads_heading": {"nl": "Uw aanleveringen", "en": "Your submissions"},
    "uploads_heading_all": {"nl": "Aanleveringen van alle partners", "en": "Submissions of all partners"},
    "uploads_caption": {"nl": "Aangeleverde bestanden en hun status", "en": "Submitted files and their state"},
    "uploads_none": {"nl": "Nog geen aanleveringen.", "en": "No submissions yet."},
    "col_uploaded_by": {"nl": "Door", "en": "By"},
    "col_rows": {"nl": "Rijen", "en": "Rows"},
    "upload_state_waiting": {"nl": "wacht op verwerking", "en": "waiting to be loaded"},
    "upload_state_loaded": {"nl": "geladen", "en": "loaded"},
    "upload_state_partial": {"nl": "deels geladen", "en": "partly loaded"},
    "upload_state_rejected": {"nl": "afgewezen", "en": "rejected"},
    "report_heading": {"nl": "Controlerapport: {file}", "en": "Check report: {file}"},
    "report_ok": {"nl": "Het bestand kan worden geladen: {rows} rijen, {warnings} waarschuwingen. Bevestig om "
                        "het aan te leveren.",
                  "en": "The file can be loaded: {rows} rows, {warnings} warnings. Confirm to submit it."},
    "report_errors": {"nl": "Het bestand wordt zo niet geladen: {errors} fouten (en {warnings} waarschuwingen). "
                            "Verbeter het bestand en lever het opnieuw aan.",
                      "en": "The file would not load as it is: {errors} errors (and {warnings} warnings). "
                            "Correct the file and submit it again."},
    "report_failed": {"nl": "Het bestand kon niet worden gecontroleerd. Probeer het later opnieuw of neem contact "
                            "op met de databeheerder.",
                      "en": "The file could not be checked. Try again later or contact the data steward."},
    "report_errors_caption": {"nl": "Fouten per rij en kolom", "en": "Errors by row and column"},
    "report_warnings_caption": {"nl": "Waarschuwingen per rij en kolom", "en": "Warnings by row and column"},
    "report_confirm": {"nl": "Bevestigen en aanleveren", "en": "Confirm and submit"},
    "report_back": {"nl": "Terug naar aanleveren", "en": "Back to submissions"},
    "beheer_heading": {"nl": "Beheer", "en": "Administration"},
    "beheer_runs_heading": {"nl": "Verwerken", "en": "Load"},
    "beheer_waiting": {"nl": "Bestanden in de inbox die wachten: {n}.", "en": "Files waiting in the inbox: {n}."},
    "beheer_ingest": {"nl": "Inbox nu laden (ingest)", "en": "Load the inbox now (ingest)"},
    "beheer_refresh": {"nl": "Warehouse opnieuw opbouwen (refresh)", "en": "Rebuild the warehouse (refresh)"},
    "beheer_started_ingest": {"nl": "Ingest gestart.", "en": "Ingest started."},
    "beheer_started_refresh": {"nl": "Refresh gestart.", "en": "Refresh started."},
    "beheer_started_nothing": {"nl": "Niets te doen: de inbox is leeg.", "en": "Nothing to do: the inbox is empty."},
    "audit_heading": {"nl": "Auditlog", "en": "Audit log"},
    "audit_caption": {"nl": "Wie deed wat en wanneer (nieuwste eerst, UTC)",
                      "en": "Who did what and when (newest first, UTC)"},
    "col_when": {"nl": "Wanneer", "en": "When"},
    "col_who": {"nl": "Wie", "en": "Who"},
    "col_what": {"nl": "Wat", "en": "What"},
    "col_detail": {"nl": "Details", "en": "Details"},
    "error_heading": {"nl": "Fout {code}", "en": "Error {code}"},
    "error_home": {"nl": "Naar de kaart", "en": "To the map"},
    "error_400": {"nl": "Het verzoek is niet geldig.", "en": "The request is not valid."},
    "error_403": {"nl": "U heeft geen toegang tot deze pagina.", "en": "You have no access to this page."},
    "error_404": {"nl": "Deze pagina bestaat niet.", "en": "This page does not exist."},
    "error_405": {"nl": "Deze handeling is hier niet toegestaan.", "en": "This action is not allowed here."},
    "error_413": {"nl": "Het bestand of verzoek is te groot: ten hoogste {limit} MB.",
                  "en": "The file or request is too large: at most {limit} MB."},
    "error_429": {"nl": "Te veel pogingen. Wacht een minuut en probeer het opnieuw.",
                  "en": "Too many attempts. Wait a minute and try again."},
    "error_500": {"nl": "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
                  "en": "Something went wrong on our side. Try again later."},
    "error_csrf": {"nl": "Het formulier is verlopen of niet geldig. Laad de pagina opnieuw en probeer het nog eens.",
                   "en": "The form has expired or is not valid. Reload the page and try again."},
    "steward_only": {"nl": "(alleen voor databeheerders)", "en": "(stewards only)"},
    "steward_only_note": {"nl": "Namen en afgewezen celwaarden zijn alleen zichtbaar voor ingelogde databeheerders.",
                          "en": "Names and rejected cell values are shown to signed-in data stewards only."},
    "upload_scope_partner": {"nl": "uw account levert niet aan voor deze partner; u levert aan voor: {own}",
                             "en": "your account does not deliver for this partner; you deliver for: {own}"},
    "upload_scope_regio": {"nl": "uw account levert niet aan voor deze regio; u levert aan voor: {own}",
                           "en": "your account does not deliver for this region; you deliver for: {own}"},
    "upload_state_held": {"nl": "ter beoordeling", "en": "held for review"},
    "held_heading": {"nl": "Ter controle", "en": "Held for review"},
    "held_caption": {"nl": "Cijfers ver boven het gebruikelijke niveau: ze tellen pas mee na goedkeuring",
                     "en": "Figures far above the usual level: they count only once approved"},
    "held_none": {"nl": "Geen cijfers ter controle.", "en": "No figures held for review."},
    "col_figure": {"nl": "Cijfer", "en": "Figure"},
    "col_decision": {"nl": "Besluit", "en": "Decision"},
    "held_reason_label": {"nl": "Reden (verplicht)", "en": "Reason (required)"},
    "held_reason_required": {"nl": "Geef een reden bij goedkeuren of afkeuren.",
                             "en": "Give a reason to approve or reject."},
    "held_requested": {"nl": "besluit wordt verwerkt", "en": "decision being processed"},
    "held_approve": {"nl": "Goedkeuren", "en": "Approve"},
    "held_reject": {"nl": "Afkeuren", "en": "Reject"},
    "held_approve_label": {"nl": "{file} rij {row} goedkeuren", "en": "Approve {file} row {row}"},
    "held_reject_label": {"nl": "{file} rij {row} afkeuren", "en": "Reject {file} row {row}"},
    "report_changes_heading": {"nl": "Wat dit bestand verandert", "en": "What this file changes"},
    "report_changes_more": {"nl": "… en nog {n} andere.", "en": "… and {n} more."},
    "report_held": {"nl": "Cijfers met een waarschuwing tellen pas mee als een databeheerder ze heeft "
                          "goedgekeurd; de andere cijfers worden na bevestiging geladen.",
                    "en": "Figures with a warning count only once a data steward has approved them; the "
                          "other figures load after you confirm."},
    # Find my region, print, exports (issue 15, parts 1-4).
    "search_label": {"nl": "Zoek regio of gemeente", "en": "Find region or municipality"},
    "search_submit": {"nl": "Zoeken", "en": "Search"},
    "search_heading": {"nl": "Regio zoeken", "en": "Find a region"},
    "search_no_match": {"nl": "Geen regio of gemeente heet precies ‘{query}’.",
                        "en": "No region or municipality is called exactly ‘{query}’."},
    "search_did_you_mean": {"nl": "Bedoelde u", "en": "Did you mean"},
    "search_help": {"nl": "Typ de naam of CBS-code van een arbeidsmarktregio (Rivierenland, AM10) of de naam "
                          "van een gemeente, ook een voormalige (Tiel, West Betuwe, Geldermalsen).",
                    "en": "Type the name or CBS code of a labour-market region (Rivierenland, AM10) or the name "
                          "of a municipality, former ones too (Tiel, West Betuwe, Geldermalsen)."},
    "search_kind_region": {"nl": "arbeidsmarktregio {code}", "en": "labour-market region {code}"},
    "search_kind_gemeente": {"nl": "gemeente ({code}) in {region}", "en": "municipality ({code}) in {region}"},
    "export_kind_ranking": {"nl": "rangorde", "en": "ranking"},
    "export_title": {"nl": "Regiomonitor – rangorde van de arbeidsmarktregio's: {indicator}, stand per {month}",
                     "en": "Regiomonitor – ranking of the labour-market regions: {indicator}, as of {month}"},
    "export_measure_label": {"nl": "Eenheid", "en": "Unit"},
    "export_measure_aantal": {"nl": "aantallen (gerealiseerd sinds de start en doel); % van het doel; groei per "
                                    "10.000 inwoners van 15-74 jaar; tempo als % van het benodigde tempo",
                              "en": "counts (realised since the start, and target); % of target; gain per 10,000 "
                                    "inhabitants aged 15-74; pace as % of the pace needed"},
    "export_measure_euro": {"nl": "euro's (gerealiseerd sinds de start en doel); % van het doel; groei per "
                                  "10.000 inwoners van 15-74 jaar; tempo als % van het benodigde tempo",
                            "en": "euros (realised since the start, and target); % of target; gain per 10,000 "
                                  "inhabitants aged 15-74; pace as % of the pace needed"},
    "export_order_label": {"nl": "Volgorde", "en": "Order"},
    "export_order": {"nl": "zoals getoond in Regiomonitor (Vergelijken)", "en": "as shown in Regiomonitor (Compare)"},
    "export_data_label": {"nl": "Gegevens", "en": "Data"},
    "export_source_label": {"nl": "Bron", "en": "Source"},
    "export_source": {"nl": "Regiomonitor: aanleveringen van de regionale partners, gepubliceerd {published}; "
                            "gedownload {today}",
                      "en": "Regiomonitor: submissions of the regional partners, published {published}; "
                            "downloaded {today}"},
    "print_button": {"nl": "Factsheet afdrukken", "en": "Print factsheet"},
    "print_hint": {"nl": "Drukt deze pagina af als factsheet op A4, of bewaart hem als pdf.",
                   "en": "Prints this page as an A4 factsheet, or saves it as a PDF."},
    "print_title": {"nl": "Regiomonitor – factsheet", "en": "Regiomonitor – factsheet"},
    "print_context": {"nl": "{programme} · stand per {month} · gemaakt op {today}",
                      "en": "{programme} · as of {month} · made on {today}"},
    "chart_csv_label": {"nl": "Gegevens van de grafiek {indicator} (CSV)", "en": "Data of the {indicator} chart (CSV)"},
    "chart_png_hint": {"nl": "Afbeelding (PNG): het cameraknopje rechtsboven in de grafiek.",
                       "en": "Image (PNG): the camera button at the top right of the chart."},
    "col_realised_cumulative": {"nl": "Gerealiseerd (cumulatief)", "en": "Realised (cumulative)"},
    "col_month_complete": {"nl": "Maand volledig aangeleverd", "en": "Month fully delivered"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
})


# `regiomonitor progress`, the terminal report (dashboard/progress_report.py): the CLI and
# the dashboard share this one catalogue (issue 15).
STRINGS.update({
    "cli_title": {"nl": "{region} ({code}) · {programme} · stand per {month}",
        "en": "{region} ({code}) · {programme} · as of {month}"},
    "cli_baseline": {"nl": "Uitgangswaarde",
        "en": "Baseline"},
    "cli_baseline_date": {"nl": "  op datum",
        "en": "  on"},
    "cli_target": {"nl": "Doel",
        "en": "Target"},
    "cli_deadline": {"nl": "  termijn",
        "en": "  deadline"},
    "cli_version": {"nl": "  versie (wijzigingen)",
        "en": "  version (amendments)"},
    "cli_realised": {"nl": "Gerealiseerd R",
        "en": "Realised R"},
    "cli_achievement": {"nl": "% van doel (R/T)",
        "en": "% of target (R/T)"},
    "cli_elapsed": {"nl": "Verstreken τ (maanden)",
        "en": "Elapsed τ (months)"},
    "cli_expected": {"nl": "Verwacht op rechte lijn E",
        "en": "Expected on straight path E"},
    "cli_gap": {"nl": "Verschil R − E",
        "en": "Gap R − E"},
    "cli_run_rate": {"nl": "Per maand tot nu",
        "en": "Per month so far"},
    "cli_required": {"nl": "Nodig per maand vanaf nu",
        "en": "Required per month from now"},
    "cli_pace": {"nl": "Tempo ρ",
        "en": "Pace ratio ρ"},
    "cli_status": {"nl": "Status",
        "en": "Status"},
    "cli_projected": {"nl": "Prognose op termijn",
        "en": "Projected at deadline"},
    "cli_interval": {"nl": "  interval (95%)",
        "en": "  interval (95%)"},
    "cli_reached": {"nl": "Doel bereikt in",
        "en": "Target reached in"},
    "cli_per_10k": {"nl": "Per 10.000 inw. 15-74: R / T",
        "en": "Per 10,000 aged 15-74: R / T"},
    "cli_last_reported": {"nl": "Laatst gerapporteerd",
        "en": "Last reported"},
    "cli_stand": {"nl": "Stand per (laatste complete maand)",
        "en": "As of (last complete month)"},
    "cli_completeness": {"nl": "Onvolledige maanden",
        "en": "Incomplete months"},
    "cli_provisional_mark": {"nl": " (v)",
        "en": " (p)"},
    "cli_provisional_note": {"nl": "(v) voorlopig: bevat maanden die nog niet door alle verwachte partners zijn aangeleverd (niet aangeleverd telt niet als 0); status, tempo en prognose gaan uit van de laatste complete maand.",
        "en": "(p) provisional: includes months not yet delivered by every expected partner (not delivered does not count as 0); status, pace and projection rest on the last complete month."},
    "cli_late": {"nl": "Achterstand: {partner} {n} maand(en) achter, sinds {month}",
        "en": "Behind: {partner} {n} month(s) behind, since {month}"},
    "cli_demo": {"nl": "Demonstratiedata: cijfers met (d) zijn gegenereerd, geen echte realisaties.",
        "en": "Demonstration data (demonstratiedata): figures marked (d) are generated."},
    "cli_no_region": {"nl": "Geen voortgang voor regio {code} in {month}: onbekende regio, geen doelen, of een maand buiten de looptijd.",
        "en": "No progress for region {code} in {month}: unknown region, no targets, or a month outside the programme."},
})


# Charts people can read, the national picture, one presentation layer (issue 15, parts 5-8).
STRINGS.update({
    "per10k_short": {"nl": "per 10.000", "en": "per 10,000"},
    "chart_full_target": {"nl": "100% van het doel", "en": "100% of target"},
    "chart_expected_share": {"nl": "Verwacht op rechte lijn", "en": "Expected on the straight path"},
    "trend_text": {"nl": "van {first} naar {last} in {n} maanden", "en": "from {first} to {last} in {n} months"},
    "regions_refused": {"nl": "{name} is niet toegevoegd: u kunt hoogstens {n} regio's tegelijk vergelijken. "
                              "Haal eerst een regio weg.",
                        "en": "{name} was not added: you can compare at most {n} regions at once. "
                              "Remove a region first."},
    "steward_contact": {"nl": "Vragen over de cijfers of de monitor: de beheerders, {contact}.",
                        "en": "Questions about the figures or the monitor: the data stewards, {contact}."},
    "method_contact": {"nl": "Contact", "en": "Contact"},
})


# The national picture (issue 15, part 5).
STRINGS.update({
    "national_heading": {"nl": "Nederland", "en": "The Netherlands"},
    "national_total": {"nl": "Alle {n} regio's met een doel samen, {indicator} per {month}: {realised} van {target} "
                             "({pct} van de doelen samen).",
                       "en": "All {n} regions with a target together, {indicator} as of {month}: {realised} of "
                             "{target} ({pct} of the targets together)."},
    "national_median": {"nl": "De mediaanregio staat op {pct} van haar doel.",
                        "en": "The median region is at {pct} of its target."},
    "national_goal": {"nl": "Landelijk doel van Leren & Werken: {goal}; alle regio's samen {pct} daarvan.",
                      "en": "Leren & Werken's national goal: {goal}; all regions together {pct} of it."},
    "national_first_regions": {"nl": "De eerste zes convenantregio's beloofden samen ongeveer {goal}; zij "
                                     "realiseerden {realised}.",
                               "en": "The first six covenant regions together promised about {goal}; they "
                                     "realised {realised}."},
    "national_demo": {"nl": "realisaties en de meeste doelen: demonstratiedata",
                      "en": "realised and most targets: demonstratiedata (demo)"},
    "national_source_hint": {"nl": "Het landelijke doel en de belofte van de eerste zes regio's zijn context, "
                                   "geen optelsom van de regiodoelen; bron op de pagina Methode.",
                             "en": "The national goal and the first six regions' promise are context, not the "
                                   "sum of the regional targets; source on the Method page."},
    "national_term": {"nl": "Nederland", "en": "Netherlands"},
    "median_term": {"nl": "mediaan", "en": "median"},
    "similar_heading": {"nl": "Regio's van vergelijkbare omvang", "en": "Regions of similar size"},
    "similar_help": {"nl": "De vier regio's met de meeste inwoners van 15-74 jaar die het dichtst bij deze regio "
                           "liggen: een eerlijker vergelijking dan met de grootste of kleinste.",
                     "en": "The four regions closest to this one in inhabitants aged 15-74: a fairer "
                           "comparison than the largest or smallest."},
    "similar_caption": {"nl": "Percentage van het doel per indicator, per {month}",
                        "en": "Percentage of target per indicator, as of {month}"},
    "col_population": {"nl": "Inwoners 15-74", "en": "Inhabitants 15-74"},
    "method_frame": {"nl": "Programmakader Leren & Werken", "en": "Programme frame Leren & Werken"},
    "method_frame_intro": {"nl": "Naast de regiodoelen toont de monitor het kader van het programma. Bronnen:",
                           "en": "Beside the regional targets the monitor shows the programme's frame. Sources:"},
    "method_frame_seed": {"nl": "SER, themadocument Sociale innovatie (2006), kader over Rivierenland: het "
                                "convenant van 28-11-2005 met ten minste 1200 leerwerkplaatsen en 1500 "
                                "EVC-trajecten in twee jaar (bij tekening 290 en 340); Bron in dat document: "
                                "www.rivierenland.nl.",
                          "en": "SER, theme document Sociale innovatie (2006), box on Rivierenland: the covenant "
                                "of 28-11-2005 with at least 1200 work-learning places and 1500 EVC trajectories "
                                "in two years (290 and 340 at signing); source given there: www.rivierenland.nl."},
})
STRINGS.update({
    "national_first_regions_term": {"nl": "eerste zes convenantregio's samen", "en": "first six covenant regions together"},
})
STRINGS.update({
    "source_cbs": {"nl": "Bron: CBS / PDOK, gebiedsindelingen{year} (vereenvoudigd via cartomap/nl)",
                   "en": "Source: Statistics Netherlands (CBS) / PDOK, boundaries{year} (simplified via cartomap/nl)"},
})


# The template's Toelichting and its dropdown messages (issue 12, part 4).
STRINGS.update({
    "tpl_title": {"nl": "Toelichting bij het sjabloon", "en": "In English: how to fill in the template"},
    "tpl_intro": {"nl": "Vul op het blad 'cijfers' één regel in per regio, partner, indicator, maand en sector; "
                        "de keuzelijsten tonen de geldige waarden. Bewaar als Excel (.xlsx) of als CSV met ; "
                        "en lever aan via Aanleveren. Controleer eerst: `regiomonitor validate` of de knop "
                        "Controleren laat zien wat er zou laden en wat het verandert.",
                  "en": "On the sheet 'cijfers' fill in one row per region, partner, indicator, month and "
                        "sector; the dropdowns offer the valid values. Save as Excel (.xlsx) or as CSV with ; "
                        "and submit it on the Submit page. Check first: `regiomonitor validate` or the Check "
                        "button shows what would load and what it changes."},
    "tpl_label_how": {"nl": "Werkwijze", "en": "How"},
    "tpl_column": {"nl": "Kolom", "en": "Column"},
    "tpl_meaning": {"nl": "Wat erin staat en hoe", "en": "What it holds and how"},
    "tpl_col_regio": {"nl": "Verplicht. De arbeidsmarktregio: kies uit de lijst, bijvoorbeeld 'AM10 Rivierenland'. "
                            "Alleen de code (AM10), de naam (Rivierenland) of een gemeente (Tiel) mag ook.",
                      "en": "Required. The labour-market region: choose from the list, e.g. 'AM10 Rivierenland'. "
                            "The code alone (AM10), the name (Rivierenland) or a gemeente (Tiel) also works."},
    "tpl_col_indicator": {"nl": "Verplicht. Wat u telt, als code: {codes}.",
                          "en": "Required. What you count, as a code: {codes}."},
    "tpl_col_periode": {"nl": "Verplicht. De maand, als 2006-03 of mrt 2006. Eén maand per regel.",
                        "en": "Required. The month, as 2006-03 or mrt 2006. One month per row."},
    "tpl_col_waarde": {"nl": "Verplicht. Het aantal in die maand (bij O&O-uitgaven het bedrag in euro's), 0 of "
                             "meer, Nederlands geschreven: 1.200 of 37,5. Het woord intrekken trekt een cijfer in "
                             "(zie Intrekken).",
                       "en": "Required. The number in that month (for O&O spending the amount in euros), 0 or "
                             "more, written the Dutch way: 1.200 or 37,5. The word intrekken withdraws a figure "
                             "(see Withdraw)."},
    "tpl_col_partner": {"nl": "Verplicht. De organisatie die het cijfer levert: kies de naam uit de lijst, "
                              "bijvoorbeeld 'ROC Rivor'. Staat uw organisatie er niet bij, vraag de beheerders "
                              "haar te registreren.",
                        "en": "Required. The organisation that delivers the figure: choose its name from the list, "
                              "e.g. 'ROC Rivor'. If yours is missing, ask the data stewards to register it."},
    "tpl_col_sector": {"nl": "Optioneel; leeg betekent overig. De sector als code: {codes}.",
                       "en": "Optional; empty means overig (other). The sector as a code: {codes}."},
    "tpl_col_opmerking": {"nl": "Optioneel. Een toelichting voor de beheerders; telt niet mee.",
                          "en": "Optional. A note for the data stewards; it does not count."},
    "tpl_label_correction": {"nl": "Corrigeren", "en": "Correct"},
    "tpl_correction": {"nl": "Lever de regel opnieuw aan met het juiste cijfer. Een regel vervangt precies het "
                             "eerder geleverde cijfer met dezelfde regio × partner × indicator × maand × sector; "
                             "alle andere cijfers blijven staan. De controle toont vooraf wat verandert, "
                             "bijvoorbeeld: vervangt 1 cijfer: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35.",
                       "en": "Send the row again with the right figure. A row replaces exactly the figure "
                             "delivered before with the same region × partner × indicator × month × sector; every "
                             "other figure stays. The check shows beforehand what changes, e.g.: vervangt 1 "
                             "cijfer (replaces 1 figure): AM10 · stages · mei 2006 · ROC Rivor: 31 → 35."},
    "tpl_label_withdraw": {"nl": "Intrekken", "en": "Withdraw"},
    "tpl_withdraw": {"nl": "Om een cijfer in te trekken: stuur een regel met dezelfde regio, indicator, periode, "
                           "partner en sector en het woord intrekken in de kolom waarde.",
                     "en": "To withdraw a figure: send a row with the same regio, indicator, periode, partner "
                           "and sector and the word intrekken in the column waarde."},
    "tpl_label_example": {"nl": "Voorbeeldregel", "en": "Example row"},
    "tpl_example": {"nl": "Verwijder de voorbeeldregel (opmerking '{note}') voordat u aanlevert: een regel met "
                          "die opmerking wordt afgewezen.",
                    "en": "Delete the example row (opmerking '{note}') before you submit: a row with that "
                          "note is rejected."},
    "tpl_choose_regio": {"nl": "Kies een regio uit de lijst", "en": "Choose a region from the list"},
    "tpl_choose_indicator": {"nl": "Kies een indicator uit de lijst", "en": "Choose an indicator from the list"},
    "tpl_choose_partner": {"nl": "Kies een partner uit de lijst", "en": "Choose a partner from the list"},
    "tpl_choose_sector": {"nl": "Kies een sector uit de lijst of laat de cel leeg",
                          "en": "Choose a sector from the list or leave the cell empty"},
})


# Messages a partner can act on (issue 12, part 5).
STRINGS.update({
    "cli_gemeente": {"nl": "gemeente", "en": "municipality"},
    "cli_region_suggest": {"nl": "Geen regio gevonden voor '{region}'. Bedoelt u: {names}?",
                           "en": "No region found for '{region}'. Did you mean: {names}?"},
    "cli_region_unknown": {"nl": "Geen regio gevonden voor '{region}'. Geef een regiocode (AM10), een "
                                 "regionaam (Rivierenland) of een gemeente (Tiel).",
                           "en": "No region found for '{region}'. Give a region code (AM10), a region "
                                 "name (Rivierenland) or a gemeente (Tiel)."},
    "report_rows_valid": {"nl": "{rejected} van {total} rijen hebben fouten; de andere {valid} rijen zijn in orde.",
                          "en": "{rejected} of {total} rows have errors; the other {valid} rows are fine."},
    "report_rows_none": {"nl": "Alle {total} rijen hebben fouten.", "en": "All {total} rows have errors."},
})


# How a change to a published figure reads (regiomonitor/core/changes.py): per kind of change
# (pipelines/validation.CHANGE_KINDS) a count, singular and plural, and the word before one
# listed figure.
STRINGS.update({
    "figures_one": {"nl": "{n} cijfer", "en": "{n} figure"},
    "figures_many": {"nl": "{n} cijfers", "en": "{n} figures"},
    "no_changes": {"nl": "geen wijzigingen", "en": "no changes"},
    "value_withdrawn": {"nl": "ingetrokken", "en": "withdrawn"},
    "change_added_one": {"nl": "voegt {n} cijfer toe", "en": "adds {n} figure"},
    "change_added_many": {"nl": "voegt {n} cijfers toe", "en": "adds {n} figures"},
    "change_replaced_one": {"nl": "vervangt {n} cijfer", "en": "replaces {n} figure"},
    "change_replaced_many": {"nl": "vervangt {n} cijfers", "en": "replaces {n} figures"},
    "change_unchanged_one": {"nl": "{n} cijfer ongewijzigd", "en": "{n} figure unchanged"},
    "change_unchanged_many": {"nl": "{n} cijfers ongewijzigd", "en": "{n} figures unchanged"},
    "change_withdrawn_one": {"nl": "trekt {n} cijfer in", "en": "withdraws {n} figure"},
    "change_withdrawn_many": {"nl": "trekt {n} cijfers in", "en": "withdraws {n} figures"},
    "change_nothing_one": {"nl": "{n} intrekking zonder cijfer", "en": "{n} withdrawal without a figure"},
    "change_nothing_many": {"nl": "{n} intrekkingen zonder cijfer",
                            "en": "{n} withdrawals without a figure"},
    "change_held_one": {"nl": "houdt {n} cijfer vast ter controle", "en": "holds {n} figure for review"},
    "change_held_many": {"nl": "houdt {n} cijfers vast ter controle",
                         "en": "holds {n} figures for review"},
    "change_rejected_one": {"nl": "{n} cijfer eerder afgekeurd", "en": "{n} figure rejected in review"},
    "change_rejected_many": {"nl": "{n} cijfers eerder afgekeurd",
                             "en": "{n} figures rejected in review"},
    "change_verb_added": {"nl": "nieuw", "en": "new"},
    "change_verb_replaced": {"nl": "vervangt", "en": "replaces"},
    "change_verb_withdrawn": {"nl": "trekt in", "en": "withdraws"},
    "change_verb_held": {"nl": "ter controle", "en": "held for review"},
    "change_verb_rejected": {"nl": "afgekeurd", "en": "rejected in review"},
})
