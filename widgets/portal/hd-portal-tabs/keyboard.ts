/**
 * Roving focus of the ARIA tabs pattern (automatic activation): ArrowRight/ArrowLeft move to the next/previous
 * tab and wrap around, Home/End to the first/last. Returns the new index, or null for keys the tablist ignores.
 */
export function tabIndexForKey(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
