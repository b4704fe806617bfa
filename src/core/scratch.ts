// Typed arrays that a hot function reuses from one call to the next. A call over a million
// records needs tens of megabytes of columns. Allocated anew by every call, they count as
// external memory, and each 64 MB or so of it makes V8 mark the whole heap: the caller's
// records, hundreds of megabytes, marked in part on the main thread during the next calls,
// which then take two or three times as long. Kept here between calls, they are allocated
// once. They are held weakly, so a full collection frees them when nothing uses them, and
// they are taken out while in use, so a call made inside another (a filter that calls the
// same function) gets arrays of its own. A reused array holds what the last call left in it:
// callers write every element they read.

const pool = /* @__PURE__ */ new Map<string, WeakRef<ArrayBuffer>>();

/** A buffer of at least `bytes` bytes: the one kept under `key` when it is large enough, else a new one. @internal */
function take(key: string, bytes: number): ArrayBuffer {
  const ref = pool.get(key);
  if (ref !== undefined) {
    pool.delete(key);
    const buffer = ref.deref();
    if (buffer !== undefined && buffer.byteLength >= bytes) return buffer;
  }
  return new ArrayBuffer(bytes);
}

/** A typed array of one of these kinds. @internal */
export type ScratchArray = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/**
 * A typed array of type `Type` and `length` elements (not zeroed), on the buffer kept under
 * `key` when it is large enough; to hand back with {@link keepScratch}. @internal
 */
export function scratch<T extends ScratchArray>(
  key: string,
  Type: { new (buffer: ArrayBuffer, offset: number, length: number): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(take(key, length * Type.BYTES_PER_ELEMENT), 0, length);
}

/** Keep `array`'s buffer under `key` for the next call (weakly; not at all where `WeakRef` is missing). @internal */
export function keepScratch(key: string, array: Int32Array | Float64Array | Uint8Array): void {
  if (typeof WeakRef === "function") pool.set(key, new WeakRef(array.buffer as ArrayBuffer));
}
