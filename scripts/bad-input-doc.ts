// Writes docs/bad-input.md from the bad-input catalogue's table (test/catalogue/).
// Run: npx tsx scripts/bad-input-doc.ts
import { writeFileSync } from "node:fs";
import { renderBadInputDoc } from "../test/catalogue/docPage.js";

writeFileSync(new URL("../docs/bad-input.md", import.meta.url), renderBadInputDoc());
console.log("wrote docs/bad-input.md");
