"""A partner submits a file in the browser and sees it loaded; a steward sees every upload and
the audit log. Real gunicorn, a real Prefect server and worker running the deployment
`ingest-upload`, real Chromium, on a copy of the demo warehouse (the session's own stays as the
other tests expect it). States change on the page without a reload."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.helpers import PARTNER, STEWARD, sign_in

pytestmark = pytest.mark.slow   # serves its own app with Prefect, driven in Chromium

VALID = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;leerwerkplaatsen;2007-05;9;roc;zorg;\n"
UNUSUAL = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;leerwerkplaatsen;2007-06;5000;roc;zorg;\n"
INVALID = ("regio;indicator;periode;waarde;partner;sector;opmerking\n"
           "AM10;leerwerkplaatsen;2007-05;negen;roc;zorg;\nAtlantis;stages;2007-05;3;roc;zorg;\n")


@pytest.fixture(scope="module")
def upload_app(demo_warehouse, serve, tmp_path_factory):
    """The dashboard with its Prefect server and worker, on a copy of the demo warehouse."""
    copy = tmp_path_factory.mktemp("upload") / "regiomonitor.duckdb"
    shutil.copyfile(demo_warehouse, copy)
    with serve(copy, runs=True) as url:
        yield url


@pytest.fixture
def tab(browser):
    """A fresh browser context (no cookies) whose console errors are recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


def choose_file(page, name: str, text: str) -> None:
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")})
    page.get_by_role("button", name="Controleren").click()


def axe_violations(page, source: str) -> list[str]:
    page.evaluate(source)   # not a <script> tag: the CSP (rightly) refuses inline scripts
    return page.evaluate("""async () => (await axe.run(document,
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}
    )).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


def test_partner_uploads_sees_the_report_and_the_loaded_state(tab, upload_app):
    sign_in(tab, upload_app, PARTNER)
    expect(tab.locator("main h1")).to_have_text("Cijfers aanleveren")
    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download sjabloon (CSV)").click()
    assert download.value.suggested_filename == "aanlevering_sjabloon.csv"

    choose_file(tab, "fouten.csv", INVALID)
    expect(tab.locator(".report-verdict")).to_contain_text("wordt zo niet geladen: 2 fouten")
    expect(tab.locator(".report-verdict")).to_contain_text("Alle 2 rijen hebben fouten.")
    errors = tab.locator("#report-errors tbody tr")
    expect(errors.first).to_contain_text("waarde")
    expect(errors.first).to_contain_text("negen")
    expect(tab.locator("#report-errors")).to_contain_text("Atlantis")
    expect(tab.get_by_role("button", name="Bevestigen en aanleveren")).to_have_count(0)

    tab.get_by_role("link", name="Terug naar aanleveren").click()
    choose_file(tab, "AM10_roc_mei.csv", VALID)
    expect(tab.locator(".report-verdict")).to_contain_text("kan worden geladen: 1 rij, 0 waarschuwingen")
    tab.get_by_role("button", name="Bevestigen en aanleveren").click()
    row = tab.locator("#uploads tbody tr", has_text="AM10_roc_mei.csv")
    expect(row).to_have_count(1)
    wait_for_state(tab, row, "loaded")
    expect(row.locator(".upload-state")).to_have_text("geladen")
    assert tab.console_errors == []


def wait_for_state(page, row, wanted: str) -> None:
    """Wait, without a reload, until the upload's row shows `wanted`: the page polls its state
    while the worker runs the flow (up to 3 minutes on a busy machine)."""
    expect(row.locator(".upload-state")).to_have_attribute("data-state", wanted, timeout=180_000)


def test_an_unusual_figure_waits_until_a_steward_approves_it(tab, upload_app):
    sign_in(tab, upload_app, PARTNER)
    choose_file(tab, "AM10_roc_juni.csv", UNUSUAL)
    expect(tab.locator("#report-warnings")).to_contain_text("ongewoon hoog")
    expect(tab.locator("#report-changes")).to_contain_text("houdt 1 cijfer vast ter controle")
    expect(tab.locator("#report-changes")).to_contain_text("AM10 · leerwerkplaatsen · jun 2007")
    expect(tab.locator("main")).to_contain_text("tellen pas mee als een databeheerder")
    tab.get_by_role("button", name="Bevestigen en aanleveren").click()
    row = tab.locator("#uploads tbody tr", has_text="AM10_roc_juni.csv")
    wait_for_state(tab, row, "held")            # loaded by the worker, the figure held
    expect(row.locator(".run-state")).to_have_attribute("data-state", "done")
    expect(row.locator(".upload-state")).to_have_text("ter controle")

    sign_in(tab, upload_app, STEWARD)
    tab.goto(f"{upload_app}/beheer")
    held = tab.locator("#held tbody tr", has_text="AM10_roc_juni.csv")
    expect(held).to_contain_text("5.000")
    held.get_by_label("Reden (verplicht)").fill("gebeld met het ROC: klopt")
    held.get_by_role("button", name="AM10_roc_juni.csv rij 2 goedkeuren").click()
    expect(tab.locator("#audit")).to_contain_text("cijfer goedgekeurd")
    run = tab.locator('#runs tbody tr[data-run^="review:"]')
    expect(run.locator(".run-state")).to_have_attribute("data-state", "done", timeout=180_000)
    expect(run).to_contain_text("1 cijfer goedgekeurd en gepubliceerd")
    row = tab.locator("#uploads tbody tr", has_text="AM10_roc_juni.csv")
    wait_for_state(tab, row, "approved")        # the worker published the decision, no reload
    expect(row.locator(".upload-state")).to_have_text("goedgekeurd door een databeheerder")
    expect(row.locator(".figure-states")).to_contain_text("goedgekeurd")
    expect(row.locator(".figure-states")).to_contain_text("Reden: gebeld met het ROC: klopt")
    tab.reload()
    expect(tab.locator("#held")).to_have_count(0)


def test_steward_sees_every_upload_the_audit_log_and_the_data_page_details(tab, upload_app):
    tab.goto(f"{upload_app}/data")
    expect(tab.locator("main")).to_contain_text("alleen zichtbaar voor ingelogde databeheerders")
    expect(tab.locator("main")).to_contain_text("(alleen voor databeheerders)")
    sign_in(tab, upload_app, STEWARD)
    tab.goto(f"{upload_app}/beheer")
    expect(tab.locator("main h1")).to_have_text("Beheer")
    expect(tab.locator("#audit")).to_contain_text("ingelogd")
    tab.goto(f"{upload_app}/data")
    expect(tab.locator("main h1")).to_be_visible()
    expect(tab.locator("main")).not_to_contain_text("(alleen voor databeheerders)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_account_pages_are_accessible_and_fit_a_phone(browser, upload_app, axe_source, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        pages = [("/login", None), ("/aanleveren", PARTNER), ("/beheer", STEWARD)]
        for path, account in pages:
            if account:
                sign_in(page, upload_app, account, lang)
            page.goto(f"{upload_app}{path}?lang={lang}")
            expect(page.locator("main h1")).to_be_visible()
            assert page.locator("html").get_attribute("lang") == lang
            assert axe_violations(page, axe_source) == [], path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
            if account:
                page.get_by_role("button", name="Uitloggen" if lang == "nl" else "Sign out").click()
    finally:
        context.close()


OTHER_PARTNER = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;evc_trajecten;2007-05;4;uwv;zorg;\n"


def test_a_partner_cannot_deliver_for_another_organisation(tab, upload_app):
    """The ROC's account delivers for `roc` only: a valid file of UWV's figures is refused in
    the report, with the organisations the account does deliver for, and cannot be confirmed."""
    sign_in(tab, upload_app, PARTNER)
    expect(tab.locator("main")).to_contain_text("U levert aan voor: ROC (beroepsonderwijs).")
    choose_file(tab, "AM10_uwv.csv", OTHER_PARTNER)
    errors = tab.locator("#report-errors")
    expect(errors).to_contain_text("uw account levert niet aan voor deze partner; u levert aan voor: ROC (beroepsonderwijs)")
    expect(errors).to_contain_text("uwv")
    expect(tab.get_by_role("button", name="Bevestigen en aanleveren")).to_have_count(0)


TAB_A = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;stages;2007-07;6;roc;zorg;tab A\n"
TAB_B = "regio;indicator;periode;waarde;partner;sector;opmerking\nAM10;stages;2007-08;7;roc;zorg;tab B\n"


def test_two_tabs_confirm_two_different_files_one_with_a_300_character_name(tab, upload_app):
    """Issue 25: tabA.csv checked in one tab, then a file in a second tab; Bevestigen in the
    first tab delivered the second file and lost the first. Each tab now confirms its own, and
    the second file's name of 300 characters is kept (stored shortened) and loaded."""
    long_name = "tabB_" + "x" * 291 + ".csv"
    sign_in(tab, upload_app, PARTNER)
    other = tab.context.new_page()
    choose_file(tab, "tabA.csv", TAB_A)
    other.goto(f"{upload_app}/aanleveren")
    choose_file(other, long_name, TAB_B)
    expect(other.locator("main h1")).to_contain_text(long_name)
    confirm = "Bevestigen en aanleveren"
    tab.get_by_role("button", name=confirm).click()
    expect(tab.locator("#uploads tbody tr", has_text="tabA.csv")).to_have_count(1)
    expect(tab.locator("#uploads tbody tr", has_text=long_name)).to_have_count(0)
    other.get_by_role("button", name=confirm).click()
    for name in ("tabA.csv", long_name):
        row = other.locator("#uploads tbody tr", has_text=name)
        expect(row).to_have_count(1)
        wait_for_state(other, row, "loaded")
    assert other.evaluate("document.documentElement.scrollWidth") <= 1366
    assert tab.console_errors == []


def test_the_data_page_shows_the_runs_without_names(tab, upload_app):
    """Runs started in the browser are on /data with state, duration and summary; who started
    them is for stewards only."""
    tab.goto(f"{upload_app}/data")
    runs = tab.locator("#browser-runs")
    expect(runs).to_contain_text("Bestand laden")
    expect(runs.locator(".run-state").first).to_have_attribute("data-state", "done")
    expect(runs).to_contain_text("rijen geladen")
    expect(runs).not_to_contain_text(PARTNER[0])
    expect(runs).to_contain_text("(alleen voor databeheerders)")


def test_a_refresh_from_beheer_is_refused_with_the_choice_and_runs_once_confirmed_on_a_phone(browser, upload_app):
    """Issue 24: the refusal ("would drop N files") reached only a log file. Now it is on
    /beheer, without a reload, with the choice as a second, confirmed step that then runs.
    Last in this module: the confirmed rebuild drops the demo files from its warehouse."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, upload_app, STEWARD)
        page.goto(f"{upload_app}/beheer")
        page.get_by_role("button", name="Warehouse opnieuw opbouwen (refresh)").click()
        expect(page.locator("main [role=status]").first).to_contain_text("Herbouw gevraagd")
        refused = page.locator('#runs tbody tr[data-run^="refresh:"]').first
        expect(refused.locator(".run-state")).to_have_attribute("data-state", "refused", timeout=180_000)
        expect(refused).to_contain_text("Herbouw geweigerd: die zou 176 eerder ontvangen bestanden laten vallen")
        refused.get_by_label("Ik begrijp het: herbouw zonder die bestanden").check()
        refused.get_by_role("button", name="Herbouwen zonder die bestanden").click()
        confirmed = page.locator('#runs tbody tr[data-run$=":drop"]')
        expect(confirmed).to_have_count(1)
        expect(confirmed.locator(".run-state")).to_have_attribute("data-state", "done", timeout=300_000)
        expect(confirmed).to_contain_text("Datawarehouse herbouwd")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
