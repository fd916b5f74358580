/**
 * An ordered multiset split into chunks of at most {@link MAX_CHUNK} items (a two-level B+-tree in all but
 * name): insert and delete cost a binary search plus a splice of one small chunk, instead of moving a whole
 * 100,000-entry array, and walks in either direction from any bound are cheap.
 */
const MAX_CHUNK = 512;

export type Comparator<T> = (a: T, b: T) => number;

/** A position in the list: chunk number and offset inside it. */
export interface Cursor {
  chunk: number;
  offset: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;
  constructor(private readonly cmp: Comparator<T>) {}

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose last item is >= probe (per `cmpProbe`), or chunks.length. */
  private chunkFor(cmpProbe: (item: T) => number, strict: boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      const c = cmpProbe(chunk[chunk.length - 1]!);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static offsetIn<T>(chunk: T[], cmpProbe: (item: T) => number, strict: boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = cmpProbe(chunk[mid]!);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Position of the first item with cmpProbe(item) >= 0 (or > 0 when `strict`). `cmpProbe` compares an item
   * against the bound being searched for (negative: item sorts before the bound).
   */
  seek(cmpProbe: (item: T) => number, strict = false): Cursor {
    const ci = this.chunkFor(cmpProbe, strict);
    if (ci >= this.chunks.length) return { chunk: this.chunks.length, offset: 0 };
    return { chunk: ci, offset: SortedList.offsetIn(this.chunks[ci]!, cmpProbe, strict) };
  }

  insert(item: T): void {
    const probe = (x: T) => this.cmp(x, item);
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
    } else {
      let ci = this.chunkFor(probe, true);
      if (ci === this.chunks.length) ci--; // append to last chunk
      const chunk = this.chunks[ci]!;
      const off = SortedList.offsetIn(chunk, probe, true);
      if (off === chunk.length) chunk.push(item);
      else chunk.splice(off, 0, item);
      if (chunk.length > MAX_CHUNK) this.chunks.splice(ci + 1, 0, chunk.splice(MAX_CHUNK >>> 1));
    }
    this.count++;
  }

  /** Removes the item that compares equal to `item` (the comparator must be a total order). */
  remove(item: T): boolean {
    const pos = this.seek((x) => this.cmp(x, item));
    const chunk = this.chunks[pos.chunk];
    if (!chunk || pos.offset >= chunk.length || this.cmp(chunk[pos.offset]!, item) !== 0) return false;
    chunk.splice(pos.offset, 1);
    if (chunk.length === 0) this.chunks.splice(pos.chunk, 1);
    this.count--;
    return true;
  }

  /** Items from `from` forward (ascending). */
  *forward(from: Cursor = { chunk: 0, offset: 0 }): Generator<T> {
    let { chunk: ci, offset } = from;
    for (; ci < this.chunks.length; ci++, offset = 0) {
      const chunk = this.chunks[ci]!;
      for (let i = offset; i < chunk.length; i++) yield chunk[i]!;
    }
  }

  /** Items strictly before `before`, walking backwards (descending). */
  *backward(before: Cursor = { chunk: this.chunks.length, offset: 0 }): Generator<T> {
    let ci = before.chunk;
    let offset = before.offset - 1;
    if (ci >= this.chunks.length) {
      ci = this.chunks.length - 1;
      offset = ci >= 0 ? this.chunks[ci]!.length - 1 : -1;
    }
    while (ci >= 0) {
      const chunk = this.chunks[ci]!;
      for (let i = offset; i >= 0; i--) yield chunk[i]!;
      ci--;
      offset = ci >= 0 ? this.chunks[ci]!.length - 1 : -1;
    }
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
