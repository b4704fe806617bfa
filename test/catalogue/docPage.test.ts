import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderBadInputDoc } from "./docPage.js";

describe("docs/bad-input.md", () => {
  it("is what scripts/bad-input-doc.ts generates from the catalogue (run it after changing the table)", () => {
    const committed = readFileSync(new URL("../../docs/bad-input.md", import.meta.url), "utf8");
    expect(committed).toBe(renderBadInputDoc());
  });
});
