// `npm run example:browser`: bundles app.ts with esbuild (resolving `decree130` through the package's exports, i.e.
// the built dist/) and serves the page on loopback. The server only hands out the page; it receives no file.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Bundles the page's script for browsers: one ES module, the library included. */
export async function bundleApp(): Promise<string> {
  const result = await build({
    entryPoints: [here("./app.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

/**
 * Starts the page's static server.
 *
 * @param port - TCP port; 0 picks a free one
 * @returns the server and the page's URL
 */
export async function startExampleServer(port = 0): Promise<{ server: Server; url: string }> {
  const files: Record<string, { type: string; body: string }> = {
    "/": { type: "text/html; charset=utf-8", body: readFileSync(here("./index.html"), "utf8") },
    "/app.js": { type: "text/javascript; charset=utf-8", body: await bundleApp() },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const file = req.method === "GET" ? files[path === "/index.html" ? "/" : path] : undefined;
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${bound}/` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { url } = await startExampleServer(Number(process.env["PORT"] ?? 8130));
  console.log(`decree130 example page: ${url}  (Ctrl+C to stop)`);
}
