package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/framealloc/fa/analyzers"
	"github.com/framealloc/fa/internal/config"
)

// isVetInvocation reports whether go vet is calling fa as its vet tool
// (the unitchecker protocol): "-flags", "-V=full" or a *.cfg last
// argument.
func isVetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V") {
			return true
		}
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetMain runs the unitchecker protocol. It registers its own -V flag so
// the tool ID go vet puts in its cache keys covers both the executable and
// the effective .fa.toml: editing the configuration invalidates cached
// results.
func vetMain() {
	flag.Var(versionFlag{}, "V", "print version and exit")
	unitchecker.Main(analyzers.All()...)
}

// versionFlag implements -V=full the way cmd/go expects:
// "NAME version devel ... buildID=ID".
type versionFlag struct{}

// IsBoolFlag lets -V be given without a value.
func (versionFlag) IsBoolFlag() bool { return true }

// Get implements flag.Getter.
func (versionFlag) Get() any { return nil }

// String implements flag.Value.
func (versionFlag) String() string { return "" }

// Set answers -V (or -V=full, with the build ID go vet caches results
// by) and exits.
func (versionFlag) Set(s string) error {
	name := filepath.Base(os.Args[0])
	id, err := toolID()
	if err != nil {
		return err
	}
	if s == "full" {
		fmt.Printf("%s version devel fa buildID=%s\n", name, id)
	} else {
		fmt.Printf("%s version %s\n", name, version())
	}
	os.Exit(0)
	return nil
}

// toolID hashes the executable and the effective configuration (the
// .fa.toml found from the working directory, or the defaults).
func toolID() (string, error) {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating the executable: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("reading the executable: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("reading the executable: %w", err)
	}
	fmt.Fprintf(h, "\nconfig:%s", configHash())
	return hex.EncodeToString(h.Sum(nil)), nil
}

// configHash is the hash of the effective configuration seen from the
// working directory; a configuration that does not load hashes its error
// (go vet then fails in the analyzers with the same message).
func configHash() string {
	wd, err := os.Getwd()
	if err != nil {
		return "nowd"
	}
	path, err := config.Find(wd)
	if err != nil {
		return "error:" + err.Error()
	}
	if path == "" {
		return config.Default().Hash()
	}
	cfg, err := config.Load(path)
	if err != nil {
		return "error:" + err.Error()
	}
	return cfg.Hash()
}
