use crate::parser::{BinOp, Expr};
use crate::CalcError;

pub fn eval(e: &Expr) -> Result<f64, CalcError> {
    Ok(match e {
        Expr::Num(v) => *v,
        Expr::Neg(inner) => -eval(inner)?,
        Expr::Var(name) => match name.as_str() {
            "pi" => std::f64::consts::PI,
            "e" => std::f64::consts::E,
            _ => return Err(CalcError::UnknownIdentifier(name.clone())),
        },
        Expr::Call(name, args) => call(name, args)?,
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
                BinOp::Pow => a.powf(b),
            }
        }
    })
}

fn call(name: &str, args: &[Expr]) -> Result<f64, CalcError> {
    let arity = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(CalcError::WrongArity { name: name.to_string(), got: args.len() })
        }
    };
    match name {
        "sqrt" | "abs" => arity(args.len() == 1)?,
        "min" | "max" => arity(!args.is_empty())?,
        _ => return Err(CalcError::UnknownIdentifier(name.to_string())),
    }
    let values = args.iter().map(eval).collect::<Result<Vec<f64>, _>>()?;
    Ok(match name {
        "sqrt" => {
            if values[0] < 0.0 {
                return Err(CalcError::Domain("sqrt".to_string()));
            }
            values[0].sqrt()
        }
        "abs" => values[0].abs(),
        "min" => values.iter().copied().fold(f64::INFINITY, f64::min),
        _ => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    })
}
