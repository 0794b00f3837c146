import type { XmlDocument, XmlElement } from "./tree.js";

/** The attribute names a same-document reference `#value` may match, in order. */
export const ID_ATTRIBUTES = ["Id", "ID", "id"] as const;

/** Every element carrying an identifier, by value; a value listed twice or more is ambiguous. */
export type IdIndex = ReadonlyMap<string, readonly XmlElement[]>;

/**
 * Indexes the unprefixed `Id`, `ID` and `id` attributes of every element. A value is counted once per attribute that
 * carries it, so one written twice (on two elements, or as `Id` and `id` on one) is ambiguous: resolving it would be
 * the XPath first-match that wrapping attacks exploit.
 *
 * @param doc - the document
 * @returns the index
 * @example
 * ```ts
 * const ids = indexIds(doc);
 * ids.get("DLHDon")?.length; // 1
 * ```
 */
export function indexIds(doc: XmlDocument): IdIndex {
  const index = new Map<string, XmlElement[]>();
  const stack: XmlElement[] = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (const a of el.attributes) {
      if (a.ns !== "" || (a.local !== "Id" && a.local !== "ID" && a.local !== "id")) continue;
      const list = index.get(a.value);
      if (list) list.push(el);
      else index.set(a.value, [el]);
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === "element") stack.push(c);
    }
  }
  return index;
}
