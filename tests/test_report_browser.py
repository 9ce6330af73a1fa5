"""The HTML report in a real headless browser: sort by age, filter by marker.

Uses Debian's `chromium` and `chromium-driver` through Selenium. `.ci/run`
installs them and sets GUIDELINT_BROWSER_TESTS=1, which makes a missing
browser a failure rather than a skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_report import _report, _site, needs_git

REQUIRED = os.environ.get("GUIDELINT_BROWSER_TESTS") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

if REQUIRED:
    from selenium import webdriver  # CI installed everything: a failure here is real
else:
    if not (CHROMIUM and DRIVER):
        pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)
    webdriver = pytest.importorskip("selenium.webdriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "/usr/bin/chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1200,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER or "/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _rows(browser: Any) -> list[tuple[str, str]]:
    """(marker, where) of the rows the page shows, top to bottom."""
    from selenium.webdriver.common.by import By

    shown = []
    for row in browser.find_elements(By.CSS_SELECTOR, "#items tbody tr"):
        if row.is_displayed():
            shown.append((row.get_attribute("data-marker"), row.get_attribute("data-where")))
    return shown


@needs_git
def test_sort_by_age_and_filter_by_marker(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    site = _site(tmp_path / "repo")
    page = tmp_path / "report.html"
    page.write_text(_report(str(site), "--format", "html"), "utf-8")
    browser.get(page.as_uri())
    assert browser.find_element(By.ID, "shown").text == "4"
    # oldest first as written; one click on Age sorts ascending (undated first), again descending
    age = browser.find_element(By.CSS_SELECTOR, 'th button[data-key="age"]')
    age.click()
    assert _rows(browser)[-1] == ("GAP", "post.md:5")
    age.click()
    assert _rows(browser)[:2] == [("GAP", "post.md:5"), ("UPLIFT", "post.md:8")]
    header = browser.find_element(By.CSS_SELECTOR, "th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"
    Select(browser.find_element(By.ID, "marker")).select_by_value("GAP")
    assert {marker for marker, _ in _rows(browser)} == {"GAP"}
    assert browser.find_element(By.ID, "shown").text == "2"
    search = browser.find_element(By.ID, "search")
    search.send_keys("supplier")
    assert _rows(browser) == [("GAP", "post.md:5")]
