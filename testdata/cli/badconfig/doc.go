// Package badconfig is never analysed: its .fa.toml is invalid.
package badconfig
