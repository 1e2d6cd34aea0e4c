package main

import (
	"bufio"
	"io"
)

// MaxCallDepth is the deepest nesting of calls to user functions allowed.
const MaxCallDepth = 200

// control says how a statement finished.
type control int

const (
	ctlNormal control = iota
	ctlBreak
	ctlContinue
	ctlReturn
)

// Interp runs a parsed program.
type Interp struct {
	globals *Env
	out     *bufio.Writer
	depth   int
}

// NewInterp returns an interpreter writing program output to w.
func NewInterp(w io.Writer) *Interp {
	in := &Interp{globals: NewEnv(nil), out: bufio.NewWriter(w)}
	for _, b := range builtins() {
		in.globals.Define(b.Name, b)
	}
	return in
}

// Run executes the program; output is flushed even when it fails.
func (in *Interp) Run(prog []Stmt) error {
	defer in.out.Flush()
	_, _, err := in.execBlock(prog, in.globals)
	return err
}

func (in *Interp) execBlock(stmts []Stmt, env *Env) (control, Value, error) {
	for _, s := range stmts {
		ctl, v, err := in.exec(s, env)
		if err != nil || ctl != ctlNormal {
			return ctl, v, err
		}
	}
	return ctlNormal, nil, nil
}

func (in *Interp) exec(s Stmt, env *Env) (control, Value, error) {
	switch s := s.(type) {
	case *ExprStmt:
		_, err := in.eval(s.X, env)
		return ctlNormal, nil, err
	case *LetStmt:
		v, err := in.eval(s.Value, env)
		if err != nil {
			return ctlNormal, nil, err
		}
		env.Define(s.Name, v)
		return ctlNormal, nil, nil
	case *AssignStmt:
		v, err := in.eval(s.Value, env)
		if err != nil {
			return ctlNormal, nil, err
		}
		if !env.Assign(s.Name, v) {
			return ctlNormal, nil, runtimeErrorf(s.Line, "undefined variable: %s", s.Name)
		}
		return ctlNormal, nil, nil
	case *IndexAssignStmt:
		return ctlNormal, nil, in.execIndexAssign(s, env)
	case *FnStmt:
		env.Define(s.Fn.Name, &Function{Decl: s.Fn, Env: env})
		return ctlNormal, nil, nil
	case *BlockStmt:
		return in.execBlock(s.Body, NewEnv(env))
	case *IfStmt:
		c, err := in.eval(s.Cond, env)
		if err != nil {
			return ctlNormal, nil, err
		}
		if Truthy(c) {
			return in.execBlock(s.Then, NewEnv(env))
		}
		if s.Else != nil {
			return in.execBlock(s.Else, NewEnv(env))
		}
		return ctlNormal, nil, nil
	case *WhileStmt:
		for {
			c, err := in.eval(s.Cond, env)
			if err != nil {
				return ctlNormal, nil, err
			}
			if !Truthy(c) {
				return ctlNormal, nil, nil
			}
			ctl, v, err := in.execBlock(s.Body, NewEnv(env))
			if err != nil {
				return ctlNormal, nil, err
			}
			if ctl == ctlBreak || ctl == ctlReturn {
				return ctlNormal, v, nil
			}
		}
	case *ForStmt:
		return in.execFor(s, env)
	case *ReturnStmt:
		var v Value = Nil{}
		if s.Value != nil {
			r, err := in.eval(s.Value, env)
			if err != nil {
				return ctlNormal, nil, err
			}
			v = r
		}
		return ctlReturn, v, nil
	case *BreakStmt:
		return ctlBreak, nil, nil
	case *ContinueStmt:
		return ctlContinue, nil, nil
	}
	return ctlNormal, nil, runtimeErrorf(s.stmtLine(), "unknown statement")
}

func (in *Interp) execFor(s *ForStmt, env *Env) (control, Value, error) {
	it, err := in.eval(s.Iter, env)
	if err != nil {
		return ctlNormal, nil, err
	}
	var items []Value
	switch x := it.(type) {
	case *List:
		items = append([]Value(nil), x.Elems...)
	case Str:
		for i := 0; i < len(x); i++ {
			items = append(items, Str(x[i:i+1]))
		}
	default:
		return ctlNormal, nil, runtimeErrorf(s.Line, "cannot iterate over %s", TypeName(it))
	}
	scope := NewEnv(env)
	for _, item := range items {
		scope.Define(s.Var, item)
		ctl, v, err := in.execBlock(s.Body, scope)
		if err != nil {
			return ctlNormal, nil, err
		}
		if ctl == ctlBreak || ctl == ctlReturn {
			return ctlNormal, v, nil
		}
	}
	return ctlNormal, nil, nil
}

func (in *Interp) execIndexAssign(s *IndexAssignStmt, env *Env) error {
	target, err := in.eval(s.Target, env)
	if err != nil {
		return err
	}
	pos, err := in.eval(s.Position, env)
	if err != nil {
		return err
	}
	v, err := in.eval(s.Value, env)
	if err != nil {
		return err
	}
	list, ok := target.(*List)
	if !ok {
		return runtimeErrorf(s.Line, "cannot assign to index of %s", TypeName(target))
	}
	i, err := resolveIndex(s.Line, pos, len(list.Elems))
	if err != nil {
		return err
	}
	list.Elems[i] = v
	return nil
}

// resolveIndex checks an index against a length; negative indexes count
// from the end.
func resolveIndex(line int, pos Value, n int) (int, error) {
	p, ok := pos.(Int)
	if !ok {
		return 0, runtimeErrorf(line, "index must be int, got %s", TypeName(pos))
	}
	i := int64(p)
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, runtimeErrorf(line, "index out of range: %d (length %d)", int64(p), n)
	}
	return int(i), nil
}

func (in *Interp) eval(e Expr, env *Env) (Value, error) {
	switch e := e.(type) {
	case *IntLit:
		return Int(e.Value), nil
	case *StrLit:
		return Str(e.Value), nil
	case *BoolLit:
		return Bool(e.Value), nil
	case *NilLit:
		return Nil{}, nil
	case *Ident:
		v, ok := env.Lookup(e.Name)
		if !ok {
			return nil, runtimeErrorf(e.Line, "undefined variable: %s", e.Name)
		}
		return v, nil
	case *ListLit:
		elems := make([]Value, 0, len(e.Elems))
		for _, x := range e.Elems {
			v, err := in.eval(x, env)
			if err != nil {
				return nil, err
			}
			elems = append(elems, v)
		}
		return &List{Elems: elems}, nil
	case *FnLit:
		return &Function{Decl: e, Env: env}, nil
	case *Unary:
		v, err := in.eval(e.Operand, env)
		if err != nil {
			return nil, err
		}
		return unaryOp(e.Line, e.Op, v)
	case *Binary:
		a, err := in.eval(e.Left, env)
		if err != nil {
			return nil, err
		}
		b, err := in.eval(e.Right, env)
		if err != nil {
			return nil, err
		}
		return binaryOp(e.Line, e.Op, a, b)
	case *Logical:
		a, err := in.eval(e.Left, env)
		if err != nil {
			return nil, err
		}
		if e.Op == TokOr && Truthy(a) {
			return a, nil
		}
		if e.Op == TokAnd && !Truthy(a) {
			return a, nil
		}
		return in.eval(e.Right, env)
	case *Index:
		return in.evalIndex(e, env)
	case *Call:
		return in.evalCall(e, env)
	}
	return nil, runtimeErrorf(e.exprLine(), "unknown expression")
}

func (in *Interp) evalIndex(e *Index, env *Env) (Value, error) {
	target, err := in.eval(e.Target, env)
	if err != nil {
		return nil, err
	}
	pos, err := in.eval(e.Position, env)
	if err != nil {
		return nil, err
	}
	switch x := target.(type) {
	case *List:
		i, err := resolveIndex(e.Line, pos, len(x.Elems))
		if err != nil {
			return nil, err
		}
		return x.Elems[i], nil
	case Str:
		i, err := resolveIndex(e.Line, pos, len(x))
		if err != nil {
			return nil, err
		}
		return x[i : i+1], nil
	}
	return nil, runtimeErrorf(e.Line, "cannot index %s", TypeName(target))
}

func (in *Interp) evalCall(e *Call, env *Env) (Value, error) {
	callee, err := in.eval(e.Callee, env)
	if err != nil {
		return nil, err
	}
	args := make([]Value, 0, len(e.Args))
	for _, a := range e.Args {
		v, err := in.eval(a, env)
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	return in.call(e.Line, callee, args, env)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

func (in *Interp) call(line int, callee Value, args []Value, env *Env) (Value, error) {
	switch f := callee.(type) {
	case *Builtin:
		return f.Fn(in, line, args)
	case *Function:
		decl := f.Decl
		if len(args) != len(decl.Params) {
			name := decl.Name
			if name == "" {
				name = "<fn>"
			}
			return nil, runtimeErrorf(line, "%s expects %s, got %d", name, plural(len(decl.Params), "argument"), len(args))
		}
		if in.depth >= MaxCallDepth {
			return nil, runtimeErrorf(line, "stack overflow")
		}
		scope := NewEnv(env)
		for i, p := range decl.Params {
			scope.Define(p, args[i])
		}
		in.depth++
		ctl, v, err := in.execBlock(decl.Body, scope)
		in.depth--
		if err != nil {
			return nil, err
		}
		if ctl == ctlReturn {
			return v, nil
		}
		return Nil{}, nil
	}
	return nil, runtimeErrorf(line, "cannot call %s", TypeName(callee))
}
