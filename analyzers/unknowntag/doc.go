// Package unknowntag is the FA802 unknown-tag check.
//
// What it reports and what it leaves alone is documented once, in the
// FA802 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA802` or
// docs/diagnostics.md#fa802.
package unknowntag
