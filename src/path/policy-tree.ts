import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import type { PathIssue } from "./path-issue.js";
import type { PolicyExtensions } from "../model/constraints.js";
import type { PolicyInputs } from "./types.js";

const ANY = OID.anyPolicy;

/** Most nodes the valid_policy_tree may hold: crafted mappings can grow it exponentially (CVE-2023-0464). */
export const MAX_POLICY_NODES = 2048;

/** One node of the valid_policy_tree (RFC 5280 §6.1.2(a)); qualifiers are not kept, they never decide validity. */
interface PolicyNode {
  readonly valid: string;
  expected: Set<string>;
  readonly parent: PolicyNode | null;
  readonly children: PolicyNode[];
}

/** The tree as its levels: `levels[d]` holds the nodes of depth d. `null` once the tree is empty. */
type Tree = PolicyNode[][] | null;

class TooLarge extends Error {}

function addChild(tree: PolicyNode[][], depth: number, parent: PolicyNode, valid: string, expected: Iterable<string>): void {
  const node: PolicyNode = { valid, expected: new Set(expected), parent, children: [] };
  parent.children.push(node);
  (tree[depth] ??= []).push(node);
  if (tree.reduce((n, level) => n + level.length, 0) > MAX_POLICY_NODES) throw new TooLarge();
}

function removeNode(tree: PolicyNode[][], depth: number, node: PolicyNode): void {
  tree[depth] = tree[depth]!.filter((n) => n !== node);
  if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
}

/** Deletes childless nodes above `depth`, from the bottom up; returns `null` when the root goes too. */
function prune(tree: PolicyNode[][], depth: number): Tree {
  for (let d = depth - 1; d >= 0; d--) {
    for (const n of [...(tree[d] ?? [])]) if (n.children.length === 0) removeNode(tree, d, n);
  }
  return (tree[0]?.length ?? 0) === 0 ? null : tree;
}

/** §6.1.3(d): adds the certificate's policies at depth `i`. */
function processPolicies(tree: PolicyNode[][], i: number, policies: readonly string[], anyAllowed: boolean): Tree {
  tree[i] = [];
  const parents = tree[i - 1] ?? [];
  for (const p of policies) {
    if (p === ANY) continue;
    const matching = parents.filter((n) => n.expected.has(p));
    if (matching.length > 0) for (const n of matching) addChild(tree, i, n, p, [p]);
    else for (const n of parents.filter((x) => x.valid === ANY)) addChild(tree, i, n, p, [p]);
  }
  if (policies.includes(ANY) && anyAllowed) {
    for (const n of parents) {
      for (const e of n.expected) if (!n.children.some((c) => c.valid === e)) addChild(tree, i, n, e, [e]);
    }
  }
  return prune(tree, i);
}

/** §6.1.4(b): applies the certificate's policy mappings to depth `i`. */
function applyMappings(tree: PolicyNode[][], i: number, mappings: readonly (readonly [string, string])[], mappingAllowed: boolean): Tree {
  const byIssuer = new Map<string, string[]>();
  for (const [from, to] of mappings) byIssuer.set(from, [...(byIssuer.get(from) ?? []), to]);
  for (const [from, to] of byIssuer) {
    const level = tree[i] ?? [];
    const nodes = level.filter((n) => n.valid === from);
    if (mappingAllowed) {
      if (nodes.length > 0) for (const n of nodes) n.expected = new Set(to);
      else {
        const any = level.find((n) => n.valid === ANY);
        if (any?.parent) addChild(tree, i, any.parent, from, to);
      }
    } else {
      for (const n of nodes) removeNode(tree, i, n);
      if (prune(tree, i) === null) return null;
    }
  }
  return tree;
}

/** §6.1.5(g): intersects the tree with the user-initial-policy-set; returns whether any valid policy remains. */
function intersect(tree: PolicyNode[][], n: number, initial: ReadonlySet<string>): boolean {
  if (initial.has(ANY)) return true;
  const nodeSet: { node: PolicyNode; depth: number }[] = [];
  tree.forEach((level, d) => level.forEach((node) => node.parent?.valid === ANY && node.valid !== ANY && nodeSet.push({ node, depth: d })));
  for (const { node, depth } of nodeSet) if (!initial.has(node.valid)) removeDeep(tree, depth, node);
  const anyLeaf = (tree[n] ?? []).find((x) => x.valid === ANY);
  if (anyLeaf?.parent) {
    const present = new Set(nodeSet.filter((x) => initial.has(x.node.valid)).map((x) => x.node.valid));
    for (const p of initial) if (!present.has(p)) addChild(tree, n, anyLeaf.parent, p, [p]);
    removeNode(tree, n, anyLeaf);
  }
  return prune(tree, n) !== null && (tree[n]?.length ?? 0) > 0;
}

function removeDeep(tree: PolicyNode[][], depth: number, node: PolicyNode): void {
  for (const c of [...node.children]) removeDeep(tree, depth + 1, c);
  if ((tree[depth] ?? []).includes(node)) removeNode(tree, depth, node);
}

const fail = (index: number, detail: string): PathIssue => ({ reason: "POLICY_CONSTRAINTS", index, detail });

/**
 * RFC 5280 §6.1 certificate-policy processing: the valid_policy_tree with policy mapping, anyPolicy inhibition and
 * explicit-policy requirements, over the certificates below the anchor. With the default inputs (any policy acceptable,
 * nothing required) a path fails only when a CA's own policyConstraints demands an explicit policy the path lacks, or a
 * CA maps anyPolicy.
 *
 * @param path - signing certificate first, the anchor's certificate last (the anchor itself is not processed)
 * @param inputs - the user policy inputs (§6.1.1 (c), (e)-(g))
 * @returns the first failure, or `null` when the path has a valid policy or none is required
 * @example
 * ```ts
 * const issue = checkPolicyTree([leaf, ca, root], { initialPolicySet: ["2.16.840.1.101.3.2.1.48.1"], initialExplicitPolicy: true });
 * ```
 */
export function checkPolicyTree(path: readonly Certificate[], inputs: PolicyInputs = {}): PathIssue | null {
  const n = path.length - 1;
  if (n < 1) return null;
  const initial = new Set(inputs.initialPolicySet ?? [ANY]);
  let explicit = inputs.initialExplicitPolicy ? 0 : n + 1;
  let inhibitAny = inputs.initialAnyPolicyInhibit ? 0 : n + 1;
  let mapping = inputs.initialPolicyMappingInhibit ? 0 : n + 1;
  const root: PolicyNode = { valid: ANY, expected: new Set([ANY]), parent: null, children: [] };
  let tree: Tree = [[root]];
  try {
    for (let i = 1; i <= n; i++) {
      const index = n - i;
      const cert = path[index]!;
      const decoded = cert.policyExtensions;
      if (!decoded.ok) return { reason: "MALFORMED_EXTENSION", index, detail: `policy extension: ${decoded.error}` };
      const ext: PolicyExtensions = decoded.value;
      const selfIssuedCa = cert.selfIssued && i < n;
      if (tree && ext.policies) tree = processPolicies(tree, i, ext.policies, inhibitAny > 0 || selfIssuedCa);
      else if (!ext.policies) tree = null;
      if (explicit === 0 && tree === null) return fail(index, "no valid certificate policy, and an explicit policy is required");
      if (i === n) {
        if (explicit > 0) explicit--;
        if (ext.requireExplicitPolicy === 0) explicit = 0;
        break;
      }
      if (ext.mappings?.some(([a, b]) => a === ANY || b === ANY)) return fail(index, "policyMappings maps anyPolicy");
      if (tree && ext.mappings) tree = applyMappings(tree, i, ext.mappings, mapping > 0);
      if (!cert.selfIssued) {
        if (explicit > 0) explicit--;
        if (mapping > 0) mapping--;
        if (inhibitAny > 0) inhibitAny--;
      }
      if (ext.requireExplicitPolicy !== undefined && ext.requireExplicitPolicy < explicit) explicit = ext.requireExplicitPolicy;
      if (ext.inhibitPolicyMapping !== undefined && ext.inhibitPolicyMapping < mapping) mapping = ext.inhibitPolicyMapping;
      if (ext.inhibitAnyPolicy !== undefined && ext.inhibitAnyPolicy < inhibitAny) inhibitAny = ext.inhibitAnyPolicy;
    }
  } catch (err) {
    if (err instanceof TooLarge) return fail(0, `policy tree larger than ${MAX_POLICY_NODES} nodes`);
    throw err;
  }
  const valid = tree !== null && intersect(tree, n, initial);
  if (explicit > 0 || valid) return null;
  return fail(0, "no certificate policy of the path is in the acceptable set, and an explicit policy is required");
}
