package required_test

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/framealloc/fa/analyzers/internal/required"
)

type model struct{ n int }

type other struct{}

func TestResult(t *testing.T) {
	a := &analysis.Analyzer{Name: "a", ResultType: reflect.TypeFor[*model]()}
	b := &analysis.Analyzer{Name: "b", ResultType: reflect.TypeFor[*other]()}
	// A copy of a, as analyzers.New makes: the lookup must find it by type.
	ac := *a
	user := &analysis.Analyzer{Name: "user", Requires: []*analysis.Analyzer{b, &ac}}
	pass := &analysis.Pass{Analyzer: user, ResultOf: map[*analysis.Analyzer]any{&ac: &model{n: 7}, b: &other{}}}
	if got := required.Result[*model](pass); got == nil || got.n != 7 {
		t.Errorf("Result[*model] = %v, want the copy's result", got)
	}
	if got := required.Result[*other](pass); got == nil {
		t.Error("Result[*other] = nil")
	}

	// A requirement whose result is nil gives the zero value.
	pass.ResultOf[&ac] = nil
	if got := required.Result[*model](pass); got != nil {
		t.Errorf("nil result: got %v", got)
	}
}

func TestResultMissingOrAmbiguous(t *testing.T) {
	a := &analysis.Analyzer{Name: "a", ResultType: reflect.TypeFor[*model]()}
	a2 := &analysis.Analyzer{Name: "a2", ResultType: reflect.TypeFor[*model]()}
	for name, reqs := range map[string][]*analysis.Analyzer{"missing": nil, "ambiguous": {a, a2}} {
		t.Run(name, func(t *testing.T) {
			pass := &analysis.Pass{Analyzer: &analysis.Analyzer{Name: "user", Requires: reqs}, ResultOf: map[*analysis.Analyzer]any{}}
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, "analyzer user requires") {
					t.Errorf("panic %v, want one naming the analyzer", r)
				}
			}()
			required.Result[*model](pass)
		})
	}
}
