package fa606

import "github.com/framealloc/fa/allocator"

// The error of a Try* allocation is not frame memory: using it after
// EndFrame is fine.
func tryErrorAfterEnd(l *allocator.Local) error {
	l.BeginFrame()
	p, err := allocator.TryFrame[Particle](l)
	if err == nil {
		p.X = 1
	}
	l.EndFrame()
	return err
}

// The value itself still is.
func tryValueAfterEnd(l *allocator.Local) float64 {
	l.BeginFrame()
	p, err := allocator.TryFrame[Particle](l)
	if err != nil {
		l.EndFrame()
		return 0
	}
	l.EndFrame()
	return p.X // want `FA606: frame value p used after its frame ended`
}

// maker holds the Local it allocates from.
type maker struct{ l *allocator.Local }

func (m maker) particle() *Particle { return allocator.Frame[Particle](m.l) }

// The Local inside a struct literal is the Local whose frame ends.
func literalReceiver(l *allocator.Local) float64 {
	l.BeginFrame()
	p := maker{l: l}.particle()
	l.EndFrame()
	return p.X // want `FA606: frame value p used after its frame ended`
}

// Another Local's frame ending does not matter.
func literalReceiverOtherLocal(l, other *allocator.Local) float64 {
	l.BeginFrame()
	other.BeginFrame()
	p := maker{l: l}.particle()
	other.EndFrame()
	x := p.X
	l.EndFrame()
	return x
}
