"""The tests' and the benchmark's Chromium (benchmarks/serving.py): it keeps every feature
Playwright turns off, and builds no browser UI that nobody sees. Chromium keeps only the last
--disable-features it is given, so ours must repeat Playwright's; headless Chromium 156 preloaded
the omnibox's two WebUI popups in every new context, ~1,1 s CPU each (docs/benchmarks.md, 8 Dec)."""
from __future__ import annotations

import re
from pathlib import Path

import playwright
import psutil
import pytest

from benchmarks.serving import CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES, UNSEEN_BROWSER_UI

pytestmark = pytest.mark.slow   # Chromium


def playwright_disabled_features() -> set[str]:
    """The features the installed Playwright turns off (its chromiumSwitches.ts, bundled)."""
    bundle = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"
    listed = re.search(r"disabledFeatures = \[(.*?)\]", bundle.read_text(encoding="utf-8"), re.S)
    assert listed, f"no disabledFeatures list in {bundle}: see how this Playwright passes them"
    code = "\n".join(line.split("//")[0] for line in listed[1].splitlines())
    return set(re.findall(r'"([^"]+)"', code))


def test_our_disabled_features_repeat_playwrights_own():
    assert playwright_disabled_features() == set(PLAYWRIGHT_DISABLED_FEATURES)
    assert [a for a in CHROMIUM_ARGS if a.startswith("--disable-features=")] == [
        "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_BROWSER_UI)]


def renderer_disabled_features() -> set[str]:
    """What this test process's Chromium passes its renderers (started through Playwright's
    driver, so among our descendants): the features it really turned off."""
    for child in psutil.Process().children(recursive=True):
        args = child.cmdline()
        if "--type=renderer" in args:
            return {f for a in args if a.startswith("--disable-features=")
                    for f in a.split("=", 1)[1].split(",")}
    raise AssertionError("no renderer running")


def test_a_new_context_gets_a_page_and_no_browser_ui(browser):
    cdp = browser.new_browser_cdp_session()
    context = browser.new_context()
    try:
        context.new_page().goto("about:blank")
        targets = cdp.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
        assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
        assert {t["type"] for t in targets} <= {"page", "tab"}
        assert set(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_BROWSER_UI) <= renderer_disabled_features()
    finally:
        context.close()
        cdp.detach()
