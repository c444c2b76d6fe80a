package framecore

// Flow tracks which SSA values are frame memory (filled in by the flow
// solver).
type Flow struct {
	res *Result
}

func newFlow(res *Result) *Flow { return &Flow{res: res} }

func (fl *Flow) solve() {}
