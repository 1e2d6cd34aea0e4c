// Money helpers. Amounts are integers in cents.

/** `percent` % of `cents`, rounded to the nearest cent. */
export function percentOf(cents, percent) {
  return Math.floor((cents * percent) / 100);
}

/** 1234 -> "$12.34" */
export function formatCents(cents) {
  const dollars = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `$${dollars}.${rest}`;
}
