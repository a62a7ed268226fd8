// @date-sensitive: the clock itself; in a shifted run this shows the shift is in force. Also run with the clock moved (scripts/test-clock-shift.mjs).
/**
 * src/clock.ts: credform's one wall clock, moved by CREDFORM_CLOCK_OFFSET_MS (for tests) and
 * otherwise the system's.
 */
import { CLOCK_OFFSET_ENV } from '../src/clock';

/** A fresh copy of the module under `value` of the variable, so each case reads it anew. */
function clockWith(value: string | undefined): typeof import('../src/clock') {
  const saved = process.env[CLOCK_OFFSET_ENV];
  if (value === undefined) delete process.env[CLOCK_OFFSET_ENV];
  else process.env[CLOCK_OFFSET_ENV] = value;
  try {
    let mod!: typeof import('../src/clock');
    jest.isolateModules(() => {
      mod = require('../src/clock');
    });
    mod.clockOffsetMs();
    return mod;
  } finally {
    if (saved === undefined) delete process.env[CLOCK_OFFSET_ENV];
    else process.env[CLOCK_OFFSET_ENV] = saved;
  }
}

test('unset or empty, it is the system clock', () => {
  for (const value of [undefined, '', '  ']) {
    const clock = clockWith(value);
    const before = Date.now();
    const at = clock.now();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  }
});

test.each([
  ['31536000000', 31_536_000_000],
  ['-31536000000', -31_536_000_000],
  ['+86400000', 86_400_000],
  ['0', 0],
])('%s moves it by that many milliseconds', (value, offset) => {
  const clock = clockWith(value);
  expect(clock.clockOffsetMs()).toBe(offset);
  const before = Date.now() + offset;
  const at = clock.now();
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(Date.now() + offset);
});

test.each(['1y', '1.5', '1e9', 'soon', '99999999999999999999'])('a malformed value (%s) is an error naming the variable', (value) => {
  expect(() => clockWith(value)).toThrow(new RegExp(`^${CLOCK_OFFSET_ENV} must be a whole number of milliseconds .*got "${value}"`));
});

test("this run's clock is the one the environment asks for", () => {
  // In the shifted runs of scripts/test-clock-shift.mjs, this is what shows the shift is in force.
  const clock = clockWith(process.env[CLOCK_OFFSET_ENV]);
  const wanted = Number(process.env[CLOCK_OFFSET_ENV] || 0);
  expect(Math.abs(clock.now() - (Date.now() + wanted))).toBeLessThan(1000);
});
