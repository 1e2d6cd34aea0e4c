// Money helpers. Amounts are integers in cents.

/** `percent` % of `cents`, rounded to the nearest cent (halves up). */
export function percentOf(cents, percent) {
  return Math.round((cents * percent) / 100);
}

/** 1234 -> "$12.34", -50 -> "-$0.50" */
export function formatCents(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}$${dollars}.${rest}`;
}
