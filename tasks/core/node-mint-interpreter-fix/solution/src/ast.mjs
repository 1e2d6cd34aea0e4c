// AST node constructors. Every node has a `type` and the `line` it starts on.

export const Num = (value, line) => ({ type: 'Num', value, line });
export const Str = (value, line) => ({ type: 'Str', value, line });
export const Bool = (value, line) => ({ type: 'Bool', value, line });
export const Nil = (line) => ({ type: 'Nil', line });
export const Var = (name, line) => ({ type: 'Var', name, line });
export const List = (items, line) => ({ type: 'List', items, line });
export const Unary = (op, operand, line) => ({ type: 'Unary', op, operand, line });
export const Binary = (op, left, right, line) => ({ type: 'Binary', op, left, right, line });
export const Logical = (op, left, right, line) => ({ type: 'Logical', op, left, right, line });
export const Call = (callee, args, line) => ({ type: 'Call', callee, args, line });
export const Index = (target, index, line) => ({ type: 'Index', target, index, line });
export const FnExpr = (name, params, body, line) => ({ type: 'FnExpr', name, params, body, line });

export const Let = (name, init, line) => ({ type: 'Let', name, init, line });
export const Assign = (name, value, line) => ({ type: 'Assign', name, value, line });
export const SetIndex = (target, index, value, line) => ({ type: 'SetIndex', target, index, value, line });
export const ExprStmt = (expr, line) => ({ type: 'ExprStmt', expr, line });
export const FnDecl = (name, fn, line) => ({ type: 'FnDecl', name, fn, line });
export const Return = (value, line) => ({ type: 'Return', value, line });
export const If = (branches, otherwise, line) => ({ type: 'If', branches, otherwise, line });
export const While = (cond, body, line) => ({ type: 'While', cond, body, line });
export const For = (name, iterable, body, line) => ({ type: 'For', name, iterable, body, line });
export const Break = (line) => ({ type: 'Break', line });
export const Continue = (line) => ({ type: 'Continue', line });
export const Block = (body, line) => ({ type: 'Block', body, line });
export const Program = (body) => ({ type: 'Program', body, line: 1 });
