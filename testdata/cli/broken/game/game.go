// Package game does not type-check.
package game

import "example.com/broken/alloc"

// Update uses an undefined name.
func Update(l *alloc.Local) {
	p := alloc.Frame[Vec](l)
	_ = p
}
