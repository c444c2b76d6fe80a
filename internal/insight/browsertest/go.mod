module github.com/framealloc/fa/internal/insight/browsertest

go 1.26.0

require (
	github.com/chromedp/chromedp v0.23.1
	github.com/framealloc/fa v0.0.0
	github.com/framealloc/fa/allocator v0.0.0
)

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/chromedp/cdproto v0.160.1 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/framealloc/fa => ../../..

replace github.com/framealloc/fa/allocator => ../../../allocator
