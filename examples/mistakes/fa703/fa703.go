// Package fa703 captures a frame value in a func literal that runs on
// another goroutine, after the frame may have ended (FA703).
package fa703

import (
	"fmt"

	"github.com/framealloc/fa/allocator"
)

// Report is a frame-local report.
type Report struct{ Lines []string }

// Flush logs the report in the background.
func Flush(l *allocator.Local) {
	r := allocator.Frame[Report](l)
	r.Lines = append(r.Lines, "frame done")
	go func() { // FA703: r is frame memory
		fmt.Println(r.Lines)
	}()
}
