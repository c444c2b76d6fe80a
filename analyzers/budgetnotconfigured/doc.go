// Package budgetnotconfigured is the FA203 budget-not-configured check.
//
// What it reports and what it leaves alone is documented once, in the
// FA203 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA203` or
// docs/diagnostics.md#fa203.
package budgetnotconfigured
