// Package crossmoduleallocation is the FA803 cross-module-allocation check.
//
// What it reports and what it leaves alone is documented once, in the
// FA803 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA803` or
// docs/diagnostics.md#fa803.
package crossmoduleallocation
