package main

import "fmt"

// TokenKind identifies the lexical class of a token.
type TokenKind int

const (
	TokEOF TokenKind = iota
	TokInt
	TokString
	TokIdent

	// keywords
	TokLet
	TokFn
	TokReturn
	TokIf
	TokElse
	TokWhile
	TokFor
	TokIn
	TokAnd
	TokOr
	TokNot
	TokTrue
	TokFalse
	TokNil
	TokBreak
	TokContinue

	// punctuation and operators
	TokLParen
	TokRParen
	TokLBrace
	TokRBrace
	TokLBracket
	TokRBracket
	TokComma
	TokSemicolon
	TokAssign
	TokPlus
	TokMinus
	TokStar
	TokStarStar
	TokSlash
	TokPercent
	TokEq
	TokNe
	TokLt
	TokLe
	TokGt
	TokGe
)

var keywords = map[string]TokenKind{
	"let":      TokLet,
	"fn":       TokFn,
	"return":   TokReturn,
	"if":       TokIf,
	"else":     TokElse,
	"while":    TokWhile,
	"for":      TokFor,
	"in":       TokIn,
	"and":      TokAnd,
	"or":       TokOr,
	"not":      TokNot,
	"true":     TokTrue,
	"false":    TokFalse,
	"nil":      TokNil,
	"break":    TokBreak,
	"continue": TokContinue,
}

var tokenNames = map[TokenKind]string{
	TokEOF:       "end of input",
	TokInt:       "integer",
	TokString:    "string",
	TokIdent:     "identifier",
	TokLParen:    "'('",
	TokRParen:    "')'",
	TokLBrace:    "'{'",
	TokRBrace:    "'}'",
	TokLBracket:  "'['",
	TokRBracket:  "']'",
	TokComma:     "','",
	TokSemicolon: "';'",
	TokAssign:    "'='",
	TokPlus:      "'+'",
	TokMinus:     "'-'",
	TokStar:      "'*'",
	TokStarStar:  "'**'",
	TokSlash:     "'/'",
	TokPercent:   "'%'",
	TokEq:        "'=='",
	TokNe:        "'!='",
	TokLt:        "'<'",
	TokLe:        "'<='",
	TokGt:        "'>'",
	TokGe:        "'>='",
}

func (k TokenKind) String() string {
	if s, ok := tokenNames[k]; ok {
		return s
	}
	for word, kind := range keywords {
		if kind == k {
			return "'" + word + "'"
		}
	}
	return fmt.Sprintf("token(%d)", int(k))
}

// Token is one lexical unit with the line it starts on.
type Token struct {
	Kind TokenKind
	Text string // identifier name, decoded string contents, or operator text
	Int  int64  // value of an integer literal
	Line int
}
