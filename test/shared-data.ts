// The project's read-only data folder, beside the repository (../shared), wherever the repository is cloned.
import { fileURLToPath } from "node:url";

/** Absolute path of `../shared` without a trailing slash. */
export const SHARED = fileURLToPath(new URL("../../shared", import.meta.url));
