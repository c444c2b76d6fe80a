// Package schematest validates the allocator's JSON snapshots against the
// published schema, docs/snapshot-schema.json, with a JSON Schema
// validator. It is a module of its own so that the allocator module keeps
// no requirements; it holds tests only.
package schematest
