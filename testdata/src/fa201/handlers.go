package fa201

import (
	"net/http"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

type Order struct{ ID int }

func index(o *Order) { _ = o.ID }

type queue struct{ orders chan *Order }

func (q *queue) background(w http.ResponseWriter, r *http.Request) {
	o := allocator.Frame[Order](framehttp.Local(r))
	go index(o)   // want `FA201: frame value o passed to a go statement without Transfer`
	q.orders <- o // want `FA201: frame value o sent on a channel without Transfer`
}

// --- negatives: a copy and a Transfer handle ---

func (q *queue) copies(w http.ResponseWriter, r *http.Request, ids chan int, hs chan *allocator.TransferHandle[Order]) {
	o := allocator.Frame[Order](framehttp.Local(r))
	ids <- o.ID
	hs <- allocator.Transfer(framehttp.Local(r), o)
}
