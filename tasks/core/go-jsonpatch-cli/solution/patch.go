package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
)

func decode(data []byte) (interface{}, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

// Apply applies the JSON Patch document patch to the JSON document doc and returns the
// result, encoded as described in instruction.md.
func Apply(doc, patch []byte) ([]byte, error) {
	d, err := decode(doc)
	if err != nil {
		return nil, fmt.Errorf("invalid document: %v", err)
	}
	p, err := decode(patch)
	if err != nil {
		return nil, fmt.Errorf("invalid patch: %v", err)
	}
	ops, ok := p.([]interface{})
	if !ok {
		return nil, errors.New("invalid patch: not a JSON array")
	}
	for i, o := range ops {
		d, err = applyOp(d, o)
		if err != nil {
			return nil, fmt.Errorf("operation %d: %v", i, err)
		}
	}
	return json.Marshal(d)
}

func stringMember(op map[string]interface{}, name string) (string, error) {
	v, ok := op[name]
	if !ok {
		return "", fmt.Errorf("missing %q", name)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%q must be a string", name)
	}
	return s, nil
}

func applyOp(doc, raw interface{}) (interface{}, error) {
	op, ok := raw.(map[string]interface{})
	if !ok {
		return nil, errors.New("not an object")
	}
	name, err := stringMember(op, "op")
	if err != nil {
		return nil, err
	}
	path, err := stringMember(op, "path")
	if err != nil {
		return nil, err
	}
	toks, err := parsePointer(path)
	if err != nil {
		return nil, err
	}
	value, hasValue := op["value"]
	needValue := func() error {
		if !hasValue {
			return errors.New(`missing "value"`)
		}
		return nil
	}
	fromToks := func() ([]string, error) {
		from, err := stringMember(op, "from")
		if err != nil {
			return nil, err
		}
		return parsePointer(from)
	}
	switch name {
	case "add":
		if err := needValue(); err != nil {
			return nil, err
		}
		return add(doc, toks, value)
	case "remove":
		return remove(doc, toks)
	case "replace":
		if err := needValue(); err != nil {
			return nil, err
		}
		return replace(doc, toks, value)
	case "move":
		from, err := fromToks()
		if err != nil {
			return nil, err
		}
		v, err := get(doc, from)
		if err != nil {
			return nil, fmt.Errorf("from: %v", err)
		}
		if equalToks(from, toks) {
			return doc, nil
		}
		if len(toks) > len(from) && equalToks(from, toks[:len(from)]) {
			return nil, errors.New("cannot move a value into one of its children")
		}
		if doc, err = remove(doc, from); err != nil {
			return nil, err
		}
		return add(doc, toks, v)
	case "copy":
		from, err := fromToks()
		if err != nil {
			return nil, err
		}
		v, err := get(doc, from)
		if err != nil {
			return nil, fmt.Errorf("from: %v", err)
		}
		return add(doc, toks, deepCopy(v))
	case "test":
		if err := needValue(); err != nil {
			return nil, err
		}
		v, err := get(doc, toks)
		if err != nil {
			return nil, err
		}
		if !jsonEqual(v, value) {
			return nil, fmt.Errorf("test failed at %s", path)
		}
		return doc, nil
	}
	return nil, fmt.Errorf("unknown op %q", name)
}

func equalToks(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func add(doc interface{}, toks []string, value interface{}) (interface{}, error) {
	if len(toks) == 0 {
		return value, nil
	}
	return mutate(doc, toks, func(parent interface{}, key string) (interface{}, error) {
		switch p := parent.(type) {
		case map[string]interface{}:
			p[key] = value
			return p, nil
		case []interface{}:
			i, err := arrayIndex(key, len(p), true)
			if err != nil {
				return nil, err
			}
			if i > len(p) {
				return nil, fmt.Errorf("index %d out of range", i)
			}
			out := make([]interface{}, 0, len(p)+1)
			out = append(out, p[:i]...)
			out = append(out, value)
			return append(out, p[i:]...), nil
		}
		return nil, fmt.Errorf("cannot add %q to a scalar", key)
	})
}

func remove(doc interface{}, toks []string) (interface{}, error) {
	if len(toks) == 0 {
		return nil, errors.New("cannot remove the whole document")
	}
	return mutate(doc, toks, func(parent interface{}, key string) (interface{}, error) {
		switch p := parent.(type) {
		case map[string]interface{}:
			if _, ok := p[key]; !ok {
				return nil, fmt.Errorf("member %q not found", key)
			}
			delete(p, key)
			return p, nil
		case []interface{}:
			i, err := arrayIndex(key, len(p), false)
			if err != nil {
				return nil, err
			}
			if i >= len(p) {
				return nil, fmt.Errorf("index %d out of range", i)
			}
			out := make([]interface{}, 0, len(p)-1)
			out = append(out, p[:i]...)
			return append(out, p[i+1:]...), nil
		}
		return nil, fmt.Errorf("cannot remove %q from a scalar", key)
	})
}

func replace(doc interface{}, toks []string, value interface{}) (interface{}, error) {
	if len(toks) == 0 {
		return value, nil
	}
	return mutate(doc, toks, func(parent interface{}, key string) (interface{}, error) {
		switch p := parent.(type) {
		case map[string]interface{}:
			if _, ok := p[key]; !ok {
				return nil, fmt.Errorf("member %q not found", key)
			}
			p[key] = value
			return p, nil
		case []interface{}:
			i, err := arrayIndex(key, len(p), false)
			if err != nil {
				return nil, err
			}
			if i >= len(p) {
				return nil, fmt.Errorf("index %d out of range", i)
			}
			p[i] = value
			return p, nil
		}
		return nil, fmt.Errorf("cannot replace %q in a scalar", key)
	})
}

func deepCopy(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		m := make(map[string]interface{}, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []interface{}:
		s := make([]interface{}, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}

func jsonEqual(a, b interface{}) bool {
	switch x := a.(type) {
	case map[string]interface{}:
		y, ok := b.(map[string]interface{})
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	case []interface{}:
		y, ok := b.([]interface{})
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		rx, ok1 := new(big.Rat).SetString(string(x))
		ry, ok2 := new(big.Rat).SetString(string(y))
		return ok1 && ok2 && rx.Cmp(ry) == 0
	}
	return a == b
}
