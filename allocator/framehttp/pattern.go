package framehttp

import "net/http"

// PatternTag returns a TagFunc giving each request the pattern of mux that
// matches it, such as "GET /items/{id}", so that statistics and budgets
// are per route. The middleware may wrap mux or the handlers registered on
// it. Inside mux on Go 1.23 and later, the pattern mux recorded in
// r.Pattern is used as is; otherwise mux matches r again (mux.Handler).
// A request no pattern matches gets no tag.
func PatternTag(mux *http.ServeMux) func(*http.Request) string {
	return func(r *http.Request) string {
		if p := routedPattern(r); p != "" {
			return p
		}
		_, p := mux.Handler(r)
		return p
	}
}
