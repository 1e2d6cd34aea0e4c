package main

// Arithmetic and comparison on values.

var opText = map[TokenKind]string{
	TokPlus: "+", TokMinus: "-", TokStar: "*", TokSlash: "/", TokPercent: "%",
	TokStarStar: "**", TokLt: "<", TokLe: "<=", TokGt: ">", TokGe: ">=",
	TokEq: "==", TokNe: "!=",
}

func operandError(line int, op TokenKind, a, b Value) error {
	return runtimeErrorf(line, "unsupported operand types for %s: %s and %s", opText[op], TypeName(a), TypeName(b))
}

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// floorMod is the remainder matching floorDiv: it has the sign of b.
func floorMod(a, b int64) int64 {
	m := a % b
	if m != 0 && ((m < 0) != (b < 0)) {
		m += b
	}
	return m
}

// ipow raises base to a non-negative exponent with wrapping multiplication.
func ipow(base, exp int64) int64 {
	result := int64(1)
	for exp > 0 {
		if exp&1 == 1 {
			result *= base
		}
		base *= base
		exp >>= 1
	}
	return result
}

func binaryOp(line int, op TokenKind, a, b Value) (Value, error) {
	switch op {
	case TokEq:
		return Bool(Equal(a, b)), nil
	case TokNe:
		return Bool(!Equal(a, b)), nil
	case TokLt, TokLe, TokGt, TokGe:
		return compare(line, op, a, b)
	}
	switch x := a.(type) {
	case Int:
		y, ok := b.(Int)
		if !ok {
			return nil, operandError(line, op, a, b)
		}
		return intOp(line, op, int64(x), int64(y))
	case Str:
		y, ok := b.(Str)
		if ok && op == TokPlus {
			return x + y, nil
		}
	case *List:
		y, ok := b.(*List)
		if ok && op == TokPlus {
			elems := make([]Value, 0, len(x.Elems)+len(y.Elems))
			elems = append(elems, x.Elems...)
			elems = append(elems, y.Elems...)
			return &List{Elems: elems}, nil
		}
	}
	return nil, operandError(line, op, a, b)
}

func intOp(line int, op TokenKind, x, y int64) (Value, error) {
	switch op {
	case TokPlus:
		return Int(x + y), nil
	case TokMinus:
		return Int(x - y), nil
	case TokStar:
		return Int(x * y), nil
	case TokSlash:
		if y == 0 {
			return nil, runtimeErrorf(line, "division by zero")
		}
		return Int(floorDiv(x, y)), nil
	case TokPercent:
		if y == 0 {
			return nil, runtimeErrorf(line, "division by zero")
		}
		return Int(floorMod(x, y)), nil
	case TokStarStar:
		if y < 0 {
			return nil, runtimeErrorf(line, "negative exponent")
		}
		return Int(ipow(x, y)), nil
	}
	return nil, runtimeErrorf(line, "unknown operator")
}

func compare(line int, op TokenKind, a, b Value) (Value, error) {
	var c int
	switch x := a.(type) {
	case Int:
		y, ok := b.(Int)
		if !ok {
			return nil, runtimeErrorf(line, "cannot compare %s and %s", TypeName(a), TypeName(b))
		}
		switch {
		case x < y:
			c = -1
		case x > y:
			c = 1
		}
	case Str:
		y, ok := b.(Str)
		if !ok {
			return nil, runtimeErrorf(line, "cannot compare %s and %s", TypeName(a), TypeName(b))
		}
		switch {
		case x < y:
			c = -1
		case x > y:
			c = 1
		}
	default:
		return nil, runtimeErrorf(line, "cannot compare %s and %s", TypeName(a), TypeName(b))
	}
	switch op {
	case TokLt:
		return Bool(c < 0), nil
	case TokLe:
		return Bool(c <= 0), nil
	case TokGt:
		return Bool(c > 0), nil
	}
	return Bool(c >= 0), nil
}

func unaryOp(line int, op TokenKind, v Value) (Value, error) {
	if op == TokNot {
		return Bool(!Truthy(v)), nil
	}
	x, ok := v.(Int)
	if !ok {
		return nil, runtimeErrorf(line, "bad operand type for unary -: %s", TypeName(v))
	}
	return -x, nil
}
