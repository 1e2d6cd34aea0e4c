use crate::parser::{BinOp, Expr};
use crate::CalcError;

pub fn eval(e: &Expr) -> Result<f64, CalcError> {
    Ok(match e {
        Expr::Num(v) => *v,
        Expr::Neg(inner) => -eval(inner)?,
        Expr::Bin(op, l, r) => {
            let (a, b) = (eval(l)?, eval(r)?);
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => {
                    if b == 0.0 {
                        return Err(CalcError::DivisionByZero);
                    }
                    a / b
                }
            }
        }
    })
}
