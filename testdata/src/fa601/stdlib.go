package fa601

import (
	"bytes"
	"container/list"
	"strconv"
	"sync"
	"sync/atomic"

	fa "github.com/framealloc/fa/allocator"
)

var (
	queue   = list.New()
	seen    sync.Map
	pool    sync.Pool
	lastMsg []byte
)

type Server struct {
	current atomic.Pointer[Vec]
	label   []byte
	names   []string
}

// --- positives: containers that keep what they are given ---

func pushGlobal(l *fa.Local) {
	v := fa.Frame[Vec](l)
	queue.PushBack(v) // want `FA601: frame value v escapes to package-level variable queue \(stored by PushBack\)`
}

func syncMapStore(l *fa.Local) {
	seen.Store("k", fa.Frame[Vec](l)) // want `FA601: frame value .* escapes to package-level variable seen \(stored by Store\)`
}

func poolPut(l *fa.Local) {
	pool.Put(fa.FrameBytes(l, 16)) // want `FA601: frame value .* escapes to package-level variable pool \(stored by Put\)`
}

func (s *Server) publish(l *fa.Local) {
	s.current.Store(fa.Frame[Vec](l)) // want `FA601: frame value .* escapes to field current of receiver s \(stored by Store\)`
}

// --- positives: results aliasing their argument ---

func (s *Server) format(l *fa.Local, n int) {
	buf := fa.FrameBytes(l, 32)
	s.label = strconv.AppendInt(buf[:0], int64(n), 10) // want `FA601: frame value buf escapes to field label of receiver s`
}

func trimmedGlobal(l *fa.Local) {
	line := fa.FrameBytes(l, 32)
	lastMsg = bytes.TrimSpace(line) // want `FA601: frame value line escapes to package-level variable lastMsg`
}

// --- negatives ---

func (s *Server) copies(l *fa.Local, n int) {
	buf := fa.FrameBytes(l, 32)
	s.label = strconv.AppendInt(nil, int64(n), 10)
	s.names = append(s.names, string(bytes.TrimSpace(buf)))
	lastMsg = bytes.ToUpper(buf)
	s.current.Store(fa.Heap[Vec](l))
}

func localList(l *fa.Local) int {
	q := list.New()
	q.PushBack(fa.Frame[Vec](l))
	return q.Len()
}
