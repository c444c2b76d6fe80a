// Package tagnames exports the subsystem tags.
package tagnames

const (
	Physics   = "physics"
	Rendering = "rendering"
)
