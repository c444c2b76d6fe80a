// Package e2e holds fa's end-to-end tests: they build the fa command from
// ./cmd/fa (or take the binary named by $FA_E2E_BINARY), run it on the
// fixture module testdata/integration/vetmod and feed its outputs to the
// real clients users run it with — go vet -vettool, reviewdog, pre-commit,
// xmllint with the Jenkins JUnit XSD, and the SARIF 2.1.0 schema — checking
// that every client reads the same diagnostics fa reports in --format json.
// TestDriversAgree runs fa, go vet -vettool=fa and golangci-lint built with
// fa's module plugin on testdata/integration/policy, whose .fa.toml uses
// every key, and requires the same diagnostics and exit status.
//
// A test whose client is not installed skips with a message naming the
// client (fails, when FA_E2E_REQUIRE_CLIENTS is set, as in CI);
// .ci/install-clients.sh installs all of them.
package e2e
