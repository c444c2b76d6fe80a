// Package tagnames exports tags as constants, one of them misspelt.
package tagnames

const (
	Physics = "physics"
	Netwrok = "netwrok"
	Chat    = "chat"
)
