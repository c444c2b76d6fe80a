module github.com/framealloc/fa

go 1.26.0
