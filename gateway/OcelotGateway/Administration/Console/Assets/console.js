// The gateway's read-only operator console. Everything it shows comes from the administration API, called with the key or
// token the operator pastes; data are inserted as text (textContent), never as HTML.
'use strict';

(() => {
  const apiBase = location.pathname.replace(/\/ui\/[^/]*$/, '');
  const storageKey = 'ocelot-gateway-console-credential';
  const refreshMs = 3000;
  const $ = (id) => document.getElementById(id);

  let credential = sessionStorage.getItem(storageKey);
  let generation = null;
  let routeRows = [];
  let trafficByLabel = new Map();
  let timer = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'title') node.title = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  function percent(value) {
    return value === null || value === undefined ? '–' : (value * 100).toFixed(value < 0.1 ? 1 : 0) + ' %';
  }

  function rate(value) {
    return value === null || value === undefined ? '–' : value.toFixed(value < 10 ? 2 : 0);
  }

  class Unauthorized extends Error {}

  async function api(path, options = {}) {
    const response = await fetch(apiBase + path, {
      ...options,
      cache: 'no-store',
      credentials: 'omit',
      headers: { Accept: 'application/json', ...(options.headers || {}), Authorization: 'Bearer ' + credential },
    });
    if (response.status === 401 || response.status === 403) {
      throw new Unauthorized(response.status === 403
        ? 'This token lacks the administration scope.'
        : 'The administration API refused this key or token.');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && body.detail) || ('HTTP ' + response.status));
    }
    return body;
  }

  // ---- sign-in ----------------------------------------------------------------------------------------------------------

  function showSignIn(message) {
    stopRefresh();
    credential = null;
    sessionStorage.removeItem(storageKey);
    $('content').hidden = true;
    $('nav').hidden = true;
    $('sign-out').hidden = true;
    $('generation').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
    $('credential').value = '';
    $('credential').focus();
  }

  async function signIn(value) {
    credential = value.trim();
    await guarded(loadAll, (message) => { throw new Error(message); });
    if (credential === null) return; // refused: the sign-in form is back with the reason
    sessionStorage.setItem(storageKey, credential);
    $('sign-in').hidden = true;
    $('content').hidden = false;
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    startRefresh();
  }

  // ---- routes -----------------------------------------------------------------------------------------------------------

  function renderRoutes(catalog) {
    generation = catalog.generation;
    $('generation').textContent = 'generation ' + catalog.generation;
    $('generation').hidden = false;
    $('route-source').textContent = 'From ' + catalog.source;
    routeRows = catalog.routes.map((row) => {
      const route = row.route;
      const source = route.file + (route.line ? ':' + route.line : '') + ' · ' + (route.kind === 'aggregate' ? 'Aggregates' : 'Routes') + '[' + route.index + ']';
      const traffic = el('td', { class: 'num traffic' });
      const tr = el('tr', { 'data-label': row.label },
        el('td', {}, el('code', {}, route.upstreamPathTemplate), row.host ? el('div', { class: 'muted' }, 'host ' + row.host) : null,
          route.key ? el('div', { class: 'muted' }, 'key ' + route.key) : null),
        el('td', {}, row.methods.length ? row.methods.join(' ') : 'any'),
        el('td', {}, el('code', {}, row.downstream)),
        el('td', {}, row.policies.map((p) => el('span', { class: 'tag' }, p))),
        traffic,
        el('td', { class: 'mono' }, source));
      const text = [route.upstreamPathTemplate, route.key, route.kind, row.host, row.methods.join(' '), row.downstream, row.policies.join(' '), source]
        .filter(Boolean).join(' ').toLowerCase();
      return { tr, text, label: row.label, traffic };
    });
    $('route-count').textContent = '(' + catalog.routes.length + ')';
    const warnings = catalog.warnings.map((w) => el('li', {}, w.file + (w.location ? ': ' + w.location : '') + ': ' + w.key + ': ' + w.message));
    $('warning-list').replaceChildren(...warnings);
    $('warning-count').textContent = String(catalog.warnings.length);
    applyFilter();
    renderRouteTraffic();
  }

  function applyFilter() {
    const terms = $('route-search').value.toLowerCase().split(/\s+/).filter(Boolean);
    const visible = routeRows.filter((row) => terms.every((term) => row.text.includes(term)));
    fill($('route-table').tBodies[0], visible.map((row) => row.tr));
    $('route-empty').hidden = visible.length > 0 || routeRows.length === 0;
  }

  function renderRouteTraffic() {
    for (const row of routeRows) {
      const traffic = trafficByLabel.get(row.label);
      row.traffic.textContent = traffic ? rate(traffic.requestsPerSecond) + ' req/s · ' + percent(traffic.errorRatio) + ' 5xx' : '–';
    }
  }

  // ---- live state -------------------------------------------------------------------------------------------------------

  function renderStatus(status) {
    fill($('breaker-table').tBodies[0], status.breakers.map((b) => el('tr', {},
      el('td', {}, el('code', {}, b.route)),
      el('td', { class: 'state-' + b.state }, b.state),
      el('td', {}, Math.round(b.failureRatio * 100) + ' % of ' + b.minimumThroughput + ' calls, for ' + b.breakDurationMs + ' ms'))));
    $('breaker-empty').hidden = status.breakers.length > 0;

    fill($('service-table').tBodies[0], status.services.map((s) => el('tr', {},
      el('td', {}, s.name),
      el('td', {}, s.instances === null || s.instances === undefined
        ? el('span', { class: 'muted' }, 'not looked up yet')
        : s.instances.length === 0 ? el('span', { class: 'error' }, 'none passing')
          : s.instances.map((i) => el('div', { class: 'mono' }, i.host + ':' + i.port + ' (' + i.id + ')'))))));
    $('service-empty').hidden = status.services.length > 0;

    const store = (s) => s.kind + (s.entries === null || s.entries === undefined ? ' (shared by the fleet)' : ', ' + s.entries + ' entries')
      + (s.bytes === null || s.bytes === undefined ? '' : ', ' + Math.round(s.bytes / 1024) + ' KiB');
    const replies = status.asyncReplies;
    $('stores').replaceChildren(
      el('dt', {}, 'Redis'), el('dd', {}, status.redis === null || status.redis === undefined ? 'not configured'
        : status.redis.available ? 'available' : el('span', { class: 'error' }, 'out: requests go on without it')),
      el('dt', {}, 'Rate-limit counters'), el('dd', {}, store(status.rateLimitCounters)),
      el('dt', {}, 'Response cache'), el('dd', {}, store(status.cache)),
      el('dt', {}, 'Asynchronous replies'), el('dd', {}, replies.pending + ' of ' + replies.maxPending + ' pending (' + replies.clients
        + ' clients), ' + replies.stored + ' of ' + replies.maxStored + ' stored, ' + Math.round(replies.storedBytes / 1024) + ' KiB'));

    fill($('capacity-table').tBodies[0], status.capacity.map((c) => el('tr', {},
      el('td', {}, c.structure),
      el('td', { class: 'num' }, c.limit),
      el('td', { class: 'num' + (c.overflows > 0 ? ' error' : '') }, c.overflows),
      el('td', { class: 'mono' }, c.setting))));
    $('capacity-empty').hidden = status.capacity.length > 0;

    $('reload-list').replaceChildren(...status.reloads.map((r) => el('li', {},
      el('span', { class: r.outcome }, r.outcome), ' ',
      r.generation ? 'generation ' + r.generation + ' ' : '',
      r.at ? new Date(r.at).toLocaleString() + ' ' : '',
      r.source ? el('span', { class: 'muted' }, r.source) : '',
      r.problemCount ? el('ul', {}, r.problems.map((p) => el('li', { class: p.severity === 'error' ? 'error' : 'muted' },
        p.severity + ': ' + p.file + (p.location ? ': ' + p.location : '') + ': ' + p.key + ': ' + p.message))) : null)));
  }

  function renderTraffic(report) {
    trafficByLabel = new Map(report.routes.map((r) => [r.route, r]));
    fill($('traffic-table').tBodies[0], report.routes.map((r) => el('tr', {},
      el('td', {}, el('code', {}, r.route)),
      el('td', { class: 'num' }, rate(r.requestsPerSecond)),
      el('td', { class: 'num' }, percent(r.errorRatio)),
      el('td', { class: 'num' }, r.requests),
      el('td', { class: 'num' }, r.serverErrors),
      el('td', { class: 'num' }, r.downstreamErrors),
      el('td', { class: 'num' }, r.rateLimited),
      el('td', { class: 'num' }, percent(r.cacheHitRatio)))));
    $('live-updated').textContent = 'updated ' + new Date(report.at).toLocaleTimeString();
    renderRouteTraffic();
  }

  async function loadAll() {
    const [status, traffic] = await Promise.all([api('/console/status'), api('/console/traffic')]);
    if (status.generation !== generation) {
      renderRoutes(await api('/console/routes'));
    }
    renderStatus(status);
    renderTraffic(traffic);
    $('load-error').hidden = true;
  }

  // Runs an API call; a refused credential sends the operator back to sign in, any other failure goes to `show`.
  async function guarded(call, show) {
    try {
      await call();
    } catch (error) {
      if (error instanceof Unauthorized) {
        showSignIn(error.message);
      } else {
        show(error.message);
      }
    }
  }

  function refresh() {
    return guarded(loadAll, (message) => {
      $('load-error').textContent = 'Could not refresh: ' + message;
      $('load-error').hidden = false;
    });
  }

  function startRefresh() {
    stopRefresh();
    if (document.visibilityState === 'visible') {
      timer = setInterval(refresh, refreshMs);
    }
  }

  function stopRefresh() {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  // ---- explain ----------------------------------------------------------------------------------------------------------

  function headerLines(text) {
    const headers = {};
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      if (line.trim() === '') continue;
      if (colon <= 0) throw new Error('Header lines are "Name: value": ' + line);
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return headers;
  }

  function where(route) {
    return route.name + (route.line ? ', line ' + route.line : '');
  }

  function downstreamBlock(d) {
    return el('div', { class: 'explain-block downstream' },
      el('div', { class: 'mono downstream-line' }, d.method + ' ' + d.url),
      el('table', { class: 'headers' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Header'), el('th', {}, 'Value'), el('th', {}, 'From'))),
        el('tbody', {}, d.headers.map((h) => el('tr', {},
          el('td', { class: 'mono' }, h.name), el('td', { class: 'mono' }, h.value), el('td', { class: 'origin-' + h.origin }, h.origin))))),
      d.removed.length ? el('p', { class: 'muted' }, 'Not sent: ' + d.removed.join(', ')) : null,
      d.notes.map((n) => el('p', { class: 'muted' }, n)));
  }

  function refusal(r) {
    return 'Refused with ' + r.status + ' (' + r.step + '): ' + r.detail;
  }

  function renderExplanation(x) {
    const forwarded = (x.outcome === 'route' || x.outcome === 'aggregate') && !x.refusal;
    const blocks = [el('div', { class: 'verdict' + (forwarded ? '' : ' none') },
      el('strong', {}, x.summary), x.match ? el('div', { class: 'mono' }, where(x.match)) : null,
      x.refusal ? el('div', { class: 'error refusal' }, refusal(x.refusal)) : null)];
    const placeholders = Object.entries(x.placeholders || {});
    if (placeholders.length) {
      blocks.push(el('div', { class: 'explain-block' }, el('h3', {}, 'Placeholders'),
        el('dl', {}, placeholders.flatMap(([name, value]) => [el('dt', { class: 'mono' }, name), el('dd', { class: 'mono' }, value)]))));
    }
    if (x.downstream) {
      blocks.push(el('h3', {}, 'Downstream request'), downstreamBlock(x.downstream));
    }
    if (x.policies && x.policies.length) {
      blocks.push(el('div', { class: 'explain-block' }, el('h3', {}, 'Policies, in pipeline order'),
        el('table', { class: 'policies' }, el('tbody', {}, x.policies.map((p) => el('tr', {},
          el('th', {}, p.name), el('td', { class: p.summary === 'off' ? 'muted' : '' }, p.summary)))))));
    }
    for (const part of x.parts || []) {
      blocks.push(el('div', { class: 'explain-block' },
        el('h3', {}, 'Part ' + part.routeKey + (part.optional ? ' (optional)' : '') + (part.route ? ': ' + where(part.route) : ': no route has this key')),
        part.dependsOn ? el('p', { class: 'muted' }, 'After: ' + part.dependsOn) : null,
        part.refusal ? el('p', { class: 'error refusal' }, refusal(part.refusal)) : null,
        part.downstream ? downstreamBlock(part.downstream) : null));
    }
    const others = x.candidates.filter((c) => c.verdict !== 'chosen');
    if (others.length) {
      blocks.push(el('div', { class: 'explain-block candidates' }, el('h3', {}, 'Why not the others'),
        el('ul', {}, others.map((c) => el('li', {}, el('span', { class: 'mono' }, where(c.route)),
          el('ul', { class: 'reasons' }, c.reasons.map((r) => el('li', {}, r))))))));
    }
    $('explain-result').replaceChildren(...blocks);
  }

  function explain(event) {
    event.preventDefault();
    return guarded(async () => {
      const body = { method: $('explain-method').value, url: $('explain-url').value.trim(), headers: headerLines($('explain-headers').value) };
      renderExplanation(await api('/explain', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    }, (message) => $('explain-result').replaceChildren(el('p', { class: 'error', role: 'alert' }, message)));
  }

  // ---- start ------------------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('credential').value).catch((error) => { $('sign-in-error').textContent = error.message; });
    });
    $('sign-out').addEventListener('click', () => showSignIn('Signed out.'));
    $('route-search').addEventListener('input', applyFilter);
    $('explain-form').addEventListener('submit', explain);
    document.addEventListener('visibilitychange', () => {
      if (credential === null || $('content').hidden) return;
      if (document.visibilityState === 'visible') {
        refresh();
        startRefresh();
      } else {
        stopRefresh();
      }
    });
    if (credential) {
      signIn(credential).catch((error) => showSignIn(error.message));
    } else {
      showSignIn('');
    }
  });
})();
