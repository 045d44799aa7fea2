"""The web in a real browser: Debian's headless Chromium, driven over the DevTools protocol,
opens the overview and a commitment, sees a feed title `<img src=x onerror=alert(1)>` as text
(no dialog, no image request), is refused an ack without logging in, logs in with the token and
acknowledges. It saves the screenshots the README shows (to MONITOR_WEB_SCREENSHOTS, e.g.
docs/screenshots, when set)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cdp import Browser, chromium_path, screenshot_dir
from tests.feedbuilder import Entry
from tests.webkit import ENTRIES, TOKEN, TOKEN_ENV, XSS, Site, site

pytestmark = pytest.mark.skipif(
    chromium_path() is None,
    reason="headless Chromium is absent: `apt-get install -y chromium` (Debian's package; "
    ".ci/run installs it)",
)


# Titles that got past feedparser's sanitiser or fool naive escaping (the reliability plan,
# 42c), each in an item about the grain terminal.
HOSTILE = [
    "<!--><img src=x onerror=alert(4)>-->",
    '<svg><a xlink:href="javascript:alert(5)"><text y="20">click</text></a></svg>',
    '<a href="javascript&#58;alert(6)">link</a>',
    '<form action="https://evil.example/"><input type="password" name="p"></form>',
    '"><script>alert(7)</script>',
]
HOSTILE_ENTRIES = [
    Entry(
        title,
        f"The Kuryk grain terminal is on schedule. {title}",
        "javascript:alert(8)" if n % 2 else f"https://news.example/grain-{n}",
        datetime(2026, 11, 20 + n, 9, 0, tzinfo=UTC),
    )
    for n, title in enumerate(HOSTILE)
]


@pytest.fixture
def seeded(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    with site(tmp_path, sqlite_url, [*ENTRIES, *HOSTILE_ENTRIES]) as s:
        yield s


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    with Browser(tmp_path / "profile") as b:
        b.start()
        yield b


def test_browse_escape_refuse_then_acknowledge(
    seeded: Site, browser: Browser, tmp_path: Path
) -> None:
    shots = screenshot_dir(tmp_path / "shots")
    base = seeded.base

    browser.goto(f"{base}/")
    assert browser.evaluate("document.querySelectorAll('table.commitments tbody tr').length") == 3
    assert "slipped" in browser.evaluate("document.body.innerText")
    browser.screenshot(shots / "overview.png")

    browser.goto(f"{base}/commitments/example-bridge")
    assert browser.evaluate("document.querySelectorAll('svg.chart rect.bar').length") == 2
    browser.screenshot(shots / "commitment.png")

    # The hostile title is text: no <img> element, no request for it, no dialog.
    page = f"{base}/commitments/aktau-port"
    browser.goto(page)
    cell = browser.evaluate("document.querySelector('td.item').textContent")
    assert XSS in cell
    assert browser.evaluate("document.querySelectorAll('main img').length") == 0
    assert not [u for u in browser.requests() if u.startswith(f"{base}/x")]

    # Without logging in there is no form; a forged one is refused.
    assert browser.evaluate("document.querySelector('#ack-form')") is None
    forge = (
        "const f = document.createElement('form'); f.method = 'post';"
        f"f.action = {json.dumps(page + '/ack')};"
        "const i = document.createElement('input'); i.name = 'csrf'; i.value = 'f'.repeat(64);"
        "f.appendChild(i); document.body.appendChild(f); f.submit();"
    )
    browser.act(forge)
    assert (f"{page}/ack", 401) in browser.statuses()
    assert "Log in" in browser.evaluate("document.body.innerText")
    assert seeded.get("/api/commitments/aktau-port").json()["acked"] is False

    # Log in with the token, then acknowledge through the page's own form.
    browser.goto(f"{base}/login?next=/commitments/aktau-port")
    browser.act(
        f"document.querySelector('input[name=token]').value = {json.dumps(TOKEN)};"
        "document.querySelector('#login-form').submit();"
    )
    assert browser.evaluate("location.pathname") == "/commitments/aktau-port"
    browser.act(
        "document.querySelector('#ack-form input[name=note]').value = 'seen in the browser';"
        "document.querySelector('#ack-form button').click();"
    )
    assert "Acknowledged." in browser.evaluate("document.body.innerText")
    assert seeded.get("/api/commitments/aktau-port").json()["acked"] is True
    browser.screenshot(shots / "acknowledged.png")

    browser.goto(f"{base}/alerts")
    browser.screenshot(shots / "alerts.png")

    # The sanitiser bypasses render as text too: no element, no script link, no dialog.
    browser.goto(f"{base}/commitments/grain-terminal")
    shown = browser.evaluate("document.querySelector('table.evidence').textContent")
    # The parser keeps these titles as text (it reads the others as markup and keeps their words).
    assert all(HOSTILE[n] in shown for n in (0, 1, 4)), " ".join(shown.split())
    injected = "table.evidence :is(img, svg, form, input, script, a[href^=javascript])"
    assert browser.evaluate(f"document.querySelectorAll({json.dumps(injected)}).length") == 0
    assert browser.evaluate(
        "[...document.querySelectorAll('a[href]')]"
        ".every(a => /^(https?:|\\/)/.test(a.getAttribute('href')))"
    )

    assert browser.dialogs() == [], "a script ran"
    assert all(u.startswith((base, "about:", "data:")) for u in browser.requests())
    for name in ("overview", "commitment", "acknowledged", "alerts"):
        assert (shots / f"{name}.png").read_bytes().startswith(b"\x89PNG")
