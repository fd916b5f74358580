import { describe, expect, it } from "vitest";
import { tabIndexForKey } from "./keyboard.js";

describe(tabIndexForKey.name, () => {
  it("moves with the arrows and wraps around", () => {
    expect(tabIndexForKey("ArrowRight", 0, 5)).toBe(1);
    expect(tabIndexForKey("ArrowRight", 4, 5)).toBe(0);
    expect(tabIndexForKey("ArrowLeft", 0, 5)).toBe(4);
    expect(tabIndexForKey("ArrowLeft", 3, 5)).toBe(2);
  });

  it("jumps to the ends with Home and End, ignores other keys", () => {
    expect(tabIndexForKey("Home", 3, 5)).toBe(0);
    expect(tabIndexForKey("End", 1, 5)).toBe(4);
    expect(tabIndexForKey("ArrowDown", 1, 5)).toBeNull();
    expect(tabIndexForKey("Enter", 1, 5)).toBeNull();
    expect(tabIndexForKey("Home", 0, 0)).toBeNull();
  });
});
