// Package user uses helpers from another package.
package user

import (
	"example.com/framecore/helpers"
	"github.com/framealloc/fa/allocator"
)

// Run ends frames through a helper of another package.
func Run(l *allocator.Local) { // want Run:"ends\\[param0\\] begins\\[param0\\]"
	helpers.Tick(l)
}

// Wrap forwards to a helper that returns frame memory.
func Wrap(l *allocator.Local) *helpers.Vec { // want Wrap:"result0=frame\\[param0\\] allocates"
	return helpers.Scratch(l)
}
