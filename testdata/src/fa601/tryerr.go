package fa601

import fa "github.com/framealloc/fa/allocator"

type Item struct{ N int }

// Returning the error of a Try* allocation from a function that ends the
// frame returns no frame memory.
func tryInFrameLoop(l *fa.Local, ch chan int) error {
	for range ch {
		l.BeginFrame()
		p, err := fa.TryFrame[Item](l)
		if err != nil {
			l.EndFrame()
			return err
		}
		p.N++
		l.EndFrame()
	}
	return nil
}
