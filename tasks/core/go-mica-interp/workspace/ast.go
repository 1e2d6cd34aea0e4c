package main

// Expr is an expression node.
type Expr interface{ exprLine() int }

// Stmt is a statement node.
type Stmt interface{ stmtLine() int }

type (
	IntLit struct {
		Line  int
		Value int64
	}
	StrLit struct {
		Line  int
		Value string
	}
	BoolLit struct {
		Line  int
		Value bool
	}
	NilLit struct{ Line int }
	Ident  struct {
		Line int
		Name string
	}
	ListLit struct {
		Line  int
		Elems []Expr
	}
	FnLit struct {
		Line   int
		Name   string // "" for an anonymous function
		Params []string
		Body   []Stmt
	}
	Unary struct {
		Line    int // line of the operator
		Op      TokenKind
		Operand Expr
	}
	Binary struct {
		Line        int // line of the operator
		Op          TokenKind
		Left, Right Expr
	}
	Logical struct {
		Line        int
		Op          TokenKind // TokAnd or TokOr
		Left, Right Expr
	}
	Call struct {
		Line   int // line of '('
		Callee Expr
		Args   []Expr
	}
	Index struct {
		Line     int // line of '['
		Target   Expr
		Position Expr
	}
)

func (e *IntLit) exprLine() int  { return e.Line }
func (e *StrLit) exprLine() int  { return e.Line }
func (e *BoolLit) exprLine() int { return e.Line }
func (e *NilLit) exprLine() int  { return e.Line }
func (e *Ident) exprLine() int   { return e.Line }
func (e *ListLit) exprLine() int { return e.Line }
func (e *FnLit) exprLine() int   { return e.Line }
func (e *Unary) exprLine() int   { return e.Line }
func (e *Binary) exprLine() int  { return e.Line }
func (e *Logical) exprLine() int { return e.Line }
func (e *Call) exprLine() int    { return e.Line }
func (e *Index) exprLine() int   { return e.Line }

type (
	LetStmt struct {
		Line  int
		Name  string
		Value Expr
	}
	AssignStmt struct {
		Line  int // line of the target's first token
		Name  string
		Value Expr
	}
	IndexAssignStmt struct {
		Line     int // line of '['
		Target   Expr
		Position Expr
		Value    Expr
	}
	ExprStmt struct {
		Line int
		X    Expr
	}
	IfStmt struct {
		Line int
		Cond Expr
		Then []Stmt
		Else []Stmt // nil when absent; an else-if is a single IfStmt here
	}
	WhileStmt struct {
		Line int
		Cond Expr
		Body []Stmt
	}
	ForStmt struct {
		Line int
		Var  string
		Iter Expr
		Body []Stmt
	}
	FnStmt struct {
		Line int
		Fn   *FnLit
	}
	ReturnStmt struct {
		Line  int
		Value Expr // nil for a bare return
	}
	BreakStmt    struct{ Line int }
	ContinueStmt struct{ Line int }
	BlockStmt    struct {
		Line int
		Body []Stmt
	}
)

func (s *LetStmt) stmtLine() int         { return s.Line }
func (s *AssignStmt) stmtLine() int      { return s.Line }
func (s *IndexAssignStmt) stmtLine() int { return s.Line }
func (s *ExprStmt) stmtLine() int        { return s.Line }
func (s *IfStmt) stmtLine() int          { return s.Line }
func (s *WhileStmt) stmtLine() int       { return s.Line }
func (s *ForStmt) stmtLine() int         { return s.Line }
func (s *FnStmt) stmtLine() int          { return s.Line }
func (s *ReturnStmt) stmtLine() int      { return s.Line }
func (s *BreakStmt) stmtLine() int       { return s.Line }
func (s *ContinueStmt) stmtLine() int    { return s.Line }
func (s *BlockStmt) stmtLine() int       { return s.Line }
