// Package model probes the budget model: each probe(v) call is reported
// with the sources the model finds for v.
package model

import (
	"example.com/budget/lib"
	"github.com/framealloc/fa/allocator"
)

func probe(any) {}

var (
	budgeted   = allocator.New(allocator.Config{FrameBudget: 1 << 20})
	unbudgeted = allocator.New(allocator.Config{FrameSize: 1 << 20})
	// Exported has no budget, and other packages may set it.
	Exported = allocator.New(allocator.Config{})
)

func configs(n int, debug bool) {
	probe(allocator.Config{})                   // want `sources: none$`
	probe(allocator.Config{FrameBudget: 1})     // want `sources: frame$`
	probe(allocator.Config{PoolBudget: n})      // want `sources: pool$`
	probe(allocator.Config{FrameBudget: 0})     // want `sources: none$`
	probe(allocator.New(allocator.Config{}))    // want `sources: none$`
	probe(budgeted)                             // want `sources: frame$`
	probe(unbudgeted.NewLocal())                // want `sources: none$`
	probe(Exported)                             // want `sources: none\+unseen$`
	probe(lib.NewPlain().L)                     // want `sources: unseen-local$`
	probe(budgeted.NewScratch("s", 64).Scope)   // want `sources: frame$`
	probe(allocator.New(fromHelper()))          // want `sources: frame\+pool$`
	probe(allocator.New(fromHelper()).NewLocal) // want `sources: frame\+pool$`

	cfg := allocator.Config{FrameBudget: 1}
	if debug {
		cfg = allocator.Config{Debug: true}
	}
	probe(allocator.New(cfg)) // want `sources: frame\+none$`

	var set allocator.Config
	set.PoolBudget = n
	probe(set) // want `sources: pool$`

	var out allocator.Config
	load(&out)
	probe(out) // want `sources: unseen$`
}

func fromHelper() allocator.Config {
	if len("x") > 0 {
		return allocator.Config{PoolBudget: 1}
	}
	return allocator.Config{FrameBudget: 1}
}

func load(*allocator.Config) {}

// Budgets set on a Local in the function, a func literal of it or a
// helper; on another Local they do not count.
func locals() {
	l := unbudgeted.NewLocal()
	l.SetPoolBudget(1)
	probe(l) // want `sources: pool$`

	m := unbudgeted.NewLocal()
	func() { m.SetFrameBudget(1) }()
	probe(m) // want `sources: frame$`

	h := unbudgeted.NewLocal()
	setBudget(h)
	probe(h) // want `sources: frame$`

	other := unbudgeted.NewLocal()
	spare := unbudgeted.NewLocal()
	spare.SetFrameBudget(1)
	probe(other) // want `sources: none$`

	probe(newBudgetedLocal()) // want `sources: frame$`
}

func setBudget(l *allocator.Local) { l.SetFrameBudget(1) }

func newBudgetedLocal() *allocator.Local {
	l := unbudgeted.NewLocal()
	l.SetFrameBudget(1)
	return l
}

// Parameters: every call of the package, and out of sight for an
// exported function.
func param(a *allocator.Allocator) {
	probe(a) // want `sources: frame\+none$`
}

// Param is exported.
func Param(a *allocator.Allocator) {
	probe(a) // want `sources: frame\+unseen$`
}

func localParam(l *allocator.Local) {
	probe(l) // want `sources: frame$`
}

func recursive(a *allocator.Allocator, n int) {
	probe(a) // want `sources: none$`
	if n > 0 {
		recursive(a, n-1)
	}
}

func calls() {
	param(budgeted)
	param(unbudgeted)
	Param(budgeted)
	l := unbudgeted.NewLocal()
	l.SetFrameBudget(1)
	localParam(l)
	recursive(unbudgeted, 3)
	register(used)
	used(budgeted)
}

func register(func(*allocator.Allocator)) {}

// A function used as a value may be called with anything.
func used(a *allocator.Allocator) {
	probe(a) // want `sources: frame\+unseen$`
}

// Fields: every store of the package, with the budgets the storing
// function sets through the field; another package's fields through its
// facts.
type world struct {
	local *allocator.Local
	a     *allocator.Allocator
}

func newWorld() *world {
	w := &world{local: unbudgeted.NewLocal(), a: budgeted}
	w.local.SetFrameBudget(1)
	return w
}

func newPooledWorld() *world {
	return &world{local: allocator.New(allocator.Config{PoolBudget: 1}).NewLocal(), a: unbudgeted}
}

func (w *world) fields(r *lib.Runner, p *lib.Plain, q *lib.Pooled, g *lib.Given, u *lib.Unset) {
	probe(w.local) // want `sources: frame\+pool$`
	probe(w.a)     // want `sources: frame\+none$`
	probe(r.L)     // want `sources: frame$`
	probe(p.L)     // want `sources: unseen-local$`
	probe(q.A)     // want `sources: pool$`
	probe(g.A)     // want `sources: unseen$`
	probe(g.L)     // want `sources: unseen$`
	probe(u.L)     // want `sources: unseen-local$`
	probe(*w)      // want `sources: unseen$`
}

// Captured variables and the Scratch of a Scope.
func captured(debug bool) {
	a := budgeted
	if debug {
		a = unbudgeted
	}
	func() {
		probe(a) // want `sources: frame\+none$`
	}()
	var l *allocator.Local
	func() { l = budgeted.NewLocal() }()
	probe(l) // want `sources: frame$`
	unbudgeted.NewScratch("s", 64).Scope(func(s *allocator.Scratch) {
		probe(s) // want `sources: none$`
	})
}

// Elements of containers: out of sight.
func elements(ls []*allocator.Local, ch chan *allocator.Local) {
	probe(ls[0]) // want `sources: unseen$`
	probe(<-ch)  // want `sources: unseen-local$`
}
