package model

// Problem is a snapshot the viewer could not use (a malformed file, a
// schema version it does not know, a live endpoint that stopped
// answering): named on the page, never fatal while watching.
type Problem struct {
	Source  string `json:"source"`
	Message string `json:"message"`
}

// View is everything the page shows, computed from a history.
type View struct {
	// Source describes where the snapshots come from.
	Source string `json:"source"`
	// Live reports whether new snapshots may still arrive.
	Live bool `json:"live"`
	// Generation increases with every change of the history.
	Generation uint64     `json:"generation"`
	Summary    Summary    `json:"summary"`
	Series     Series     `json:"series"`
	Tags       TagTree    `json:"tags"`
	Locals     []LocalRow `json:"locals"`
	Phases     []PhaseRow `json:"phases"`
	Warnings   Warnings   `json:"warnings"`
	// Snapshots lists the history, for choosing what to compare.
	Snapshots []Ref `json:"snapshots"`
	// Compare compares the first and the last snapshot; Previous the last
	// two (nil with a single snapshot).
	Compare  *Comparison `json:"compare"`
	Previous *Comparison `json:"previous"`
	Problems []Problem   `json:"problems"`
}

// Build computes the View of a non-empty history.
func Build(h []Entry, st *Static, problems []Problem) *View {
	last := h[len(h)-1].Snap
	v := &View{
		Summary:  BuildSummary(h),
		Series:   BuildSeries(h),
		Tags:     BuildTagTree(h),
		Locals:   BuildLocals(last),
		Phases:   BuildPhases(last),
		Warnings: BuildWarnings(h, st),
		Problems: problems,
	}
	v.Summary.CountStatic(st)
	if v.Problems == nil {
		v.Problems = []Problem{}
	}
	v.Snapshots = make([]Ref, len(h))
	for i := range h {
		v.Snapshots[i] = refOf(h, i)
	}
	v.Compare, _ = Compare(h, 0, len(h)-1)
	if len(h) > 1 {
		v.Previous, _ = Compare(h, len(h)-2, len(h)-1)
	}
	return v
}
