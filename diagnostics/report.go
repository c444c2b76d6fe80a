package diagnostics

// SchemaVersion is the version of the JSON output schema.
const SchemaVersion = 1

// Tool names the program that produced a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts a report's diagnostics by severity, and what was analysed.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Hints    int `json:"hints"`
	Packages int `json:"packages"`
	Files    int `json:"files"`
}

// Report is the complete result of one fa run, as every output format
// writes it. Diagnostics are sorted by file, line, column and code; their
// paths are slash-separated and relative to Root.
type Report struct {
	Version     int          `json:"version"`
	Tool        Tool         `json:"tool"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Summary     Summary      `json:"summary"`
	// Root is the absolute directory the paths are relative to (the
	// working directory of the run). It is not part of the JSON schema.
	Root string `json:"-"`
}
