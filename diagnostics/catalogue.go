package diagnostics

import (
	"fmt"
	"slices"
	"strings"
)

// Info is the catalogue entry of one code: the one source of everything
// said about it. The code's analyzer takes its Doc and URL from it
// (AnalyzerDoc, DocURL), `fa explain` prints it, the text output's help
// line, the SARIF rule and the code's section of docs/diagnostics.md are
// written from it. Its wrong and right example programs are the files
// examples/<code>_wrong.go.txt and _right.go.txt.
type Info struct {
	Code     string   // "FA601"
	Name     string   // "frame-escape"
	Category Category // CategoryLifetime
	Severity Severity // default severity
	Summary  string   // one line: what it flags
	// Help is one imperative line: how to fix a finding.
	Help string
	// What the check flags, in the terms of the design contract (markdown).
	What string
	// Details says exactly where the check reports and what it leaves
	// alone; paragraphs are separated by blank lines. Empty when What
	// says it all.
	Details string
	// Why it matters (markdown).
	Why string
	// SeeAlso lists related codes.
	SeeAlso []string
}

// catalogue lists every code in code order. Names, categories and default
// severities are fixed by the design contract.
var catalogue = []Info{
	{
		Code: "FA201", Name: "cross-goroutine-frame", Category: CategoryThreading, Severity: SeverityError,
		Summary: "a frame value reaches another goroutine without Transfer",
		Help:    "hand frame values to other goroutines with allocator.Transfer and Receive",
		What:    "A frame value reaches another goroutine without `Transfer`: it is sent on a channel, passed as an argument of a `go` call, passed to a helper that does either, or stored in a package-level variable that a goroutine of the package uses.",
		Details: "Reported at the send (also in a select), the go statement, the call of a helper (in any package, also one that does not import the allocator) that does either with its argument, or the store into a package-level variable that a goroutine started in the package uses, in its body or in the package's functions it calls.\n\nValues captured by a func literal are FA703's, not FA201's. Values returned by Receive belong to the receiving goroutine's Local, and a goroutine the function waits for (WaitGroup.Wait, errgroup's Wait) before its frame ends runs inside the frame: what it is given is fine (a go statement given a WaitGroup the function waits on afterwards, or a helper that waits for the goroutine it hands its argument to).",
		Why:     "Frame memory belongs to one Local and is reused after its `EndFrame`. The receiving goroutine keeps reading memory that the owner overwrites in its next frame: a data race and silent corruption. `Transfer`/`Receive` copy the value into the receiver's frame.",
		SeeAlso: []string{"FA206", "FA703"},
	},
	{
		Code: "FA202", Name: "barrier-mismatch", Category: CategoryThreading, Severity: SeverityWarning,
		Summary: "a FrameBarrier's count differs from its participants, or a participant never signals",
		Help:    "make the barrier count equal to the goroutines that signal it",
		What:    "A `FrameBarrier`'s constant count differs from the goroutines started with it, or a goroutine that runs a frame loop with the barrier in scope never signals it.",
		Details: "NewFrameBarrier(n) releases WaitAll once n participants have signalled the frame. The participants are the goroutines started with the barrier (passed as an argument of the go call or captured by its func literal, also through WaitGroup.Go and errgroup's Go; goroutines started in a loop with a constant bound count that many times: a 3-clause loop with constant bounds, a range over a constant integer or over an array of constant length), plus the spawning function only if it signals the barrier itself. FA202 is reported at the NewFrameBarrier call when its constant count differs from that number, and at the go statement of a goroutine that runs a frame loop with a barrier it was given but never signals it.\n\nThe check stays silent when the count or the number of launches is not static: a non-constant count, a launch under a condition or in a loop without a constant bound, a barrier stored in a field or package-level variable, passed to another function, or handed on by a goroutine.",
		Why:     "`WaitAll` returns when the count of `SignalFrameComplete` calls is reached: too high a count deadlocks the frame, too low lets a frame end while workers still run.",
		SeeAlso: []string{"FA205"},
	},
	{
		Code: "FA203", Name: "budget-not-configured", Category: CategoryThreading, Severity: SeverityHint,
		Summary: "a goroutine runs frames on a Local without any frame budget",
		Help:    "call l.SetFrameBudget or set Config.FrameBudget",
		What:    "A goroutine body (a function started with `go`) creates a Local or runs frames without `SetFrameBudget`, and the Allocator has no `Config.FrameBudget`.",
		Details: "A hint, reported at the NewLocal call of a goroutine body (a function started with go, WaitGroup.Go, errgroup's Go or a helper that runs its func argument on a goroutine; main, handlers and plain functions are not goroutine bodies) when the Local it creates runs frames (BeginFrame, EndFrame or frame allocations, directly or through helpers), no SetFrameBudget is called on it (directly or through a helper in any package), and some Config that can reach the Allocator it comes from has no FrameBudget: an Allocator is budgeted only if every Config that can reach it in the package sets FrameBudget. The Allocator is followed through local and captured variables, parameters (the arguments of every call of the function in the package), results of the package's functions, package-level variables and struct fields (every store of the package into the field; a field of another package through the facts that package exports for its budgeted fields). A pool budget (SetPoolBudget, Config.PoolBudget) is not a frame budget, nor is the budget of another Local.\n\nWhen no Config can be seen (a parameter of an exported function, a function result of another package, a field no store of which is seen), the Allocator counts as budgeted; when the Local goes where the check cannot follow, nothing is reported. A Local stored in a struct field by a constructor that budgets it is budgeted wherever that field is used.",
		Why:     "Without a budget a runaway frame grows until memory runs out instead of failing early with a `*BudgetError` that names the frame.",
		SeeAlso: []string{"FA301"},
	},
	{
		Code: "FA204", Name: "deferred-overflow-risk", Category: CategoryThreading, Severity: SeverityWarning,
		Summary: "a loop frees pool objects owned by another goroutine's Local through its bounded deferred queue",
		Help:    "free pool objects on the goroutine that owns them, or size the deferred queue",
		What:    "A loop frees pool objects owned by another goroutine's Local (for example received over a channel). Each such free goes through the owner's bounded deferred queue.",
		Details: "A pool object freed by a goroutine other than its owner's is not pushed on a free list: it goes through the owner's deferred queue, which is bounded (DeferredConfig.Capacity) and drains only when the owner processes it. FA204 is reported at a PoolFree call inside a loop (any loop) when the object is owned by another goroutine's Local: it was received over a channel (a receive, a range over a channel, a select case, or a field or element of something received, such as an element of an array field of a received struct, unless the function reassigns parts of it), it was handed in by the go statement that started this goroutine (an argument or a captured variable, while the goroutine frees with a Local of its own), or it was allocated with another Local that this function hands to a goroutine. Freeing objects your own Local allocated is fine.",
		Why:     "A burst of remote frees can fill the deferred queue; depending on its policy that drops frees, fails, grows without bound or blocks the freeing goroutine. The policy can change at run time, so the risk is reported whatever it is.",
		SeeAlso: []string{"FA201"},
	},
	{
		Code: "FA205", Name: "frame-sync-race", Category: CategoryThreading, Severity: SeverityError,
		Summary: "with a FrameBarrier in use, EndFrame reaches the next BeginFrame without WaitAll",
		Help:    "call WaitAll on the barrier between EndFrame and the next BeginFrame",
		What:    "With a FrameBarrier in use, a path from `EndFrame` to the next `BeginFrame` passes no `WaitAll`.",
		Details: "Goroutines that advance frames in lockstep end a frame, signal the barrier and wait for the others before beginning the next one. FA205 looks at every function or func literal that is given a FrameBarrier (a parameter or a captured variable) or calls SignalFrameComplete or WaitAll, directly or through a helper in any package; other functions are not concerned. In those, it is reported at an EndFrame (or EndFrameWithPromotions) call from which some path reaches the next BeginFrame of the same Local, typically around the frame loop's back edge, without passing a WaitAll (or a helper that waits).",
		Why:     "Workers synchronised by a barrier must not start the next frame while others still use the previous one; without `WaitAll` the frames of different goroutines overlap.",
		SeeAlso: []string{"FA202"},
	},
	{
		Code: "FA206", Name: "shared-local", Category: CategoryThreading, Severity: SeverityError,
		Summary: "one *Local is used by two goroutines",
		Help:    "give each goroutine its own Local (a.NewLocal())",
		What:    "One `*Local` is used by two goroutines: it is captured by or passed to a `go` call and the spawner keeps using it afterwards.",
		Details: "A goroutine may be handed a Local (as an argument of the go call, captured by the func literal it runs, given to WaitGroup.Go or to a helper that starts a goroutine with it, or held in a field of a struct it is given) only if the spawner stops using that Local. FA206 is reported at the go statement when the spawner uses the same Local afterwards on some path: a later call on it, passing it to a function, capturing it in another closure, or launching again with it around a loop.\n\nA Local created anew on each iteration, or handed off and not touched again, is fine; so is a use after the spawner waits for the goroutines with WaitGroup.Wait or errgroup's Wait. The Local of a request served by framehttp (framehttp.Local(r)) is always used after the handler returns (the middleware ends its frame and hands it to the next request), so a goroutine given it that the handler does not wait for is FA206.",
		Why:     "A Local is not safe for concurrent use: its frame index, pools and statistics are unsynchronised. Give each goroutine its own `a.NewLocal()`.",
		SeeAlso: []string{"FA201", "FA701"},
	},
	{
		Code: "FA301", Name: "unbounded-allocation", Category: CategoryBudgets, Severity: SeverityHint,
		Summary: "allocation in an unbounded loop with no budget guard",
		Help:    "bound the loop or set a frame budget (l.SetFrameBudget)",
		What:    "An allocation in a loop with no static bound (`for {}`, `for cond {}`, range over a channel or an iterator) and no budget guard (`SetFrameBudget`/`SetPoolBudget`, `Config.FrameBudget`/`PoolBudget`, or a checked `Try*` error).",
		Details: "The allocating calls are Frame, FrameSlice, FrameBytes, TryFrame, TryFrameSlice, FrameRetained, Pool, TryPool, Heap and ScratchAlloc; an unbounded frame loop counts too. A budget guard is one of: SetFrameBudget or SetPoolBudget on the same Local in the function (or a func literal of it, or a helper of any package called with that Local); a non-zero Config.FrameBudget or Config.PoolBudget in every Config that can make the Local's Allocator; a Try* allocation on the Local in the loop whose error is checked. The Local and its Allocator are followed back through local and captured variables, parameters (the arguments of every call of the function in the package, with the budgets the caller sets), results of the package's functions, package-level variables and struct fields: a Local stored in a field by a constructor that budgets it, or that creates it from an Allocator with a budgeted Config, is guarded wherever the field is used, in this package or another (through a fact on the field). An Allocator whose Config cannot be seen (a parameter of an exported function, a function result of another package) is assumed to be budgeted; a Local that comes from out of sight (a parameter of an exported function, a field no store of which is seen, a function of another package) with no budget set on it is not guarded. The Local framehttp.Local gives a handler is guarded when every framehttp.Middleware call of the package sets a positive Options.FrameBudget or passes an Allocator with a budgeted Config (a negative Options.FrameBudget removes the budget); when the package makes no Middleware call, the program that serves the handler configures it out of sight and it counts as guarded.\n\nOnly the innermost loop around the allocation counts; a func literal's body is a function of its own except a WithTag closure, which belongs to the loop it sits in. Reported at the allocation call.",
		Why:     "An unbounded loop can allocate without limit; a budget turns that into a reported error instead of memory exhaustion.",
		SeeAlso: []string{"FA203", "FA603"},
	},
	{
		Code: "FA302", Name: "budget-error-ignored", Category: CategoryBudgets, Severity: SeverityWarning,
		Summary: "the error of a Try* allocation is discarded or never checked",
		Help:    "check the error of the Try* call",
		What:    "The error of `TryFrame`, `TryFrameSlice` or `TryPool` is discarded or never checked (returning it to the caller counts as checking).",
		Details: "Discarded means a call statement, a blank assignment, or a variable overwritten before it is read; never checked means bound to variables that are never compared, passed to a function or returned on any path. Returning the error to the caller, or passing it to any function (errors.Is, a logger, fmt), counts as checking it. Reported at the Try* call.",
		Why:     "The `Try*` calls return a nil pointer with an error wrapping `ErrBudgetExceeded` when the budget is exhausted; ignoring the error leads to a nil dereference later.",
		SeeAlso: []string{"FA301"},
	},
	{
		Code: "FA601", Name: "frame-escape", Category: CategoryLifetime, Severity: SeverityWarning,
		Summary: "a frame value is stored where it outlives the frame",
		Help:    "use allocator.Pool or allocator.Heap for data that outlives the frame",
		What:    "A frame value is stored where it outlives the frame: a package-level variable, a field or element of memory not from this frame (pointer parameters, receivers, maps, outer slices via append), or returned from a function that ends the frame.",
		Details: "Reported at the store, or at the return of a function that ends the frame (for example with defer l.EndFrame()). Frame values include everything derived from a frame allocation: field and element addresses, sub-slices, conversions that keep the address, method values, and values passed through helpers in any package.\n\nStoring frame memory into local variables and local containers that do not escape is fine, and so is storing it into memory that is itself frame memory known in the function. What a struct holds is kept field by field (for the elements of a slice or array of structs too), through helpers in both directions: a frame struct whose field a points to a long-lived object and whose field buf is frame memory gives its a to a receiver without a finding; only storing buf (or the struct itself) is reported. A helper returning a struct value (island{bodies: FrameSlice(...), pos: pos}) carries its fields apart too: keeping pos, or a pointer read out of bodies, is not reported. Fields nested inside a field, and different elements of one slice, are not told apart. Receivers, pointer parameters and what they reach (fields, maps, slices via append, nested structs, objects returned by getters, also through interface methods implemented in the package, and from a closure that captures them and runs synchronously) are presumed to outlive the frame: a function storing a value it knows is frame memory into them reports at the store. A method or helper storing a value it only has as a parameter into its receiver or parameter does not report itself: the fact travels to its callers, and FA601 is reported at the call that passes known frame memory (unless the destination it passes is frame memory it knows, such as a frame-allocated container's Push).\n\nCopies hold frame memory only when the copied elements hold pointers: copy, append(dst, src...), *p, string(b) and struct values of pointer-free types do not. The standard library is known by its documented aliasing: AppendX(dst, ...) may return dst (strconv, encoding/binary, fmt.Append, utf8.AppendRune, time.Time.AppendFormat), sub-slicing functions (bytes.TrimSpace, bytes.Fields, bytes.Cut) return parts of their argument, and containers (container/list, sync.Map, sync.Pool, atomic.Pointer.Store, heap.Push) keep what they are given. With framehttp, a handler's frame ends when it returns: frame memory of framehttp.Local(r) kept on the server is FA601. FrameRetained(..., Discard) values are FA605's, not FA601's; values with a promoting policy are kept on purpose.",
		Why:     "After `EndFrame` the memory is reused for the next frame's allocations. A pointer kept beyond the frame silently aliases unrelated data.",
		SeeAlso: []string{"FA605", "FA606"},
	},
	{
		Code: "FA602", Name: "loop-allocation", Category: CategoryLifetime, Severity: SeverityWarning,
		Summary: "an allocation inside a loop that is not the frame loop",
		Help:    "allocate once outside the loop, or use FrameSlice",
		What:    "An allocator allocation inside a loop that is not itself the frame loop (only the innermost loop counts; the check is intraprocedural).",
		Details: "The allocating calls are Frame, FrameSlice, FrameBytes, TryFrame, TryFrameSlice, FrameRetained, Pool, TryPool, Heap and ScratchAlloc. The frame loop is a loop whose iterations both begin and end a frame, directly or through helpers. Only the innermost loop around the allocation counts; a func literal's body is a function of its own (loops around it do not count) except a WithTag closure, which belongs to the loop it sits in. The check is intraprocedural: a call of a helper that allocates, made inside a loop, is not reported. Reported at the allocation call.",
		Why:     "Allocating per iteration multiplies frame usage by the trip count; allocate once (for example with `FrameSlice`) outside the loop.",
		SeeAlso: []string{"FA301", "FA603"},
	},
	{
		Code: "FA603", Name: "missing-frame-boundary", Category: CategoryLifetime, Severity: SeverityWarning,
		Summary: "an unbounded loop allocates frame memory and never ends the frame",
		Help:    "end the frame inside the loop (l.EndFrame())",
		What:    "An unbounded loop allocates frame memory and no `EndFrame` is reached in it.",
		Details: "An unbounded loop is for {}, for cond {}, or a range over a channel or an iterator; the frame allocations are Frame, FrameSlice, FrameBytes, TryFrame, TryFrameSlice and FrameRetained. An EndFrame of that Local counts when it is direct, deferred in a func literal run inside the loop, or in a helper of any package; EndFrameWithPromotions counts too. Only the innermost loop around the allocation counts, and a func literal's body is a function of its own except a WithTag closure, which belongs to the loop it sits in. Reported at the allocation call.",
		Why:     "Frame memory is only reclaimed by `EndFrame`; a loop that never ends the frame grows the frame until its budget or memory runs out.",
		SeeAlso: []string{"FA301", "FA602"},
	},
	{
		Code: "FA604", Name: "retention-policy-mismatch", Category: CategoryLifetime, Severity: SeverityHint,
		Summary: "FrameRetained promotes, but the promotions are never collected",
		Help:    "end the frame with EndFrameWithPromotions and use its result",
		What:    "`FrameRetained` with `PromoteToPool` or `PromoteToHeap` whose promotions are never collected: frames are ended with `EndFrame`, or the `[]Promotion` of `EndFrameWithPromotions` is discarded.",
		Details: "Only the constant policies PromoteToPool and PromoteToHeap promote; Leak and Discard promote nothing and are never reported. A policy held in a variable promotes when every constant that can reach it promotes.\n\nThe Local framehttp.Local gives a handler has its frames ended by the framehttp middleware with plain EndFrame (when the handler returns, and at each framehttp.Cycle), so a promoting FrameRetained on it is reported unless the handler itself ends a frame with EndFrameWithPromotions and uses the result.\n\nThe frame ends are looked for in the function of the allocation (and its func literals); when it ends no frame of the Local itself and the Local is its parameter, in the callers of the package that pass it. The check is conservative: if some end of that Local collects the promotions, goes through a helper, or cannot be seen, nothing is reported. Reported at the FrameRetained call.",
		Why:     "Promoted values are only reachable through the promotions list; if nobody reads it, the promotion is wasted work and the value is lost.",
		SeeAlso: []string{"FA605"},
	},
	{
		Code: "FA605", Name: "discard-stored-beyond-frame", Category: CategoryLifetime, Severity: SeverityWarning,
		Summary: "a FrameRetained(..., Discard) value is stored beyond the frame",
		Help:    "use PromoteToPool or PromoteToHeap, or copy the value",
		What:    "A `FrameRetained(..., Discard)` value is stored beyond the frame.",
		Details: "Discard memory is dropped at EndFrame like any frame memory; only the promoting policies keep it. Values derived from a Discard value (field and element addresses, sub-slices) are Discard values too. Where FA601 would report a store of frame memory, a Discard value is reported as FA605 instead, never both.",
		Why:     "`Discard` is the plain frame behaviour: the value dies at `EndFrame`. Storing it beyond the frame is an escape; choose a promoting policy or copy the value.",
		SeeAlso: []string{"FA601", "FA604"},
	},
	{
		Code: "FA606", Name: "use-after-end-frame", Category: CategoryLifetime, Severity: SeverityError,
		Summary: "a frame value is used after EndFrame of its Local",
		Help:    "do not use frame values after EndFrame; copy what you need first",
		What:    "A frame value is used after `EndFrame` (or `EndFrameWithPromotions`) of its Local on some path, or after the Scratch scope it came from ended. `len`, `cap` and comparison with nil are not uses.",
		Details: "A use is a load or store through the value, storing it, passing it to a call, sending it, ranging over it or calling a method value bound to it or a func literal of the function that captured it; len, cap, comparisons and address arithmetic are not uses. A frame value kept in a variable across a frame boundary (set in one iteration of a frame loop, used in the next) is used after EndFrame; frame memory reallocated on the path is fresh, not stale. framehttp.Cycle(r) ends the request's frame like EndFrame. The frame original of a FrameRetained value with a promoting policy is gone after the frame ends (use the promoted copy from EndFrameWithPromotions). Only the first stale use on a path is reported, at the use (one per line). Returning a frame value after EndFrame is FA601, and a deferred closure's captures are FA703's.",
		Why:     "The memory already belongs to the next frame: reads see other data and writes corrupt it. Copy what you need before ending the frame.",
		SeeAlso: []string{"FA601"},
	},
	{
		Code: "FA701", Name: "frame-alloc-in-async", Category: CategoryAsync, Severity: SeverityError,
		Summary: "a frame allocation inside a func literal that runs on another goroutine or later",
		Help:    "allocate with the goroutine's own Local, or Transfer the value",
		What:    "A frame allocation inside a func literal that runs on another goroutine or later (`go`, stored or registered callbacks, `time.AfterFunc`), using a Local captured from outside.",
		Details: "A literal runs later when it is started with go (or passed to a go statement), returned, sent on a channel, stored in a package-level variable or in memory that outlives the function (a field or map of a parameter or global, a local container that is itself returned or stored there), passed to a function that keeps its func argument (time.AfterFunc, context.AfterFunc, sync.WaitGroup.Go, helpers in any package whose facts say so, such as an event bus whose Subscribe appends its func argument to its receiver, also in a package that does not import the allocator), or deferred in a function that ends the frame of that Local before the deferred call runs (a literal deferred after defer l.EndFrame() runs before it and is fine).\n\nFunc literals called at once, passed to WithTag or Scratch.Scope, or to a function that does not keep them run synchronously; the check looks through them to the literal that captures the Local. A Local created inside the literal, or received as its parameter, is fine. Reported at the allocation call.",
		Why:     "The closure runs concurrently with the Local's owner or after its frame ended: the allocation races with the owner and lands in an unrelated frame.",
		SeeAlso: []string{"FA206", "FA703"},
	},
	{
		Code: "FA702", Name: "blocking-in-frame", Category: CategoryAsync, Severity: SeverityWarning,
		Summary: "a blocking operation between BeginFrame and EndFrame while frame values are live",
		Help:    "finish blocking work before BeginFrame or after EndFrame",
		What:    "A blocking operation (channel operation or `select` without default, `WaitGroup.Wait`, `Cond.Wait`, `time.Sleep`, `WaitAll`) between `BeginFrame` and `EndFrame` while frame values are live (allocated before and used after it).",
		Details: "Blocking operations are a channel send or receive, a select without default, a range over a channel (reported at the for line), sync.WaitGroup.Wait, sync.Cond.Wait, time.Sleep and FrameBarrier.WaitAll; mutex Lock and I/O are not. A frame value (allocated in the function, returned by Receive, or returned as frame memory by a helper) is live when it was allocated before the blocking operation (with no EndFrame of the Local in between) and is used after it, before the frame ends; uses count through values derived from it, and len, cap and comparisons with nil are not uses. A handler's frame memory from framehttp.Local is in the request's frame, which is open from the handler's start until it returns or calls framehttp.Cycle.\n\nThe check is intraprocedural: the function must begin the frame of the Local and end it (a deferred EndFrame counts as the end), directly or through helpers.",
		Why:     "A frame is meant to be short; blocking inside it stretches the frame's lifetime unpredictably and holds its memory.",
		SeeAlso: []string{"FA205"},
	},
	{
		Code: "FA703", Name: "closure-capture", Category: CategoryAsync, Severity: SeverityError,
		Summary: "a frame value captured by a func literal that may run after the frame ends",
		Help:    "copy the value, or Transfer it, before the closure runs",
		What:    "A frame value captured by a func literal that may run after the frame ends: `go`, `defer` in a function that ends the frame, stored, returned or registered closures.",
		Details: "Runs after the frame ends means: started with go, deferred in a function that ends the frame (before the deferred EndFrame runs; a closure deferred after defer l.EndFrame() runs first and is fine), stored beyond the function, returned, sent, or registered with a function that keeps its func argument (time.AfterFunc, context.AfterFunc, WaitGroup.Go, errgroup's Go, helpers in any package whose facts say so, such as an event bus whose Subscribe appends its func argument to its receiver, also in a package that does not import the allocator). A literal given to WaitGroup.Go or errgroup's Go on a group the same function waits for afterwards, or started with go and calling Done on a WaitGroup the function waits on afterwards, or started with go and closing a channel in a defer (or closing it or sending on it right before each return) that the function receives from afterwards, finishes before the function goes on and is not reported; the wait must come before the function ends the frame. Local variables and containers holding the literal are followed to where they go. The message names how the literal runs (started with go, stored in field cbs of receiver w, registered to run later by time.AfterFunc, ...). FA701 and FA703 use one model of how a literal runs. A capture is FA703 only, never also FA201 or FA606. Reported at the first line of the func literal.",
		Why:     "When the closure runs, the captured pointer refers to memory of a later frame.",
		SeeAlso: []string{"FA201", "FA701"},
	},
	{
		Code: "FA801", Name: "tag-mismatch", Category: CategoryArchitecture, Severity: SeverityWarning,
		Summary: "an allocation under a tag other than the one .fa.toml maps its package to",
		Help:    "allocate under the tag .fa.toml maps this package to",
		What:    "An allocation under a constant tag other than the one `.fa.toml` `[tags.modules]` maps its package to.",
		Details: "[tags.modules] in .fa.toml maps Go package patterns to the subsystem tag their allocations are attributed to (\"example.com/game/physics/...\" = \"physics\"). FA801 is reported at a WithTag call (or an EnterTag call, whose region up to the TagScope's Exit counts exactly like a WithTag closure) of a mapped package whose closure allocates under another tag that no package is mapped to, usually a tag copied from elsewhere or an old name; a nested path under the module tag (\"physics/collision\") is fine. When the tag belongs to another package, FA803 is reported instead, never both.\n\nOnly constant tags count (constant expressions and named constants, including exported constants of other packages; for EnterTag, the name given to the a.Tag call that made the handle, followed through variables, package-level variables and fields); for nested WithTag calls (or EnterTag regions) the outermost tag, or the first segment of a constant \"a/b\" tag, is the module tag. A WithTag call is nested when the package only ever runs it inside another one: in its closure, in a helper called from there, in a callback passed to a WithTag call or called inside its closure, in a method called there through an interface or a func value; exported functions and methods of exported types may be called untagged from other packages, so their WithTag calls are outermost. Tags are case-sensitive. Untagged allocations, phase names and scratch names are not tags, and a WithTag closure that does not allocate is not checked. Without [tags.modules] nothing is reported.",
		Why:     "Tags attribute memory to subsystems; allocating under another subsystem's tag makes budgets and statistics lie.",
		SeeAlso: []string{"FA802", "FA803"},
	},
	{
		Code: "FA802", Name: "unknown-tag", Category: CategoryArchitecture, Severity: SeverityHint,
		Summary: "a constant tag that is not in [tags].known",
		Help:    "add the tag to [tags].known or fix its spelling",
		What:    "A constant tag that is not in `[tags].known`.",
		Details: "Reported, as a hint, at a WithTag call whose closure (or an EnterTag call whose region) allocates under a constant module tag that is not listed in [tags].known. When a listed tag is close (another case, or one or two letters off) the message names it, and a tag written as a string literal (in the WithTag call, or in the one a.Tag call that made EnterTag's handle) gets a suggested fix.\n\nThe module tag is the outermost tag of nested WithTag calls, or the first segment of a constant \"a/b\" tag (a tag is also known when the whole \"a/b\" is listed); nested sub-tags are not checked. Only constant tags count (constant expressions and named constants, including exported constants of other packages). Without [tags].known, or with an empty list, nothing is reported.",
		Why:     "Usually a typo; the allocation is accounted under a tag no budget or dashboard knows.",
		SeeAlso: []string{"FA801"},
	},
	{
		Code: "FA803", Name: "cross-module-allocation", Category: CategoryArchitecture, Severity: SeverityWarning,
		Summary: "a package allocates under a tag that .fa.toml maps to another package",
		Help:    "let the package that owns the tag do the allocating",
		What:    "A package allocates under a tag that `.fa.toml` maps to another package: it does another module's allocating.",
		Details: "When [tags.modules] maps a tag to a package pattern, allocations under that tag belong to those packages: budgets and statistics per tag then describe one subsystem. FA803 is reported at a WithTag call whose closure (or an EnterTag call whose region) allocates under such a tag in a package that is not mapped to it, either mapped to a tag of its own or not mapped at all. A mapped package allocating under a tag that belongs to no package is FA801 instead, never both.\n\nOnly constant tags count (constant expressions and named constants, including exported constants of other packages, and the names of a.Tag handles); for nested WithTag calls and EnterTag regions the outermost tag, or the first segment of a constant \"a/b\" tag, is the module tag. Module patterns follow Go package patterns. Untagged allocations, phase names and scratch names are not tags. Without [tags.modules] nothing is reported.",
		Why:     "Cross-module allocation breaks ownership: the owning module's budget pays for memory it does not control.",
		SeeAlso: []string{"FA801"},
	},
}

// CategorySuppression is the category of FA001, an extension to the
// contract's five categories: malformed //fa: suppression comments.
const CategorySuppression Category = "suppression"

// extensions are codes beyond the contract's FA201–FA803.
var extensions = []Info{
	{
		Code: "FA001", Name: "invalid-suppression", Category: CategorySuppression, Severity: SeverityWarning,
		Summary: "a //fa:ignore or //fa:file-ignore comment without a reason or for an unknown code",
		Help:    "write //fa:ignore CODE reason, with a known code and a reason",
		What:    "A `//fa:ignore CODE reason` or `//fa:file-ignore CODE reason` comment without a reason, or naming an unknown code. This code is an extension to the contract's FA201–FA803 (category `suppression`).",
		Why:     "A suppression must say why the finding does not apply, so that reviewers can judge it; a typo in the code would silently suppress nothing.",
	},
}

// Extensions returns the codes beyond FA201–FA803 (FA001).
func Extensions() []Info { return slices.Clone(extensions) }

// All returns every code in code order. The result is a fresh slice.
func All() []Info { return slices.Clone(catalogue) }

// Lookup returns the Info for a code such as "FA601" (case-insensitive) or a
// name such as "frame-escape".
func Lookup(codeOrName string) (Info, bool) {
	for _, list := range [][]Info{catalogue, extensions} {
		for i := range list {
			if strings.EqualFold(list[i].Code, codeOrName) || list[i].Name == codeOrName {
				return list[i], true
			}
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

// DocsURL is the published docs/diagnostics.md, generated from this
// catalogue, with one section per code.
const DocsURL = "https://github.com/framealloc/fa/blob/main/docs/diagnostics.md"

// DocURL returns the address of a code's section of DocsURL: its anchor
// is the lower-case code (#fa601).
func DocURL(code string) string { return DocsURL + "#" + strings.ToLower(code) }

// AnalyzerDoc is the Doc of the code's analyzer, as go vet's help shows it:
// a title line ("FA601 frame-escape: <summary>"), then what the check
// flags, the details, why it matters and how to fix it.
func (in Info) AnalyzerDoc() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n%s\n", in.Code, in.Name, in.Summary, in.What)
	if in.Details != "" {
		fmt.Fprintf(&b, "\n%s\n", in.Details)
	}
	fmt.Fprintf(&b, "\nWhy: %s\n\nHelp: %s.\n", in.Why, in.Help)
	return b.String()
}

// HelpText is the code's documentation as plain text, without examples:
// what, details, why, help and where to read more. SARIF rules carry it.
func (in Info) HelpText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n%s\n", in.Code, in.Name, in.Summary, in.What)
	if in.Details != "" {
		fmt.Fprintf(&b, "\n%s\n", in.Details)
	}
	fmt.Fprintf(&b, "\nWhy: %s\n\nHelp: %s.\n\nRun `fa explain %s` for a wrong and a right example, or read %s.", in.Why, in.Help, in.Code, DocURL(in.Code))
	return b.String()
}

// HelpMarkdown is HelpText as markdown, linking to the code's section of
// the documentation.
func (in Info) HelpMarkdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s %s**: %s\n\n**What.** %s\n\n", in.Code, in.Name, in.Summary, in.What)
	if in.Details != "" {
		fmt.Fprintf(&b, "%s\n\n", in.Details)
	}
	fmt.Fprintf(&b, "**Why.** %s\n\n**Help.** %s.\n\nRun `fa explain %s` or see [the documentation](%s).", in.Why, sentence(in.Help), in.Code, DocURL(in.Code))
	return b.String()
}
