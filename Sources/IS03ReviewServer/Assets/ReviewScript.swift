/// The queue page's script, served as /static/review.js (a file, so the CSP needs no
/// 'unsafe-inline'). Keyboard first: see docs/review.md for the keys.
enum ReviewScript {
    static let source = #"""
'use strict';
(() => {
  const root = document.getElementById('queue');
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const prefetch = Number(root.dataset.prefetch) || 3;
  const groupSize = Number(root.dataset.groupSize) || 24;
  const GROUP_COLUMNS = 6;

  // ---- helpers -------------------------------------------------------------
  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) { location.href = '/login'; throw new Error('сеанс закончился'); }
    if (!response.ok) {
      let message = response.statusText;
      try { const json = await response.json(); message = (json.error && json.error.message) || message; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response.status === 204 ? null : response.json();
  }
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value; else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }
  function preload(item) { new Image().src = item.cropURL; new Image().src = item.sheetURL; }
  const saved = { count: 0, failed: 0, chain: Promise.resolve() };
  function setStatus(text, isError) {
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  // Decisions are sent one after another in the background: the next item shows at once.
  function send(url, body, onResult) {
    root.dataset.pending = String(Number(root.dataset.pending || 0) + 1);
    saved.chain = saved.chain.then(() => api('POST', url, body)).then((result) => {
      saved.count += 1;
      root.dataset.saved = String(saved.count);
      if (onResult) onResult(result);
    }).catch((error) => {
      saved.failed += 1;
      root.dataset.failed = String(saved.failed);
      setStatus('Не сохранено: ' + error.message, true);
    }).finally(() => { root.dataset.pending = String(Number(root.dataset.pending) - 1); });
  }
  function outcomeNote(result) {
    if (result && result.status === 'awaiting-second') setStatus('Ждёт второго оператора');
    if (result && result.status === 'disagreement') setStatus('Операторы разошлись: решит супервизор');
  }

  // ---- one item at a time --------------------------------------------------
  const single = { buffer: [], current: null, typed: '', choice: -1, fetching: false, done: 0, search: null, searchIndex: 0 };
  // Items decided or deferred here whose request may still be on its way: a lease must not
  // hand them back meanwhile (they are still open and leased to us until the server hears).
  const handled = [];
  function markHandled(id) { handled.push(id); if (handled.length > 100) handled.shift(); }

  function buildSingle() {
    root.replaceChildren(
      el('div', { class: 'single' },
        el('div', { class: 'crop-wrap' }, el('img', { id: 'crop', alt: 'Поле крупно' })),
        el('aside', {},
          el('img', { id: 'sheet', alt: 'Бланк целиком, поле обведено' }),
          el('dl', {},
            el('dt', { text: 'Поле' }), el('dd', { id: 'field' }),
            el('dt', { text: 'Почему' }), el('dd', { id: 'reason' }),
            el('dt', { text: 'Машина прочла' }), el('dd', { id: 'machine' }),
            el('dt', { text: 'Значение' }), el('dd', { id: 'value', class: 'value' })),
          el('ol', { id: 'candidates' }),
          el('div', { id: 'search', hidden: '' },
            el('input', { id: 'search-input', placeholder: 'Фамилия (от 3 букв), имя', autocomplete: 'off' }),
            el('ol', { id: 'search-results' })),
          el('p', { id: 'status', role: 'status' }),
          el('p', { class: 'counter' }, 'Решено: ', el('span', { id: 'done', text: '0' })))),
      el('p', { id: 'empty', hidden: '', text: 'Очередь пуста.' }),
      el('p', { class: 'keys', text: 'Enter — принять · цифры/буквы — значение · ⌫ — стереть · ↑↓ — варианты · ←→ — пропустить · Esc — отложить · буква на участнике — поиск' }));
    document.getElementById('search-input').addEventListener('input', searchChanged);
  }

  async function fillSingle() {
    if (single.fetching) return;
    const want = prefetch + 1 - single.buffer.length - (single.current ? 1 : 0);
    if (want <= 0) return;
    single.fetching = true;
    try {
      const exclude = single.buffer.map((i) => i.id).concat(single.current ? [single.current.id] : [], handled);
      const answer = await api('POST', '/api/queue/lease', { count: want, exclude });
      const held = new Set(exclude);
      const fresh = answer.items.filter((i) => !held.has(i.id));
      fresh.forEach(preload);
      single.buffer.push(...fresh);
    } catch (error) {
      setStatus('Очередь недоступна: ' + error.message, true);
    } finally {
      single.fetching = false;
    }
    if (!single.current) showNext();
  }

  function showNext() {
    single.current = single.buffer.shift() || null;
    single.typed = ''; single.choice = -1;
    closeSearch();
    renderSingle();
    fillSingle();
    if (!single.current) setTimeout(() => { if (!single.current) fillSingle(); }, 3000);
  }

  function currentValue() {
    const item = single.current;
    if (!item) return null;
    if (single.typed !== '') return single.typed;
    if (single.choice >= 0) return item.candidates[single.choice].value;
    return item.machineValue;
  }

  function renderSingle() {
    const item = single.current;
    document.getElementById('empty').hidden = !!item;
    root.querySelector('.single').hidden = !item;
    root.dataset.itemId = item ? String(item.id) : '';
    if (!item) return;
    document.getElementById('crop').src = item.cropURL;
    document.getElementById('sheet').src = item.sheetURL;
    document.getElementById('field').textContent = item.fieldLabel + ' (' + item.fieldID + ')';
    document.getElementById('reason').textContent = item.reasonText;
    document.getElementById('machine').textContent = (item.machineValue === null || item.machineValue === undefined ? '—' : item.machineValue)
      + ' · ' + Math.round(item.confidence * 100) + '%';
    renderValue();
    const list = document.getElementById('candidates');
    list.replaceChildren(...item.candidates.map((c, index) => el('li', { class: index === single.choice ? 'chosen' : '',
      text: (c.label ? c.label + ' — ' : '') + c.value + ' (' + Math.round(c.confidence * 100) + '%)' })));
    if (item.opinions && item.opinions.length) setStatus('Мнения: ' + item.opinions.join('; '));
  }
  function renderValue() {
    const value = currentValue();
    document.getElementById('value').textContent = value === null || value === undefined ? '—' : value;
    document.getElementById('done').textContent = String(single.done);
    document.querySelectorAll('#candidates li').forEach((li, index) => { li.className = index === single.choice ? 'chosen' : ''; });
  }

  function commitSingle(value) {
    const item = single.current;
    if (!item) return;
    if (value === null || value === undefined || value === '') { setStatus('Нет значения: наберите его', true); return; }
    if (item.values.length && !item.values.includes(value)) { setStatus('Допустимо: ' + item.values.join(', '), true); return; }
    markHandled(item.id);
    send('/api/items/' + item.id + '/decision', { value }, outcomeNote);
    single.done += 1;
    setStatus('');
    showNext();
  }

  function deferSingle() {
    const item = single.current;
    if (!item) return;
    markHandled(item.id);
    send('/api/items/' + item.id + '/defer', { note: 'отложено с клавиатуры' });
    showNext();
  }

  function typeInto(key) {
    const item = single.current;
    let next = single.typed + key;
    if (item.values.length && !item.values.some((v) => v.startsWith(next))) next = key;
    if (item.length && next.length > item.length) return;
    single.typed = next; single.choice = -1;
    renderValue();
  }

  // Participant search (letter keys on a participant item).
  let searchTimer = null;
  function openSearch(initial) {
    const box = document.getElementById('search');
    box.hidden = false;
    single.search = [];
    single.searchIndex = 0;
    const input = document.getElementById('search-input');
    input.value = initial;
    input.focus();
    searchChanged();
  }
  function closeSearch() {
    const box = document.getElementById('search');
    if (!box) return;
    box.hidden = true;
    single.search = null;
    clearSearchNote();
  }
  // The search's hint («не меньше 3 букв») belongs to the search, not to the next item.
  function clearSearchNote() {
    const status = document.getElementById('status');
    if (single.searchNote && status && status.textContent === single.searchNote) setStatus('');
    single.searchNote = null;
  }
  function searchChanged() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const query = document.getElementById('search-input').value;
      const answer = await api('GET', '/api/participants?q=' + encodeURIComponent(query));
      single.search = answer.people;
      clearSearchNote();
      if (answer.note) { setStatus(answer.note); single.searchNote = answer.note; }
      single.searchIndex = 0;
      renderSearch();
    }, 120);
  }
  function renderSearch() {
    document.getElementById('search-results').replaceChildren(...(single.search || []).map((p, index) =>
      el('li', { class: index === single.searchIndex ? 'chosen' : '', text: p.label + ' — ' + p.id })));
  }

  function singleKey(event) {
    const item = single.current;
    if (single.search !== null) {
      if (event.key === 'Escape') { closeSearch(); event.preventDefault(); }
      else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const n = single.search.length;
        if (n) single.searchIndex = (single.searchIndex + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
        renderSearch(); event.preventDefault();
      } else if (event.key === 'Enter') {
        const chosen = single.search[single.searchIndex];
        event.preventDefault();
        if (chosen) { closeSearch(); commitSingle(chosen.id); }
      }
      return;
    }
    if (!item) return;
    const key = event.key;
    if (key === 'Enter') { commitSingle(currentValue()); }
    else if (key === 'Escape') { deferSingle(); }
    else if (key === 'Backspace') { single.typed = single.typed.slice(0, -1); renderValue(); }
    else if (key === 'ArrowDown' || key === 'ArrowUp') {
      const n = item.candidates.length;
      if (n) { single.typed = ''; single.choice = (single.choice + (key === 'ArrowDown' ? 1 : n - 1 + (single.choice < 0 ? 1 : 0))) % n; renderValue(); }
    } else if (key === 'ArrowRight' || key === 'ArrowLeft') {
      // Skip: the item goes to the back (→) or the front (←) of the held items.
      if (single.buffer.length) {
        if (key === 'ArrowRight') single.buffer.push(item); else single.buffer.splice(1, 0, item);
        single.current = null;
        showNext();
      }
    } else if (/^[0-9]$/.test(key) && item.kind !== 'participant') { typeInto(key); }
    else if (/^[\p{L}\-]$/u.test(key)) {
      if (item.kind === 'participant') openSearch(key);
      else if (item.kind === 'letters' || item.kind === 'text') typeInto(key.toUpperCase());
      else return;
    } else return;
    event.preventDefault();
  }

  // ---- group mode ----------------------------------------------------------
  const group = { groups: [], selected: 0, open: null, tiles: [], focus: 0 };

  async function loadGroups() {
    group.open = null;
    const answer = await api('GET', '/api/queue/groups');
    group.groups = answer.groups;
    group.selected = Math.min(group.selected, Math.max(0, group.groups.length - 1));
    root.replaceChildren(
      el('h1', { text: 'Группы' }),
      el('p', { text: group.groups.length ? '↑↓ — выбрать, Enter — открыть' : 'Очередь пуста.' }),
      el('ol', { id: 'group-list' }, ...group.groups.map((g, index) => el('li', {
        class: index === group.selected ? 'chosen' : '', 'data-field': g.fieldID, 'data-reason': g.reason,
        text: g.fieldID + ' · ' + g.reason + ' · ' + g.count }))));
  }

  async function openGroup(g) {
    const answer = await api('POST', '/api/queue/lease', { count: groupSize, fieldID: g.fieldID, reason: g.reason });
    if (!answer.items.length) { await loadGroups(); return; }
    group.open = g;
    group.tiles = answer.items.map((item) => ({ item, done: false }));
    group.focus = 0;
    root.replaceChildren(
      el('h1', { text: (answer.items[0].fieldLabel || g.fieldID) + ' — ' + answer.items[0].reasonText }),
      el('p', { class: 'keys', text: 'Enter — верно, цифра — другое значение, стрелки — переход, Esc — отложить, ⌫ — к группам' }),
      el('div', { id: 'group-grid' }, ...group.tiles.map((tile, index) => el('figure', { class: 'tile', 'data-index': String(index), 'data-item-id': String(tile.item.id) },
        el('img', { src: tile.item.cropURL, alt: 'Поле' }),
        el('figcaption', { text: tile.item.machineValue === null || tile.item.machineValue === undefined ? '—' : tile.item.machineValue })))),
      el('p', { id: 'status', role: 'status' }));
    renderTiles();
  }

  function renderTiles() {
    document.querySelectorAll('#group-grid .tile').forEach((node, index) => {
      const tile = group.tiles[index];
      node.className = 'tile' + (tile.done ? ' done' : '') + (index === group.focus ? ' focus' : '');
      if (tile.value !== undefined) node.querySelector('figcaption').textContent = tile.value;
    });
  }

  function settle(index, value, defer) {
    const tile = group.tiles[index];
    if (!tile || tile.done) return;
    const item = tile.item;
    if (!defer) {
      if (value === null || value === undefined) { setStatus('Нет значения: нажмите цифру', true); return; }
      if (item.values.length && !item.values.includes(value)) { setStatus('Допустимо: ' + item.values.join(', '), true); return; }
      send('/api/items/' + item.id + '/decision', { value }, outcomeNote);
      tile.value = value;
    } else {
      send('/api/items/' + item.id + '/defer', { note: 'отложено в группе' });
      tile.value = 'отложено';
    }
    tile.done = true;
    const next = group.tiles.findIndex((t, i) => i > index && !t.done);
    const any = group.tiles.findIndex((t) => !t.done);
    if (any < 0) { saved.chain.then(() => openGroup(group.open)); return; }
    group.focus = next >= 0 ? next : any;
    renderTiles();
  }

  function groupKey(event) {
    const key = event.key;
    if (!group.open) {
      const n = group.groups.length;
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        if (n) group.selected = (group.selected + (key === 'ArrowDown' ? 1 : n - 1)) % n;
        document.querySelectorAll('#group-list li').forEach((li, i) => { li.className = i === group.selected ? 'chosen' : ''; });
      } else if (key === 'Enter' && n) { openGroup(group.groups[group.selected]); }
      else return;
      event.preventDefault();
      return;
    }
    const n = group.tiles.length;
    if (key === 'Enter') settle(group.focus, group.tiles[group.focus].item.machineValue, false);
    else if (key === 'Escape') settle(group.focus, null, true);
    else if (key === 'Backspace') { releaseTiles(); loadGroups(); }
    else if (/^[0-9]$/.test(key)) settle(group.focus, key, false);
    else if (key === 'ArrowRight') { group.focus = Math.min(n - 1, group.focus + 1); renderTiles(); }
    else if (key === 'ArrowLeft') { group.focus = Math.max(0, group.focus - 1); renderTiles(); }
    else if (key === 'ArrowDown') { group.focus = Math.min(n - 1, group.focus + GROUP_COLUMNS); renderTiles(); }
    else if (key === 'ArrowUp') { group.focus = Math.max(0, group.focus - GROUP_COLUMNS); renderTiles(); }
    else return;
    event.preventDefault();
  }

  function releaseTiles() {
    const ids = group.tiles.filter((t) => !t.done).map((t) => t.item.id);
    if (ids.length) api('POST', '/api/queue/release', { ids }).catch(() => {});
  }

  // ---- start ---------------------------------------------------------------
  window.addEventListener('pagehide', () => {
    const held = root.dataset.mode === 'groups' ? group.tiles.filter((t) => !t.done).map((t) => t.item.id)
      : single.buffer.map((i) => i.id);
    if (held.length) {
      fetch('/api/queue/release', { method: 'POST', keepalive: true, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ ids: held }) });
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (root.dataset.mode === 'groups') groupKey(event); else singleKey(event);
  });
  if (root.dataset.mode === 'groups') loadGroups(); else { buildSingle(); renderSingle(); fillSingle(); }
})();
"""#
}
