// Package suppress holds a suppression comment that is itself wrong: fa
// reports a suppression without a reason as FA001.
package suppress

import "example.com/faintegration/alloc"

// Sum adds its arguments.
func Sum(l *alloc.Local, a, b int) int {
	//fa:ignore FA601
	return a + b
}
