(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var SEVERITIES = ['critical', 'high', 'medium', 'low'];
  var AUTH_WORDS = { off: 'authentication: off', anonymous: 'authentication: anonymous access', on: 'authentication: on', unknown: 'authentication: not known from the input' };
  var data, strings;
  var list = document.getElementById('eg-findings');
  var cards = [];

  function s(i) { return i < 0 ? '' : strings[i]; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /** Words in lines of at most max characters; a longer word is cut. */
  function wrap(text, max) {
    var lines = [];
    var line = '';
    text.split(/\s+/).forEach(function (word) {
      while (word.length > max) {
        if (line) { lines.push(line); line = ''; }
        lines.push(word.slice(0, max));
        word = word.slice(max);
      }
      if (!word) { return; }
      if (line && line.length + 1 + word.length > max) { lines.push(line); line = word; } else { line = line ? line + ' ' + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  /** The path, outside first: one node per hop, joined by arrows. */
  function graph(hops) {
    var width = 640, x = 8, boxWidth = 624, gap = 28, lineHeight = 17, chars = 84;
    var root = svg('svg', { 'class': 'path', role: 'img', 'aria-label': 'exposure path' });
    var y = 4;
    hops.forEach(function (h, n) {
      var kind = s(h[0]), auth = s(h[4]);
      var lines = [{ cls: 'hop-title', text: s(h[1]) }];
      if (h[2] >= 0) { wrap(s(h[2]), chars).forEach(function (t) { lines.push({ cls: 'hop-name', text: t }); }); }
      if (h[3] >= 0) { wrap(s(h[3]), chars).forEach(function (t) { lines.push({ cls: 'hop-detail', text: t }); }); }
      if (auth) { lines.push({ cls: 'hop-auth', text: AUTH_WORDS[auth] || auth }); }
      h[5].forEach(function (f) { wrap('\u2022 ' + s(f), chars).forEach(function (t) { lines.push({ cls: 'hop-fact', text: t }); }); });
      var height = 12 + lines.length * lineHeight;
      var g = svg('g', { 'class': 'hop hop-' + kind + (auth ? ' auth-' + auth : ''), 'data-kind': kind });
      g.appendChild(svg('title', {}, lines.map(function (l) { return l.text; }).join('\n')));
      var origin = kind === 'internet' || kind === 'restricted' || kind === 'cluster';
      g.appendChild(svg('rect', { 'class': 'box', x: x, y: y, width: boxWidth, height: height, rx: origin ? height / 2 : 6 }));
      lines.forEach(function (l, i) {
        g.appendChild(svg('text', { 'class': l.cls, x: x + (origin ? 18 : 10), y: y + 19 + i * lineHeight }, l.text));
      });
      root.appendChild(g);
      y += height;
      if (n < hops.length - 1) {
        var mid = width / 2;
        root.appendChild(svg('line', { 'class': 'arrow', x1: mid, y1: y, x2: mid, y2: y + gap - 7 }));
        root.appendChild(svg('path', { 'class': 'head', d: 'M' + (mid - 6) + ' ' + (y + gap - 9) + ' L' + (mid + 6) + ' ' + (y + gap - 9) + ' L' + mid + ' ' + (y + gap - 1) + ' Z' }));
        y += gap;
      }
    });
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + (y + 4));
    return root;
  }

  var watcher = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) { fill(e.target); } });
  }, { rootMargin: '1500px 0px' }) : null;

  function pending(slot) {
    if (watcher) { watcher.observe(slot); } else { fill(slot); }
  }

  function fill(slot) {
    if (!slot.hops) { return; }
    slot.appendChild(graph(slot.hops));
    slot.hops = null;
    slot.style.minHeight = '';
    slot.classList.add('drawn');
    if (watcher) { watcher.unobserve(slot); }
  }

  /** Every graph not drawn yet (before printing, so the paper has them all). */
  function fillAll() {
    Array.prototype.forEach.call(document.querySelectorAll('.graph-slot:not(.drawn)'), fill);
  }
  window.addEventListener('beforeprint', fillAll);

  function item(dl, term, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', null, term));
    var dd = el('dd');
    if (typeof value === 'string') { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }

  function card(f, index) {
    var rule = data.rules[f[0]];
    var severity = s(f[1]), namespace = s(f[3]), team = s(f[4]), suppressed = f[11] === 1;
    var article = el('article', 'card sev-' + severity + (suppressed ? ' suppressed' : ''));
    article.dataset.index = String(index);
    article.dataset.severity = severity;
    article.dataset.namespace = namespace;
    article.dataset.team = team;
    article.dataset.suppressed = String(suppressed);
    var h3 = el('h3');
    h3.appendChild(el('span', 'badge ' + severity, severity));
    h3.appendChild(el('span', 'rule', s(rule[0])));
    h3.appendChild(el('span', 'title', s(rule[1])));
    if (suppressed) { h3.appendChild(el('span', 'badge', 'turned off')); }
    article.appendChild(h3);
    article.appendChild(el('p', 'where', s(f[2]) + (f[10] >= 0 ? ' \u00b7 ' + s(f[10]) : '')));
    article.appendChild(el('p', 'message', s(f[8])));
    if (f[13].length > 0) {
      // The graph is drawn when the card comes near the window (or before printing): a report of 10,000 findings
      // then shows at once. Its place is kept at about its height, so the page does not jump.
      var slot = el('div', 'graph-slot');
      slot.dataset.hops = String(f[13].length);
      slot.style.minHeight = (f[13].length * 4.2) + 'rem';
      slot.hops = f[13];
      article.appendChild(slot);
      pending(slot);
    }
    var dl = el('dl');
    if (f[12].length > 0) {
      var facts = el('ul', 'facts');
      f[12].forEach(function (i) { facts.appendChild(el('li', null, s(i))); });
      item(dl, 'Also observed', facts);
    }
    item(dl, 'Fix', s(f[9]));
    item(dl, 'Policy', s(f[5]) + ' (' + s(f[6]) + ')');
    item(dl, 'Exception', s(f[7]));
    item(dl, 'Team', team);
    var link = el('a', null, s(rule[0]) + ' in the rules reference');
    link.href = s(rule[3]);
    link.rel = 'noopener noreferrer';
    item(dl, 'Why it matters', s(rule[2]));
    item(dl, 'Documentation', link);
    article.appendChild(dl);
    article.dataset.text = [s(rule[0]), s(rule[1]), s(f[2]), s(f[8]), s(f[9])]
      .concat(f[12].map(s)).concat(f[13].map(function (h) { return s(h[1]) + ' ' + s(h[2]) + ' ' + h[5].map(s).join(' '); }))
      .join(' ').toLowerCase();
    return article;
  }

  var filters = document.getElementById('eg-filters');
  var count = document.getElementById('eg-count');

  function wanted() {
    var severities = {};
    SEVERITIES.forEach(function (sv) { severities[sv] = document.getElementById('eg-sev-' + sv).checked; });
    return {
      severities: severities,
      namespace: document.getElementById('eg-namespace').value,
      team: document.getElementById('eg-team').value,
      suppressed: document.getElementById('eg-suppressed').checked,
      text: document.getElementById('eg-text').value.trim().toLowerCase()
    };
  }

  function shows(c, w) {
    var d = c.dataset;
    return w.severities[d.severity] && (w.namespace === '*' || d.namespace === w.namespace)
      && (w.team === '*' || d.team === w.team) && (w.suppressed || d.suppressed === 'false')
      && (!w.text || d.text.indexOf(w.text) >= 0);
  }

  function apply() {
    var w = wanted(), shown = 0;
    cards.forEach(function (c) { c.hidden = !shows(c, w); if (!c.hidden) { shown++; } });
    count.value = 'showing ' + shown + ' of ' + data.findings.length + ' findings';
  }

  /** The embedded data: JSON, or for a large report gzip-compressed JSON in base64 (unpacked here, nothing fetched). */
  function load() {
    var node = document.getElementById('eg-data');
    if (node.getAttribute('data-encoding') !== 'gzip+base64') { return Promise.resolve(JSON.parse(node.textContent)); }
    var packed = atob(node.textContent.trim());
    var bytes = new Uint8Array(packed.length);
    for (var i = 0; i < packed.length; i++) { bytes[i] = packed.charCodeAt(i); }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(JSON.parse);
  }

  load().then(function (loaded) {
    data = loaded;
    strings = data.strings;
    start();
  }).catch(function (e) {
    list.appendChild(el('p', 'notice', 'This browser cannot unpack the report\'s data (' + e + '): open it in a current'
      + ' Chromium, Firefox or Safari, or read the same findings with scan --format json.'));
    document.documentElement.setAttribute('data-rendered', 'failed');
  });

  function start() {
  filters.addEventListener('input', apply);
  filters.addEventListener('change', apply);
  filters.addEventListener('submit', function (e) { e.preventDefault(); });

  if (data.findings.length === 0) { list.appendChild(el('p', 'card empty', 'No findings.')); }
  // Most severe first, then turned-off ones last; the data keeps the scan's order (data-index points into it).
  var rank = { critical: 0, high: 1, medium: 2, low: 3 };
  var order = data.findings.map(function (f, i) { return i; });
  order.sort(function (a, b) {
    var fa = data.findings[a], fb = data.findings[b];
    return (fa[11] - fb[11]) || (rank[s(fa[1])] - rank[s(fb[1])]) || (a - b);
  });
  // Cards are drawn in slices so the first ones show at once, even in a report of 10,000 findings.
  var next = 0, slice = 250;
  function draw() {
    var w = wanted(), end = Math.min(next + slice, order.length), part = document.createDocumentFragment();
    for (; next < end; next++) {
      var c = card(data.findings[order[next]], order[next]);
      c.hidden = !shows(c, w);
      cards.push(c);
      part.appendChild(c);
    }
    list.appendChild(part);
    if (!document.documentElement.hasAttribute('data-first-cards-ms')) {
      document.documentElement.setAttribute('data-first-cards-ms', String(Math.round(performance.now())));
    }
    if (next < order.length) { setTimeout(draw, 0); } else { apply(); document.documentElement.setAttribute('data-rendered-ms', String(Math.round(performance.now())));
      document.documentElement.setAttribute('data-rendered', 'true'); }
  }
  draw();
  }
}());
