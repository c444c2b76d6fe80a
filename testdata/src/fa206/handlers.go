package fa206

import (
	"net/http"
	"sync"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

// The request's Local is used by the middleware after the handler
// returns (it ends the frame and hands the Local to the next request).

func warm(l *allocator.Local) { l.SetPoolBudget(0) }

type api struct{}

func (api) share(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	go warm(l) // want `FA206: Local l of the request is passed to a goroutine \(go statement\) that may outlive the handler`
}

func captured(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	go func() { // want `FA206: Local l of the request is captured by a goroutine \(go statement\) that may outlive the handler`
		l.SetPoolBudget(0)
	}()
}

// --- negatives ---

func waitedHandler(w http.ResponseWriter, r *http.Request) {
	l := framehttp.Local(r)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.SetPoolBudget(0)
	}()
	wg.Wait()
}

// A goroutine with a Local of its own.
func ownLocal(a *allocator.Allocator) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		go func() {
			l := a.NewLocal()
			defer l.Close()
			l.SetPoolBudget(0)
		}()
	}
}
