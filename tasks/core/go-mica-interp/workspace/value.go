package main

import (
	"strconv"
	"strings"
)

// Value is any Mica value: Int, Str, Bool, Nil, *List, *Function or *Builtin.
type Value interface{}

type (
	Int  int64
	Str  string
	Bool bool
	Nil  struct{}
)

// List is a mutable, shared sequence of values.
type List struct {
	Elems []Value
}

// Function is a user-defined function value: its declaration and the scope
// it was created in.
type Function struct {
	Decl *FnLit
	Env  *Env
}

// Builtin is a function provided by the interpreter.
type Builtin struct {
	Name string
	Fn   func(in *Interp, line int, args []Value) (Value, error)
}

// TypeName returns the type name used in error messages and by type().
func TypeName(v Value) string {
	switch v.(type) {
	case Int:
		return "int"
	case Str:
		return "string"
	case Bool:
		return "bool"
	case Nil:
		return "nil"
	case *List:
		return "list"
	case *Function, *Builtin:
		return "function"
	}
	return "unknown"
}

// Truthy reports whether v counts as true in a condition.
func Truthy(v Value) bool {
	switch x := v.(type) {
	case Bool:
		return bool(x)
	case Nil:
		return false
	case Int:
		return x != 0
	case Str:
		return x != ""
	case *List:
		return len(x.Elems) != 0
	}
	return true
}

// Equal implements == : same type and same value; lists compare element by
// element, functions by identity.
func Equal(a, b Value) bool {
	switch x := a.(type) {
	case Int:
		y, ok := b.(Int)
		return ok && x == y
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case Bool:
		y, ok := b.(Bool)
		return ok && x == y
	case Nil:
		_, ok := b.(Nil)
		return ok
	case *List:
		y, ok := b.(*List)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		if len(x.Elems) != len(y.Elems) {
			return false
		}
		for i := range x.Elems {
			if !Equal(x.Elems[i], y.Elems[i]) {
				return false
			}
		}
		return true
	case *Function:
		y, ok := b.(*Function)
		return ok && x == y
	case *Builtin:
		y, ok := b.(*Builtin)
		return ok && x == y
	}
	return false
}

// Display renders a value the way print and str do.
func Display(v Value) string {
	var b strings.Builder
	display(&b, v, false, map[*List]bool{})
	return b.String()
}

func display(b *strings.Builder, v Value, quoted bool, active map[*List]bool) {
	switch x := v.(type) {
	case Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case Str:
		if quoted {
			b.WriteString(quote(string(x)))
		} else {
			b.WriteString(string(x))
		}
	case Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case Nil:
		b.WriteString("nil")
	case *List:
		if active[x] {
			b.WriteString("[...]")
			return
		}
		active[x] = true
		b.WriteByte('[')
		for i, e := range x.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			display(b, e, true, active)
		}
		b.WriteByte(']')
		delete(active, x)
	case *Function:
		if x.Decl.Name == "" {
			b.WriteString("<fn>")
		} else {
			b.WriteString("<fn " + x.Decl.Name + ">")
		}
	case *Builtin:
		b.WriteString("<builtin " + x.Name + ">")
	}
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
