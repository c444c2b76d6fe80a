package diagnostics

import (
	"slices"
	"strings"
)

// Info describes one diagnostic code.
type Info struct {
	Code     string   // "FA601"
	Name     string   // "frame-escape"
	Category Category // CategoryLifetime
	Severity Severity // default severity
	Summary  string   // one line: what it flags
}

// catalogue lists every code in code order. Names, categories and default
// severities are fixed by the design contract.
var catalogue = []Info{
	{"FA201", "cross-goroutine-frame", CategoryThreading, SeverityError, "a frame value reaches another goroutine without Transfer"},
	{"FA202", "barrier-mismatch", CategoryThreading, SeverityWarning, "a FrameBarrier's count differs from its participants, or a participant never signals"},
	{"FA203", "budget-not-configured", CategoryThreading, SeverityHint, "a goroutine runs frames on a Local without any frame budget"},
	{"FA204", "deferred-overflow-risk", CategoryThreading, SeverityWarning, "a loop frees pool objects owned by another goroutine's Local through its bounded deferred queue"},
	{"FA205", "frame-sync-race", CategoryThreading, SeverityError, "with a FrameBarrier in use, EndFrame reaches the next BeginFrame without WaitAll"},
	{"FA206", "shared-local", CategoryThreading, SeverityError, "one *Local is used by two goroutines"},
	{"FA301", "unbounded-allocation", CategoryBudgets, SeverityHint, "allocation in an unbounded loop with no budget guard"},
	{"FA302", "budget-error-ignored", CategoryBudgets, SeverityWarning, "the error of a Try* allocation is discarded or never checked"},
	{"FA601", "frame-escape", CategoryLifetime, SeverityWarning, "a frame value is stored where it outlives the frame"},
	{"FA602", "loop-allocation", CategoryLifetime, SeverityWarning, "an allocation inside a loop that is not the frame loop"},
	{"FA603", "missing-frame-boundary", CategoryLifetime, SeverityWarning, "an unbounded loop allocates frame memory and never ends the frame"},
	{"FA604", "retention-policy-mismatch", CategoryLifetime, SeverityHint, "FrameRetained promotes, but the promotions are never collected"},
	{"FA605", "discard-stored-beyond-frame", CategoryLifetime, SeverityWarning, "a FrameRetained(..., Discard) value is stored beyond the frame"},
	{"FA606", "use-after-end-frame", CategoryLifetime, SeverityError, "a frame value is used after EndFrame of its Local"},
	{"FA701", "frame-alloc-in-async", CategoryAsync, SeverityError, "a frame allocation inside a func literal that runs on another goroutine or later"},
	{"FA702", "blocking-in-frame", CategoryAsync, SeverityWarning, "a blocking operation between BeginFrame and EndFrame while frame values are live"},
	{"FA703", "closure-capture", CategoryAsync, SeverityError, "a frame value captured by a func literal that may run after the frame ends"},
	{"FA801", "tag-mismatch", CategoryArchitecture, SeverityWarning, "an allocation under a tag other than the one .fa.toml maps its package to"},
	{"FA802", "unknown-tag", CategoryArchitecture, SeverityHint, "a constant tag that is not in [tags].known"},
	{"FA803", "cross-module-allocation", CategoryArchitecture, SeverityWarning, "a package allocates under a tag that .fa.toml maps to another package"},
}

// CategorySuppression is the category of FA001, an extension to the
// contract's five categories: malformed //fa: suppression comments.
const CategorySuppression Category = "suppression"

// extensions are codes beyond the contract's FA201–FA803.
var extensions = []Info{
	{"FA001", "invalid-suppression", CategorySuppression, SeverityWarning, "a //fa:ignore or //fa:file-ignore comment without a reason or for an unknown code"},
}

// Extensions returns the codes beyond FA201–FA803 (FA001).
func Extensions() []Info { return slices.Clone(extensions) }

// All returns every code in code order. The result is a fresh slice.
func All() []Info { return slices.Clone(catalogue) }

// Lookup returns the Info for a code such as "FA601" (case-insensitive) or a
// name such as "frame-escape".
func Lookup(codeOrName string) (Info, bool) {
	for _, in := range append(slices.Clone(catalogue), extensions...) {
		if strings.EqualFold(in.Code, codeOrName) || in.Name == codeOrName {
			return in, true
		}
	}
	return Info{}, false
}

// InCategory returns the codes of one category in code order.
func InCategory(c Category) []Info {
	var out []Info
	for _, in := range catalogue {
		if in.Category == c {
			out = append(out, in)
		}
	}
	return out
}
