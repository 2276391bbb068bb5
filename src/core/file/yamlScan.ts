/**
 * One linear pass over a parsed YAML document, before anything reads its values: which anchor each
 * alias stands for, how far the aliases would expand the document (an alias bomb is refused before
 * it is expanded), keys repeated in a map, and where the scalars are.
 *
 * The `yaml` library's own `Alias.resolve` walks the whole document for every alias and its
 * duplicate-key check compares each key with every earlier one; both are quadratic, so the parser
 * turns the latter off and everything here is done once, in document order, without recursion (a
 * deeply nested file cannot overflow the stack).
 */
import { Alias, Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, Node } from 'yaml';

/** Nodes an alias may add by expanding, beyond {@link ALIAS_EXPANSION_PER_NODE} per node of the source. */
export const ALIAS_EXPANSION_BASE = 10_000;
/** Nodes each node of the source may add through aliases (the expansion stays linear in the file's size). */
export const ALIAS_EXPANSION_PER_NODE = 2;

export interface DocumentScan {
  /** Every alias in document order. */
  aliases: Alias[];
  /** The node each alias stands for: the last node anchored with its name before it (undefined: none). */
  targets: Map<Alias, Node | undefined>;
  /** Aliases inside the node they stand for (`&a [*a]`): they would expand forever. */
  cycles: Set<Alias>;
  /** The first alias at which the document, expanded, passes its limit (an alias bomb). */
  bomb?: Alias;
  /** Nodes in the source (aliases count one each). */
  nodes: number;
  /** Keys of a map that repeat an earlier key of the same map (same scalar value). */
  duplicateKeys: Node[];
  /** `[start, end)` offsets of every scalar with content, in order. */
  scalars: [number, number][];
}

const scans = new WeakMap<Document, DocumentScan>();

/** The scan of `doc`, computed once per document. */
export function scanDocument(doc: Document): DocumentScan {
  let scan = scans.get(doc);
  if (!scan) {
    scan = scan_(doc);
    scans.set(doc, scan);
  }
  return scan;
}

/** The node `alias` stands for in `doc` (undefined: no anchor before it, or it lies inside its anchor). */
export function resolveAlias(doc: Document, alias: Alias): Node | undefined {
  const scan = scanDocument(doc);
  return scan.cycles.has(alias) ? undefined : scan.targets.get(alias);
}

/** Forgets the scan of `doc`, after its nodes were replaced. */
export function forgetScan(doc: Document): void {
  scans.delete(doc);
}

interface Frame {
  node: Node;
  children: Node[];
  next: number;
  /** Expanded size so far: this node and its finished children. */
  size: number;
}

function scan_(doc: Document): DocumentScan {
  const aliases: Alias[] = [];
  const targets = new Map<Alias, Node | undefined>();
  const cycles = new Set<Alias>();
  /** Nodes added by expanding the aliases so far, after each alias. */
  const expansion: number[] = [];
  const duplicateKeys: Node[] = [];
  const scalars: [number, number][] = [];
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const sizes = new Map<Node, number>();
  let nodes = 0;
  let extra = 0;

  const stack: Frame[] = [];
  const enter = (node: Node): number | undefined => {
    nodes++;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      aliases.push(node);
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (!target) {
        expansion.push(extra);
        return 1;
      }
      if (open.has(target)) {
        cycles.add(node);
        expansion.push(extra);
        return 1;
      }
      const size = sizes.get(target) ?? 1;
      extra += size;
      expansion.push(extra);
      return size;
    }
    if (isScalar(node)) {
      if (node.range && node.range[1] > node.range[0]) scalars.push([node.range[0], node.range[1]]);
      return 1;
    }
    const children: Node[] = [];
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        if (isScalar(key)) {
          if (seen.has(key.value)) duplicateKeys.push(key);
          else seen.add(key.value);
        }
        if (isNode(key)) children.push(key);
        if (isNode(pair.value)) children.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          if (isNode(item.key)) children.push(item.key);
          if (isNode(item.value)) children.push(item.value);
        } else if (isNode(item)) children.push(item);
      }
    }
    open.add(node);
    stack.push({ node, children, next: 0, size: 1 });
    return undefined;
  };
  const finish = (size: number): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
  };

  if (isNode(doc.contents)) {
    const size = enter(doc.contents);
    if (size !== undefined) finish(size);
  }
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const size = enter(frame.children[frame.next++]);
      if (size !== undefined) finish(size);
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    if (frame.node.anchor) sizes.set(frame.node, frame.size);
    finish(frame.size);
  }
  scalars.sort((a, b) => a[0] - b[0]);
  const limit = ALIAS_EXPANSION_BASE + ALIAS_EXPANSION_PER_NODE * nodes;
  const crossing = extra > limit ? expansion.findIndex((e) => e > limit) : -1;
  const bomb = crossing < 0 ? undefined : aliases[crossing];
  return { aliases, targets, cycles, bomb, nodes, duplicateKeys, scalars };
}
