// Package net allocates under "network" with EnterTag regions; its
// "sockets" region is nested in the "network" one.
package net

import "github.com/framealloc/fa/allocator"

type Poller struct {
	l       *allocator.Local
	network allocator.Tag
	sockets allocator.Tag
}

func NewPoller(a *allocator.Allocator, l *allocator.Local) *Poller {
	return &Poller{l: l, network: a.Tag("network"), sockets: a.Tag("sockets")}
}

func (p *Poller) Poll(n int) {
	defer p.l.EnterTag(p.network).Exit()
	s := p.l.EnterTag(p.sockets)
	_ = allocator.FrameSlice[byte](p.l, n)
	s.Exit()
}
