package fa302

import (
	"errors"
	"fmt"
	"log"

	"example.com/fa302/helpers"
	"github.com/framealloc/fa/allocator"
)

type Vec struct{ X, Y float64 }

func use(any) {}

// --- positives ---

func callStatement(l *allocator.Local) {
	allocator.TryFrame[Vec](l) // want `FA302: the error of allocator.TryFrame\[Vec\]\(l\) is discarded`
}

func blank(l *allocator.Local) *Vec {
	v, _ := allocator.TryFrame[Vec](l) // want `FA302: the error of allocator.TryFrame\[Vec\]\(l\) is discarded`
	return v
}

func blankSlice(l *allocator.Local, n int) []Vec {
	vs, _ := allocator.TryFrameSlice[Vec](l, n) // want `FA302: the error of allocator.TryFrameSlice\[Vec\]\(l, n\) is discarded`
	return vs
}

func blankPool(l *allocator.Local) *Vec {
	v, _ := allocator.TryPool[Vec](l) // want `FA302: the error of allocator.TryPool\[Vec\]\(l\) is discarded`
	return v
}

// The first error is overwritten before it is read.
func overwritten(l *allocator.Local) (*Vec, *Vec, error) {
	a, err := allocator.TryFrame[Vec](l) // want `FA302: the error of allocator.TryFrame\[Vec\]\(l\) is discarded`
	b, err := allocator.TryFrame[Vec](l)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

// Moved between variables, never looked at.
func neverChecked(l *allocator.Local, frames int) *Vec {
	var last error
	var v *Vec
	for range frames {
		var err error
		v, err = allocator.TryFrame[Vec](l) // want `FA302: the error of allocator.TryFrame\[Vec\]\(l\) is (never checked|discarded)`
		last = err
	}
	_ = last
	return v
}

func inGoroutine(l *allocator.Local) {
	go allocator.TryPool[Vec](l) // want `FA302: the error of allocator.TryPool\[Vec\]\(l\) is discarded`
}

func generic[T any](l *allocator.Local) *T {
	v, _ := allocator.TryFrame[T](l) // want `FA302: the error of allocator.TryFrame\[T\]\(l\) is discarded`
	return v
}

// --- negatives ---

func compared(l *allocator.Local) *Vec {
	v, err := allocator.TryFrame[Vec](l)
	if err != nil {
		return allocator.Heap[Vec](l)
	}
	return v
}

func returned(l *allocator.Local, n int) ([]Vec, error) {
	return allocator.TryFrameSlice[Vec](l, n)
}

func returnedLater(l *allocator.Local) (*Vec, error) {
	v, err := allocator.TryPool[Vec](l)
	use(v)
	return v, err
}

func namedResult(l *allocator.Local) (v *Vec, err error) {
	v, err = allocator.TryFrame[Vec](l)
	return
}

func errorsIs(l *allocator.Local) *Vec {
	v, err := allocator.TryFrame[Vec](l)
	if errors.Is(err, allocator.ErrBudgetExceeded) {
		return nil
	}
	return v
}

func logged(l *allocator.Local) *Vec {
	v, err := allocator.TryFrame[Vec](l)
	log.Print(err)
	return v
}

func wrapped(l *allocator.Local) error {
	_, err := allocator.TryPool[Vec](l)
	return fmt.Errorf("spawn: %w", err)
}

func passedToHelper(l *allocator.Local) {
	_, err := allocator.TryFrame[Vec](l)
	helpers.Report(err)
}

func checkedInClosure(l *allocator.Local) *Vec {
	v, err := allocator.TryFrame[Vec](l)
	defer func() {
		if err != nil {
			log.Print("frame budget exceeded")
		}
	}()
	return v
}

func checkedAfterLoop(l *allocator.Local, n int) error {
	var err error
	for range n {
		var v *Vec
		v, err = allocator.TryFrame[Vec](l)
		use(v)
	}
	return err
}

func switched(l *allocator.Local) *Vec {
	v, err := allocator.TryFrame[Vec](l)
	switch {
	case err == nil:
		return v
	default:
		panic(err)
	}
}

// The helper's error is the helper's business.
func viaHelper(l *allocator.Local) *helpers.Vec {
	v, _ := helpers.TryVec(l)
	return v
}

// Frame and Pool have no error to check.
func plain(l *allocator.Local) {
	allocator.Frame[Vec](l)
	_ = allocator.Pool[Vec](l)
}
