# Naive and iterative Fibonacci.
fn fib(n) {
  if n < 2 { return n; }
  return fib(n - 1) + fib(n - 2);
}

fn fib_iter(n) {
  let a = 0;
  let b = 1;
  let i = 0;
  while i < n {
    let t = a + b;
    a = b;
    b = t;
    i = i + 1;
  }
  return a;
}

print("fib(15) =", fib(15));
print("fib_iter(40) =", fib_iter(40));
