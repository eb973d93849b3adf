/**
 * The median of a growing list of numbers: O(log n) to add one, O(1) to read it. A max-heap holds the lower half
 * and a min-heap the upper half, the lower one larger by at most one. Every completion judges its duration against
 * the median of the wave's other completes and then joins them; keeping them as a sorted array cost an O(n) insert
 * per completion, which grew with the wave.
 *
 * @example
 * const m = RunningMedian.fromSorted([1, 2, 3, 4]); // median 2.5
 * m.add(10); // median 3
 */
export class RunningMedian {
  /** Max-heap of the lower half. */
  private lower: Float64Array;
  private lowerSize = 0;
  /** Min-heap of the upper half. */
  private upper: Float64Array;
  private upperSize = 0;

  private constructor(capacity: number) {
    this.lower = new Float64Array(Math.max(16, capacity));
    this.upper = new Float64Array(Math.max(16, capacity));
  }

  /** From values sorted ascending, in O(n): a descending run is already a max-heap, an ascending one a min-heap. */
  static fromSorted(sorted: ArrayLike<number>): RunningMedian {
    const n = sorted.length;
    const m = new RunningMedian(n);
    const half = (n + 1) >> 1;
    for (let i = 0; i < half; i++) m.lower[i] = sorted[half - 1 - i]!;
    for (let i = half; i < n; i++) m.upper[i - half] = sorted[i]!;
    m.lowerSize = half;
    m.upperSize = n - half;
    return m;
  }

  get size(): number {
    return this.lowerSize + this.upperSize;
  }

  /** The median (mean of the two middle values for an even count); NaN when empty. */
  median(): number {
    if (this.lowerSize === 0) return Number.NaN;
    return this.lowerSize > this.upperSize ? this.lower[0]! : (this.lower[0]! + this.upper[0]!) / 2;
  }

  add(value: number): void {
    if (this.lowerSize === 0 || value <= this.lower[0]!) this.pushLower(value);
    else this.pushUpper(value);
    // Rebalance: lower holds ⌈n/2⌉.
    if (this.lowerSize > this.upperSize + 1) this.pushUpper(this.popLower());
    else if (this.upperSize > this.lowerSize) this.pushLower(this.popUpper());
  }

  private pushLower(value: number): void {
    if (this.lowerSize === this.lower.length) this.lower = grown(this.lower);
    siftUp(this.lower, this.lowerSize++, value, -1);
  }

  private pushUpper(value: number): void {
    if (this.upperSize === this.upper.length) this.upper = grown(this.upper);
    siftUp(this.upper, this.upperSize++, value, 1);
  }

  private popLower(): number {
    const top = this.lower[0]!;
    siftDown(this.lower, --this.lowerSize, this.lower[this.lowerSize]!, -1);
    return top;
  }

  private popUpper(): number {
    const top = this.upper[0]!;
    siftDown(this.upper, --this.upperSize, this.upper[this.upperSize]!, 1);
    return top;
  }
}

function grown(heap: Float64Array): Float64Array {
  const out = new Float64Array(2 * heap.length);
  out.set(heap);
  return out;
}

/** Places `value` at slot `at` and moves it up; sign 1 keeps the smallest on top, −1 the largest. */
function siftUp(heap: Float64Array, at: number, value: number, sign: 1 | -1): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (sign * (heap[parent]! - value) <= 0) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = value;
}

/** Fills the root of a heap of `size` elements with `value` (the former last element) and moves it down. */
function siftDown(heap: Float64Array, size: number, value: number, sign: 1 | -1): void {
  if (size === 0) return;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && sign * (heap[child + 1]! - heap[child]!) < 0) child++;
    if (sign * (heap[child]! - value) >= 0) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = value;
}
