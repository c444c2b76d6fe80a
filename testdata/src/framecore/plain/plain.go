// Package plain never imports the allocator: the core must not build SSA
// for it and must not export facts.
package plain

var global []*int

// Keep stores p globally.
func Keep(p *int) { global = append(global, p) }
