module example.com/goroutinesmodel

go 1.26.0

require github.com/framealloc/fa/allocator v0.0.0

replace github.com/framealloc/fa/allocator => ../../../allocator
