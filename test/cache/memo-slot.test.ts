import { describe, expect, it } from "vitest";
import { MemoSlot } from "../../src/cache/memo-slot.js";
import { madeObjectId, objectId } from "../../src/cache/object-id.js";

describe("MemoSlot", () => {
  it("remembers a value per object, and slots do not see each other's values", () => {
    const a = new MemoSlot<object, string>();
    const b = new MemoSlot<object, string>();
    const x = {};
    const y = {};
    expect(a.get(x)).toBeUndefined();
    a.set(x, "ax");
    b.set(x, "bx");
    a.set(y, "ay");
    expect([a.get(x), b.get(x), a.get(y), b.get(y)]).toEqual(["ax", "bx", "ay", undefined]);
    a.set(x, "ax2");
    expect(a.get(x)).toBe("ax2");
  });

  it("leaves no trace a caller would see: no enumerable or string-keyed property, nothing carried by a copy", () => {
    const slot = new MemoSlot<Record<string, unknown>, number>();
    const o: Record<string, unknown> = { n: 1 };
    slot.set(o, 42);
    expect(Object.keys(o)).toEqual(["n"]);
    expect(JSON.stringify(o)).toBe('{"n":1}');
    expect(slot.get({ ...o })).toBeUndefined();
    expect(slot.get(structuredClone(o))).toBeUndefined();
    expect(slot.get(o)).toBe(42);
  });

  it("does not lend an object's memos to objects that inherit from it", () => {
    const slot = new MemoSlot<object, string>();
    const parent = {};
    slot.set(parent, "parent");
    const child: object = Object.create(parent) as object;
    expect(slot.get(child)).toBeUndefined();
    slot.set(child, "child");
    expect([slot.get(parent), slot.get(child)]).toEqual(["parent", "child"]);
  });

  it("remembers frozen and sealed objects too", () => {
    const slot = new MemoSlot<object, string>();
    const frozen = Object.freeze({});
    const sealed = Object.seal({});
    slot.set(frozen, "f");
    slot.set(sealed, "s");
    expect([slot.get(frozen), slot.get(sealed)]).toEqual(["f", "s"]);
    expect(Object.getOwnPropertySymbols(frozen)).toEqual([]);
  });

  it("keeps a proxy's memos apart from its target's, whichever is remembered first", () => {
    const slot = new MemoSlot<object, string>();
    const target = {};
    const first = new Proxy(target, {});
    slot.set(target, "target");
    slot.set(first, "first");
    const second = new Proxy(target, {});
    expect([slot.get(target), slot.get(first), slot.get(second)]).toEqual(["target", "first", undefined]);
    const other = {};
    const proxied = new Proxy(other, {});
    slot.set(proxied, "proxy");
    slot.set(other, "other");
    expect([slot.get(proxied), slot.get(other)]).toEqual(["proxy", "other"]);
  });
});

describe("object numbers", () => {
  it("are stable per object and unique across objectId, madeObjectId and tables", () => {
    const table = new WeakMap<object, number>();
    const objects = [{}, {}, {}, {}];
    const ids = [objectId(objects[0]!), objectId(objects[1]!, table), madeObjectId(objects[2]!), madeObjectId(objects[3]!)];
    expect(new Set(ids).size).toBe(4);
    expect([objectId(objects[0]!), objectId(objects[1]!, table), madeObjectId(objects[2]!), madeObjectId(objects[3]!)]).toEqual(ids);
    // Another table numbers the same object afresh: its numbers are for its own keys.
    expect(objectId(objects[1]!)).not.toBe(ids[1]);
  });
});
