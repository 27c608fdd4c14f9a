// Where a chart's axis is ticked: at round numbers, so that a reader can read a value off the grid.

const MANTISSAS = [1, 2, 5];

/**
 * Ticks covering [low, high] with the fewest steps of 1, 2 or 5 times a power of ten that leave at most `most`
 * intervals: (1.13, 4.64, 5) gives 1, 2, 3, 4, 5. The first tick is at or below `low`, the last at or above `high`.
 * Each tick is rounded to the step's decimals, so 0.1 + 0.2 never shows as 0.30000000000000004.
 */
export function niceTicks(low, high, most = 5) {
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    return [];
  }
  most = Math.max(1, Math.floor(most));
  if (!(high > low)) {
    high = low + 1;
  }
  let power = 10 ** Math.floor(Math.log10((high - low) / most));
  for (;;) {
    for (const m of MANTISSAS) {
      const step = m * power;
      const first = Math.floor(low / step + 1e-9);
      const last = Math.ceil(high / step - 1e-9);
      if (last - first <= most) {
        const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        const ticks = [];
        for (let k = first; k <= last; k++) {
          ticks.push(Number((k * step).toFixed(decimals)) + 0); // + 0 turns -0 into 0
        }
        return ticks;
      }
    }
    power *= 10;
  }
}

/** A tick's label: as many decimals as its step needs, no more. */
export function tickLabel(value, ticks) {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  return value.toFixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}
