package fa604

import "github.com/framealloc/fa/allocator"

// Policies held in variables: promoting when every constant that can
// reach the variable promotes.

var defaultPolicy = allocator.PromoteToHeap

func policyInLocal(l *allocator.Local) {
	l.BeginFrame()
	policy := allocator.PromoteToPool
	use(allocator.FrameRetained[Enemy](l, policy)) // want `FA604: .* promotes with PromoteToPool, but the frames of l are ended with plain EndFrame`
	l.EndFrame()
}

func policyFromBranches(l *allocator.Local, boss bool) {
	l.BeginFrame()
	policy := allocator.PromoteToPool
	if boss {
		policy = allocator.PromoteToHeap
	}
	use(allocator.FrameRetained[Enemy](l, policy)) // want `FA604: .* promotes with PromoteToPool or PromoteToHeap, but the frames of l are ended with plain EndFrame`
	l.EndFrame()
}

func policyFromGlobal(l *allocator.Local) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, defaultPolicy)) // want `FA604: .* promotes with PromoteToHeap, but the frames of l are ended with plain EndFrame`
	l.EndFrame()
}

func retain(l *allocator.Local, p allocator.RetentionPolicy) *Enemy {
	return allocator.FrameRetained[Enemy](l, p) // want `FA604: .* promotes with PromoteToPool, but the frames of l are ended with plain EndFrame`
}

func callsRetain(l *allocator.Local) {
	l.BeginFrame()
	use(retain(l, allocator.PromoteToPool))
	l.EndFrame()
}

// --- negatives ---

// One constant reaching the variable does not promote.
func policyMaybeDiscard(l *allocator.Local, boss bool) {
	l.BeginFrame()
	policy := allocator.Discard
	if boss {
		policy = allocator.PromoteToHeap
	}
	use(allocator.FrameRetained[Enemy](l, policy))
	l.EndFrame()
}

// A value that is not a constant: unknown.
func policyFromCall(l *allocator.Local, pick func() allocator.RetentionPolicy) {
	l.BeginFrame()
	use(allocator.FrameRetained[Enemy](l, pick()))
	l.EndFrame()
}

// The promotions are collected.
func policyInLocalCollected(l *allocator.Local) {
	l.BeginFrame()
	policy := allocator.PromoteToPool
	use(allocator.FrameRetained[Enemy](l, policy))
	for _, p := range l.EndFrameWithPromotions() {
		use(p)
	}
}
