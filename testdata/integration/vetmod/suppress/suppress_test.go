package suppress

import (
	"testing"

	"example.com/faintegration/alloc"
)

func TestSum(t *testing.T) {
	l := alloc.New().NewLocal()
	//fa:ignore FA602
	if Sum(l, 1, 2) != 3 {
		t.Fatal("sum")
	}
}
