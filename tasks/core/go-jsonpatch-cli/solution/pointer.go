package main

import (
	"fmt"
	"strconv"
	"strings"
)

// parsePointer splits a JSON Pointer (RFC 6901) into unescaped reference tokens.
func parsePointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("invalid pointer %q: must be empty or start with /", p)
	}
	toks := strings.Split(p[1:], "/")
	for i, t := range toks {
		for j := 0; j < len(t); j++ {
			if t[j] == '~' && (j+1 >= len(t) || (t[j+1] != '0' && t[j+1] != '1')) {
				return nil, fmt.Errorf("invalid pointer %q: bad escape", p)
			}
		}
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks, nil
}

// arrayIndex parses an array reference token; "-" is n when allowDash.
func arrayIndex(tok string, n int, allowDash bool) (int, error) {
	if tok == "-" && allowDash {
		return n, nil
	}
	if tok == "" || (len(tok) > 1 && tok[0] == '0') {
		return 0, fmt.Errorf("invalid array index %q", tok)
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0, fmt.Errorf("invalid array index %q", tok)
		}
	}
	i, err := strconv.Atoi(tok)
	if err != nil {
		return 0, fmt.Errorf("invalid array index %q", tok)
	}
	return i, nil
}

// get returns the value at toks.
func get(node interface{}, toks []string) (interface{}, error) {
	for _, t := range toks {
		switch n := node.(type) {
		case map[string]interface{}:
			v, ok := n[t]
			if !ok {
				return nil, fmt.Errorf("member %q not found", t)
			}
			node = v
		case []interface{}:
			i, err := arrayIndex(t, len(n), false)
			if err != nil {
				return nil, err
			}
			if i >= len(n) {
				return nil, fmt.Errorf("index %d out of range", i)
			}
			node = n[i]
		default:
			return nil, fmt.Errorf("cannot index a scalar with %q", t)
		}
	}
	return node, nil
}

// mutate walks to the parent of the last token and calls op on it; op returns the
// parent's new value. mutate returns node's new value. toks must not be empty.
func mutate(node interface{}, toks []string, op func(parent interface{}, key string) (interface{}, error)) (interface{}, error) {
	if len(toks) == 1 {
		return op(node, toks[0])
	}
	child, err := get(node, toks[:1])
	if err != nil {
		return nil, err
	}
	nc, err := mutate(child, toks[1:], op)
	if err != nil {
		return nil, err
	}
	switch n := node.(type) {
	case map[string]interface{}:
		n[toks[0]] = nc
	case []interface{}:
		i, _ := arrayIndex(toks[0], len(n), false)
		n[i] = nc
	}
	return node, nil
}
