// Command encoder encodes and parses a line-based telemetry protocol with
// frame buffers: every message is built in frame bytes with the standard
// library's Append functions and parsed with its sub-slicing functions.
package main

import (
	"bytes"
	"container/list"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/framealloc/fa/allocator"
)

// Encoder keeps state across frames.
type Encoder struct {
	l       *allocator.Local
	last    []byte
	fields  [][]byte
	key     []byte
	name    []byte
	varint  []byte
	stamp   []byte
	msg     []byte
	glyph   []byte
	history *list.List
	text    string
	copied  []byte
	n       int
	sum     uint32
	count   int
	upper   []byte
	joined  []byte
	quoted  []byte
	out     chan []byte
}

// lastFrame is the last raw frame, for the debug dump.
var lastFrame []byte

var sep = []byte{':'}

// NewEncoder creates an encoder with a budgeted Local.
func NewEncoder(a *allocator.Allocator) *Encoder {
	l := a.NewLocal()
	l.SetFrameBudget(256 * allocator.KiB)
	return &Encoder{l: l, history: list.New(), out: make(chan []byte, 16)}
}

// readLine returns the next input line in frame bytes.
func (e *Encoder) readLine() []byte {
	line := allocator.FrameBytes(e.l, 64)
	n := copy(line, "  temp: 21.5 celsius  ")
	return line[:n]
}

// KeepViews keeps views of frame bytes on the encoder.
func (e *Encoder) KeepViews(v int64, now time.Time) {
	e.l.BeginFrame()
	defer e.l.EndFrame()
	buf := allocator.FrameBytes(e.l, 128)
	line := e.readLine()
	e.last = strconv.AppendInt(buf[:0], v, 10) //corpus:want FA601
	e.fields = bytes.Fields(line)              //corpus:want FA601
	e.key = bytes.TrimSpace(line)              //corpus:want FA601
	before, _, _ := bytes.Cut(line, sep)
	e.name = before                                     //corpus:want FA601
	e.varint = binary.AppendUvarint(buf[:0], uint64(v)) //corpus:want FA601
	e.stamp = now.AppendFormat(buf[:0], time.RFC3339)   //corpus:want FA601
	e.msg = fmt.Appendf(buf[:0], "v=%d", v)             //corpus:want FA601
	e.glyph = utf8.AppendRune(buf[:0], 'µ')             //corpus:want FA601
	e.history.PushBack(line)                            //corpus:want FA601
	lastFrame = bytes.TrimPrefix(line, []byte("  "))    //corpus:want FA601
}

// KeepCopies keeps copies and fresh slices only.
func (e *Encoder) KeepCopies(v int64) {
	e.l.BeginFrame()
	defer e.l.EndFrame()
	line := e.readLine()
	e.last = strconv.AppendInt(e.last[:0], v, 10)              //corpus:clean FA601
	e.text = string(bytes.TrimSpace(line))                     //corpus:clean FA601
	e.copied = append(e.copied[:0], bytes.TrimSpace(line)...)  //corpus:clean FA601
	e.n, _ = strconv.Atoi(string(bytes.TrimSpace(line)))       //corpus:clean FA601
	e.sum = crc32.ChecksumIEEE(line)                           //corpus:clean FA601
	e.count = len(bytes.Fields(line))                          //corpus:clean FA601
	e.upper = bytes.ToUpper(line)                              //corpus:clean FA601
	e.varint = binary.BigEndian.AppendUint16(nil, uint16(v))   //corpus:clean FA601
	e.joined = bytes.Join(bytes.Fields(line), []byte(","))     //corpus:clean FA601
	e.quoted = strconv.AppendQuote(e.quoted[:0], string(line)) //corpus:clean FA601
}

// InFrame runs fn in a frame of the encoder's Local.
func (e *Encoder) InFrame(fn func()) {
	e.l.BeginFrame()
	defer e.l.EndFrame()
	fn()
}

// Send hands encoded frames to the writer goroutine; it runs inside a frame
// begun by the caller.
func (e *Encoder) Send(v uint32) {
	fb := allocator.FrameBytes(e.l, 16)
	line := e.readLine()
	e.out <- binary.LittleEndian.AppendUint32(fb[:0], v)  //corpus:want FA201
	e.out <- bytes.TrimSpace(line)                        //corpus:want FA201
	go e.write(strconv.AppendUint(fb[:0], uint64(v), 10)) //corpus:want FA201
	e.out <- fmt.Append(fb[:0], "v", v)                   //corpus:want FA201
}

// SendCopies hands copies to the writer goroutine; it runs inside a frame
// begun by the caller.
func (e *Encoder) SendCopies(v uint32) {
	line := e.readLine()
	e.out <- bytes.Clone(bytes.TrimSpace(line))       //corpus:clean FA201
	e.out <- binary.LittleEndian.AppendUint32(nil, v) //corpus:clean FA201
	e.out <- []byte(strconv.Itoa(int(v)))             //corpus:clean FA201
	e.out <- bytes.ToUpper(line)                      //corpus:clean FA201
	go e.write(bytes.Repeat(line, 2))                 //corpus:clean FA201
}

func (e *Encoder) write(b []byte) { os.Stdout.Write(b) }

// Later hands derived views to code that runs after the frame.
func (e *Encoder) Later(v uint64) {
	e.l.BeginFrame()
	line := e.readLine()
	trimmed := bytes.TrimSpace(line)
	go func() { //corpus:want FA703
		e.write(trimmed)
	}()
	field := strconv.AppendUint(allocator.FrameBytes(e.l, 24)[:0], v, 10)
	time.AfterFunc(time.Millisecond, func() { //corpus:want FA703
		e.write(field)
	})
	s := string(trimmed)
	go func() { //corpus:clean FA703
		fmt.Println(s)
	}()
	c := bytes.Clone(line)
	go func() { //corpus:clean FA703
		e.write(c)
	}()
	up := bytes.ToUpper(line)
	go func() { //corpus:clean FA703
		e.write(up)
	}()
	e.l.EndFrame()
}

// AfterEnd uses derived views after the frame ended.
func (e *Encoder) AfterEnd(v int64) {
	e.l.BeginFrame()
	line := e.readLine()
	t := bytes.TrimSpace(line)
	out := strconv.AppendInt(allocator.FrameBytes(e.l, 24)[:0], v, 10)
	s := string(t)
	n := len(bytes.Fields(line))
	h := crc32.ChecksumIEEE(line)
	e.l.EndFrame()
	fmt.Println(t[0])    //corpus:want FA606
	e.write(out)         //corpus:want FA606
	fmt.Println(s, n, h) //corpus:clean FA606
}

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	e := NewEncoder(a)
	go func() {
		for b := range e.out {
			os.Stdout.Write(b)
		}
	}()
	e.KeepViews(7, time.Now())
	e.KeepCopies(7)
	e.InFrame(func() { e.Send(7) })
	e.InFrame(func() { e.SendCopies(7) })
	e.Later(7)
	e.AfterEnd(7)
}
