// Tree-walking evaluator (see SPEC.md, sections 4 and 5).

import { Environment } from './environment.mjs';
import { MintFunction, Builtin, isTruthy, isInteger, typeName } from './values.mjs';
import { binaryOp, negate } from './arith.mjs';
import { typeError, runtimeError } from './errors.mjs';
import { installBuiltins } from './builtins.mjs';

export const MAX_CALL_DEPTH = 200;

class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(value) {
    this.value = value;
  }
}

export class Interpreter {
  constructor({ write } = {}) {
    this.write = write ?? (() => {});
    this.globals = new Environment();
    this.depth = 0;
    installBuiltins(this.globals, this);
  }

  run(program) {
    for (const stmt of program.body) this.exec(stmt, this.globals);
  }

  // ---- statements ----------------------------------------------------

  execBlock(block, env) {
    for (const stmt of block.body) this.exec(stmt, env);
  }

  exec(node, env) {
    switch (node.type) {
      case 'Let':
        env.define(node.name, this.eval(node.init, env), node.line);
        return;
      case 'Assign':
        env.assign(node.name, this.eval(node.value, env), node.line);
        return;
      case 'SetIndex':
        this.setIndex(node, env);
        return;
      case 'ExprStmt':
        this.eval(node.expr, env);
        return;
      case 'FnDecl':
        env.define(node.name, this.makeFunction(node.fn, env), node.line);
        return;
      case 'Return':
        throw new ReturnSignal(node.value === null ? null : this.eval(node.value, env));
      case 'If':
        for (const { cond, body } of node.branches) {
          if (isTruthy(this.eval(cond, env))) {
            this.execBlock(body, new Environment(env));
            return;
          }
        }
        if (node.otherwise !== null) this.execBlock(node.otherwise, new Environment(env));
        return;
      case 'While':
        while (isTruthy(this.eval(node.cond, env))) {
          try {
            this.execBlock(node.body, new Environment(env));
          } catch (signal) {
            if (signal instanceof BreakSignal) break;
            if (signal instanceof ContinueSignal) continue;
            throw signal;
          }
        }
        return;
      case 'For':
        this.forLoop(node, env);
        return;
      case 'Break':
        throw new BreakSignal();
      case 'Continue':
        throw new ContinueSignal();
      case 'Block':
        this.execBlock(node, new Environment(env));
        return;
      default:
        throw new Error(`unknown statement ${node.type}`);
    }
  }

  forLoop(node, env) {
    const iterable = this.eval(node.iterable, env);
    let items;
    if (Array.isArray(iterable)) items = iterable.slice();
    else if (typeof iterable === 'string') items = Array.from(iterable);
    else throw typeError(node.line, `cannot iterate over ${typeName(iterable)}`);
    for (const item of items) {
      const scope = new Environment(env);
      scope.define(node.name, item, node.line);
      try {
        this.execBlock(node.body, scope);
      } catch (signal) {
        if (signal instanceof BreakSignal) break;
        if (signal instanceof ContinueSignal) continue;
        throw signal;
      }
    }
  }

  setIndex(node, env) {
    const target = this.eval(node.target, env);
    const index = this.eval(node.index, env);
    const value = this.eval(node.value, env);
    if (!Array.isArray(target)) {
      throw typeError(node.line, `cannot assign to an index of ${typeName(target)}`);
    }
    target[this.checkIndex(target, index, node.line)] = value;
  }

  // ---- expressions ---------------------------------------------------

  eval(node, env) {
    switch (node.type) {
      case 'Num':
      case 'Str':
      case 'Bool':
        return node.value;
      case 'Nil':
        return null;
      case 'Var':
        return env.get(node.name, node.line);
      case 'List':
        return node.items.map((item) => this.eval(item, env));
      case 'Unary': {
        const v = this.eval(node.operand, env);
        return node.op === 'not' ? !isTruthy(v) : negate(v, node.line);
      }
      case 'Binary':
        return binaryOp(node.op, this.eval(node.left, env), this.eval(node.right, env), node.line);
      case 'Logical': {
        const left = this.eval(node.left, env);
        if (node.op === 'and') return isTruthy(left) ? this.eval(node.right, env) : left;
        return isTruthy(left) ? left : this.eval(node.right, env);
      }
      case 'Index':
        return this.index(node, env);
      case 'Call':
        return this.call(node, env);
      case 'FnExpr':
        return this.makeFunction(node, env);
      default:
        throw new Error(`unknown expression ${node.type}`);
    }
  }

  makeFunction(fnNode, env) {
    return new MintFunction(fnNode.name, fnNode.params, fnNode.body, env);
  }

  checkIndex(target, index, line) {
    if (!isInteger(index)) throw typeError(line, 'index must be an integer');
    const i = index < 0 ? target.length + index : index;
    if (i < 0 || i >= target.length) throw runtimeError(line, 'index out of range');
    return i;
  }

  index(node, env) {
    const target = this.eval(node.target, env);
    const index = this.eval(node.index, env);
    if (typeof target === 'string' || Array.isArray(target)) {
      return target[this.checkIndex(target, index, node.line)];
    }
    throw typeError(node.line, `cannot index ${typeName(target)}`);
  }

  call(node, env) {
    const callee = this.eval(node.callee, env);
    const args = node.args.map((arg) => this.eval(arg, env));
    return this.callValue(callee, args, node.line);
  }

  callValue(callee, args, line) {
    if (callee instanceof Builtin) {
      checkArity(callee.name, callee.minArgs, callee.maxArgs, args.length, line);
      return callee.impl(args, line);
    }
    if (!(callee instanceof MintFunction)) {
      throw typeError(line, `cannot call ${typeName(callee)}`);
    }
    const n = callee.params.length;
    checkArity(callee.name ?? 'fn', n, n, args.length, line);
    if (this.depth >= MAX_CALL_DEPTH) throw runtimeError(line, 'stack overflow');
    const scope = new Environment(callee.closure);
    callee.params.forEach((p, i) => scope.define(p, args[i], line));
    this.depth++;
    try {
      this.execBlock(callee.body, scope);
      return null;
    } catch (signal) {
      if (signal instanceof ReturnSignal) return signal.value;
      throw signal;
    } finally {
      this.depth--;
    }
  }
}

function checkArity(name, min, max, got, line) {
  if (got >= min && got <= max) return;
  let expected;
  if (min === max) expected = `${min} argument${min === 1 ? '' : 's'}`;
  else if (max === Infinity) expected = `at least ${min} argument${min === 1 ? '' : 's'}`;
  else expected = `${min} to ${max} arguments`;
  throw runtimeError(line, `arity error: '${name}' expects ${expected}, got ${got}`);
}
