#!/usr/bin/env node
/**
 * The house rules of ARCHITECTURE.md, checked on the source tree (`npm run lint` runs this):
 *
 *   1. Rooms: a folder under src/core/ or src/vscode/ is a room, and its index.ts is the only way
 *      in from outside it. Tests and benchmarks may reach inside (they test the parts).
 *   2. Layers: the core imports neither VS Code, git, the protocol, the CLI nor the host; rooms of the
 *      core import only rooms before them in CORE_ORDER (and the shared leaves).
 *   3. No import circles in src/ or webview/, type-only imports included.
 *   4. No file in src/ or webview/ over 500 lines, except those in LONG_FILES (each at most 700, with its reason).
 *   5. File names are camelCase (`logFlow.ts`, not `log-flow.ts`).
 *
 *   node scripts/architecture.js [ROOT]     prints one problem per line, exit 1 when there is any
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

/** Rooms of the core from the bottom up: a room may import the rooms before it, never after. */
const CORE_ORDER = ['file', 'disk', 'expertise', 'review', 'notes', 'mentoring', 'view'];
const MAX_LINES = 500;
const MAX_ALLOWED = 700;
/** Files allowed over MAX_LINES, with the reason. Keep it short. */
const LONG_FILES = {};

const SCANNED = ['src', 'webview'];

function listFiles(root, dirs) {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(r);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

/** Every module specifier of a file: imports (type-only too), `export … from`, `import()` and `require()`. */
function importsOf(text) {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolve(root, from, spec) {
  if (!spec.startsWith('.')) return { external: spec };
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const c of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile()) return { file: c };
  }
  return { missing: base };
}

/** The room a file is in: `src/core/file`, `src/vscode/log`, … (undefined for layer-level files). */
function roomOf(file) {
  const m = /^(src\/(?:core|vscode)\/[^/]+)\//.exec(file);
  return m ? m[1] : undefined;
}

function layerOf(file) {
  const m = /^(src\/[^/]+|webview)\//.exec(file);
  return m ? m[1] : undefined;
}

/** Finds every elementary circle's representative: one cycle per strongly connected component, shortest found by BFS. */
function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const comps = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) || []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) || []).includes(v)) comps.push(comp);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return comps.map((comp) => {
    const inside = new Set(comp);
    const start = [...comp].sort()[0];
    // Shortest path from start back to start within the component.
    const prev = new Map([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const v = queue.shift();
      for (const w of graph.get(v) || []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const pathBack = [v];
          for (let p = prev.get(v); p; p = prev.get(p)) pathBack.push(p);
          return [...pathBack.reverse(), start];
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

function check(root = path.resolve(__dirname, '..')) {
  const problems = [];
  const files = listFiles(root, SCANNED);
  const graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const allowed = LONG_FILES[file];
    if (lines > MAX_LINES && !(allowed && lines <= MAX_ALLOWED)) {
      problems.push(`${file}: ${lines} lines, over ${MAX_LINES}${allowed ? ` (allowed up to ${MAX_ALLOWED})` : ''}: split it by concern`);
    }
    const name = path.posix.basename(file).replace(/\.tsx?$/, '');
    if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) problems.push(`${file}: file names are camelCase (rename to ${name.replace(/[-_.]+([a-z0-9])/g, (_, c) => c.toUpperCase())}.ts)`);
    const edges = [];
    const room = roomOf(file);
    const layer = layerOf(file);
    for (const spec of importsOf(text)) {
      const r = resolve(root, file, spec);
      if (r.external !== undefined) {
        if (layer === 'src/core' && /^(vscode|simple-git)(\/|$)/.test(r.external)) problems.push(`${file}: the core imports '${r.external}': it stays plain TypeScript`);
        continue;
      }
      if (r.missing) continue; // the compiler reports those
      const target = r.file;
      edges.push(target);
      const targetRoom = roomOf(target);
      if (targetRoom && targetRoom !== room && target !== `${targetRoom}/index.ts`) {
        problems.push(`${file}: imports ${target} from inside ${targetRoom}/; import '${path.posix.relative(path.posix.dirname(file), targetRoom)}' (its index.ts) instead`);
      }
      const targetLayer = layerOf(target);
      if (layer === 'src/core' && targetLayer && targetLayer !== 'src/core') problems.push(`${file}: the core imports ${target}: the core depends on nothing above it`);
      if (layer === 'src/core' && room && targetRoom && room !== targetRoom) {
        const a = CORE_ORDER.indexOf(room.slice('src/core/'.length));
        const b = CORE_ORDER.indexOf(targetRoom.slice('src/core/'.length));
        if (a >= 0 && b >= 0 && b > a) problems.push(`${file}: ${room}/ imports ${targetRoom}/, which comes after it (order: ${CORE_ORDER.join(' < ')})`);
      }
      if (layer === 'src/core' && !room && targetRoom) problems.push(`${file}: a shared leaf of the core imports ${targetRoom}/: leaves import only other leaves`);
    }
    graph.set(file, [...new Set(edges)]);
  }
  for (const room of new Set(files.map(roomOf).filter(Boolean))) {
    if (!files.includes(`${room}/index.ts`)) problems.push(`${room}/: a room without index.ts (its only way in)`);
  }
  for (const cycle of cycles(graph)) problems.push(`import circle: ${cycle.join(' → ')}`);
  return problems;
}

module.exports = { check, CORE_ORDER, MAX_LINES, LONG_FILES };

if (require.main === module) {
  const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
  const problems = check(root);
  for (const p of problems) console.log(p);
  if (problems.length) {
    console.log(`${problems.length} architecture problem${problems.length === 1 ? '' : 's'} (rules: ARCHITECTURE.md)`);
    process.exit(1);
  }
}
