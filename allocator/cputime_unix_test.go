//go:build unix

package allocator

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user plus system) the process has used,
// every goroutine and the garbage collector included.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
