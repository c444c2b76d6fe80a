// Package phis has a function whose pointers merge through long chains of
// phis with many edges: resolving the memory a store goes into must not
// follow every path through them (it once took minutes on a physics
// engine's solver).
package phis

import "github.com/framealloc/fa/allocator"

type node struct {
	next *node
	v    int
}

// Rotate shuffles four pointers, dst among them, through four switches
// per iteration, storing through them as it goes, then stores frame
// memory through one of them: it may land in dst's memory.
func Rotate(l *allocator.Local, dst *node, c []int) { // want Rotate:"stores-frame-in-param1\\.field0 stores-param1-in-param1\\.field0 allocates"
	a, b, x, y := dst, new(node), new(node), new(node)
	for _, k := range c {
		switch k {
		case 0:
			a, b, x, y = b, x, y, a
		case 1:
			a, b, x, y = y, a, b, x
		case 2:
			a, b, x, y = x, y, a, b
		default:
			a, b, x, y = b, a, y, x
		}
		a.next = b
		switch k {
		case 0:
			a, b, x, y = b, x, y, a
		case 1:
			a, b, x, y = y, a, b, x
		case 2:
			a, b, x, y = x, y, a, b
		default:
			a, b, x, y = b, a, y, x
		}
		a.next = b
		switch k {
		case 0:
			a, b, x, y = b, x, y, a
		case 1:
			a, b, x, y = y, a, b, x
		case 2:
			a, b, x, y = x, y, a, b
		default:
			a, b, x, y = b, a, y, x
		}
		a.next = b
		switch k {
		case 0:
			a, b, x, y = b, x, y, a
		case 1:
			a, b, x, y = y, a, b, x
		case 2:
			a, b, x, y = x, y, a, b
		default:
			a, b, x, y = b, a, y, x
		}
		a.next = b
	}
	a.next = allocator.Frame[node](l)
}
