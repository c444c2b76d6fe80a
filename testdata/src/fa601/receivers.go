package fa601

import (
	"example.com/fa601/helpers"
	fa "github.com/framealloc/fa/allocator"
)

var made *helpers.Vec

// A value-receiver method of another package returning frame memory of
// the Local in its receiver.
func valueReceiver(l *fa.Local) {
	m := helpers.Maker{L: l}
	made = m.New() // want `FA601: frame value m.New\(...\) escapes to package-level variable made`
}

func valueReceiverPool(l *fa.Local) {
	made = helpers.Maker{L: l}.Pooled()
}
