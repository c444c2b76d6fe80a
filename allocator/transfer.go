package allocator

import (
	"errors"
	"sync/atomic"
)

// ErrAlreadyReceived is returned by TryReceive, and the value Receive
// panics with, when the handle was already received.
var ErrAlreadyReceived = errors.New("allocator: transfer already received")

// TransferHandle carries one value from a goroutine's frame to another
// goroutine's frame. It is safe for concurrent use; exactly one Receive
// or TryReceive succeeds.
type TransferHandle[T any] struct {
	state atomic.Uint32 // 0 ready, 1 received
	val   T
	from  int
}

// Transfer detaches *v from l's frame: the value is copied (a typed copy)
// into the returned handle, so it survives l's EndFrame and the reuse of
// its memory. Send the handle to another goroutine, which calls Receive
// with its own Local.
func Transfer[T any](l *Local, v *T) *TransferHandle[T] {
	if v == nil {
		panic("allocator: Transfer of a nil pointer")
	}
	l.mustOpen()
	h := &TransferHandle[T]{val: *v, from: l.id}
	l.transfersSent++
	return h
}

// Receive copies the transferred value into l's frame and returns it; it
// lives until l's next EndFrame. It panics with ErrAlreadyReceived if the
// handle was already received, and with a *BudgetError past l's budgets.
func (h *TransferHandle[T]) Receive(l *Local) *T {
	p, err := h.TryReceive(l)
	if err != nil {
		panic(err)
	}
	return p
}

// TryReceive is Receive returning ErrAlreadyReceived (or a budget error)
// instead of panicking.
func (h *TransferHandle[T]) TryReceive(l *Local) (*T, error) {
	if l.debug && !l.inFrame {
		panic(notInFrame[T](l)) // before taking the value: it stays receivable
	}
	if !h.state.CompareAndSwap(0, 1) {
		return nil, ErrAlreadyReceived
	}
	p, err := TryFrame[T](l)
	if err != nil {
		h.state.Store(0) // not received: it may be tried again
		return nil, err
	}
	*p = h.val
	var z T
	h.val = z // the handle no longer pins what the value referenced
	l.transfersRecv++
	return p, nil
}

// Received reports whether the handle was received.
func (h *TransferHandle[T]) Received() bool { return h.state.Load() == 1 }
