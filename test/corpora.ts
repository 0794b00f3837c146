// The test corpora kept in the repository (test/corpora/, each folder with its PROVENANCE.md).
import { fileURLToPath } from "node:url";

/** Absolute path of `test/corpora` without a trailing slash. */
export const CORPORA = fileURLToPath(new URL("./corpora", import.meta.url));
