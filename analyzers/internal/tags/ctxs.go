package tags

import "math/bits"

// ctxs is the set of tag contexts a function (or a point in one) may run
// in: the innermost tag uses in force there, untagged, or — for a func
// literal, symbolically — whatever context the function that makes it
// runs in.
type ctxs struct {
	// top: may run with no tag of this package in force (called from
	// outside the package, started with go, registered to run later).
	top bool
	// inherit: runs in the context of its maker (func literals only;
	// replaced by subst).
	inherit bool
	// uses holds the indexes (Use.index) of the innermost tag uses.
	uses []uint64
}

func single(u *Use) ctxs {
	var c ctxs
	c.set(u.index)
	return c
}

func (c *ctxs) set(i int) {
	for len(c.uses) <= i/64 {
		c.uses = append(c.uses, 0)
	}
	c.uses[i/64] |= 1 << (i % 64)
}

// add merges o into c and reports whether c changed.
func (c *ctxs) add(o ctxs) bool {
	changed := false
	if o.top && !c.top {
		c.top, changed = true, true
	}
	if o.inherit && !c.inherit {
		c.inherit, changed = true, true
	}
	for i, w := range o.uses {
		if i >= len(c.uses) {
			c.uses = append(c.uses, make([]uint64, i+1-len(c.uses))...)
		}
		if w&^c.uses[i] != 0 {
			c.uses[i] |= w
			changed = true
		}
	}
	return changed
}

// subst returns c with inherit replaced by maker, the context of the
// function that makes the literal.
func (c ctxs) subst(maker ctxs) ctxs {
	if !c.inherit {
		return c
	}
	out := ctxs{top: c.top, uses: append([]uint64(nil), c.uses...)}
	out.add(maker)
	return out
}

// first returns the lowest use index in c, or -1.
func (c ctxs) first() int {
	for i, w := range c.uses {
		if w != 0 {
			return i*64 + bits.TrailingZeros64(w)
		}
	}
	return -1
}

// each calls f with every use index in c, in increasing order.
func (c ctxs) each(f func(int)) {
	for i, w := range c.uses {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			f(i*64 + b)
			w &^= 1 << b
		}
	}
}
