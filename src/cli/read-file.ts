import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import type { FileKind, Reason } from "./problem.js";

/** Why a file was not read: thrown by {@link readBoundedFile}, turned into a problem naming the option by the caller. */
export class FileRefused extends Error {
  /**
   * @param reason - what was wrong, as data
   */
  constructor(readonly reason: Reason) {
    super(reason.kind);
  }
}

/** Bytes per read call: far below the 2 GiB a single read may ask for. */
const CHUNK = 64 * 1024 * 1024;

/** Opening never waits: a FIFO swapped in after the check would otherwise block until a writer comes. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: Stats): FileKind {
  if (stats.isDirectory()) return "directory";
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice()) return "character-device";
  if (stats.isBlockDevice()) return "block-device";
  if (stats.isSocket()) return "socket";
  return "other";
}

function check(stats: Stats, limit: number): number {
  if (!stats.isFile()) throw new FileRefused({ kind: "not-regular", file: kindOf(stats) });
  if (stats.size > limit) throw new FileRefused({ kind: "too-large", size: stats.size, limit });
  return stats.size;
}

function allocate(size: number): Buffer {
  try {
    return Buffer.allocUnsafeSlow(size);
  } catch (err) {
    if (err instanceof RangeError) throw new FileRefused({ kind: "no-memory", size });
    throw err;
  }
}

function readAll(fd: number, limit: number): Uint8Array {
  const size = check(fstatSync(fd), limit);
  const buffer = allocate(size);
  let filled = 0;
  // Up to the size the file had when opened: a file that grows meanwhile is read as it was, one that shrinks as it is.
  while (filled < size) {
    const n = readSync(fd, buffer, filled, Math.min(CHUNK, size - filled), null);
    if (n === 0) break;
    filled += n;
  }
  // A plain Uint8Array over the buffer's own memory (allocUnsafeSlow never pools): no copy, no Buffer semantics.
  return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
}

/**
 * Reads a regular file of at most `limit` bytes, and nothing else: a directory, a FIFO, a device (`/dev/zero`,
 * `/dev/urandom`), a socket is refused from its `stat`, before it is opened, so no read can block or run without end;
 * a file over the limit is refused from its size, before a byte is read. The file is opened without blocking and
 * checked again once open, in case the path changed in between.
 *
 * @param path - the path as the user typed it (symbolic links are followed)
 * @param limit - the largest size accepted, in bytes
 * @returns the file's bytes
 * @throws {@link FileRefused} with the reason: a file-system error (its `code`, e.g. `ENOENT`, `ELOOP`), not a regular
 *   file, too large, or too large for the memory available
 * @example
 * ```ts
 * const bytes = readBoundedFile("contract.p7s", 32 * 1024 * 1024);
 * ```
 */
export function readBoundedFile(path: string, limit: number): Uint8Array {
  try {
    check(statSync(path), limit);
    const fd = openSync(path, OPEN_FLAGS);
    try {
      return readAll(fd, limit);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof FileRefused) throw err;
    const errno = (err as NodeJS.ErrnoException | undefined)?.code;
    if (typeof errno === "string") throw new FileRefused({ kind: "file-system", errno });
    throw err;
  }
}
