package main

import (
	"fmt"

	"github.com/framealloc/fa/allocator"
)

// Hud is the heads-up display, drawn from frame data (no pointers).
type Hud struct {
	Icons  [4]uint16
	Health int
}

// Draw prints the HUD.
func (h *Hud) Draw() { fmt.Println(h.Icons[0], h.Health) }

func drawHud(h *Hud) { h.Draw() }

// runLifetimes exercises frame values around EndFrame.
func runLifetimes(a *allocator.Allocator) {
	l := a.NewLocal()
	defer l.Close()
	hudAfterEnd(l)
	hudWritesAfterEnd(l)
	hudPassedAfterEnd(l)
	previousFrame(l, 3)
	endOnSomePaths(l, true)
	methodValueAfterEnd(l)
	promotedThenUsed(l)
	scratchAfterScope(a)
	hudCorrect(l)
	previousFrameCopied(l, 3)
	otherLocalEnded(a, l)
	checksAfterEnd(l)
	endOnOtherBranch(l, true)
	batchAfterEnd(l)
}

type hudBatch struct {
	hud   *Hud
	count int
}

// batchAfterEnd keeps the HUD in a local struct and reads it after the end.
func batchAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	b := hudBatch{hud: allocator.Frame[Hud](l), count: 1}
	l.EndFrame()
	fmt.Println(b.count)      //corpus:clean FA606
	fmt.Println(b.hud.Health) //corpus:want FA606
}

// endOnOtherBranch ends the frame early on one branch and returns there;
// the HUD is only used on the other branch.
func endOnOtherBranch(l *allocator.Local, paused bool) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	if paused {
		l.EndFrame()
		return
	}
	h.Health++ //corpus:clean FA606
	drawHud(h) //corpus:clean FA606
	l.EndFrame()
}

// hudAfterEnd reads the HUD after the frame ended.
func hudAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	h.Health = 100
	l.EndFrame()
	fmt.Println(h.Health) //corpus:want FA606
}

// hudWritesAfterEnd writes into the HUD after the frame ended.
func hudWritesAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	l.EndFrame()
	h.Icons[0] = 7 //corpus:want FA606
}

// hudPassedAfterEnd draws the HUD after the frame ended.
func hudPassedAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	h.Health = 50
	l.EndFrame()
	drawHud(h) //corpus:want FA606
}

// previousFrame compares each frame's HUD with the previous frame's.
func previousFrame(l *allocator.Local, frames int) {
	var prev *Hud
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		h := allocator.Frame[Hud](l) //corpus:clean FA602
		if prev != nil {             //corpus:clean FA606
			h.Health = prev.Health - 1 //corpus:want FA606
		}
		prev = h
		l.EndFrame()
	}
}

// previousFrameCopied keeps the previous frame's HUD by value.
func previousFrameCopied(l *allocator.Local, frames int) {
	var prev Hud
	for f := 0; f < frames; f++ {
		l.BeginFrame()
		h := allocator.Frame[Hud](l) //corpus:clean FA602
		h.Health = prev.Health - 1   //corpus:clean FA606
		prev = *h
		l.EndFrame()
	}
}

// endOnSomePaths ends the frame early on a game-over and then still
// touches the HUD.
func endOnSomePaths(l *allocator.Local, gameOver bool) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	if gameOver {
		l.EndFrame()
	}
	h.Health-- //corpus:want FA606
	if !gameOver {
		l.EndFrame()
	}
}

// methodValueAfterEnd calls a method value bound to a frame HUD after the
// frame ended.
func methodValueAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	draw := h.Draw
	l.EndFrame()
	draw() //corpus:want FA606
}

// promotedThenUsed ends the frame with promotions and uses the frame value,
// not its promoted copy.
func promotedThenUsed(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.FrameRetained[Hud](l, allocator.PromoteToHeap) //corpus:clean FA604
	h.Health = 7
	proms := l.EndFrameWithPromotions()
	fmt.Println(len(proms), h.Health) //corpus:want FA606
}

// scratchAfterScope keeps a scratch value past its scope.
func scratchAfterScope(a *allocator.Allocator) {
	s := a.NewScratch("hud", 4*allocator.KiB)
	var h *Hud
	s.Scope(func(s *allocator.Scratch) {
		h = allocator.ScratchAlloc[Hud](s)
		h.Health = 3 //corpus:clean FA606
	})
	fmt.Println(h.Health) //corpus:want FA606
}

// hudCorrect is the correct version: use before the end, copies after.
func hudCorrect(l *allocator.Local) {
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	h.Health = 100     //corpus:clean FA606
	health := h.Health //corpus:clean FA606
	icons := h.Icons   //corpus:clean FA606
	drawHud(h)         //corpus:clean FA606
	buf := allocator.FrameBytes(l, 16)
	l.EndFrame()
	fmt.Println(health, icons[0])   //corpus:clean FA606
	fmt.Println(len(buf), cap(buf)) //corpus:clean FA606
	if h != nil {                   //corpus:clean FA606
		fmt.Println("had a hud")
	}
	p := allocator.Pool[Hud](l)
	l.BeginFrame()
	h = allocator.Frame[Hud](l)
	l.EndFrame()
	p.Health = 1 //corpus:clean FA606
	allocator.PoolFree(l, p)
}

// otherLocalEnded ends another Local's frame; l's frame is still open.
func otherLocalEnded(a *allocator.Allocator, l *allocator.Local) {
	other := a.NewLocal()
	defer other.Close()
	other.BeginFrame()
	l.BeginFrame()
	h := allocator.Frame[Hud](l)
	other.EndFrame()
	h.Health = 9 //corpus:clean FA606
	l.EndFrame()
}

// checksAfterEnd only compares and measures frame values after the end.
func checksAfterEnd(l *allocator.Local) {
	l.BeginFrame()
	hs := allocator.FrameSlice[Hud](l, 4)
	first := &hs[0]
	l.EndFrame()
	if first == nil || len(hs) == 0 { //corpus:clean FA606
		return
	}
	fmt.Println(cap(hs)) //corpus:clean FA606
}
