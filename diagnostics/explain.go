package diagnostics

import (
	"embed"
	"fmt"
	"io"
	"strings"
)

//go:embed examples/*.go.txt
var examplesFS embed.FS

// Explanation is the long documentation of one code, printed by
// `fa explain` and written to docs/diagnostics.md.
type Explanation struct {
	Info
	What    string   // what the check flags
	Why     string   // why it matters
	Wrong   string   // a complete Go program that triggers the code
	Right   string   // the corrected program
	SeeAlso []string // related codes
}

// Explain returns the explanation of a code or name (FA001 included).
func Explain(codeOrName string) (Explanation, bool) {
	info, ok := Lookup(codeOrName)
	if !ok {
		return Explanation{}, false
	}
	t := texts[info.Code]
	e := Explanation{Info: info, What: t.what, Why: t.why, SeeAlso: t.see}
	lc := strings.ToLower(info.Code)
	if b, err := examplesFS.ReadFile("examples/" + lc + "_wrong.go.txt"); err == nil {
		e.Wrong = string(b)
	}
	if b, err := examplesFS.ReadFile("examples/" + lc + "_right.go.txt"); err == nil {
		e.Right = string(b)
	}
	return e, true
}

// ExplainText renders the explanation of a code for a terminal.
func ExplainText(codeOrName string) (string, error) {
	e, ok := Explain(codeOrName)
	if !ok {
		return "", fmt.Errorf("unknown code %q (see fa list)", codeOrName)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", e.Code, e.Name)
	fmt.Fprintf(&b, "category: %s    default severity: %s\n\n", e.Category, e.Severity)
	fmt.Fprintf(&b, "What\n  %s\n\nWhy\n  %s\n", indent(e.What), indent(e.Why))
	if e.Wrong != "" {
		fmt.Fprintf(&b, "\nWrong\n%s", indentCode(e.Wrong))
	}
	if e.Right != "" {
		fmt.Fprintf(&b, "\nRight\n%s", indentCode(e.Right))
	}
	if len(e.SeeAlso) > 0 {
		fmt.Fprintf(&b, "\nSee also: %s\n", strings.Join(e.SeeAlso, ", "))
	}
	fmt.Fprintf(&b, "Docs: docs/diagnostics.md#%s\n", strings.ToLower(e.Code))
	return b.String(), nil
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }

func indentCode(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l == "" {
			b.WriteString("\n")
		} else {
			b.WriteString("    " + l + "\n")
		}
	}
	return b.String()
}

// WriteMarkdown writes docs/diagnostics.md: one section per code, with
// anchors like #fa601.
func WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("<!-- Generated from the diagnostics catalogue by `go test ./diagnostics -update-docs`; do not edit. -->\n\n")
	b.WriteString("# fa diagnostics\n\n")
	b.WriteString("| code | name | category | severity | summary |\n|---|---|---|---|---|\n")
	all := append(All(), Extensions()...)
	for _, in := range all {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", in.Code, strings.ToLower(in.Code), in.Name, in.Category, in.Severity, in.Summary)
	}
	for _, in := range all {
		e, _ := Explain(in.Code)
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n## %s %s\n\n", strings.ToLower(e.Code), e.Code, e.Name)
		fmt.Fprintf(&b, "Category: `%s` · default severity: `%s`\n\n", e.Category, e.Severity)
		fmt.Fprintf(&b, "**What.** %s\n\n**Why.** %s\n", e.What, e.Why)
		if e.Wrong != "" {
			fmt.Fprintf(&b, "\nWrong:\n\n```go\n%s```\n", e.Wrong)
		}
		if e.Right != "" {
			fmt.Fprintf(&b, "\nRight:\n\n```go\n%s```\n", e.Right)
		}
		if len(e.SeeAlso) > 0 {
			var links []string
			for _, s := range e.SeeAlso {
				links = append(links, fmt.Sprintf("[%s](#%s)", s, strings.ToLower(s)))
			}
			fmt.Fprintf(&b, "\nSee also: %s.\n", strings.Join(links, ", "))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing markdown: %w", err)
	}
	return nil
}

type text struct {
	what, why string
	see       []string
}

var texts = map[string]text{
	"FA001": {"A `//fa:ignore CODE reason` or `//fa:file-ignore CODE reason` comment without a reason, or naming an unknown code. This code is an extension to the contract's FA201–FA803 (category `suppression`).",
		"A suppression must say why the finding does not apply, so that reviewers can judge it; a typo in the code would silently suppress nothing.", nil},
	"FA201": {"A frame value reaches another goroutine without `Transfer`: it is sent on a channel, passed as an argument of a `go` call, passed to a helper that does either, or stored in a package-level variable that a goroutine of the package uses.",
		"Frame memory belongs to one Local and is reused after its `EndFrame`. The receiving goroutine keeps reading memory that the owner overwrites in its next frame: a data race and silent corruption. `Transfer`/`Receive` copy the value into the receiver's frame.", []string{"FA206", "FA703"}},
	"FA202": {"A `FrameBarrier`'s constant count differs from the goroutines started with it, or a goroutine that runs a frame loop with the barrier in scope never signals it.",
		"`WaitAll` returns when the count of `SignalFrameComplete` calls is reached: too high a count deadlocks the frame, too low lets a frame end while workers still run.", []string{"FA205"}},
	"FA203": {"A goroutine body (a function started with `go`) creates a Local or runs frames without `SetFrameBudget`, and the Allocator has no `Config.FrameBudget`.",
		"Without a budget a runaway frame grows until memory runs out instead of failing early with a `*BudgetError` that names the frame.", []string{"FA301"}},
	"FA204": {"A loop frees pool objects owned by another goroutine's Local (for example received over a channel). Each such free goes through the owner's bounded deferred queue.",
		"A burst of remote frees can fill the deferred queue; depending on its policy that drops frees, fails, grows without bound or blocks the freeing goroutine. The policy can change at run time, so the risk is reported whatever it is.", []string{"FA201"}},
	"FA205": {"With a FrameBarrier in use, a path from `EndFrame` to the next `BeginFrame` passes no `WaitAll`.",
		"Workers synchronised by a barrier must not start the next frame while others still use the previous one; without `WaitAll` the frames of different goroutines overlap.", []string{"FA202"}},
	"FA206": {"One `*Local` is used by two goroutines: it is captured by or passed to a `go` call and the spawner keeps using it afterwards.",
		"A Local is not safe for concurrent use: its frame index, pools and statistics are unsynchronised. Give each goroutine its own `a.NewLocal()`.", []string{"FA201", "FA701"}},
	"FA301": {"An allocation in a loop with no static bound (`for {}`, `for cond {}`, range over a channel or an iterator) and no budget guard (`SetFrameBudget`/`SetPoolBudget`, `Config.FrameBudget`/`PoolBudget`, or a checked `Try*` error).",
		"An unbounded loop can allocate without limit; a budget turns that into a reported error instead of memory exhaustion.", []string{"FA203", "FA603"}},
	"FA302": {"The error of `TryFrame`, `TryFrameSlice` or `TryPool` is discarded or never checked (returning it to the caller counts as checking).",
		"The `Try*` calls return a nil pointer with an error wrapping `ErrBudgetExceeded` when the budget is exhausted; ignoring the error leads to a nil dereference later.", []string{"FA301"}},
	"FA601": {"A frame value is stored where it outlives the frame: a package-level variable, a field or element of memory not from this frame (pointer parameters, receivers, maps, outer slices via append), or returned from a function that ends the frame.",
		"After `EndFrame` the memory is reused for the next frame's allocations. A pointer kept beyond the frame silently aliases unrelated data.", []string{"FA605", "FA606"}},
	"FA602": {"An allocator allocation inside a loop that is not itself the frame loop (only the innermost loop counts; the check is intraprocedural).",
		"Allocating per iteration multiplies frame usage by the trip count; allocate once (for example with `FrameSlice`) outside the loop.", []string{"FA301", "FA603"}},
	"FA603": {"An unbounded loop allocates frame memory and no `EndFrame` is reached in it.",
		"Frame memory is only reclaimed by `EndFrame`; a loop that never ends the frame grows the frame until its budget or memory runs out.", []string{"FA301", "FA602"}},
	"FA604": {"`FrameRetained` with `PromoteToPool` or `PromoteToHeap` whose promotions are never collected: frames are ended with `EndFrame`, or the `[]Promotion` of `EndFrameWithPromotions` is discarded.",
		"Promoted values are only reachable through the promotions list; if nobody reads it, the promotion is wasted work and the value is lost.", []string{"FA605"}},
	"FA605": {"A `FrameRetained(..., Discard)` value is stored beyond the frame.",
		"`Discard` is the plain frame behaviour: the value dies at `EndFrame`. Storing it beyond the frame is an escape; choose a promoting policy or copy the value.", []string{"FA601", "FA604"}},
	"FA606": {"A frame value is used after `EndFrame` (or `EndFrameWithPromotions`) of its Local on some path, or after the Scratch scope it came from ended. `len`, `cap` and comparison with nil are not uses.",
		"The memory already belongs to the next frame: reads see other data and writes corrupt it. Copy what you need before ending the frame.", []string{"FA601"}},
	"FA701": {"A frame allocation inside a func literal that runs on another goroutine or later (`go`, stored or registered callbacks, `time.AfterFunc`), using a Local captured from outside.",
		"The closure runs concurrently with the Local's owner or after its frame ended: the allocation races with the owner and lands in an unrelated frame.", []string{"FA206", "FA703"}},
	"FA702": {"A blocking operation (channel operation or `select` without default, `WaitGroup.Wait`, `Cond.Wait`, `time.Sleep`, `WaitAll`) between `BeginFrame` and `EndFrame` while frame values are live (allocated before and used after it).",
		"A frame is meant to be short; blocking inside it stretches the frame's lifetime unpredictably and holds its memory.", []string{"FA205"}},
	"FA703": {"A frame value captured by a func literal that may run after the frame ends: `go`, `defer` in a function that ends the frame, stored, returned or registered closures.",
		"When the closure runs, the captured pointer refers to memory of a later frame.", []string{"FA201", "FA701"}},
	"FA801": {"An allocation under a constant tag other than the one `.fa.toml` `[tags.modules]` maps its package to.",
		"Tags attribute memory to subsystems; allocating under another subsystem's tag makes budgets and statistics lie.", []string{"FA802", "FA803"}},
	"FA802": {"A constant tag that is not in `[tags].known`.",
		"Usually a typo; the allocation is accounted under a tag no budget or dashboard knows.", []string{"FA801"}},
	"FA803": {"A package allocates under a tag that `.fa.toml` maps to another package: it does another module's allocating.",
		"Cross-module allocation breaks ownership: the owning module's budget pays for memory it does not control.", []string{"FA801"}},
}
