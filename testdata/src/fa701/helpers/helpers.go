// Package helpers keeps or runs func arguments for callers in another
// package.
package helpers

import "github.com/framealloc/fa/allocator"

var pending func()

// Local is the scheduler's own Local.
var Local *allocator.Local

// Later keeps fn to run it at the end of the tick.
func Later(fn func()) { pending = fn }

// Now runs fn at once.
func Now(fn func()) { fn() }

// Spawn runs fn on a new goroutine.
func Spawn(fn func()) { go fn() }
