// Command ssafloor is the comparator for fa's robustness measurements: a
// checker that runs only buildssa (and what it requires) on every package
// and reports nothing. Its cost is the floor of any analyzer that builds
// SSA for every package it is given.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

func main() { multichecker.Main(buildssa.Analyzer) }
