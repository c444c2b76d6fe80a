// Command particles runs the particle effects of a game.
package main

import (
	"net/http"

	"example.com/corpus/particles/emit"
	"example.com/corpus/particles/fx"
	"example.com/corpus/particles/fxlib"
	"github.com/framealloc/fa/allocator"
)

func main() {
	s := fx.NewSystem()
	s.Start(&fx.Effect{Alive: 10})
	fx.RunInline(s)
	fx.StartBudgeted()
	fx.Preview()
	http.HandleFunc("/preview", fx.ServePreview)
	budgeted := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	spawn := make(chan int, 4)
	fx.Spawn(budgeted, spawn)
	fxlib.StartEmitter(budgeted, 10)
	f := emit.NewFountain(budgeted)
	close(spawn)
	f.Drain(spawn)
	emit.NewConfiguredFountain().Drain(spawn)
	sp := emit.NewSpawner()
	sp.Ignored(4)
	_ = sp.Overwritten(4)
	e := emit.NewEmitter()
	_ = e
}
