// Command fa checks Go programs that use the frame allocator
// (github.com/framealloc/fa/allocator) for lifetime, threading, budget,
// async and architecture mistakes.
//
// Usage:
//
//	fa [flags] [packages]     check packages (default ./...)
//	fa explain CODE           explain a diagnostic code
//	fa show FILE              one file's diagnostics with source context
//	fa list                   list every code
//	fa init [--force]         write .fa.toml
//	fa insight SOURCE         inspect allocator snapshots in the browser
//	                          (a snapshot folder or a live endpoint URL;
//	                          --html OUT writes one self-contained file)
//	fa version                print the version
//
// The same binary is a go vet tool: go vet -vettool=$(which fa) ./...
//
// Packages are analysed in process by default (--driver=packages): fa
// first lists the packages and loads syntax only for those that reach the
// allocator, so a repository that barely uses it costs little more than
// `go list` (golang.org/x/tools: about 2 s and 40 MB). --driver=vet runs
// `go vet -vettool=fa -json` instead: slower on a first run (it compiles
// export data and runs once per package), but cached by cmd/go and bounded
// to one package's memory, for very large repositories.
//
// Exit codes: 0 nothing fails the run; 1 diagnostics fail the run; 2 the
// run could not be done.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit codes of DESIGN.md section 3.
const (
	exitOK       = 0
	exitFindings = 1
	exitFailure  = 2
)

func main() {
	if isVetInvocation(os.Args[1:]) {
		vetMain() // never returns
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the CLI with args and returns the exit code. It never
// panics: a panic becomes exit code 2 with its message.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "fa: internal error: %v\n", r)
			code = exitFailure
		}
	}()
	st := &state{stdout: stdout, stderr: stderr}
	root := newRootCmd(st)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		var f *findingsError
		if errors.As(err, &f) {
			return exitFindings
		}
		fmt.Fprintf(stderr, "fa: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// findingsError means diagnostics failed the run (exit 1); the report has
// been written.
type findingsError struct{ n int }

// Error says how many diagnostics fail the run.
func (e *findingsError) Error() string { return fmt.Sprintf("%d diagnostic(s) fail the run", e.n) }

// state is what one CLI invocation shares between commands.
type state struct {
	stdout, stderr io.Writer
}
