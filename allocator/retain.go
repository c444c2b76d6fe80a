package allocator

import (
	"fmt"
	"unsafe"
)

// RetentionPolicy says what happens to a FrameRetained value when its
// frame ends.
type RetentionPolicy int

const (
	// Discard is ordinary frame behaviour: the value dies with the frame.
	Discard RetentionPolicy = iota
	// PromoteToPool copies the value into l's pool at
	// EndFrameWithPromotions (free the copy with PoolFree).
	PromoteToPool
	// PromoteToHeap copies the value into the Go heap at
	// EndFrameWithPromotions.
	PromoteToHeap
	// Leak allocates the value outside the frame arena, on the Go heap: the
	// pointer FrameRetained returns stays valid after the frame, and the
	// garbage collector frees it. It is counted as a frame allocation and
	// never reported as a promotion.
	Leak
)

// String returns the policy's Go name.
func (p RetentionPolicy) String() string {
	switch p {
	case Discard:
		return "Discard"
	case PromoteToPool:
		return "PromoteToPool"
	case PromoteToHeap:
		return "PromoteToHeap"
	case Leak:
		return "Leak"
	}
	return fmt.Sprintf("RetentionPolicy(%d)", int(p))
}

// Promotion is one value promoted by EndFrameWithPromotions.
type Promotion struct {
	// Policy is PromoteToPool or PromoteToHeap.
	Policy RetentionPolicy
	// Value is the promoted copy, a *T (type-assert it). The frame
	// original is gone.
	Value any
	// Size is the size of the value in bytes.
	Size int
	// Tag is the tag path in force when the value was allocated.
	Tag string
	// Frame is the frame number the value was allocated in.
	Frame uint64
}

type retainedValue struct {
	policy RetentionPolicy
	tag    string
	size   int
	copyTo func(l *Local, policy RetentionPolicy) any
}

// FrameRetained returns a zeroed *T in l's frame, like Frame, remembering
// what to do with it when the frame ends (see RetentionPolicy). Only
// EndFrameWithPromotions performs promotions; EndFrame discards them.
func FrameRetained[T any](l *Local, policy RetentionPolicy) *T {
	switch policy {
	case Discard:
		return Frame[T](l)
	case Leak:
		l.mustOpen()
		if l.debug && !l.inFrame {
			panic(notInFrame[T](l))
		}
		if err := l.checkFrame(int(unsafe.Sizeof(*new(T)))); err != nil {
			panic(err)
		}
		p := new(T)
		l.fa.total += unsafe.Sizeof(*p)
		l.fa.count++
		return p
	case PromoteToPool, PromoteToHeap:
	default:
		panic(fmt.Sprintf("allocator: FrameRetained with unknown policy %d", int(policy)))
	}
	p := Frame[T](l)
	l.retained = append(l.retained, retainedValue{
		policy: policy, tag: l.currentTag(), size: int(unsafe.Sizeof(*p)),
		copyTo: func(l *Local, policy RetentionPolicy) any {
			var c *T
			if policy == PromoteToPool {
				var err error
				if c, err = TryPool[T](l); err != nil {
					c = new(T) // past the pool budget: fall back to the heap
				}
			} else {
				c = new(T)
			}
			*c = *p
			return c
		},
	})
	if l.track {
		l.a.bf.promotion(l)
	}
	return p
}

// promote performs (or, when !do, discards) the frame's promotions.
func (l *Local) promote(do bool) []Promotion {
	var out []Promotion
	if do {
		out = make([]Promotion, 0, len(l.retained))
		for _, r := range l.retained {
			v := r.copyTo(l, r.policy)
			out = append(out, Promotion{Policy: r.policy, Value: v, Size: r.size, Tag: r.tag, Frame: l.frame})
			if r.policy == PromoteToPool {
				l.toPool++
				if l.track {
					l.a.bf.promotedToPool(l, efaceData(v), r.tag)
				}
			} else {
				l.toHeap++
			}
		}
	}
	clear(l.retained)
	l.retained = l.retained[:0]
	return out
}
