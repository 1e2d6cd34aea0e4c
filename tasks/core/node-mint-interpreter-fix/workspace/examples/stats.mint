# Bucket some readings and print a summary.
let readings = [12, -7, 3, 25, -14, 8, 0, 19, -1];
let buckets = [0, 0, 0, 0];
let i = 0;
while i < len(readings) {
  let r = readings[i];
  buckets[r // 10 % 4] = buckets[r // 10 % 4] + 1;
  i = i + 1;
}
print("buckets:", buckets);

fn describe(x) {
  return x > 0 and "positive" or x == 0 and "zero" or "negative";
}
print(describe(5), describe(0), describe(-2));
print("2^3^2 =", 2 ^ 3 ^ 2, " -3^2 =", -3 ^ 2);
