// Command async is the client side of a networked game: timers, an event
// bus, background saves and server ticks around the client's frames.
package main

import (
	"fmt"

	"example.com/corpus/async/bus"
	"github.com/framealloc/fa/allocator"
)

// Input is one frame of player input (no pointers).
type Input struct {
	Seq  uint32
	Keys uint16
	X, Y float32
}

// Snapshot is the client's view of the world in one frame.
type Snapshot struct {
	Tick    uint64
	Players []Input
	Name    string
}

// Client is the game client.
type Client struct {
	l       *allocator.Local
	events  bus.Bus
	onTick  func()
	onFrame []func()
	render  func() int
}

// Describe returns a description of the snapshot.
func (s *Snapshot) Describe() string { return fmt.Sprint(s.Tick, len(s.Players)) }

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	c := &Client{l: a.NewLocal()}
	c.allocLater(a)
	c.captureLater()
	c.blocking()
	fmt.Println("ok")
}
