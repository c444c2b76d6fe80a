// Package crossmoduleallocation defines the FA803 check.
//
// # Analyzer FA803
//
// FA803 cross-module-allocation: a package allocates under a tag that
// .fa.toml maps to another package.
//
// When [tags.modules] maps a tag to a package pattern, allocations under
// that tag belong to those packages: budgets and statistics per tag then
// describe one subsystem. FA803 is reported at a WithTag call whose closure
// allocates under such a tag in a package that is not mapped to it —
// either mapped to a tag of its own, or not mapped at all. The package is
// doing another module's allocating: let that module allocate (call into
// it), or use the package's own tag. A mapped package allocating under a
// tag that belongs to no package is FA801 tag-mismatch instead, never both.
//
// Only constant tags count (constant expressions and named constants,
// including exported constants of other packages); for nested WithTag
// calls the outermost tag, or the first segment of a constant "a/b" tag,
// is the module tag. Untagged allocations, phase names and scratch names
// are not tags. Without [tags.modules] nothing is reported.
//
// Wrong (package example.com/game/ai, with "example.com/game/physics/..." =
// "physics" in .fa.toml):
//
//	l.WithTag(physics.Tag, func() {
//		path = allocator.FrameSlice[Node](l, n)
//	})
//
// Right:
//
//	l.WithTag(ai.Tag, func() {
//		path = allocator.FrameSlice[Node](l, n)
//	})
package crossmoduleallocation
