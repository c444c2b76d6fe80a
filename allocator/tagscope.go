package allocator

import (
	"errors"
	"fmt"
	"strings"
)

// ErrTagScopeOrder is wrapped by the error TagScope.Exit panics with when
// the scope is not the innermost tag scope of its Local.
var ErrTagScopeOrder = errors.New("allocator: tag scope exited out of order")

// Tags form a tree per Local: a tagNode per tag path the Local entered,
// each with a record shared by all Locals (tagRecord). Entering a tag
// resolves (current node, tag) to a child node once; each node remembers
// its last resolution by handle and by name (tagCache), so entering the
// same tag again from the same place costs two compares. The tag stack
// holds one tagFrame per entered node with the Local's counters at entry;
// leaving adds the differences to the node with plain adds, and the node's
// record receives them at EndFrame (flushTags), so no atomic operation
// runs per tag scope inside frames.

// Tag is a tag path resolved in advance by Allocator.Tag, for EnterTag.
// It names one tag ("physics") or nested tags separated by "/"
// ("physics/solver"); entering it is entering each of them in turn, as
// nested WithTag calls would. The zero Tag is not valid. A Tag may be used
// by every Local of its Allocator, from any goroutine.
type Tag struct {
	d *tagDesc
}

// tagDesc is the shared description of a Tag.
type tagDesc struct {
	a    *Allocator
	name string
	segs []string
}

// Name returns the tag path given to Allocator.Tag.
func (t Tag) Name() string {
	if t.d == nil {
		return ""
	}
	return t.d.name
}

// Tag returns the handle of a tag path for EnterTag: name is one tag or
// nested tags joined with "/" ("physics/solver"), exactly as WithTag
// takes them. Resolve handles once (package variables, fields set up
// front): Tag itself takes a lock.
func (a *Allocator) Tag(name string) Tag {
	a.tagMu.RLock()
	d := a.tagDescs[name]
	a.tagMu.RUnlock()
	if d != nil {
		return Tag{d}
	}
	a.tagMu.Lock()
	defer a.tagMu.Unlock()
	if d = a.tagDescs[name]; d == nil {
		if a.tagDescs == nil {
			a.tagDescs = make(map[string]*tagDesc)
		}
		d = &tagDesc{a: a, name: name, segs: strings.Split(name, "/")}
		a.tagDescs[name] = d
	}
	return Tag{d}
}

// tagCacheSize is the number of resolutions a node remembers, by handle
// and by name.
const tagCacheSize = 4

// tagCache is a node's memory of its last resolutions: the deepest node
// reached from it by a Tag or by a WithTag name, and the name's number of
// segments.
type tagCache struct {
	desc  [tagCacheSize]*tagDesc
	dnode [tagCacheSize]*tagNode
	name  [tagCacheSize]string
	nnode [tagCacheSize]*tagNode
	nsegs [tagCacheSize]int
}

// TagScope is a tag entered with Local.EnterTag; Exit leaves it. It is a
// small value: keep it in a variable or defer its Exit at once
// (defer l.EnterTag(t).Exit()).
type TagScope struct {
	l      *Local
	seq    uint64
	frames int // frames pushed: the segments of the path
}

// EnterTag enters the tag path t on l's tag stack and returns the scope
// whose Exit leaves it and restores the previous tag. Between the two,
// every allocation made through l is attributed to the path, nested under
// the tags already entered, and bounded by the budgets of every tag on the
// stack, exactly as inside a WithTag call with the same name: statistics
// and budgets are the same for both forms. Scopes must be exited in the
// reverse order of entering (innermost first); Exit panics otherwise.
// The scope of a WithTag call ends when fn returns, and also closes the
// scopes fn entered and left open.
// EnterTag and Exit do not allocate once a path was entered from the same
// place before.
//
//	t := a.Tag("physics/solver") // once
//	...
//	defer l.EnterTag(t).Exit()
func (l *Local) EnterTag(t Tag) TagScope {
	// Fast path: the handle resolved last from the tag in force, one
	// segment, no budget on the path, room on the stack.
	top := &l.tagRoot
	d := len(l.tagStack)
	if d > 0 {
		top = l.tagStack[d-1].node
	}
	// A closed Local has no stack capacity (Close drops it).
	if td := t.d; td != nil && top.cache.desc[0] == td && len(td.segs) == 1 && d < cap(l.tagStack) {
		n := top.cache.dnode[0]
		if !n.rec.budgeted.Load() {
			l.tagSeq++
			l.tagStack = l.tagStack[:d+1]
			f := &l.tagStack[d]
			f.node = n
			f.seq = l.tagSeq
			f.fb, f.pb, f.hb = l.fa.total, l.pTotal, uintptr(l.hBytes)
			f.allocs = l.fa.count + l.pCount + l.hCount
			f.budgeted = false
			return TagScope{l: l, seq: l.tagSeq, frames: 1}
		}
	}
	return l.enterTagSlow(t)
}

//go:noinline
func (l *Local) enterTagSlow(t Tag) TagScope {
	l.mustOpen()
	if t.d == nil {
		panic("allocator: EnterTag with the zero Tag (use Allocator.Tag)")
	}
	if t.d.a != l.a {
		panic(fmt.Sprintf("allocator: EnterTag with Tag %q of another Allocator", t.d.name))
	}
	parent := l.tagTop()
	c := &parent.cache
	for i := range c.desc {
		if c.desc[i] == t.d {
			// Move it to the front, where the fast path looks.
			c.desc[0], c.desc[i] = c.desc[i], c.desc[0]
			c.dnode[0], c.dnode[i] = c.dnode[i], c.dnode[0]
			return l.pushTag(c.dnode[0], len(t.d.segs))
		}
	}
	n := parent
	for _, seg := range t.d.segs {
		n = l.tagChild(n, seg)
	}
	copy(c.desc[1:], c.desc[:tagCacheSize-1])
	copy(c.dnode[1:], c.dnode[:tagCacheSize-1])
	c.desc[0], c.dnode[0] = t.d, n
	return l.pushTag(n, len(t.d.segs))
}

// Exit leaves the scope's tag path and restores the tag in force before
// EnterTag. It panics with an error wrapping ErrTagScopeOrder if the scope
// is not the innermost tag scope of its Local (scopes exited out of order,
// an Exit repeated, the zero TagScope).
func (s TagScope) Exit() {
	// Fast path: a one-frame scope on top of the stack, on a node the slow
	// path already prepared in this epoch (inside this frame, on the dirty
	// list, usage of this frame; never while a budgeted frame of the node
	// is on the stack: pushFrame invalidates its epoch).
	if l := s.l; l != nil && s.frames == 1 {
		if n := len(l.tagStack); n > 0 {
			f := &l.tagStack[n-1]
			if nd := f.node; f.seq == s.seq && nd.epoch == l.tagEpoch {
				dfb, dpb, dhb := int(l.fa.total-f.fb), int(l.pTotal-f.pb), int(uintptr(l.hBytes)-f.hb)
				nd.fb += dfb
				nd.pb += dpb
				nd.hb += dhb
				nd.allocs += l.fa.count + l.pCount + l.hCount - f.allocs
				nd.used += dfb + dpb + dhb
				l.tagStack = l.tagStack[:n-1]
				return
			}
		}
	}
	s.exitSlow()
}

//go:noinline
func (s TagScope) exitSlow() {
	l := s.l
	if l == nil {
		s.badExit()
	}
	if n := len(l.tagStack); n == 0 || l.tagStack[n-1].seq != s.seq {
		s.badExit()
	}
	l.popTags(s.seq)
}

//go:noinline
func (s TagScope) badExit() {
	l := s.l
	if l == nil {
		panic(fmt.Errorf("%w: Exit of the zero TagScope (use the value EnterTag returns)", ErrTagScopeOrder))
	}
	for i := range l.tagStack {
		if l.tagStack[i].seq == s.seq {
			panic(fmt.Errorf("%w: Exit of tag %q while tag %q, entered after it, is still in force (exit inner scopes first)",
				ErrTagScopeOrder, l.tagStack[i].node.rec.path, l.currentTag()))
		}
	}
	panic(fmt.Errorf("%w: Exit of a tag scope already exited", ErrTagScopeOrder))
}

// WithTag runs fn with tag pushed on l's tag stack: every allocation made
// by fn through l is attributed to the tag path, the enclosing path joined
// with "/" (WithTag("physics") around WithTag("broadphase") gives
// "physics/broadphase"); a tag holding "/" enters each of its parts in
// turn (WithTag("physics/broadphase") is the two nested calls).
// Statistics are inclusive: a path counts what its sub-paths allocate. The
// tag is popped even if fn panics, together with any scope fn entered with
// EnterTag and left open. WithTag(tag, fn) is the same as running fn after
// defer l.EnterTag(a.Tag(tag)).Exit(); EnterTag avoids the closure.
func (l *Local) WithTag(tag string, fn func()) {
	c := &l.tagTop().cache
	var s TagScope
	if n := c.nnode[0]; n != nil && c.name[0] == tag && !l.closed {
		s = l.pushTag(n, c.nsegs[0])
	} else {
		s = l.enterNameSlow(tag)
	}
	defer s.leave()
	fn()
}

// leave ends the scope of a WithTag call: Exit, after closing the scopes
// entered inside it and left open.
func (s TagScope) leave() {
	l := s.l
	if n := len(l.tagStack); n > 0 && l.tagStack[n-1].seq == s.seq {
		s.Exit()
		return
	}
	l.leaveTo(s.seq)
}

//go:noinline
func (l *Local) enterNameSlow(tag string) TagScope {
	l.mustOpen()
	parent := l.tagTop()
	c := &parent.cache
	for i := range c.name {
		if c.nnode[i] != nil && c.name[i] == tag {
			c.name[0], c.name[i] = c.name[i], c.name[0]
			c.nnode[0], c.nnode[i] = c.nnode[i], c.nnode[0]
			c.nsegs[0], c.nsegs[i] = c.nsegs[i], c.nsegs[0]
			return l.pushTag(c.nnode[0], c.nsegs[0])
		}
	}
	n, segs := parent, 0
	for rest := tag; ; {
		seg, tail, more := strings.Cut(rest, "/")
		n = l.tagChild(n, seg)
		segs++
		if !more {
			break
		}
		rest = tail
	}
	copy(c.name[1:], c.name[:tagCacheSize-1])
	copy(c.nnode[1:], c.nnode[:tagCacheSize-1])
	copy(c.nsegs[1:], c.nsegs[:tagCacheSize-1])
	c.name[0], c.nnode[0], c.nsegs[0] = tag, n, segs
	return l.pushTag(n, segs)
}

// leaveTo pops the frames of the scope seq and every frame above them.
func (l *Local) leaveTo(seq uint64) {
	for n := len(l.tagStack); n > 0; n = len(l.tagStack) {
		top := l.tagStack[n-1].seq
		l.popTags(top)
		if top == seq {
			return
		}
	}
}

// tagTop returns the node of the tag in force (the root when none).
func (l *Local) tagTop() *tagNode {
	if n := len(l.tagStack); n > 0 {
		return l.tagStack[n-1].node
	}
	return &l.tagRoot
}

// tagChild returns the child of n for one tag segment, creating it on
// first use.
func (l *Local) tagChild(n *tagNode, seg string) *tagNode {
	c := n.children[seg]
	if c == nil {
		path := seg
		if n.rec != nil {
			path = n.rec.path + "/" + seg
		}
		c = &tagNode{rec: l.a.tagRecordFor(path), parent: n, children: make(map[string]*tagNode)}
		n.children[seg] = c
		l.tagNodes = append(l.tagNodes, c)
	}
	return c
}

// pushTag pushes one frame for deepest and for each of its nseg-1
// ancestors below the tag in force, outermost first.
func (l *Local) pushTag(deepest *tagNode, nseg int) TagScope {
	l.tagSeq++
	seq := l.tagSeq
	if nseg == 1 {
		l.pushFrame(deepest, seq)
		return TagScope{l: l, seq: seq, frames: 1}
	}
	return l.pushTags(deepest, nseg, seq)
}

//go:noinline
func (l *Local) pushTags(deepest *tagNode, nseg int, seq uint64) TagScope {
	var chain [8]*tagNode
	nodes := chain[:0]
	for n := deepest; len(nodes) < nseg; n = n.parent {
		nodes = append(nodes, n)
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		l.pushFrame(nodes[i], seq)
	}
	return TagScope{l: l, seq: seq, frames: nseg}
}

// pushFrame pushes the frame of node n for scope seq. The fields are
// written in place (a tagFrame built aside and copied costs several times
// more).
func (l *Local) pushFrame(n *tagNode, seq uint64) {
	d := len(l.tagStack)
	if d == cap(l.tagStack) {
		l.tagStack = append(l.tagStack, tagFrame{})
	}
	l.tagStack = l.tagStack[:d+1]
	f := &l.tagStack[d]
	f.node = n
	f.seq = seq
	f.fb, f.pb, f.hb = l.fa.total, l.pTotal, uintptr(l.hBytes)
	f.allocs = l.fa.count + l.pCount + l.hCount
	f.budgeted = n.rec.budgeted.Load()
	if f.budgeted {
		n.epoch = 0 // its exit takes the slow path, which keeps the budget count
		l.budgetTag++
		l.recomputeLimits()
	}
}

// popTags pops the frames of scope seq, which are on top of the stack,
// and adds what was allocated since they were pushed to their nodes.
func (l *Local) popTags(seq uint64) {
	fb, pb, hb := l.fa.total, l.pTotal, uintptr(l.hBytes)
	allocs := l.fa.count + l.pCount + l.hCount
	n := len(l.tagStack)
	for n > 0 && l.tagStack[n-1].seq == seq {
		n--
		f := &l.tagStack[n]
		nd := f.node
		dfb, dpb, dhb := int(fb-f.fb), int(pb-f.pb), int(hb-f.hb)
		nd.fb += dfb
		nd.pb += dpb
		nd.hb += dhb
		nd.allocs += allocs - f.allocs
		if !nd.dirty {
			l.markDirty(nd)
		}
		if nd.frame != l.frame {
			nd.fold(l.frame, l.inFrame)
			nd.frame, nd.used = l.frame, 0
		}
		nd.used += dfb + dpb + dhb
		nd.pending = true
		if l.inFrame && !f.budgeted {
			nd.epoch = l.tagEpoch // the fast path may count it until the epoch ends
		}
		if f.budgeted {
			l.budgetTag--
			l.recomputeLimits()
		}
	}
	l.tagStack = l.tagStack[:n]
	if !l.inFrame {
		l.flushTags()
	}
}

// markDirty puts n on the list of nodes flushTags visits.
func (l *Local) markDirty(n *tagNode) {
	n.dirty = true
	l.dirtyTags = append(l.dirtyTags, n)
}

// flushTags adds to the shared tag records what this Local counted under
// its tags since the last flush. It runs at EndFrame, when a tag scope
// ends outside a frame, and when the Local publishes its statistics. It
// ends the tag epoch: the next scope exit of each node takes the slow path
// (which puts it back on the dirty list and folds a finished frame's
// usage).
func (l *Local) flushTags() {
	l.tagEpoch++
	for i, n := range l.dirtyTags {
		r := n.rec
		r.frameBytes.Add(int64(n.fb))
		r.poolBytes.Add(int64(n.pb))
		r.heapBytes.Add(int64(n.hb))
		r.allocations.Add(int64(n.allocs))
		n.fb, n.pb, n.hb, n.allocs = 0, 0, 0, 0
		n.dirty = false
		l.dirtyTags[i] = nil
	}
	l.dirtyTags = l.dirtyTags[:0]
}
