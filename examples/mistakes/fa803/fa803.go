// Package fa803 is the network module (.fa.toml maps it to "network"), but
// it allocates the snapshot of remote bodies under the physics tag, which
// .fa.toml maps to examples/game/physics (FA803): the physics budget pays
// for network memory.
package fa803

import (
	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/examples/game/physics"
)

// Decode turns a packet into a frame slice of bodies.
func Decode(l *allocator.Local, packet []byte) []physics.Body {
	var bodies []physics.Body
	l.WithTag(physics.Tag, func() { // FA803: network allocates under physics' tag
		bodies = allocator.FrameSlice[physics.Body](l, len(packet)/8)
	})
	return bodies
}
