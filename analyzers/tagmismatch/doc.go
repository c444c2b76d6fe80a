// Package tagmismatch defines the FA801 check.
//
// # Analyzer FA801
//
// FA801 tag-mismatch: an allocation under a tag other than the one
// .fa.toml maps its package to.
//
// [tags.modules] in .fa.toml maps Go package patterns to the subsystem tag
// their allocations are attributed to ("example.com/game/physics/..." =
// "physics"). FA801 is reported at a WithTag call of a mapped package whose
// closure allocates under another tag that no package is mapped to, usually
// a tag copied from elsewhere or an old name. When the tag belongs to
// another package, FA803 cross-module-allocation is reported instead, never
// both.
//
// Only constant tags count (constant expressions and named constants,
// including exported constants of other packages); for nested WithTag
// calls the outermost tag, or the first segment of a constant "a/b" tag,
// is the module tag. Untagged allocations, phase names and scratch names
// are not tags, and a WithTag closure that does not allocate is not
// checked. Without [tags.modules] nothing is reported.
//
// Wrong (package example.com/game/physics, mapped to "physics"):
//
//	l.WithTag("collision", func() {
//		contacts = allocator.FrameSlice[Contact](l, n)
//	})
//
// Right:
//
//	l.WithTag("physics", func() {
//		contacts = allocator.FrameSlice[Contact](l, n)
//	})
//
// or a nested path under the module tag, "physics/collision".
package tagmismatch
