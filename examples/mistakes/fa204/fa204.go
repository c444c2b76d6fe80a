// Package fa204 frees, in a loop, pool objects that another goroutine's
// Local allocated (FA204): every free goes through the owner's bounded
// deferred queue.
package fa204

import "github.com/framealloc/fa/allocator"

// Packet is allocated from the network goroutine's pool.
type Packet struct{ Data [1500]byte }

// Drain frees the packets the network goroutine is done with.
func Drain(l *allocator.Local, done <-chan *Packet) {
	for p := range done {
		allocator.PoolFree(l, p) // FA204: p belongs to the network goroutine's Local
	}
}
