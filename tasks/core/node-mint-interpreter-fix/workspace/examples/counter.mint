# A counter object built from closures.
fn make_counter(start) {
  let count = start;
  fn next() {
    count = count + 1;
    return count;
  }
  fn reset() {
    count = start;
  }
  return [next, reset];
}

let c = make_counter(10);
let next = c[0];
let reset = c[1];
next();
next();
print("after two:", next());
reset();
print("after reset:", next());
