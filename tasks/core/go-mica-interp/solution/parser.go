package main

// Parser builds an AST from tokens by recursive descent. The grammar is in
// SPEC.md; each parse function below is named after its rule.
type Parser struct {
	toks      []Token
	pos       int
	fnDepth   int
	loopDepth int
}

// Parse lexes and parses a whole program.
func Parse(src string) ([]Stmt, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &Parser{toks: toks}
	var prog []Stmt
	for p.peek().Kind != TokEOF {
		s, err := p.statement()
		if err != nil {
			return nil, err
		}
		prog = append(prog, s)
	}
	return prog, nil
}

func (p *Parser) peek() Token { return p.toks[p.pos] }

func (p *Parser) peekAt(n int) Token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *Parser) advance() Token {
	t := p.toks[p.pos]
	if t.Kind != TokEOF {
		p.pos++
	}
	return t
}

func (p *Parser) check(k TokenKind) bool { return p.peek().Kind == k }

func (p *Parser) match(k TokenKind) bool {
	if p.check(k) {
		p.advance()
		return true
	}
	return false
}

func (p *Parser) expect(k TokenKind, what string) (Token, error) {
	if p.check(k) {
		return p.advance(), nil
	}
	t := p.peek()
	return t, syntaxErrorf(t.Line, "expected %s %s, found %s", k, what, describe(t))
}

func describe(t Token) string {
	switch t.Kind {
	case TokIdent:
		return "identifier " + t.Text
	case TokInt:
		return "integer " + t.Text
	case TokString:
		return "string"
	}
	return t.Kind.String()
}

func (p *Parser) statement() (Stmt, error) {
	t := p.peek()
	switch t.Kind {
	case TokLet:
		p.advance()
		name, err := p.expect(TokIdent, "after 'let'")
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokAssign, "in let statement"); err != nil {
			return nil, err
		}
		val, err := p.expression()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokSemicolon, "after let statement"); err != nil {
			return nil, err
		}
		return &LetStmt{Line: t.Line, Name: name.Text, Value: val}, nil
	case TokFn:
		if p.peekAt(1).Kind == TokIdent {
			p.advance()
			name := p.advance()
			fn, err := p.fnRest(t.Line, name.Text)
			if err != nil {
				return nil, err
			}
			return &FnStmt{Line: t.Line, Fn: fn}, nil
		}
	case TokReturn:
		p.advance()
		if p.fnDepth == 0 {
			return nil, syntaxErrorf(t.Line, "'return' outside function")
		}
		var val Expr
		if !p.check(TokSemicolon) {
			v, err := p.expression()
			if err != nil {
				return nil, err
			}
			val = v
		}
		if _, err := p.expect(TokSemicolon, "after return"); err != nil {
			return nil, err
		}
		return &ReturnStmt{Line: t.Line, Value: val}, nil
	case TokBreak, TokContinue:
		p.advance()
		if p.loopDepth == 0 {
			return nil, syntaxErrorf(t.Line, "%s outside loop", t.Kind)
		}
		if _, err := p.expect(TokSemicolon, "after "+t.Text); err != nil {
			return nil, err
		}
		if t.Kind == TokBreak {
			return &BreakStmt{Line: t.Line}, nil
		}
		return &ContinueStmt{Line: t.Line}, nil
	case TokIf:
		return p.ifStatement()
	case TokWhile:
		p.advance()
		cond, err := p.expression()
		if err != nil {
			return nil, err
		}
		body, err := p.loopBody()
		if err != nil {
			return nil, err
		}
		return &WhileStmt{Line: t.Line, Cond: cond, Body: body}, nil
	case TokFor:
		p.advance()
		name, err := p.expect(TokIdent, "after 'for'")
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokIn, "in for statement"); err != nil {
			return nil, err
		}
		iter, err := p.expression()
		if err != nil {
			return nil, err
		}
		body, err := p.loopBody()
		if err != nil {
			return nil, err
		}
		return &ForStmt{Line: t.Line, Var: name.Text, Iter: iter, Body: body}, nil
	case TokLBrace:
		body, err := p.block()
		if err != nil {
			return nil, err
		}
		return &BlockStmt{Line: t.Line, Body: body}, nil
	}
	return p.simpleStatement()
}

// simpleStatement parses an assignment or an expression statement.
func (p *Parser) simpleStatement() (Stmt, error) {
	start := p.peek()
	x, err := p.expression()
	if err != nil {
		return nil, err
	}
	if p.check(TokAssign) {
		eq := p.advance()
		val, err := p.expression()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokSemicolon, "after assignment"); err != nil {
			return nil, err
		}
		switch target := x.(type) {
		case *Ident:
			return &AssignStmt{Line: target.Line, Name: target.Name, Value: val}, nil
		case *Index:
			return &IndexAssignStmt{Line: target.Line, Target: target.Target, Position: target.Position, Value: val}, nil
		}
		return nil, syntaxErrorf(eq.Line, "invalid assignment target")
	}
	if _, err := p.expect(TokSemicolon, "after expression"); err != nil {
		return nil, err
	}
	return &ExprStmt{Line: start.Line, X: x}, nil
}

func (p *Parser) ifStatement() (Stmt, error) {
	t := p.advance() // 'if'
	cond, err := p.expression()
	if err != nil {
		return nil, err
	}
	then, err := p.block()
	if err != nil {
		return nil, err
	}
	st := &IfStmt{Line: t.Line, Cond: cond, Then: then}
	if p.match(TokElse) {
		if p.check(TokIf) {
			inner, err := p.ifStatement()
			if err != nil {
				return nil, err
			}
			st.Else = []Stmt{inner}
		} else {
			els, err := p.block()
			if err != nil {
				return nil, err
			}
			if els == nil {
				els = []Stmt{}
			}
			st.Else = els
		}
	}
	return st, nil
}

func (p *Parser) loopBody() ([]Stmt, error) {
	p.loopDepth++
	defer func() { p.loopDepth-- }()
	return p.block()
}

func (p *Parser) block() ([]Stmt, error) {
	if _, err := p.expect(TokLBrace, "to open block"); err != nil {
		return nil, err
	}
	var body []Stmt
	for !p.check(TokRBrace) {
		if p.check(TokEOF) {
			return nil, syntaxErrorf(p.peek().Line, "unexpected end of input in block")
		}
		s, err := p.statement()
		if err != nil {
			return nil, err
		}
		body = append(body, s)
	}
	p.advance()
	return body, nil
}

// fnRest parses a parameter list and body after 'fn' (and the name, if any).
func (p *Parser) fnRest(line int, name string) (*FnLit, error) {
	if _, err := p.expect(TokLParen, "after fn"); err != nil {
		return nil, err
	}
	var params []string
	seen := map[string]bool{}
	for !p.check(TokRParen) {
		id, err := p.expect(TokIdent, "as parameter name")
		if err != nil {
			return nil, err
		}
		if seen[id.Text] {
			return nil, syntaxErrorf(id.Line, "duplicate parameter %s", id.Text)
		}
		seen[id.Text] = true
		params = append(params, id.Text)
		if !p.match(TokComma) {
			break
		}
	}
	if _, err := p.expect(TokRParen, "after parameters"); err != nil {
		return nil, err
	}
	// A function body is not inside the enclosing loop.
	savedLoop := p.loopDepth
	p.loopDepth = 0
	p.fnDepth++
	body, err := p.block()
	p.fnDepth--
	p.loopDepth = savedLoop
	if err != nil {
		return nil, err
	}
	return &FnLit{Line: line, Name: name, Params: params, Body: body}, nil
}

func (p *Parser) expression() (Expr, error) { return p.or() }

func (p *Parser) or() (Expr, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.check(TokOr) {
		op := p.advance()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = &Logical{Line: op.Line, Op: TokOr, Left: left, Right: right}
	}
	return left, nil
}

func (p *Parser) and() (Expr, error) {
	left, err := p.not()
	if err != nil {
		return nil, err
	}
	for p.check(TokAnd) {
		op := p.advance()
		right, err := p.not()
		if err != nil {
			return nil, err
		}
		left = &Logical{Line: op.Line, Op: TokAnd, Left: left, Right: right}
	}
	return left, nil
}

func (p *Parser) not() (Expr, error) {
	if p.check(TokNot) {
		op := p.advance()
		operand, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Unary{Line: op.Line, Op: TokNot, Operand: operand}, nil
	}
	return p.comparison()
}

func isComparison(k TokenKind) bool {
	switch k {
	case TokEq, TokNe, TokLt, TokLe, TokGt, TokGe:
		return true
	}
	return false
}

func (p *Parser) comparison() (Expr, error) {
	left, err := p.additive()
	if err != nil {
		return nil, err
	}
	if isComparison(p.peek().Kind) {
		op := p.advance()
		right, err := p.additive()
		if err != nil {
			return nil, err
		}
		if isComparison(p.peek().Kind) {
			return nil, syntaxErrorf(p.peek().Line, "comparison operators cannot be chained")
		}
		return &Binary{Line: op.Line, Op: op.Kind, Left: left, Right: right}, nil
	}
	return left, nil
}

func (p *Parser) additive() (Expr, error) {
	left, err := p.multiplicative()
	if err != nil {
		return nil, err
	}
	for p.check(TokPlus) || p.check(TokMinus) {
		op := p.advance()
		right, err := p.multiplicative()
		if err != nil {
			return nil, err
		}
		left = &Binary{Line: op.Line, Op: op.Kind, Left: left, Right: right}
	}
	return left, nil
}

func (p *Parser) multiplicative() (Expr, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.check(TokStar) || p.check(TokSlash) || p.check(TokPercent) {
		op := p.advance()
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		left = &Binary{Line: op.Line, Op: op.Kind, Left: left, Right: right}
	}
	return left, nil
}

func (p *Parser) unary() (Expr, error) {
	if p.check(TokMinus) {
		op := p.advance()
		operand, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Unary{Line: op.Line, Op: TokMinus, Operand: operand}, nil
	}
	return p.power()
}

// power: postfix ( '**' unary )?  -- right-associative, and tighter than a
// unary minus on its left.
func (p *Parser) power() (Expr, error) {
	base, err := p.postfix()
	if err != nil {
		return nil, err
	}
	if p.check(TokStarStar) {
		op := p.advance()
		exp, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Binary{Line: op.Line, Op: TokStarStar, Left: base, Right: exp}, nil
	}
	return base, nil
}

func (p *Parser) postfix() (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.check(TokLParen):
			lp := p.advance()
			args, err := p.exprList(TokRParen)
			if err != nil {
				return nil, err
			}
			x = &Call{Line: lp.Line, Callee: x, Args: args}
		case p.check(TokLBracket):
			lb := p.advance()
			idx, err := p.expression()
			if err != nil {
				return nil, err
			}
			if _, err := p.expect(TokRBracket, "after index"); err != nil {
				return nil, err
			}
			x = &Index{Line: lb.Line, Target: x, Position: idx}
		default:
			return x, nil
		}
	}
}

// exprList parses comma-separated expressions up to the closing token; a
// trailing comma is allowed.
func (p *Parser) exprList(closer TokenKind) ([]Expr, error) {
	var list []Expr
	for !p.check(closer) {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if !p.match(TokComma) {
			break
		}
	}
	if _, err := p.expect(closer, "to close list"); err != nil {
		return nil, err
	}
	return list, nil
}

func (p *Parser) primary() (Expr, error) {
	t := p.peek()
	switch t.Kind {
	case TokInt:
		p.advance()
		return &IntLit{Line: t.Line, Value: t.Int}, nil
	case TokString:
		p.advance()
		return &StrLit{Line: t.Line, Value: t.Text}, nil
	case TokTrue, TokFalse:
		p.advance()
		return &BoolLit{Line: t.Line, Value: t.Kind == TokTrue}, nil
	case TokNil:
		p.advance()
		return &NilLit{Line: t.Line}, nil
	case TokIdent:
		p.advance()
		return &Ident{Line: t.Line, Name: t.Text}, nil
	case TokLParen:
		p.advance()
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokRParen, "after expression"); err != nil {
			return nil, err
		}
		return e, nil
	case TokLBracket:
		p.advance()
		elems, err := p.exprList(TokRBracket)
		if err != nil {
			return nil, err
		}
		return &ListLit{Line: t.Line, Elems: elems}, nil
	case TokFn:
		p.advance()
		return p.fnRest(t.Line, "")
	}
	return nil, syntaxErrorf(t.Line, "unexpected %s", describe(t))
}
