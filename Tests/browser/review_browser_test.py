"""Browser test of the review station: headless Chromium (Debian's chromium + chromium-driver,
driven by Selenium) logs in and clears a small queue by keyboard alone, then the supervisor's
export must show every decision and no result still pending review.

Needs Debian's chromium, chromium-driver and python3-selenium (no PyPI). Run after a build:
    /usr/bin/python3 Tests/browser/review_browser_test.py [--screenshots docs/screenshots]
(IS03_BIN=path/to/is03 picks the binary; default .build/debug/is03).
"""
import argparse
import csv
import io
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from station import PASSWORD, Client, Station  # noqa: E402


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=ru"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def keys(driver, *sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def shoot(driver, shots, name, taken):
    """Saves `kind-NAME.png` the first time an item of that kind is on screen (with its crop loaded)."""
    if not shots or name in taken:
        return
    WebDriverWait(driver, 15).until(lambda d: d.execute_script(
        "const i = document.getElementById('crop'); return i.complete && i.naturalWidth > 0"))
    driver.save_screenshot(os.path.join(shots, f"kind-{name}.png"))
    taken.add(name)


def export_rows(client):
    text = client.get("/export.csv").decode()
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots", help="folder to save screenshots of the main pages into")
    args = parser.parse_args()
    shots = args.screenshots

    with Station(sheets=3, fields="crit.П1,crit.П2", participant_every=3, every_kind=True) as station:
        supervisor = Client(station.base, "sveta")
        before = export_rows(supervisor)
        assert before and all(row["review_status"] == "pending-review" for row in before), before

        driver = browser()
        try:
            wait = WebDriverWait(driver, 15)
            driver.get(station.base + "/queue")
            wait.until(lambda d: d.current_url.endswith("/login"))
            if shots:
                driver.save_screenshot(os.path.join(shots, "login.png"))
            # Keyboard alone: the name field has focus; Tab to the password, Enter submits.
            keys(driver, "olga", Keys.TAB, PASSWORD, Keys.ENTER)
            wait.until(lambda d: d.current_url.endswith("/queue"))
            queue = driver.find_element(By.ID, "queue")
            wait.until(lambda d: queue.get_attribute("data-item-id"))
            wait.until(lambda d: d.execute_script(
                "return ['crop', 'sheet'].every(id => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; })"))
            if shots:
                driver.save_screenshot(os.path.join(shots, "queue-item.png"))

            # A second tab of the same operator is handed other items than the first holds;
            # closing it hands its items back (pagehide), so the first tab can clear them all.
            first_tab = driver.current_window_handle
            first_item = queue.get_attribute("data-item-id")
            driver.switch_to.new_window("tab")
            driver.get(station.base + "/queue")
            wait.until(lambda d: d.find_element(By.ID, "queue").get_attribute("data-item-id"))
            second_item = driver.find_element(By.ID, "queue").get_attribute("data-item-id")
            assert second_item != first_item, f"two tabs of one operator show the same item {first_item}"
            driver.close()
            driver.switch_to.window(first_tab)
            queue = driver.find_element(By.ID, "queue")

            decided = {}
            undone = []
            taken = set()
            presses = 0
            changed = 0
            while True:
                item = queue.get_attribute("data-item-id")
                if not item:
                    # Between items the page may be waiting for the next lease: the queue is
                    # cleared only when it says «Очередь пуста».
                    wait.until(lambda d: queue.get_attribute("data-item-id") or d.find_element(By.ID, "empty").is_displayed())
                    item = queue.get_attribute("data-item-id")
                    if not item:
                        break
                kind = driver.execute_script("return document.getElementById('field').textContent")
                machine = driver.find_element(By.ID, "value").text
                if "Участник" in kind:
                    shoot(driver, shots, "participant", taken)
                    # A stray Enter on the machine's reading of the name stores nothing and says why
                    # (earlier decisions are let through first, so the count is this item's alone).
                    wait.until(lambda d: queue.get_attribute("data-pending") in (None, "0"))
                    saved_before = queue.get_attribute("data-saved")
                    keys(driver, Keys.ENTER)
                    wait.until(lambda d: "Выберите участника" in d.find_element(By.ID, "status").text)
                    assert queue.get_attribute("data-item-id") == item, "a stray Enter moved past a participant item"
                    assert queue.get_attribute("data-pending") in (None, "0") and queue.get_attribute("data-saved") == saved_before, \
                        "a stray Enter sent a decision"
                    # A letter opens the search (which needs three letters of the surname),
                    # Enter picks the first hit.
                    keys(driver, "Сид")
                    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
                    keys(driver, Keys.ENTER)
                    presses += 3
                    decided[item] = "participant"
                elif "(@page)" in kind:
                    shoot(driver, shots, "foreign-page", taken)
                    # A foreign page: the answer on key 1 is «не бланк ИС-03»; the page is labelled as a page.
                    assert "Участник" not in kind and "1 — не бланк ИС-03" in driver.find_element(By.ID, "answers").text
                    keys(driver, "1")
                    presses += 1
                    decided[item] = "@not-a-sheet"
                elif "(@sheet)" in kind:
                    shoot(driver, shots, "sheet-rule", taken)
                    # A rule finding: «принять как есть» (key 1) asks for a note; Enter saves both.
                    assert "правило task2-not-attempted" in driver.find_element(By.ID, "message").text
                    keys(driver, "1")
                    wait.until(lambda d: d.find_element(By.ID, "note-input").is_displayed())
                    keys(driver, Keys.ENTER)
                    wait.until(lambda d: "пояснение" in d.find_element(By.ID, "status").text.lower())
                    keys(driver, "отметка ошибочна", Keys.ENTER)
                    presses += 3
                    decided[item] = "@accept-as-is"
                elif "(crit.Д2)" in kind:
                    shoot(driver, shots, "no-mark", taken)
                    # «нет отметки», truly blank: Del, then Enter.
                    keys(driver, Keys.DELETE)
                    wait.until(lambda d: d.find_element(By.ID, "value").text == "пусто")
                    keys(driver, Keys.ENTER)
                    presses += 2
                    decided[item] = ""
                elif "(expertVerdict)" in kind:
                    shoot(driver, shots, "verdict", taken)
                    # зачёт / незачёт by its first letter, then Enter.
                    keys(driver, machine[0], Keys.ENTER)
                    presses += 2
                    decided[item] = machine
                elif "(expertTotal)" in kind:
                    shoot(driver, shots, "total", taken)
                    # A total typed whole (two digits when it has two), then Enter.
                    keys(driver, *list(machine), Keys.ENTER)
                    presses += len(machine) + 1
                    decided[item] = machine
                elif len(decided) % 3 == 0:
                    shoot(driver, shots, "mark", taken)
                    # Change the value: one digit, then Enter.
                    value = "0" if machine != "0" else "1"
                    keys(driver, value, Keys.ENTER)
                    presses += 2
                    changed += 1
                    decided[item] = value
                elif not undone:
                    # Enter, then Ctrl+Z: the decision is taken back and the same item shows again
                    # («Решено» one less); Enter decides it anew.
                    done_before = driver.find_element(By.ID, "done").text
                    keys(driver, Keys.ENTER)
                    wait.until(lambda d: queue.get_attribute("data-item-id") != item)
                    ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
                    wait.until(lambda d: queue.get_attribute("data-item-id") == item)
                    assert "отменено" in driver.find_element(By.ID, "status").text
                    assert driver.find_element(By.ID, "done").text == done_before, "undo did not take the count back"
                    keys(driver, Keys.ENTER)
                    presses += 3
                    undone.append(item)
                    decided[item] = machine
                else:
                    keys(driver, Keys.ENTER)
                    presses += 1
                    decided[item] = machine
                wait.until(lambda d: queue.get_attribute("data-item-id") != item)
            wait.until(lambda d: d.find_element(By.ID, "empty").is_displayed())
            wait.until(lambda d: queue.get_attribute("data-pending") == "0")
            assert queue.get_attribute("data-failed") in (None, "0"), "a decision was not saved"
            # Each undo is one more request saved, and its item's second decision another.
            assert int(queue.get_attribute("data-saved")) == len(decided) + 2 * len(undone), (queue.get_attribute("data-saved"), decided)
            assert undone, "no item was undone"
            assert "осталось в очереди" in driver.find_element(By.CSS_SELECTOR, ".counter").text
            mark_items = sum(1 for v in decided.values() if v != "participant" and not v.startswith("@"))
            print(f"cleared {len(decided)} items with {presses} key presses ({changed} changed values, "
                  f"{mark_items} mark items)")
            assert {"@not-a-sheet", "@accept-as-is", ""} <= set(decided.values()), decided

            after = export_rows(supervisor)
            assert all(row["review_status"] == "final" for row in after), after
            exported = ",".join(row["decisions"] for row in after)
            for item, value in decided.items():
                # Page-level answers belong to pages without a result row (a foreign page) or to
                # the sheet as a whole; the blank is checked by its field.
                if value == "":
                    assert "crit.Д2=" in exported, exported
                elif value != "participant" and not value.startswith("@"):
                    assert f"={value}" in exported, (item, value, exported)
            assert after != before
            print("export changed: every result final, decisions exported")

            if shots:
                # The supervisor's pages, for the documentation.
                driver.delete_all_cookies()
                driver.get(station.base + "/login")
                keys(driver, "sveta", Keys.TAB, PASSWORD, Keys.ENTER)
                wait.until(lambda d: d.current_url.endswith("/queue"))
                driver.get(station.base + "/sheets")
                driver.save_screenshot(os.path.join(shots, "sheets.png"))
                first = after[0]["page_id"]
                driver.get(f"{station.base}/sheets/{first}")
                wait.until(lambda d: d.execute_script("const i = document.querySelector('img.overlay'); return i.complete && i.naturalWidth > 0"))
                driver.save_screenshot(os.path.join(shots, "sheet-view.png"))
        finally:
            driver.quit()

    # A second station for the group-mode screenshot (the first queue is empty now).
    if shots:
        with Station(sheets=8, fields="crit.П1,crit.П2") as station:
            driver = browser()
            try:
                wait = WebDriverWait(driver, 15)
                driver.get(station.base + "/login")
                keys(driver, "olga", Keys.TAB, PASSWORD, Keys.ENTER)
                wait.until(lambda d: d.current_url.endswith("/queue"))
                driver.get(station.base + "/queue?mode=groups")
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#group-list li"))
                keys(driver, Keys.ENTER)
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#group-grid .tile"))
                keys(driver, Keys.ENTER, "1")
                wait.until(lambda d: d.execute_script(
                    "return [...document.querySelectorAll('#group-grid img')].every(i => i.complete && i.naturalWidth > 0)"))
                driver.save_screenshot(os.path.join(shots, "group-mode.png"))
            finally:
                driver.quit()
    print("browser test passed")


if __name__ == "__main__":
    main()
