// Recursive-descent parser for Mint (see SPEC.md, sections 3 and 4).
//
// Expression precedence, lowest first:
//   or  <  and  <  not  <  comparison  <  + -  <  * / // %  <  ^  <  unary -  <  call/index

import { T } from './tokens.mjs';
import { tokenize } from './lexer.mjs';
import { syntaxError } from './errors.mjs';
import * as A from './ast.mjs';

const COMPARISON = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/', '//', '%']);

export class Parser {
  constructor(tokens) {
    this.tokens = tokens;
    this.pos = 0;
    this.fnDepth = 0;
    this.loopDepth = 0;
  }

  // ---- token helpers -------------------------------------------------

  peek(offset = 0) {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  next() {
    const tok = this.peek();
    if (tok.kind !== T.EOF) this.pos++;
    return tok;
  }

  checkOp(value) {
    return this.peek().isOp(value);
  }

  checkKeyword(value) {
    return this.peek().isKeyword(value);
  }

  matchOp(value) {
    if (this.checkOp(value)) {
      this.next();
      return true;
    }
    return false;
  }

  expectOp(value) {
    const tok = this.peek();
    if (!tok.isOp(value)) {
      throw syntaxError(tok.line, `expected '${value}' but found ${tok.describe()}`);
    }
    return this.next();
  }

  expectIdent(what) {
    const tok = this.peek();
    if (tok.kind !== T.IDENT) {
      throw syntaxError(tok.line, `expected ${what} but found ${tok.describe()}`);
    }
    return this.next();
  }

  // ---- statements ----------------------------------------------------

  parseProgram() {
    const body = [];
    while (this.peek().kind !== T.EOF) body.push(this.statement());
    return A.Program(body);
  }

  block() {
    const open = this.expectOp('{');
    const body = [];
    while (!this.checkOp('}')) {
      if (this.peek().kind === T.EOF) throw syntaxError(this.peek().line, "expected '}' but found end of input");
      body.push(this.statement());
    }
    this.expectOp('}');
    return A.Block(body, open.line);
  }

  statement() {
    const tok = this.peek();
    if (tok.kind === T.KEYWORD) {
      switch (tok.value) {
        case 'let': return this.letStatement();
        case 'fn':
          if (this.peek(1).kind === T.IDENT) return this.fnDeclaration();
          break;
        case 'return': return this.returnStatement();
        case 'if': return this.ifStatement();
        case 'while': return this.whileStatement();
        case 'break':
        case 'continue': return this.loopControl();
        default: break;
      }
    }
    return this.expressionStatement();
  }

  letStatement() {
    const line = this.next().line;
    const name = this.expectIdent('a variable name').value;
    this.expectOp('=');
    const init = this.expression();
    this.expectOp(';');
    return A.Let(name, init, line);
  }

  fnDeclaration() {
    const line = this.next().line;
    const name = this.expectIdent('a function name').value;
    const fn = this.functionRest(name, line);
    return A.FnDecl(name, fn, line);
  }

  functionRest(name, line) {
    this.expectOp('(');
    const params = [];
    if (!this.checkOp(')')) {
      do {
        const p = this.expectIdent('a parameter name');
        if (params.includes(p.value)) throw syntaxError(p.line, `duplicate parameter '${p.value}'`);
        params.push(p.value);
      } while (this.matchOp(','));
    }
    this.expectOp(')');
    const savedLoops = this.loopDepth;
    this.fnDepth++;
    this.loopDepth = 0;
    const body = this.block();
    this.fnDepth--;
    this.loopDepth = savedLoops;
    return A.FnExpr(name, params, body, line);
  }

  returnStatement() {
    const tok = this.next();
    if (this.fnDepth === 0) throw syntaxError(tok.line, "'return' outside function");
    let value = null;
    if (!this.checkOp(';')) value = this.expression();
    this.expectOp(';');
    return A.Return(value, tok.line);
  }

  ifStatement() {
    const line = this.next().line;
    const branches = [{ cond: this.expression(), body: this.block() }];
    let otherwise = null;
    for (;;) {
      if (this.checkKeyword('elif')) {
        this.next();
        branches.push({ cond: this.expression(), body: this.block() });
      } else if (this.checkKeyword('else')) {
        this.next();
        otherwise = this.block();
        break;
      } else {
        break;
      }
    }
    return A.If(branches, otherwise, line);
  }

  whileStatement() {
    const line = this.next().line;
    const cond = this.expression();
    this.loopDepth++;
    const body = this.block();
    this.loopDepth--;
    return A.While(cond, body, line);
  }

  loopControl() {
    const tok = this.next();
    if (this.loopDepth === 0) throw syntaxError(tok.line, `'${tok.value}' outside loop`);
    this.expectOp(';');
    return tok.value === 'break' ? A.Break(tok.line) : A.Continue(tok.line);
  }

  expressionStatement() {
    const line = this.peek().line;
    const expr = this.expression();
    if (this.matchOp('=')) {
      const value = this.expression();
      this.expectOp(';');
      if (expr.type === 'Var') return A.Assign(expr.name, value, line);
      if (expr.type === 'Index') return A.SetIndex(expr.target, expr.index, value, line);
      throw syntaxError(line, 'invalid assignment target');
    }
    this.expectOp(';');
    return A.ExprStmt(expr, line);
  }

  // ---- expressions ---------------------------------------------------

  expression() {
    return this.or();
  }

  or() {
    let left = this.and();
    while (this.checkKeyword('or')) {
      const line = this.next().line;
      left = A.Logical('or', left, this.and(), line);
    }
    return left;
  }

  and() {
    let left = this.not();
    while (this.checkKeyword('and')) {
      const line = this.next().line;
      left = A.Logical('and', left, this.not(), line);
    }
    return left;
  }

  not() {
    if (this.checkKeyword('not')) {
      const line = this.next().line;
      return A.Unary('not', this.not(), line);
    }
    return this.comparison();
  }

  comparison() {
    const left = this.additive();
    const tok = this.peek();
    if (tok.kind === T.OP && COMPARISON.has(tok.value)) {
      this.next();
      const right = this.additive();
      const after = this.peek();
      if (after.kind === T.OP && COMPARISON.has(after.value)) {
        throw syntaxError(after.line, 'comparison operators cannot be chained');
      }
      return A.Binary(tok.value, left, right, tok.line);
    }
    return left;
  }

  additive() {
    let left = this.multiplicative();
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== T.OP || !ADDITIVE.has(tok.value)) return left;
      this.next();
      left = A.Binary(tok.value, left, this.multiplicative(), tok.line);
    }
  }

  multiplicative() {
    let left = this.power();
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== T.OP || !MULTIPLICATIVE.has(tok.value)) return left;
      this.next();
      left = A.Binary(tok.value, left, this.power(), tok.line);
    }
  }

  power() {
    let left = this.unary();
    while (this.checkOp('^')) {
      const line = this.next().line;
      left = A.Binary('^', left, this.unary(), line);
    }
    return left;
  }

  unary() {
    if (this.checkOp('-')) {
      const line = this.next().line;
      return A.Unary('-', this.unary(), line);
    }
    return this.postfix();
  }

  postfix() {
    let expr = this.primary();
    for (;;) {
      if (this.checkOp('(')) {
        const line = this.next().line;
        const args = [];
        if (!this.checkOp(')')) {
          do args.push(this.expression());
          while (this.matchOp(','));
        }
        this.expectOp(')');
        expr = A.Call(expr, args, line);
      } else if (this.checkOp('[')) {
        const line = this.next().line;
        const index = this.expression();
        this.expectOp(']');
        expr = A.Index(expr, index, line);
      } else {
        return expr;
      }
    }
  }

  primary() {
    const tok = this.next();
    switch (tok.kind) {
      case T.NUMBER: return A.Num(tok.value, tok.line);
      case T.STRING: return A.Str(tok.value, tok.line);
      case T.IDENT: return A.Var(tok.value, tok.line);
      case T.KEYWORD:
        switch (tok.value) {
          case 'true': return A.Bool(true, tok.line);
          case 'false': return A.Bool(false, tok.line);
          case 'nil': return A.Nil(tok.line);
          case 'fn': return this.functionRest(null, tok.line);
          default: break;
        }
        break;
      case T.OP:
        if (tok.value === '(') {
          const inner = this.expression();
          this.expectOp(')');
          return inner;
        }
        if (tok.value === '[') return this.listLiteral(tok.line);
        break;
      default:
        break;
    }
    throw syntaxError(tok.line, `unexpected ${tok.describe()}`);
  }

  listLiteral(line) {
    const items = [];
    if (!this.checkOp(']')) {
      do {
        if (this.checkOp(']')) break; // trailing comma
        items.push(this.expression());
      } while (this.matchOp(','));
    }
    this.expectOp(']');
    return A.List(items, line);
  }
}

export function parse(source) {
  return new Parser(tokenize(source)).parseProgram();
}
