package main

import (
	"strconv"
	"strings"
)

// Lexer turns source text into tokens.
type Lexer struct {
	src  string
	pos  int
	line int
}

// NewLexer returns a lexer positioned at the start of src.
func NewLexer(src string) *Lexer {
	return &Lexer{src: src, line: 1}
}

// Tokenize returns every token of the source, ending with TokEOF.
func Tokenize(src string) ([]Token, error) {
	lx := NewLexer(src)
	var toks []Token
	for {
		tok, err := lx.Next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		if tok.Kind == TokEOF {
			return toks, nil
		}
	}
}

func (lx *Lexer) peekByte(off int) byte {
	if lx.pos+off < len(lx.src) {
		return lx.src[lx.pos+off]
	}
	return 0
}

// skipSpace skips whitespace and comments, counting lines.
func (lx *Lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == '\n':
			lx.line++
			lx.pos++
		case c == ' ' || c == '\t' || c == '\r':
			lx.pos++
		case c == '#':
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
				lx.pos++
			}
		default:
			return
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

// Next returns the next token.
func (lx *Lexer) Next() (Token, error) {
	lx.skipSpace()
	if lx.pos >= len(lx.src) {
		return Token{Kind: TokEOF, Line: lx.line}, nil
	}
	c := lx.src[lx.pos]
	line := lx.line
	switch {
	case isDigit(c):
		return lx.number()
	case isIdentStart(c):
		start := lx.pos
		for lx.pos < len(lx.src) && isIdentPart(lx.src[lx.pos]) {
			lx.pos++
		}
		word := lx.src[start:lx.pos]
		if kind, ok := keywords[word]; ok {
			return Token{Kind: kind, Text: word, Line: line}, nil
		}
		return Token{Kind: TokIdent, Text: word, Line: line}, nil
	case c == '"':
		return lx.str()
	}
	two := ""
	if lx.pos+1 < len(lx.src) {
		two = lx.src[lx.pos : lx.pos+2]
	}
	switch two {
	case "**":
		lx.pos += 2
		return Token{Kind: TokStarStar, Text: two, Line: line}, nil
	case "==":
		lx.pos += 2
		return Token{Kind: TokEq, Text: two, Line: line}, nil
	case "!=":
		lx.pos += 2
		return Token{Kind: TokNe, Text: two, Line: line}, nil
	case "<=":
		lx.pos += 2
		return Token{Kind: TokLe, Text: two, Line: line}, nil
	case ">=":
		lx.pos += 2
		return Token{Kind: TokGe, Text: two, Line: line}, nil
	}
	single := map[byte]TokenKind{
		'(': TokLParen, ')': TokRParen, '{': TokLBrace, '}': TokRBrace,
		'[': TokLBracket, ']': TokRBracket, ',': TokComma, ';': TokSemicolon,
		'=': TokAssign, '+': TokPlus, '-': TokMinus, '*': TokStar,
		'/': TokSlash, '%': TokPercent, '<': TokLt, '>': TokGt,
	}
	if kind, ok := single[c]; ok {
		lx.pos++
		return Token{Kind: kind, Text: string(c), Line: line}, nil
	}
	return Token{}, syntaxErrorf(line, "unexpected character %q", string(c))
}

func (lx *Lexer) number() (Token, error) {
	line := lx.line
	start := lx.pos
	for lx.pos < len(lx.src) && isDigit(lx.src[lx.pos]) {
		lx.pos++
	}
	if lx.pos < len(lx.src) && isIdentStart(lx.src[lx.pos]) {
		return Token{}, syntaxErrorf(line, "invalid number literal")
	}
	text := lx.src[start:lx.pos]
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return Token{}, syntaxErrorf(line, "integer literal out of range: %s", text)
	}
	return Token{Kind: TokInt, Text: text, Int: n, Line: line}, nil
}

func (lx *Lexer) str() (Token, error) {
	line := lx.line
	lx.pos++ // opening quote
	var b strings.Builder
	for {
		if lx.pos >= len(lx.src) {
			return Token{}, syntaxErrorf(line, "unterminated string")
		}
		c := lx.src[lx.pos]
		switch c {
		case '"':
			lx.pos++
			return Token{Kind: TokString, Text: b.String(), Line: line}, nil
		case '\n':
			lx.line++
			b.WriteByte(c)
			lx.pos++
		case '\\':
			esc := lx.peekByte(1)
			switch esc {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\\':
				b.WriteByte('\\')
			case '"':
				b.WriteByte('"')
			default:
				return Token{}, syntaxErrorf(lx.line, "invalid escape sequence")
			}
			lx.pos += 2
		default:
			b.WriteByte(c)
			lx.pos++
		}
	}
}
