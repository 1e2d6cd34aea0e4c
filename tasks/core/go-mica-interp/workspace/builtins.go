package main

import "strconv"

func itoa(n int) string { return strconv.Itoa(n) }

func arityError(line int, name string, want string, got int) error {
	return runtimeErrorf(line, "%s expects %s, got %d", name, want, got)
}

func builtins() []*Builtin {
	return []*Builtin{
		{Name: "print", Fn: biPrint},
		{Name: "len", Fn: biLen},
		{Name: "str", Fn: biStr},
		{Name: "type", Fn: biType},
		{Name: "push", Fn: biPush},
		{Name: "pop", Fn: biPop},
		{Name: "range", Fn: biRange},
	}
}

func biPrint(in *Interp, line int, args []Value) (Value, error) {
	for i, a := range args {
		if i > 0 {
			in.out.WriteByte(' ')
		}
		in.out.WriteString(Display(a))
	}
	in.out.WriteByte('\n')
	return Nil{}, nil
}

func biLen(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 1 {
		return nil, arityError(line, "len", "1 argument", len(args))
	}
	switch x := args[0].(type) {
	case Str:
		return Int(len(x)), nil
	case *List:
		return Int(len(x.Elems)), nil
	}
	return nil, runtimeErrorf(line, "len: expected string or list, got %s", TypeName(args[0]))
}

func biStr(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 1 {
		return nil, arityError(line, "str", "1 argument", len(args))
	}
	return Str(Display(args[0])), nil
}

func biType(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 1 {
		return nil, arityError(line, "type", "1 argument", len(args))
	}
	return Str(TypeName(args[0])), nil
}

func biPush(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 2 {
		return nil, arityError(line, "push", "2 arguments", len(args))
	}
	list, ok := args[0].(*List)
	if !ok {
		return nil, runtimeErrorf(line, "push: expected list, got %s", TypeName(args[0]))
	}
	list.Elems = append(list.Elems, args[1])
	return Nil{}, nil
}

func biPop(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 1 {
		return nil, arityError(line, "pop", "1 argument", len(args))
	}
	list, ok := args[0].(*List)
	if !ok {
		return nil, runtimeErrorf(line, "pop: expected list, got %s", TypeName(args[0]))
	}
	n := len(list.Elems)
	if n == 0 {
		return nil, runtimeErrorf(line, "pop from empty list")
	}
	v := list.Elems[n-1]
	list.Elems = list.Elems[:n-1]
	return v, nil
}

func biRange(in *Interp, line int, args []Value) (Value, error) {
	if len(args) != 1 && len(args) != 2 {
		return nil, arityError(line, "range", "1 or 2 arguments", len(args))
	}
	var bounds [2]int64
	for i, a := range args {
		n, ok := a.(Int)
		if !ok {
			return nil, runtimeErrorf(line, "range: expected int, got %s", TypeName(a))
		}
		bounds[i] = int64(n)
	}
	lo, hi := int64(0), bounds[0]
	if len(args) == 2 {
		lo, hi = bounds[0], bounds[1]
	}
	if hi-lo > 1000000 {
		return nil, runtimeErrorf(line, "range too large")
	}
	list := &List{}
	for i := lo; i < hi; i++ {
		list.Elems = append(list.Elems, Int(i))
	}
	return list, nil
}
