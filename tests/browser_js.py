"""What the browser tests share: where Chromium is and how it starts, where screenshots go, and the
scripts they run in a page (CSP violations watched, cells cut off, the contrast of every text)."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"

# Runs before any page script (Playwright injects it over CDP, outside the page's CSP).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

# Every table cell (th, td) of the timeline that sticks out of the box it should fit in: its right edge
# beyond the table's scroll box (a clipped column), or its content wider than the cell.
CUT_CELLS = """([limit, selector]) => {
  const wrap = document.querySelector(selector || '.rd-tl-main .rd-table-wrap');
  const right = Math.min(limit || Infinity, wrap.getBoundingClientRect().right);
  const out = [];
  if (wrap.scrollWidth > wrap.clientWidth + 1) {
    out.push('table scrolls: ' + wrap.scrollWidth + ' > ' + wrap.clientWidth);
  }
  for (const c of wrap.querySelectorAll('th, td')) {
    const r = c.getBoundingClientRect();
    const name = c.tagName + ' ' + c.className + ' ' + c.textContent.trim().slice(0, 20);
    if (!r.width) continue;
    if (r.right > right + 0.5) out.push(name + ': right ' + r.right + ' > ' + right);
    else if (c.scrollWidth > c.clientWidth + 1) out.push(name + ': content wider than the cell');
  }
  return out;
}"""

# The contrast of every visible text against its effective background (the backgrounds of the element
# and its ancestors composited over white, the text colour faded by their opacity), WCAG 2 formula.
CONTRAST = """(root) => {
  const rgba = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  function background(el) {
    const layers = []; let image = false, opacity = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      opacity *= Number(s.opacity);
      if (s.backgroundImage !== 'none') image = true;
      const c = rgba(s.backgroundColor);
      if (c && c[3] > 0 && layers.every(l => l[3] < 1)) layers.push(c);
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return {bg, image, opacity};
  }
  function check(el, colour, text) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width <= 1 || r.height <= 1 || s.visibility !== 'visible') return null;
    const {bg, image, opacity} = background(el);
    const fg = rgba(colour); fg[3] *= opacity;
    const cls = el.getAttribute('class') || el.parentElement.getAttribute('class') || el.tagName;
    return {text: text.slice(0, 30), cls, ratio: Math.round(ratio(over(fg, bg), bg) * 100) / 100, image};
  }
  const out = [];
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || el.closest('script, style, title, option')) continue;
    seen.add(el);
    const svg = el.namespaceURI === 'http://www.w3.org/2000/svg';
    const got = check(el, svg ? getComputedStyle(el).fill : getComputedStyle(el).color, n.textContent.trim());
    if (got) out.push(got);
  }
  for (const input of document.querySelectorAll(root + ' input[placeholder]')) {
    const got = check(input, getComputedStyle(input, '::placeholder').color, input.placeholder);
    if (got) out.push(got);
  }
  return out;
}"""
