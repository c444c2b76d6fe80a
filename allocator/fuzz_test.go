package allocator

import (
	"testing"
)

// FuzzOperations runs random operation sequences on a Local and checks
// them against a reference model: frame values keep what was written to
// them until EndFrame, new allocations are zeroed, pool objects are reused
// zeroed, a list grown with FrameAppend holds what append would, and the
// statistics (the Local's, and a tag's entered and left in between) count
// what the model counts.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 1, 1, 2, 4, 3})
	f.Add([]byte{2, 2, 2, 5, 5, 6, 6, 0, 1, 3})
	f.Add([]byte{0, 8, 7, 7, 1, 7, 4, 8, 7, 6, 8, 7, 0, 7, 7, 6})
	f.Fuzz(func(t *testing.T, ops []byte) {
		// The model checks every live pool object after each operation;
		// bound the sequence so that stays linear in practice.
		if len(ops) > 4096 {
			ops = ops[:4096]
		}
		a := New(Config{FrameSize: 4 * KiB})
		l := a.NewLocal()
		type fv struct {
			p   *mixed
			val int64
		}
		var frameVals []fv
		var sl [][]int32
		var pooled []*mixed
		var frameAllocs, poolAllocs, poolFrees int
		var frames uint64
		inFrame := false
		var grown, model []int64 // FrameAppend's list and append's
		tag := a.Tag("fz")
		var scope TagScope
		inTag, tagAllocs := false, 0
		count := func(n int) {
			if inTag {
				tagAllocs += n
			}
		}
		for i, op := range ops {
			switch op % 9 {
			case 0:
				if !inFrame {
					l.BeginFrame()
					inFrame = true
				}
			case 1, 2:
				p := Frame[mixed](l)
				frameAllocs++
				count(1)
				if p.X != 0 || p.S != "" || p.P != nil {
					t.Fatalf("op %d: frame value not zeroed", i)
				}
				p.X = int64(i)
				p.S = "v"
				frameVals = append(frameVals, fv{p, int64(i)})
			case 3:
				n := int(op) * 3
				s := FrameSlice[int32](l, n)
				frameAllocs++
				count(1)
				for j := range s {
					if s[j] != 0 {
						t.Fatalf("op %d: slice not zeroed", i)
					}
					s[j] = int32(i)
				}
				sl = append(sl, s)
			case 4:
				p := Pool[mixed](l)
				poolAllocs++
				count(1)
				if p.X != 0 || p.S != "" {
					t.Fatalf("op %d: pool value not zeroed", i)
				}
				p.X, p.S = 1, "pool"
				pooled = append(pooled, p)
			case 5:
				if len(pooled) > 0 {
					PoolFree(l, pooled[len(pooled)-1])
					pooled = pooled[:len(pooled)-1]
					poolFrees++
				}
			case 6:
				for _, v := range frameVals {
					if v.p.X != v.val || v.p.S != "v" {
						t.Fatalf("op %d: frame value overwritten", i)
					}
				}
				for _, s := range sl {
					for _, x := range s {
						if x != s[0] {
							t.Fatalf("op %d: frame slice overwritten", i)
						}
					}
				}
				for j := range model {
					if grown[j] != model[j] {
						t.Fatalf("op %d: FrameAppend's list differs from append's at %d", i, j)
					}
				}
				if inFrame {
					frames++
				}
				l.EndFrame()
				inFrame = false
				frameVals, sl = nil, nil
				grown, model = nil, nil
			case 7:
				if len(grown)+1 > cap(grown) {
					frameAllocs++ // a new or grown backing array
					count(1)
				}
				grown = FrameAppend(l, grown, int64(i))
				model = append(model, int64(i))
			case 8:
				if inTag {
					scope.Exit()
				} else {
					scope = l.EnterTag(tag)
				}
				inTag = !inTag
			}
			for _, p := range pooled {
				if p.X != 1 || p.S != "pool" {
					t.Fatalf("op %d: live pool object changed", i)
				}
			}
		}
		if inTag {
			scope.Exit()
		}
		st := l.Stats()
		if ts := a.TagStats("fz"); ts.Allocations != tagAllocs {
			t.Fatalf("tag fz counted %d allocations, model %d", ts.Allocations, tagAllocs)
		}
		if st.FrameAllocations != frameAllocs || st.PoolAllocations != poolAllocs || st.PoolFrees != poolFrees || st.FramesCompleted != frames {
			t.Fatalf("stats %+v, model frame=%d pool=%d frees=%d frames=%d", st, frameAllocs, poolAllocs, poolFrees, frames)
		}
	})
}
