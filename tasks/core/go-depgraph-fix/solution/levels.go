package depgraph

import "sort"

// Levels groups roots and everything they depend on into waves that can be built in
// parallel: a target's level is 0 if it has no dependencies, else one more than the
// highest level among its dependencies. Each wave is sorted by name.
func (g *Graph) Levels(roots ...string) ([][]string, error) {
	order, err := g.Order(roots...)
	if err != nil {
		return nil, err
	}
	level := make(map[string]int, len(order))
	var waves [][]string
	for _, n := range order { // dependencies come first
		l := 0
		for _, d := range g.deps[n] {
			if level[d]+1 > l {
				l = level[d] + 1
			}
		}
		level[n] = l
		for len(waves) <= l {
			waves = append(waves, nil)
		}
		waves[l] = append(waves[l], n)
	}
	for _, w := range waves {
		sort.Strings(w)
	}
	return waves, nil
}
