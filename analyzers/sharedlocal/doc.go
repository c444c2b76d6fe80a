// Package sharedlocal is the FA206 shared-local check.
//
// What it reports and what it leaves alone is documented once, in the
// FA206 entry of the diagnostics catalogue (package diagnostics), which is
// also its analyzer's Doc: see `fa explain FA206` or
// docs/diagnostics.md#fa206.
package sharedlocal
