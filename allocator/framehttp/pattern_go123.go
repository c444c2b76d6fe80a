//go:build go1.23

package framehttp

import "net/http"

// routedPattern returns the pattern a ServeMux recorded in r (Go 1.23).
func routedPattern(r *http.Request) string { return r.Pattern }
