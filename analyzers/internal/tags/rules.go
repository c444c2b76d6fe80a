package tags

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/framealloc/fa/internal/config"
)

// Placement says how .fa.toml's [tags.modules] places one package
// allocating under one module tag.
type Placement struct {
	// Pkg is the package (its .fa.toml path) and Tag the module tag it
	// allocates under.
	Pkg, Tag string
	// Expected is the tag the package is mapped to, when Mapped.
	Expected string
	Mapped   bool
	// Owners lists the patterns, in file order, that map Tag (to packages
	// other than this one's own mapping).
	Owners []config.ModuleTag
}

// Place looks pkg and tag up in cfg's [tags.modules].
func Place(cfg *config.Config, pkg, tag string) Placement {
	p := Placement{Pkg: pkg, Tag: tag}
	p.Expected, p.Mapped = cfg.TagFor(pkg)
	if cfg != nil {
		for _, m := range cfg.Tags.Modules {
			if m.Tag == tag {
				p.Owners = append(p.Owners, m)
			}
		}
	}
	return p
}

// Code returns the architecture code the placement violates, FA801 or
// FA803, or "" when it is fine or [tags.modules] says nothing about it.
// The two are never both reported:
//
//   - a package mapped to tag X allocating under tag Y != X: FA803 when
//     Y is mapped to another package, else FA801;
//   - an unmapped package allocating under a mapped tag: FA803.
func (p Placement) Code() string {
	switch {
	case p.Mapped && p.Tag == p.Expected:
		return ""
	case len(p.Owners) > 0:
		return "FA803"
	case p.Mapped:
		return "FA801"
	}
	return ""
}

// Message returns the message of the placement's code: it names the
// package, the tag used and the tag expected, and where .fa.toml says so.
func (p Placement) Message(cfg *config.Config) string {
	switch p.Code() {
	case "FA801":
		return fmt.Sprintf("package %s allocates under tag %q, but .fa.toml maps it to tag %q (%s)",
			p.Pkg, p.Tag, p.Expected, where(cfg, p.ownLine(cfg)))
	case "FA803":
		owners := make([]string, len(p.Owners))
		for i, o := range p.Owners {
			owners[i] = o.Pattern
		}
		msg := fmt.Sprintf("package %s allocates under tag %q, which .fa.toml maps to %s (%s)",
			p.Pkg, p.Tag, strings.Join(owners, ", "), where(cfg, p.Owners[0].Line))
		if p.Mapped {
			return msg + fmt.Sprintf("; its own tag is %q", p.Expected)
		}
		return msg + "; the package itself is mapped to no tag"
	}
	return ""
}

// ownLine returns the line of a [tags.modules] entry that gives the
// package its tag.
func (p Placement) ownLine(cfg *config.Config) int {
	for _, m := range cfg.Tags.Modules {
		if m.Tag == p.Expected && config.MatchPattern(m.Pattern, p.Pkg) {
			return m.Line
		}
	}
	return 0
}

// where names a line of the configuration file, by base name: messages
// stay the same whichever driver found the file.
func where(cfg *config.Config, line int) string {
	name := config.FileName
	if cfg != nil && cfg.Path != "" {
		name = filepath.Base(cfg.Path)
	}
	if line > 0 {
		return fmt.Sprintf("%s:%d", name, line)
	}
	return name
}

// Unknown reports whether FA802 applies to tag, the full constant tag of
// an outermost WithTag call: [tags].known is configured and lists neither
// the module tag (the first segment) nor the whole tag.
func Unknown(cfg *config.Config, tag string) bool {
	if cfg == nil || len(cfg.Tags.Known) == 0 {
		return false
	}
	module, _, _ := strings.Cut(tag, "/")
	return !cfg.KnownTag(module) && !cfg.KnownTag(tag)
}

// Suggest returns the known tag closest to the unknown module tag tag (a
// different case, or at most two edits away, and closer than any other),
// or "".
func Suggest(known []string, tag string) string {
	best, bestDist, tie := "", 3, false
	for _, k := range known {
		d := distance(k, tag)
		if strings.EqualFold(k, tag) {
			d = 0
		}
		switch {
		case d < bestDist:
			best, bestDist, tie = k, d, false
		case d == bestDist:
			tie = true
		}
	}
	if tie || len(tag) <= bestDist {
		return ""
	}
	return best
}

// distance is the Levenshtein distance of a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// KnownList renders [tags].known for a message, at most max tags.
func KnownList(cfg *config.Config, max int) string {
	known := cfg.Tags.Known
	if len(known) > max {
		return strings.Join(known[:max], ", ") + ", ..."
	}
	return strings.Join(known, ", ")
}
