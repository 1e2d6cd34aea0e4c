package main

// Env is one scope: a set of names and the scope around it.
type Env struct {
	vars   map[string]Value
	parent *Env
}

// NewEnv returns an empty scope inside parent (nil for the global scope).
func NewEnv(parent *Env) *Env {
	return &Env{vars: map[string]Value{}, parent: parent}
}

// Define creates or replaces name in this scope.
func (e *Env) Define(name string, v Value) { e.vars[name] = v }

// Lookup finds name in this scope or the nearest enclosing one.
func (e *Env) Lookup(name string) (Value, bool) {
	for s := e; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// Assign changes name in the nearest scope that defines it.
func (e *Env) Assign(name string, v Value) bool {
	for s := e; s != nil; s = s.parent {
		if _, ok := s.vars[name]; ok {
			s.vars[name] = v
			return true
		}
	}
	return false
}
