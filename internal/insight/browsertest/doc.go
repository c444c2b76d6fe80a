// Package browsertest drives `fa insight`'s page in headless Chromium
// (Debian chromium-headless-shell, installed by .ci/install-clients.sh)
// with chromedp, and checks what the page shows: the numbers of a fixture
// snapshot series read back from the DOM, live updates when a snapshot
// file lands, the exported HTML opened from file:// without network, tag
// totals counted once, and malformed files reported on the page.
// Screenshots of each view go to the test's artifact directory
// (go test -artifacts -outputdir DIR), and to $FA_INSIGHT_SCREENSHOTS when
// set (docs/insight holds the README's copies).
//
// It is a module of its own so that chromedp stays out of fa's go.mod.
// Without a browser the tests skip, or fail when FA_E2E_REQUIRE_CLIENTS is
// set (as .ci/run does).
package browsertest
