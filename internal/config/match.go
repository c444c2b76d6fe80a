package config

import (
	"errors"
	"path"
	"regexp"
	"strings"
)

// MatchPattern reports whether the import path pkgPath matches the Go
// package pattern, as `go list` patterns do: "..." matches any string, and a
// pattern ending in "/..." also matches the path before it, so
// "example.com/game/physics/..." matches example.com/game/physics and every
// package below it. A pattern without "..." matches that path only.
func MatchPattern(pattern, pkgPath string) bool {
	if !strings.Contains(pattern, "...") {
		return pattern == pkgPath
	}
	return patternRegexp(pattern).MatchString(pkgPath)
}

func patternRegexp(pattern string) *regexp.Regexp {
	re := regexp.QuoteMeta(pattern)
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	if strings.HasSuffix(re, `/.*`) {
		re = strings.TrimSuffix(re, `/.*`) + `(/.*)?`
	}
	return regexp.MustCompile(`^` + re + `$`)
}

// ValidPattern reports whether pattern is a usable package pattern: not
// empty, no spaces, no backslashes, no leading or trailing slash.
func ValidPattern(pattern string) error {
	switch {
	case pattern == "":
		return errors.New("empty pattern")
	case strings.ContainsAny(pattern, " \t\\"):
		return errors.New("package patterns contain no spaces or backslashes")
	case strings.HasPrefix(pattern, "/") || strings.HasSuffix(pattern, "/"):
		return errors.New("package patterns do not start or end with a slash")
	case strings.HasPrefix(pattern, "./") || strings.HasPrefix(pattern, "../") || pattern == "." || pattern == "..":
		return errors.New("use an import path (example.com/game/physics/...), not a relative directory")
	}
	return nil
}

// MatchGlob reports whether the slash-separated relative path name matches
// glob. Glob syntax is path.Match's (*, ?, [...], \) plus "**", which matches
// any number of path segments, including none. A glob matches a path when it
// matches the path itself or one of its parent directories, so "gen" and
// "gen/**" both exclude gen/a.go. A glob without a slash also matches the
// base name of a path at any depth ("*_gen.go").
func MatchGlob(glob, name string) bool {
	glob = strings.TrimPrefix(glob, "./")
	name = strings.TrimPrefix(name, "./")
	if glob == "" || name == "" {
		return false
	}
	gsegs := strings.Split(strings.TrimSuffix(glob, "/"), "/")
	nsegs := strings.Split(name, "/")
	for n := len(nsegs); n > 0; n-- {
		if matchSegs(gsegs, nsegs[:n]) {
			return true
		}
	}
	if !strings.Contains(glob, "/") {
		for _, seg := range nsegs {
			if ok, _ := path.Match(glob, seg); ok {
				return true
			}
		}
	}
	return false
}

func matchSegs(glob, name []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			rest := glob[1:]
			for i := 0; i <= len(name); i++ {
				if matchSegs(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(glob[0], name[0]); !ok {
			return false
		}
		glob, name = glob[1:], name[1:]
	}
	return len(name) == 0
}

// ValidGlob reports whether glob is well formed.
func ValidGlob(glob string) error {
	if strings.TrimSpace(glob) == "" {
		return errors.New("empty glob")
	}
	if strings.HasPrefix(glob, "/") {
		return errors.New("globs are relative paths; remove the leading slash")
	}
	for _, seg := range strings.Split(glob, "/") {
		if seg == "**" {
			continue
		}
		if strings.Contains(seg, "**") {
			return errors.New(`"**" must be a whole path segment`)
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}
