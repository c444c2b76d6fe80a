// Package framesyncrace is the FA205 frame-sync-race check.
//
// What it reports and what it leaves alone is documented once, in the
// FA205 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA205` or
// docs/diagnostics.md#fa205.
package framesyncrace
