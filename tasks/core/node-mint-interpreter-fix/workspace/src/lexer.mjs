// Lexer: turns Mint source text into a list of tokens (see SPEC.md, section 2).

import { T, KEYWORDS, OPERATORS, Token } from './tokens.mjs';
import { syntaxError } from './errors.mjs';

const isDigit = (c) => c >= '0' && c <= '9';
const isIdentStart = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c) => isIdentStart(c) || isDigit(c);
const isHex = (c) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

export class Lexer {
  constructor(source) {
    this.src = source;
    this.pos = 0;
    this.line = 1;
    this.tokens = [];
  }

  peek(offset = 0) {
    return this.src[this.pos + offset];
  }

  advance() {
    const c = this.src[this.pos++];
    if (c === '\n') this.line++;
    return c;
  }

  atEnd() {
    return this.pos >= this.src.length;
  }

  tokenize() {
    for (;;) {
      this.skipSpaceAndComments();
      if (this.atEnd()) break;
      const c = this.peek();
      if (isDigit(c)) this.number();
      else if (isIdentStart(c)) this.identifier();
      else if (c === '"') this.string();
      else this.operator();
    }
    this.tokens.push(new Token(T.EOF, null, this.line));
    return this.tokens;
  }

  skipSpaceAndComments() {
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.advance();
      } else if (c === '#') {
        while (!this.atEnd() && this.peek() !== '\n') this.advance();
      } else {
        break;
      }
    }
  }

  number() {
    const line = this.line;
    const start = this.pos;
    while (!this.atEnd() && isDigit(this.peek())) this.advance();
    if (this.peek() === '.' && isDigit(this.peek(1) ?? '')) {
      this.advance();
      while (!this.atEnd() && isDigit(this.peek())) this.advance();
    }
    if (!this.atEnd() && (isIdentStart(this.peek()) || this.peek() === '.')) {
      throw syntaxError(line, `malformed number '${this.src.slice(start, this.pos + 1)}'`);
    }
    this.tokens.push(new Token(T.NUMBER, Number(this.src.slice(start, this.pos)), line));
  }

  identifier() {
    const line = this.line;
    const start = this.pos;
    while (!this.atEnd() && isIdentPart(this.peek())) this.advance();
    const word = this.src.slice(start, this.pos);
    this.tokens.push(new Token(KEYWORDS.has(word) ? T.KEYWORD : T.IDENT, word, line));
  }

  string() {
    const line = this.line;
    this.advance(); // opening quote
    let out = '';
    for (;;) {
      if (this.atEnd()) throw syntaxError(line, 'unterminated string');
      const c = this.advance();
      if (c === '"') break;
      if (c !== '\\') {
        out += c;
        continue;
      }
      if (this.atEnd()) throw syntaxError(line, 'unterminated string');
      const e = this.advance();
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'u': out += this.unicodeEscape(); break;
        default:
          throw syntaxError(this.line, `invalid escape '\\${e}'`);
      }
    }
    this.tokens.push(new Token(T.STRING, out, line));
  }

  unicodeEscape() {
    const line = this.line;
    if (this.peek() !== '{') throw syntaxError(line, "invalid escape '\\u'");
    this.advance();
    let hex = '';
    while (!this.atEnd() && isHex(this.peek())) hex += this.advance();
    if (this.peek() !== '}' || hex.length === 0 || hex.length > 6) {
      throw syntaxError(line, "invalid escape '\\u'");
    }
    this.advance();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw syntaxError(line, "invalid escape '\\u'");
    return String.fromCodePoint(code);
  }

  operator() {
    const line = this.line;
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        for (let i = 0; i < op.length; i++) this.advance();
        this.tokens.push(new Token(T.OP, op, line));
        return;
      }
    }
    throw syntaxError(line, `unexpected character '${this.peek()}'`);
  }
}

export function tokenize(source) {
  return new Lexer(source).tokenize();
}
