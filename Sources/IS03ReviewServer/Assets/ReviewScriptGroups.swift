/// The queue page in group mode (many crops of one field and reason): part of ``ReviewScript``.
enum ReviewScriptGroups {
    static let source = #"""
  // ---- group mode ----------------------------------------------------------
  const group = { groups: [], selected: 0, open: null, tiles: [], focus: 0, typed: '' };

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
        text: (g.label || g.fieldID + ' · ' + g.reason) + ' · ' + g.count }))));
  }

  async function openGroup(g) {
    const answer = await api('POST', '/api/queue/lease', { count: groupSize, fieldID: g.fieldID, reason: g.reason, tab: tabID });
    if (!answer.items.length) { await loadGroups(); return; }
    group.open = g;
    group.tiles = answer.items.map((item) => ({ item, done: false }));
    group.focus = 0;
    group.typed = '';
    const first = answer.items[0];
    const hints = (first.answers || []).map((a) => keyName(a.key) + ' — ' + a.label).join(' · ');
    root.replaceChildren(
      el('h1', { text: (first.fieldLabel || g.fieldID) + ' — ' + first.reasonText }),
      el('p', { class: 'keys', text: 'Enter — верно, цифры/буквы — другое значение, Del — пусто, стрелки — переход, Esc — отложить, ⌫ — к группам' }),
      el('p', { class: 'keys', id: 'group-answers', text: 'Ответы: ' + hints }),
      el('p', { class: 'counter', id: 'group-remaining', text: 'В группе открыто: ' + answer.remainingInGroup + ' · в очереди: ' + answer.remaining }),
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
      const caption = node.querySelector('figcaption');
      if (tile.value !== undefined) caption.textContent = tile.value;
      else if (index === group.focus && group.typed) caption.textContent = group.typed + '…';
      else caption.textContent = tile.item.machineValue === null || tile.item.machineValue === undefined ? '—' : tile.item.machineValue;
    });
  }

  function settle(index, value, defer) {
    const tile = group.tiles[index];
    if (!tile || tile.done) return;
    const item = tile.item;
    group.typed = '';
    if (!defer) {
      if (value === null || value === undefined) {
        setStatus(answersOf(item, 'participant').length ? 'Участника выбирают в очереди по одному (поиск по фамилии)' : 'Нет значения: наберите его', true);
        renderTiles();
        return;
      }
      if (value === '' && !answersOf(item, 'blank').length) { setStatus('«Пусто» здесь не ответ', true); return; }
      if (value !== '' && item.values.length && !item.values.includes(value)) { setStatus('Допустимо: ' + item.values.join(', '), true); renderTiles(); return; }
      send(item, '/api/items/' + item.id + '/decision', { value }, outcomeNote, () => {
        tile.value = 'не сохранено';
        renderTiles();
      });
      tile.value = value === '' ? 'пусто' : value;
    } else {
      send(item, '/api/items/' + item.id + '/defer', { note: 'отложено в группе' });
      tile.value = 'отложено';
    }
    setStatus('');
    tile.done = true;
    const next = group.tiles.findIndex((t, i) => i > index && !t.done);
    const any = group.tiles.findIndex((t) => !t.done);
    if (any < 0) { saved.chain.then(() => openGroup(group.open)); return; }
    group.focus = next >= 0 ? next : any;
    renderTiles();
  }

  // A typed character: settles at once when it completes exactly one value (a 0–2 mark, «н»
  // for незачёт); waits for more when a longer value is still possible (1 → 10…19).
  function typeTile(key) {
    const tile = group.tiles[group.focus];
    if (!tile || tile.done) return;
    const item = tile.item;
    let next = group.typed + key;
    if (item.values.length && !valuesStartingWith(item, next).length) next = key;
    if (item.values.length) {
      const fits = valuesStartingWith(item, next);
      if (!fits.length) { setStatus('Допустимо: ' + item.values.join(', '), true); group.typed = ''; renderTiles(); return; }
      if (fits.length === 1) { settle(group.focus, fits[0], false); return; }
    }
    if (item.length && next.length > item.length) return;
    group.typed = next;
    renderTiles();
  }

  function moveFocus(to) { group.typed = ''; group.focus = to; renderTiles(); }

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
    const tile = group.tiles[group.focus];
    const item = tile ? tile.item : null;
    if (key === 'Enter') {
      if (group.typed) settle(group.focus, completed(item, group.typed), false);
      else settle(group.focus, answersOf(item, 'value').length ? item.machineValue : null, false);
    }
    else if (key === 'Escape') settle(group.focus, null, true);
    else if (key === 'Delete') settle(group.focus, '', false);
    else if (key === 'Backspace') {
      if (group.typed) { group.typed = group.typed.slice(0, -1); renderTiles(); }
      else { releaseTiles(); loadGroups(); }
    }
    else if (item && /^[0-9]$/.test(key) && actionOnKey(item, key) && !actionOnKey(item, key).needsNote) settle(group.focus, actionOnKey(item, key).value, false);
    else if (item && /^[0-9]$/.test(key) && takesDigits(item) && answersOf(item, 'value').length) typeTile(key);
    else if (item && /^\p{L}$/u.test(key) && takesLetters(item) && answersOf(item, 'value').length) typeTile(item.kind === 'choice' ? key.toLowerCase() : key.toUpperCase());
    else if (key === 'ArrowRight') moveFocus(Math.min(n - 1, group.focus + 1));
    else if (key === 'ArrowLeft') moveFocus(Math.max(0, group.focus - 1));
    else if (key === 'ArrowDown') moveFocus(Math.min(n - 1, group.focus + GROUP_COLUMNS));
    else if (key === 'ArrowUp') moveFocus(Math.max(0, group.focus - GROUP_COLUMNS));
    else return;
    event.preventDefault();
  }

  function releaseTiles() {
    const ids = group.tiles.filter((t) => !t.done).map((t) => t.item.id);
    if (ids.length) api('POST', '/api/queue/release', { ids }).catch(() => {});
  }

"""#
}
