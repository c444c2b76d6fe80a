//go:build !go1.23

package framehttp

import "net/http"

// routedPattern returns "": before Go 1.23 a ServeMux does not expose the
// pattern it matched in the request, so PatternTag matches again.
func routedPattern(*http.Request) string { return "" }
