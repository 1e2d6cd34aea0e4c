import { isLeap } from './leap';

describe('A leap year', () => {
  test('year not divisible by 4', () => { expect(isLeap(2015)).toBe(false); });
});
