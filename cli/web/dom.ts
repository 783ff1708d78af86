/** Small DOM helpers: an element with attributes and children, and text. */

type Child = Node | string | null | undefined | false;

/** `h('p', { class: 'note' }, 'text', child)`: creates an element. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A table from a header row and rows of cells (strings or nodes); numeric columns right-aligned. */
export function table(header: string[], rows: Child[][], numeric: boolean[] = []): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...header.map((c, i) => h('th', { class: numeric[i] ? 'num' : undefined }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: numeric[i] ? 'num' : undefined }, c)))))));
}

/** A labelled <select>; `onChange` receives the chosen value. */
export function select(label: string, options: { value: string; text: string }[], value: string, onChange: (v: string) => void): HTMLLabelElement {
  const s = h('select', {}, ...options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.text)));
  s.addEventListener('change', () => onChange(s.value));
  return h('label', { class: 'control' }, `${label} `, s);
}

/** A chart in a <figure class="chart"> with a caption. */
export function figure(chart: Element, caption: string): HTMLElement {
  return h('figure', { class: 'chart' }, chart, h('figcaption', {}, caption));
}
