// Package allocator is frame-based allocation for real-time Go programs
// (game loops, simulations, per-request arenas): memory is allocated by
// intent.
//
//   - Frame memory (Frame, FrameSlice, FrameBytes, TryFrame, TryFrameSlice,
//     and the growable lists of FrameAppend) lives until the Local's next
//     EndFrame and costs a pointer bump.
//   - Pool memory (Pool, TryPool, PoolFree) lives until it is freed;
//     per-Local typed free lists make allocation a pop and free a push.
//   - Heap memory (Heap) is Go's own new(T), counted in the statistics.
//
// An Allocator (New) is shared and safe for concurrent use; each goroutine
// allocates through its own Local (Allocator.NewLocal). Frames are
// delimited by Local.BeginFrame and Local.EndFrame (Local.InFrame tells
// whether one is open); a frame allocation outside them lives until the
// next EndFrame, and with Config.Debug panics with ErrNotInFrame.
//
// The package is a module of its own (github.com/framealloc/fa/allocator)
// with no requirements and supports Go 1.22 and later, on 32- and 64-bit
// platforms and js/wasm.
//
// # GC safety
//
// Every type T gets its own frame slab made of []T chunks, so the garbage
// collector always sees T's real pointer layout: frame memory may hold
// pointers, strings, slices, maps and interfaces. A small direct-mapped
// cache keyed by T's type descriptor finds the slab without a map lookup.
// EndFrame clears the used part of each slab used in the frame with a
// typed clear (never through a byte view), so stale references in frame
// memory do not keep garbage alive, then reuses the chunks. Its cost is a
// few ns plus a few ns per type used in the frame plus the clear itself.
//
// A frame pointer kept past EndFrame never crashes the Go runtime (the
// chunk it points into stays alive while referenced), but it aliases the
// next frame's data.
//
// # Debug mode
//
// With Config.Debug, frame memory is never reused: at EndFrame the frame's
// chunks of pointer-free types are filled with the byte 0xDB and those of
// pointerful types are zeroed (nil pointers, empty strings), and the next
// frame gets fresh chunks. A stale pointer therefore reads the poison
// pattern or zero values instead of another frame's data, and writes
// through it touch nobody. FrameCheck reports whether a pointer is live
// frame memory of the current frame, memory retired by the last EndFrame
// (stale), or neither. Debug mode also makes frame allocations outside
// BeginFrame/EndFrame panic (ErrNotInFrame), and PoolFree check what it is
// given: a pointer its pool did not hand out (between objects, never
// handed out, of another type) or already freed makes it panic instead of
// corrupting the free list.
//
// # Budgets, tags and phases
//
// Config.FrameBudget / Local.SetFrameBudget bound the frame bytes of one
// frame; Config.PoolBudget / Local.SetPoolBudget the pool bytes held out.
// Try* functions return a *BudgetError wrapping ErrBudgetExceeded; the
// others panic with it. Tags attribute allocations to a tag path
// ("physics/broadphase"), either around a closure with WithTag or, without
// a closure and without allocating, with a handle resolved once by
// Allocator.Tag and a scope:
//
//	solver := a.Tag("physics/solver")
//	...
//	defer l.EnterTag(solver).Exit()
//
// Both forms nest the same way and give the same statistics and budgets.
// Allocator.SetTagBudget bounds the bytes a Local allocates under a tag
// per frame. BeginPhase/EndPhase count allocations per named phase.
//
// # Performance and PGO
//
// Frame, Pool, PoolFree, EnterTag and TagScope.Exit are calls: their fast
// paths (a type lookup in the cache, a bounds and budget compare, the
// counters the statistics and tag budgets need) cost more than the Go
// inliner's default budget, so a default build calls them. Built with
// profile-guided optimization (a default.pgo taken from a CPU profile of
// the program, picked up by go build's default -pgo=auto), the compiler
// inlines them at the call sites the profile shows hot; BENCHMARKS.md
// measures both builds side by side (bench/pgo.sh).
//
// # Goroutines
//
// Transfer copies a frame value into a TransferHandle that another
// goroutine receives exactly once into its own frame. PoolFree of an
// object owned by another Local goes through the owner's deferred queue
// (DeferredConfig), drained at the owner's frame boundary.
//
// # Statistics for snapshots
//
// Allocator.Stats and the unexported Allocator.forEachLocal (used by the
// snapshot builder; each Local's published statistics are read with
// l.published) give per-Local frame, pool and heap bytes and counts,
// per-tag and per-phase statistics, promotion counts and frame numbers.
// Live Locals publish at EndFrame, Close and Local.Stats. The interval
// aggregates of snapshot schema version 2 (largest and mean frame per
// Local and per tag since the previous snapshot) are folded at EndFrame
// and at publication, never per allocation (interval.go).
package allocator
