#!/usr/bin/env node
// The registry this project is built against serves only the Linux x64 builds of packages
// that ship per-platform binaries (deno, rollup, ...), so `npm install` leaves the other
// platforms' optional packages out of package-lock.json, and `npm ci` then refuses the lock
// as "not in sync". This script adds an entry for each missing optional dependency, with
// the os/cpu/libc read from its name, so that npm ci skips it on this platform without
// fetching it. Run it after `npm install` changes the lock: `node scripts/lock-stubs.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const base = name.split("/").pop();
  const os = ["android", "darwin", "freebsd", "openbsd", "openharmony", "linux", "win32", "sunos", "aix", "netbsd"].find((o) => base.includes(o));
  const cpu = ["arm64", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "arm"].find((c) => base.includes(c));
  const libc = base.includes("musl") ? "musl" : os === "linux" && (base.includes("gnu") || base.includes("glibc")) ? "glibc" : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key === "" ? "" : `${key}/`}node_modules/${dep}`;
    if (packages[nested] !== undefined || packages[`node_modules/${dep}`] !== undefined) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (os === undefined || cpu === undefined) {
      console.error(`cannot tell the platform of ${dep}; add its lock entry by hand`);
      process.exitCode = 1;
      continue;
    }
    // keys in the order npm writes them, so that a later `npm install` leaves the lock as it is
    packages[`node_modules/${dep}`] = {
      version,
      cpu: [cpu],
      ...(entry.dev === true ? { dev: true } : {}),
      ...(libc === undefined ? {} : { libc: [libc] }),
      optional: true,
      os: [os],
    };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries to package-lock.json`);
