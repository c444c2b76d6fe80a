package fa201

import (
	"bytes"
	"encoding/binary"
	"strconv"

	"github.com/framealloc/fa/allocator"
)

// The standard library's documented aliasing: AppendX(dst, ...) may return
// dst, and sub-slicing functions return parts of their argument.

func appendThenSend(l *allocator.Local, ch chan []byte) {
	buf := allocator.FrameBytes(l, 64)
	msg := binary.LittleEndian.AppendUint32(buf[:0], 7)
	ch <- msg // want `FA201: frame value buf sent on a channel without Transfer`
}

func strconvThenSend(l *allocator.Local, ch chan []byte) {
	buf := allocator.FrameBytes(l, 32)
	ch <- strconv.AppendInt(buf[:0], 42, 10) // want `FA201: frame value buf sent on a channel without Transfer`
}

func trimmedThenSend(l *allocator.Local, ch chan []byte) {
	line := allocator.FrameBytes(l, 32)
	ch <- bytes.TrimSpace(line) // want `FA201: frame value line sent on a channel without Transfer`
}

func fieldsThenSend(l *allocator.Local, ch chan []byte) {
	line := allocator.FrameBytes(l, 32)
	for _, f := range bytes.Fields(line) {
		ch <- f // want `FA201: frame value line sent on a channel without Transfer`
	}
}

// --- negatives: copies ---

func appendToHeapThenSend(l *allocator.Local, ch chan []byte) {
	buf := allocator.FrameBytes(l, 8)
	out := binary.LittleEndian.AppendUint32(nil, 7)
	out = append(out, buf...)
	ch <- out
}

func upperThenSend(l *allocator.Local, ch chan []byte, s chan string) {
	line := allocator.FrameBytes(l, 32)
	ch <- bytes.ToUpper(line)
	s <- string(bytes.TrimSpace(line))
}

func cloneThenSend(l *allocator.Local, ch chan []byte) {
	line := allocator.FrameBytes(l, 32)
	ch <- bytes.Clone(line)
}
