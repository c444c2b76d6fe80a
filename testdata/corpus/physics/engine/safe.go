package engine

import (
	"example.com/corpus/physics/geom"
	"github.com/framealloc/fa/allocator"
)

// safeStep is the correct way to do what Step's mistakes do.
func (w *World) safeStep(dt float64) {
	l := w.local

	// Frame-allocated arbiters and infos whose fields hold frame memory.
	all := allocator.FrameSlice[Arbiter](l, 2)
	m := &all[0]
	m.Contacts = allocator.FrameSlice[geom.Contact](l, 2) //corpus:clean FA601
	info := allocator.Frame[Info](l)
	info.Buf = allocator.FrameSlice[geom.Contact](l, 4) //corpus:clean FA601
	info.N = 2
	m.Update(info, w) //corpus:clean FA601

	// Long-lived arbiters get copies or pool memory.
	for key, arb := range w.Arbiters {
		arb.UpdateCopy(info)                        //corpus:clean FA601
		arb.Contacts = geom.CloneContacts(info.Buf) //corpus:clean FA601
		arb.Count = len(info.Buf)                   //corpus:clean FA601
		if arb.Info == nil {
			w.Arbiters[key] = allocator.Pool[Arbiter](l) //corpus:clean FA601 //corpus:want FA602
		}
	}
	heapInfo := &Info{N: 1, Buf: make([]geom.Contact, 1)}
	if arb, ok := w.Arbiters[PairKey{0, 1}]; ok {
		arb.Update(heapInfo, w) //corpus:clean FA601
	}
	w.stats.Deepest = *geom.Deepest(info.Buf) //corpus:clean FA601

	// Local containers of frame memory.
	var touching []*geom.Contact
	seen := map[int]*Info{}
	for i := range info.Buf {
		touching = append(touching, &info.Buf[i]) //corpus:clean FA601
		seen[i] = info                            //corpus:clean FA601
	}
	w.stats.Steps += len(touching) + len(seen)
}
