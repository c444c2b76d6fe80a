package main

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// This file reads and writes the API's JSON without allocating: a decoder
// walks a request body held in memory the handler owns and returns views
// into it, and the append functions write into a buffer the handler
// provides. Where that memory comes from (the request's frame, or the heap)
// is the handler's choice. encoding/json would allocate for every value it
// decodes and every response it encodes, whichever memory the handler
// uses.

// syntaxError is a malformed request body.
type syntaxError struct {
	offset int
	msg    string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.offset, e.msg)
}

// decoder reads one JSON value from data. Errors are sticky: after the
// first, every method returns zero values and err reports it.
type decoder struct {
	data []byte
	pos  int
	err  error
	key  [64]byte // a key with escapes, decoded
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = &syntaxError{offset: d.pos, msg: msg}
	}
}

// ws skips white space and returns the next byte (0 at the end).
func (d *decoder) ws() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// expect consumes c after white space.
func (d *decoder) expect(c byte) bool {
	if d.err != nil {
		return false
	}
	if d.ws() != c {
		d.fail(fmt.Sprintf("want %q", c))
		return false
	}
	d.pos++
	return true
}

// iter walks the members of an object or the elements of an array:
//
//	for it := d.object(); it.next(); { key := d.name(); ... read the value ... }
type iter struct {
	d     *decoder
	n     int
	close byte
	done  bool
}

// object starts reading an object.
func (d *decoder) object() iter {
	return iter{d: d, close: '}', done: !d.expect('{')}
}

// array starts reading an array.
func (d *decoder) array() iter {
	return iter{d: d, close: ']', done: !d.expect('[')}
}

// next moves to the next member or element; it returns false after the
// closing bracket or on an error.
func (it *iter) next() bool {
	d := it.d
	if it.done || d.err != nil {
		return false
	}
	c := d.ws()
	if c == it.close {
		d.pos++
		it.done = true
		return false
	}
	if it.n > 0 {
		if c != ',' {
			d.fail(fmt.Sprintf("want ',' or %q", it.close))
			return false
		}
		d.pos++
	}
	it.n++
	return true
}

// name reads a member name and its colon. The result is valid until the
// next call.
func (d *decoder) name() []byte {
	raw := d.rawString()
	if !d.expect(':') {
		return nil
	}
	for _, c := range raw {
		if c == '\\' {
			if len(raw) > len(d.key) {
				return raw // too long for any known name: no match
			}
			return appendUnescaped(d.key[:0], raw)
		}
	}
	return raw
}

// rawString reads a string and returns its contents with escapes as they
// are; the unescaped form is never longer (appendUnescaped).
func (d *decoder) rawString() []byte {
	if !d.expect('"') {
		return nil
	}
	start := d.pos
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			return d.data[start : d.pos-1]
		case c == '\\':
			if !d.escape() {
				return nil
			}
		case c < 0x20:
			d.fail("control character in string")
			return nil
		default:
			d.pos++
		}
	}
	d.fail("unterminated string")
	return nil
}

// escape checks the escape sequence at pos and moves past it.
func (d *decoder) escape() bool {
	if d.pos+1 >= len(d.data) {
		d.fail("unterminated escape")
		return false
	}
	switch d.data[d.pos+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		d.pos += 2
		return true
	case 'u':
		if d.pos+6 > len(d.data) {
			d.fail("short \\u escape")
			return false
		}
		if _, ok := hex4(d.data[d.pos+2 : d.pos+6]); !ok {
			d.fail("bad \\u escape")
			return false
		}
		d.pos += 6
		return true
	}
	d.fail("bad escape")
	return false
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// appendUnescaped appends the string raw (as returned by rawString, so its
// escapes are well formed) to dst with its escapes decoded. It appends at
// most len(raw) bytes.
func appendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		switch e := raw[i+1]; e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := hex4(raw[i+2:])
			i += 6
			if utf16IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2, _ = hex4(raw[i+2:])
				}
				if pair := utf16Decode(r, r2); pair != utf8.RuneError {
					i += 6
					r = pair
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, e)
		}
		i += 2
	}
	return dst
}

func utf16IsSurrogate(r rune) bool { return 0xd800 <= r && r < 0xe000 }

// utf16Decode returns the code point of the surrogate pair r1, r2, or
// utf8.RuneError if they are not one.
func utf16Decode(r1, r2 rune) rune {
	if 0xd800 <= r1 && r1 < 0xdc00 && 0xdc00 <= r2 && r2 < 0xe000 {
		return (r1-0xd800)<<10 | (r2 - 0xdc00) + 0x10000
	}
	return utf8.RuneError
}

// number reads a number and returns its text.
func (d *decoder) number() []byte {
	if d.err != nil {
		return nil
	}
	d.ws()
	start := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	switch {
	case d.pos < len(d.data) && d.data[d.pos] == '0':
		d.pos++
	case d.digits() == 0:
		d.fail("want a number")
		return nil
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if d.digits() == 0 {
			d.fail("want digits after '.'")
			return nil
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if d.digits() == 0 {
			d.fail("want digits in the exponent")
			return nil
		}
	}
	return d.data[start:d.pos]
}

func (d *decoder) digits() int {
	start := d.pos
	for d.pos < len(d.data) && '0' <= d.data[d.pos] && d.data[d.pos] <= '9' {
		d.pos++
	}
	return d.pos - start
}

// float reads a number as a float64.
func (d *decoder) float() float64 {
	b := d.number()
	if d.err != nil {
		return 0
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		d.fail("number out of range")
	}
	return f
}

// int reads a number that must be an integer.
func (d *decoder) int() int64 {
	b := d.number()
	if d.err != nil {
		return 0
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		d.fail("want an integer")
	}
	return n
}

// skip reads any value and drops it.
func (d *decoder) skip() {
	switch d.ws() {
	case '{':
		for it := d.object(); it.next(); {
			d.name()
			d.skip()
		}
	case '[':
		for it := d.array(); it.next(); {
			d.skip()
		}
	case '"':
		d.rawString()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.number()
	}
}

func (d *decoder) literal(s string) {
	if len(d.data)-d.pos < len(s) || string(d.data[d.pos:d.pos+len(s)]) != s {
		d.fail("want " + s)
		return
	}
	d.pos += len(s)
}

// count returns the number of elements of the array that starts at the
// current position, without reading it (so that a handler can allocate
// them at once). A malformed array counts 0 and sets the error.
func (d *decoder) count() int {
	c := *d
	n := 0
	for it := c.array(); it.next(); {
		c.skip()
		n++
	}
	if c.err != nil {
		d.err = c.err
		return 0
	}
	return n
}

// end checks that nothing but white space follows the value.
func (d *decoder) end() {
	if d.err == nil && d.ws() != 0 {
		d.fail("data after the value")
	}
}

// stringBound is the most bytes appendString writes for s: an escape
// takes at most six bytes per input byte.
func stringBound(s []byte) int { return 2 + 6*len(s) }

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, `\ufffd`...)
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}

// appendKey appends a member name (plain ASCII, no escapes) and a colon,
// after a comma unless first.
func appendKey(dst []byte, key string, first bool) []byte {
	if !first {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}

// appendCents appends an amount of cents as a decimal string "-12.34".
func appendCents(dst []byte, cents int64) []byte {
	dst = append(dst, '"')
	if cents < 0 {
		dst = append(dst, '-')
		cents = -cents
	}
	dst = strconv.AppendInt(dst, cents/100, 10)
	dst = append(dst, '.', byte('0'+cents%100/10), byte('0'+cents%10))
	return append(dst, '"')
}

// appendInt appends n.
func appendInt(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }

// appendFloat appends f as a JSON number, as encoding/json writes it:
// plain decimal from 1e-6 to 1e21, exponent form outside. f must be
// finite.
func appendFloat(dst []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if n := len(dst); format == 'e' && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
		dst[n-2] = dst[n-1] // e-07 is written e-7
		dst = dst[:n-1]
	}
	return dst
}

// appendBool appends true or false.
func appendBool(dst []byte, b bool) []byte { return strconv.AppendBool(dst, b) }

// Bounds for appendCents and for numbers written with appendInt and
// appendFloat (the shortest float64 in 'f' format below 1e21 takes at most
// 21 digits, a sign and a point; 'e' format at most 24 bytes).
const (
	centsBound  = 24
	numberBound = 32
)
