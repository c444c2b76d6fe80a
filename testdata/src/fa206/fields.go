package fa206

import (
	"sync"

	"github.com/framealloc/fa/allocator"
)

// Locals handed to a goroutine inside a struct built by the spawner.

type crew struct {
	name  string
	local *allocator.Local
}

func (c *crew) run() {
	for {
		c.local.BeginFrame()
		c.local.EndFrame()
	}
}

func (c *crew) idle() {}

func (c *crew) delegate() { c.run() }

func runCrew(c crew) {
	c.local.BeginFrame()
	c.local.EndFrame()
}

type team struct {
	lead *crew
}

func (t *team) run() { t.lead.run() }

// --- positives ---

func structPointerField(a *allocator.Allocator) {
	l := a.NewLocal()
	c := &crew{name: "a", local: l}
	go c.run() // want `FA206: Local l is given \(in field local of a struct\) to a goroutine \(go statement\) and still used by the spawner at line 44`
	l.BeginFrame()
	l.EndFrame()
}

func structValueField(a *allocator.Allocator) {
	l := a.NewLocal()
	go runCrew(crew{local: l}) // want `FA206: Local l is given \(in field local of a struct\) to a goroutine`
	l.Close()
}

func structCapturedField(a *allocator.Allocator) {
	l := a.NewLocal()
	c := &crew{local: l}
	go func() { // want `FA206: Local l is given \(in field local of a struct\) to a goroutine`
		c.run()
	}()
	l.BeginFrame()
}

func structPassedOn(a *allocator.Allocator) {
	l := a.NewLocal()
	c := &crew{local: l}
	go c.delegate() // want `FA206: Local l is given \(in field local of a struct\) to a goroutine`
	l.Close()
}

func nestedStructField(a *allocator.Allocator) {
	l := a.NewLocal()
	t := &team{lead: &crew{local: l}}
	go t.run() // want `FA206: Local l is given \(in field lead.local of a struct\) to a goroutine`
	l.Close()
}

// --- negatives ---

func structFieldIdle(a *allocator.Allocator) {
	l := a.NewLocal()
	c := &crew{local: l}
	go c.idle() // the goroutine never uses the field
	l.BeginFrame()
}

func structFieldHandedOff(a *allocator.Allocator) {
	mine := a.NewLocal()
	c := &crew{local: a.NewLocal()}
	go c.run()
	mine.BeginFrame()
	mine.EndFrame()
}

func structFieldWaited(a *allocator.Allocator) {
	l := a.NewLocal()
	c := &crew{local: l}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.local.BeginFrame()
		c.local.EndFrame()
	}()
	wg.Wait()
	l.Close()
}

func structFieldNotUsedAfter(a *allocator.Allocator) {
	l := a.NewLocal()
	l.SetFrameBudget(1 << 20)
	c := &crew{local: l}
	go c.run()
}

// A spawner that keeps running frames of the Local through a method of
// the struct holding it.

type station struct{ l *allocator.Local }

func (s *station) step() {
	s.l.BeginFrame()
	_ = allocator.Frame[crew](s.l)
	s.l.EndFrame()
}

func (s *station) status() string { return "ok" }

func (s *station) spawnAndStep() {
	w := &crew{local: s.l}
	go w.run() // want `FA206: Local s.l is given \(in field local of a struct\) to a goroutine \(go statement\) and still used by the spawner at line \d+`
	s.step()
}

func (s *station) spawnCapturedAndStep() {
	l := s.l
	go func() { // want `FA206: Local l is captured by a goroutine \(go statement\) and still used by the spawner at line \d+`
		l.BeginFrame()
		l.EndFrame()
	}()
	s.step()
}

// --- negatives: the spawner's method does not touch the Local ---

func (s *station) spawnAndReport() string {
	w := &crew{local: s.l}
	go w.run()
	return s.status()
}
