// The explorer's modules run in a browser; these tests run them in Node. The few browser
// globals their modules read at load time are given here, before any module is imported.
globalThis.navigator ??= { language: 'en' };
globalThis.localStorage ??= {
  data: new Map(),
  getItem(k) { return this.data.has(k) ? this.data.get(k) : null; },
  setItem(k, v) { this.data.set(k, String(v)); },
};

export const explorer = (name) => import(new URL(`../../../api/assets/explorer/${name}`, import.meta.url));
