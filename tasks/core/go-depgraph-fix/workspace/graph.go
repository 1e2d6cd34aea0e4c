// Package depgraph reads build-dependency specs and computes build orders.
package depgraph

import (
	"fmt"
	"strings"
)

// Graph is a set of targets and their direct dependencies.
type Graph struct {
	order []string            // targets in order of first appearance (as target or dependency)
	deps  map[string][]string // direct dependencies in declaration order, without duplicates
}

func newGraph() *Graph { return &Graph{deps: make(map[string][]string)} }

func (g *Graph) add(name string) {
	if _, ok := g.deps[name]; !ok {
		g.deps[name] = nil
		g.order = append(g.order, name)
	}
}

// declare records that target depends on deps (in addition to earlier declarations).
func (g *Graph) declare(target string, deps []string) {
	g.add(target)
	for _, d := range deps {
		g.add(d)
	}
	g.deps[target] = deps
}

// Targets returns every target in order of first appearance.
func (g *Graph) Targets() []string { return append([]string(nil), g.order...) }

// Deps returns the direct dependencies of target, in declaration order.
func (g *Graph) Deps(target string) []string { return append([]string(nil), g.deps[target]...) }

// CycleError reports a dependency cycle.
type CycleError struct {
	// Path starts and ends with the same target: [a b c a] means a needs b needs c needs a.
	Path []string
}

func (e *CycleError) Error() string {
	return "dependency cycle: " + strings.Join(e.Path, " -> ")
}

func (g *Graph) roots(roots []string) ([]string, error) {
	if len(roots) == 0 {
		return g.order, nil
	}
	for _, r := range roots {
		if _, ok := g.deps[r]; !ok {
			return nil, fmt.Errorf("unknown target %q", r)
		}
	}
	return roots, nil
}

// Order returns a build order for roots and everything they depend on: every target
// comes after all of its dependencies. See README.md for the exact order.
func (g *Graph) Order(roots ...string) ([]string, error) {
	rs, err := g.roots(roots)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool)
	var out []string
	var visit func(n string) error
	visit = func(n string) error {
		if seen[n] {
			return nil
		}
		seen[n] = true
		for _, d := range g.deps[n] {
			if err := visit(d); err != nil {
				return err
			}
		}
		out = append(out, n)
		return nil
	}
	for _, r := range rs {
		if err := visit(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}
