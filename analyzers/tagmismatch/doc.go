// Package tagmismatch is the FA801 tag-mismatch check.
//
// What it reports and what it leaves alone is documented once, in the
// FA801 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA801` or
// docs/diagnostics.md#fa801.
package tagmismatch
