// Package mistakes holds one deliberate instance of each fa diagnostic
// code, one package per code (examples/mistakes/fa601 for FA601, ...).
// `fa ./examples/...` reports each of them; nothing here is meant to be
// copied.
package mistakes
