// Package initcfg writes the .fa.toml that `fa init` proposes for a module.
//
// Generate loads the module's packages (test files included, as fa checks
// them), finds the constant tags its code allocates under with
// l.WithTag(tag, fn) and l.EnterTag(a.Tag(tag)) — the same tag resolution
// the FA8xx checks use — and writes a configuration that:
//
//   - lists every name of the constant tag paths found in [tags].known
//     (module tags and the segments of nested paths: "physics" and
//     "solver" for WithTag("solver") nested in WithTag("physics"), also
//     through callbacks), so FA802 unknown-tag reports later typos;
//   - proposes a [tags.modules] entry for each package that allocates under
//     a single module tag (the outermost tag of its paths), commented out
//     so the user confirms it (a wrong mapping would make FA801 and FA803
//     report correct code);
//   - shows every other key with its default value, commented out.
//
// The output always parses with internal/config.
package initcfg

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Generate returns the contents of a new .fa.toml for the Go module whose
// root (or any directory inside it) is dir. It does not write anything.
func Generate(dir string) ([]byte, error) {
	scan, err := scanModule(dir)
	if err != nil {
		return nil, err
	}
	return render(scan), nil
}

// moduleScan is what Generate learns from the module.
type moduleScan struct {
	// Module is the module path ("" if unknown).
	Module string
	// Packages lists, per package import path, the constant module tags
	// its WithTag calls allocate under. Packages that allocate under no
	// constant tag are absent.
	Packages map[string][]string
	// Tags lists every name of the constant tag paths found, nested ones
	// and each segment of a path included, sorted, whether or not the
	// package allocates under it.
	Tags []string
}

// mapping is one proposed [tags.modules] entry.
type mapping struct {
	Pattern, Tag string
}

// propose returns the [tags.modules] entries for the packages that
// allocate under a single tag, a pattern "P/..." standing for P and every
// package below it when they all use the same tag; and the packages left
// out because they allocate under several tags.
func propose(pkgs map[string][]string) (entries []mapping, mixed []string) {
	paths := make([]string, 0, len(pkgs))
	for p := range pkgs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	covered := func(p string) bool {
		for _, e := range entries {
			if root, ok := strings.CutSuffix(e.Pattern, "/..."); ok && (p == root || strings.HasPrefix(p, root+"/")) {
				return true
			}
		}
		return false
	}
	for _, p := range paths {
		tags := pkgs[p]
		if len(tags) != 1 {
			mixed = append(mixed, p)
			continue
		}
		if covered(p) {
			continue
		}
		tag := tags[0]
		below, same := 0, true
		for _, q := range paths {
			if strings.HasPrefix(q, p+"/") {
				below++
				if t := pkgs[q]; len(t) != 1 || t[0] != tag {
					same = false
				}
			}
		}
		if below > 0 && same {
			entries = append(entries, mapping{p + "/...", tag})
		} else {
			entries = append(entries, mapping{p, tag})
		}
	}
	return entries, mixed
}

// render writes the configuration text.
func render(s *moduleScan) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# .fa.toml — configuration of fa, the frame-allocator checker.")
	if s.Module != "" {
		w("# Written by `fa init` from the packages of %s.", s.Module)
	} else {
		w("# Written by `fa init`.")
	}
	w("# Every key is optional: a commented line shows the default or a proposal;")
	w("# uncomment it to use it. `fa list` lists the codes, `fa explain CODE`")
	w("# describes one, .fa.toml.example in the fa repository documents every key.")
	w("")
	w("[global]")
	w("# Files whose diagnostics are dropped: globs on slash-separated paths")
	w("# relative to this file (`**` matches any number of directories).")
	w("# exclude = [\"**/testdata/**\"]")
	w("# Diagnostics below this severity are not reported: hint | warning | error.")
	w("# min_severity = \"hint\"")
	w("")
	w("# One [lints.CODE] section per code whose level you change:")
	w("# allow (not reported) | hint | warn | deny (an error: fails the run).")
	w("# [lints.FA602]")
	w("# level = \"allow\"")
	w("")
	w("[tags]")
	w("# The subsystem tags allocations may use with l.WithTag(tag, fn) or")
	w("# l.EnterTag(a.Tag(tag)); a constant tag not listed is reported as FA802")
	w("# unknown-tag. Tags are case-sensitive.")
	if len(s.Tags) > 0 {
		w("# These are the constant tags found in the module's WithTag and EnterTag")
		w("# calls (nested tags and each segment of a path \"physics/solver\" included).")
		w("known = %s", quoteList(s.Tags))
	} else {
		w("# No constant tag was found; list your tags to enable FA802.")
		w("# known = [\"physics\", \"rendering\"]")
	}
	w("")
	w("# Which packages allocate under which tag: \"package pattern\" = \"tag\"")
	w("# (\"example.com/game/physics/...\" matches that package and all below it).")
	w("# An allocation under another package's tag is FA803 cross-module-allocation,")
	w("# under any other tag FA801 tag-mismatch.")
	w("[tags.modules]")
	entries, mixed := propose(s.Packages)
	if len(entries) > 0 {
		w("# Proposed from the packages that allocate under a single tag; uncomment")
		w("# the lines you confirm.")
		for _, e := range entries {
			w("# %s = %s", tomlQuote(e.Pattern), tomlQuote(e.Tag))
		}
	} else {
		w("# \"example.com/game/physics/...\" = \"physics\"")
	}
	for _, p := range mixed {
		w("# %s allocates under several tags (%s): map it by hand.", p, strings.Join(s.Packages[p], ", "))
	}
	w("")
	w("[allocator]")
	w("# Extra import paths treated as the allocator package (forks, wrappers),")
	w("# in addition to github.com/framealloc/fa/allocator.")
	w("# packages = []")
	return b.Bytes()
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = tomlQuote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
