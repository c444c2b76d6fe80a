package fa703

import (
	"log"
	"net/http"
	"time"

	"github.com/framealloc/fa/allocator"
	"github.com/framealloc/fa/allocator/framehttp"
)

func slowLog(w http.ResponseWriter, r *http.Request) {
	m := allocator.Frame[Msg](framehttp.Local(r))
	time.AfterFunc(time.Second, func() { // want `FA703: func literal captures frame value m .*registered to run later by time.AfterFunc`
		log.Println(m.Text)
	})
	go func() { // want `FA703: func literal captures frame value m .*started with go`
		log.Println(m.Text)
	}()
}

// --- negatives ---

func copiedFirst(w http.ResponseWriter, r *http.Request) {
	m := allocator.Frame[Msg](framehttp.Local(r))
	text := m.Text
	go func() { log.Println(text) }()
	defer func() { log.Println(m.Text) }() // runs before the middleware ends the frame
}
