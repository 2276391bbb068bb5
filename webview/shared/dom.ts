/**
 * Building a panel's DOM. Every piece of workspace text goes in as a text node or an attribute
 * value (never parsed as HTML), so names and notes like `<img onerror=…>` show literally.
 */
export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | number | undefined | null | false;

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill<E extends Element>(el: E, attrs: Attrs, children: Child[]): E {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element (including the vscode-* elements) with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** A definition list of label/value rows; rows whose value is undefined are left out. */
export function facts(rows: [string, Child | Child[]][], className = 'facts'): HTMLDListElement {
  const dl = h('dl', { class: className });
  for (const [label, value] of rows) {
    if (value === undefined) continue;
    const dd = h('dd');
    for (const c of Array.isArray(value) ? value : [value]) fill(dd, {}, [c]);
    dl.append(h('div', {}, h('dt', {}, label), dd));
  }
  return dl;
}

/** A padlock for private notes, drawn here (the panel loads no icon font). */
export function lockIcon(): SVGSVGElement {
  return s('svg', { class: 'lock', viewBox: '0 0 16 16', 'aria-hidden': 'true' }, s('path', { d: 'M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm1.5 0h5V5a2.5 2.5 0 0 0-5 0v2z' }));
}
