// Package tagnames exports the tags as constants.
package tagnames

const (
	Physics = "physics"
	Audio   = "audio"
	Prefix  = "phys"
)

// Tag is a typed tag.
type Tag string

// Collision is a typed constant tag.
const Collision Tag = "collision"
