// Package unknowntag defines the FA802 check.
//
// # Analyzer FA802
//
// FA802 unknown-tag: a constant tag that is not in [tags].known.
//
// [tags].known in .fa.toml lists the subsystem tags allocations may use.
// FA802 is reported, as a hint, at a WithTag call whose closure allocates
// under a constant module tag that is not listed — most often a typo, which
// would silently split the tag's statistics and budgets in two. When a
// listed tag is close (another case, or one or two letters off) the message
// names it, and a tag written as a string literal gets a suggested fix.
//
// The module tag is the outermost tag of nested WithTag calls, or the first
// segment of a constant "a/b" tag (a tag is also known when the whole "a/b"
// is listed); nested sub-tags are not checked. Only constant tags count
// (constant expressions and named constants, including exported constants
// of other packages). Without [tags].known, or with an empty list, nothing
// is reported.
//
// Wrong:
//
//	l.WithTag("physcs", func() { ... allocator.Frame[Body](l) ... })
//
// Right:
//
//	l.WithTag("physics", func() { ... allocator.Frame[Body](l) ... })
package unknowntag
