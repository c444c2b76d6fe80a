package fa601

import fa "github.com/framealloc/fa/allocator"

// Objects reached through interface methods implemented in this package
// (getters with value receivers, promoted from an embedded struct) are
// the caller's memory: frame memory stored into them escapes.

type rigid struct{ debug *float64 }

type fixtureB struct{ body *rigid }

func (f fixtureB) Body() *rigid { return f.body }

type contactIface interface {
	FixtureA() *fixtureB
	Evaluate()
}

type baseContact struct{ fixA *fixtureB }

func (c baseContact) FixtureA() *fixtureB { return c.fixA }

type circleHit struct{ baseContact }

func (c *circleHit) Evaluate() {}

type polyHit struct{ baseContact }

func (c *polyHit) Evaluate() {}

type hitDef struct{ contacts []contactIface }

// InitHits keeps each frame constraint in the body of its contact.
func InitHits(l *fa.Local, def *hitDef) {
	vcs := fa.FrameSlice[float64](l, len(def.contacts))
	for i, c := range def.contacts {
		vc := &vcs[i]
		c.FixtureA().Body().debug = vc // want `frame value vcs escapes to memory reachable from parameter def`
	}
}

// A method that returns new memory: storing into it stays local.
type scratchMaker interface{ NewScratch() *rigid }

type heapMaker struct{ last *rigid }

func (heapMaker) NewScratch() *rigid { return new(rigid) }

func FillScratch(l *fa.Local) {
	var m scratchMaker = heapMaker{}
	r := m.NewScratch()
	r.debug = fa.Frame[float64](l)
}

// A helper's container that holds a parameter but is new memory itself.
func wrapRigid(p *rigid) []*rigid { return []*rigid{p} }

func FillWrapped(l *fa.Local, p *rigid) {
	w := wrapRigid(p)
	w[0] = new(rigid)
	_ = w
	x := fa.Frame[rigid](l)
	w[0] = x
}
