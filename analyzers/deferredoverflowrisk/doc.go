// Package deferredoverflowrisk is the FA204 deferred-overflow-risk check.
//
// What it reports and what it leaves alone is documented once, in the
// FA204 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA204` or
// docs/diagnostics.md#fa204.
package deferredoverflowrisk
