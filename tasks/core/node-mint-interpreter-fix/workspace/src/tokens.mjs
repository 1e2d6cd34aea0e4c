// Token kinds produced by the lexer.

export const T = Object.freeze({
  NUMBER: 'number',
  STRING: 'string',
  IDENT: 'ident',
  KEYWORD: 'keyword',
  OP: 'op',
  EOF: 'eof',
});

export const KEYWORDS = new Set([
  'let', 'fn', 'return', 'if', 'elif', 'else', 'while', 'break', 'continue',
  'and', 'or', 'not', 'true', 'false', 'nil',
]);

// Longest operators first: the lexer tries them in this order.
export const OPERATORS = [
  '//', '==', '!=', '<=', '>=',
  '+', '-', '*', '/', '%', '^', '<', '>', '=',
  '(', ')', '[', ']', '{', '}', ',', ';',
];

export class Token {
  constructor(kind, value, line) {
    this.kind = kind;
    this.value = value;
    this.line = line;
  }

  is(kind, value) {
    return this.kind === kind && (value === undefined || this.value === value);
  }

  isOp(value) {
    return this.kind === T.OP && this.value === value;
  }

  isKeyword(value) {
    return this.kind === T.KEYWORD && this.value === value;
  }

  describe() {
    switch (this.kind) {
      case T.EOF: return 'end of input';
      case T.STRING: return 'string';
      case T.NUMBER: return `number ${this.value}`;
      default: return `'${this.value}'`;
    }
  }
}
