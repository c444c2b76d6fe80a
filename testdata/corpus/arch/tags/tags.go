// Package tags names the subsystem tags as exported constants.
package tags

// The subsystem tags.
const (
	Physics   = "physics"
	Rendering = "rendering"
	Audio     = "audio"
	Telemetry = "telemetry"
)
