// Package barriermismatch is the FA202 barrier-mismatch check.
//
// What it reports and what it leaves alone is documented once, in the
// FA202 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA202` or
// docs/diagnostics.md#fa202.
package barriermismatch
