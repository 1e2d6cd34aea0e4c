package main

import "errors"

// Apply applies the JSON Patch document patch to the JSON document doc and returns the
// result, encoded as described in instruction.md.
func Apply(doc, patch []byte) ([]byte, error) {
	return nil, errors.New("not implemented")
}
