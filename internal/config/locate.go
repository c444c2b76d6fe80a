package config

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// keyLines maps every key of a TOML document (table headers, keys, dotted
// key prefixes and keys of inline tables) to the line where it is first
// defined. The key is written as toml.Key.String writes it.
//
// BurntSushi/toml keeps key positions private, so this is a small scanner
// of its own. It only runs on documents the toml package has already
// accepted, so it can be lenient: it never fails, it only misses.
func keyLines(src string) map[string]int {
	s := &scanner{src: src, line: 1, lines: make(map[string]int)}
	s.document()
	return s.lines
}

type scanner struct {
	src   string
	i     int
	line  int
	lines map[string]int
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) advance() {
	if s.src[s.i] == '\n' {
		s.line++
	}
	s.i++
}

func (s *scanner) record(path []string, line int) {
	k := toml.Key(path).String()
	if _, ok := s.lines[k]; !ok {
		s.lines[k] = line
	}
}

// skipSpace skips blanks, and newlines and comments when nl is set.
func (s *scanner) skipSpace(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && nl:
			s.advance()
		case c == '#' && nl:
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
}

func (s *scanner) document() {
	var table []string
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			line := s.line
			s.advance()
			if s.peek() == '[' {
				s.advance()
			}
			s.skipSpace(false)
			table = s.key()
			for i := 1; i <= len(table); i++ {
				s.record(table[:i], line)
			}
			s.skipLine()
			continue
		}
		s.keyval(table)
		s.skipLine()
	}
}

// keyval reads `key = value` and records key (under prefix) and the keys
// of any inline table in the value.
func (s *scanner) keyval(prefix []string) {
	line := s.line
	k := s.key()
	if len(k) == 0 {
		s.skipLine()
		return
	}
	full := append(append([]string(nil), prefix...), k...)
	for i := len(prefix) + 1; i <= len(full); i++ {
		s.record(full[:i], line)
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.advance()
	s.skipSpace(false)
	s.value(full)
}

// key reads a dotted key made of bare and quoted parts.
func (s *scanner) key() []string {
	var parts []string
	for {
		s.skipSpace(false)
		var part string
		switch c := s.peek(); {
		case c == '"':
			part = s.basicString()
		case c == '\'':
			part = s.literalString()
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.advance()
			}
			part = s.src[start:s.i]
		default:
			return parts
		}
		parts = append(parts, part)
		s.skipSpace(false)
		if s.peek() != '.' {
			return parts
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *scanner) value(path []string) {
	switch s.peek() {
	case '"':
		if strings.HasPrefix(s.src[s.i:], `"""`) {
			s.multiline(`"""`, true)
		} else {
			s.basicString()
		}
	case '\'':
		if strings.HasPrefix(s.src[s.i:], `'''`) {
			s.multiline(`'''`, false)
		} else {
			s.literalString()
		}
	case '[':
		s.advance()
		for {
			s.skipSpace(true)
			if s.eof() {
				return
			}
			switch s.peek() {
			case ']':
				s.advance()
				return
			case ',':
				s.advance()
			default:
				// Keys inside tables inside arrays have no fixed path;
				// they are reported at the array's line.
				before := s.i
				s.value(nil)
				if s.i == before {
					s.advance()
				}
			}
		}
	case '{':
		s.advance()
		for {
			s.skipSpace(false)
			if s.eof() {
				return
			}
			switch s.peek() {
			case '}':
				s.advance()
				return
			case ',':
				s.advance()
			default:
				before := s.i
				if path != nil {
					s.keyval(path)
				} else {
					s.keyval([]string{"\x00"}) // placeholder, never looked up
				}
				if s.i == before {
					s.advance()
				}
			}
		}
	default:
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#', ' ', '\t', '\r':
				return
			}
			s.advance()
		}
	}
}

// basicString reads a "..." string and returns its (lightly) unescaped
// content; escapes other than \" and \\ are kept as written, which is
// enough to find keys.
func (s *scanner) basicString() string {
	s.advance() // opening quote
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		switch c {
		case '\\':
			s.advance()
			if s.eof() {
				return b.String()
			}
			e := s.peek()
			switch e {
			case '"', '\\':
				b.WriteByte(e)
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
			s.advance()
		case '"':
			s.advance()
			return b.String()
		case '\n':
			return b.String()
		default:
			b.WriteByte(c)
			s.advance()
		}
	}
	return b.String()
}

func (s *scanner) literalString() string {
	s.advance()
	start := s.i
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.advance()
	}
	out := s.src[start:s.i]
	if s.peek() == '\'' {
		s.advance()
	}
	return out
}

func (s *scanner) multiline(delim string, escapes bool) {
	for range len(delim) {
		s.advance()
	}
	for !s.eof() {
		if escapes && s.peek() == '\\' {
			s.advance()
			if !s.eof() {
				s.advance()
			}
			continue
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			for range len(delim) {
				s.advance()
			}
			// Up to two more quotes may belong to the content.
			for range 2 {
				if s.peek() == delim[0] {
					s.advance()
				}
			}
			return
		}
		s.advance()
	}
}
