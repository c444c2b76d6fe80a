// Package deferredoverflowrisk defines the FA204 check.
//
// # Analyzer FA204
//
// FA204 deferred-overflow-risk: a loop frees pool objects owned by another
// goroutine's Local through its bounded deferred queue.
//
// A pool object freed by a goroutine other than its owner's is not pushed
// on a free list: it goes through the owner's deferred queue, which is
// bounded (DeferredConfig.Capacity) and drains only when the owner
// processes it. A loop that frees many foreign objects can fill it and then
// drop, fail, grow or block depending on the queue policy. FA204 is
// reported at a PoolFree call inside a loop (any loop) when the object is
// owned by another goroutine's Local: it was received over a channel (a
// receive, a range over a channel, a select case, or a field or element of
// something received), it was handed in by the go statement that started
// this goroutine (an argument or a captured variable, while the goroutine
// frees with a Local of its own), or it was allocated with another Local
// that this function hands to a goroutine. Freeing objects your own Local
// allocated is fine. It is reported whatever the queue's policy and
// capacity, which can change at run time.
//
// Wrong:
//
//	for p := range done {
//		allocator.PoolFree(l, p) // p belongs to the producer's Local
//	}
//
// Right: send the objects back to their owner and free them there, or
// free them in batches the queue capacity is sized for.
package deferredoverflowrisk
