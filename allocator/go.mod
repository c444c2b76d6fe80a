module github.com/framealloc/fa/allocator

go 1.22
