/// The queue page, one item at a time: part of ``ReviewScript``.
enum ReviewScriptSingle {
    static let source = #"""
  // ---- one item at a time --------------------------------------------------
  const single = { buffer: [], current: null, typed: '', choice: -1, blank: false, fetching: false, done: 0,
    search: null, searchIndex: 0, noteFor: null };
  // Items decided or deferred here whose request may still be on its way: a lease must not
  // hand them back meanwhile (they are still open and leased to us until the server hears).
  const handled = [];
  function markHandled(id) { handled.push(id); if (handled.length > 100) handled.shift(); }

  function buildSingle() {
    root.replaceChildren(
      el('p', { class: 'keys', text: 'Enter — принять · цифры/буквы — значение · Del — пусто · ⌫ — стереть · ↑↓ — варианты · ←→ — пропустить · Esc — отложить · Ctrl+Z — отменить своё последнее решение · 1–9 — ответ о странице · буква на участнике — поиск' }),
      el('p', { class: 'counter' }, 'Решено: ', el('span', { id: 'done', text: '0' }), ' · осталось в очереди: ', el('span', { id: 'remaining', text: '—' })),
      el('div', { class: 'single' },
        el('div', { class: 'crop-wrap' }, el('img', { id: 'crop', alt: 'Поле крупно' }), el('div', { id: 'letters', hidden: '' })),
        el('aside', {},
          el('img', { id: 'sheet', alt: 'Бланк целиком, поле обведено' }),
          el('dl', {},
            el('dt', { text: 'Поле' }), el('dd', { id: 'field' }),
            el('dt', { text: 'Почему' }), el('dd', { id: 'reason' }),
            el('dt', { text: 'Подробно' }), el('dd', { id: 'message' }),
            el('dt', { text: 'Машина прочла' }), el('dd', { id: 'machine' }),
            el('dt', { id: 'computed-label', text: 'Сумма по отметкам', hidden: '' }), el('dd', { id: 'computed', hidden: '' }),
            el('dt', { text: 'Значение' }), el('dd', { id: 'value', class: 'value' })),
          el('ol', { id: 'candidates' }),
          el('ul', { id: 'answers', class: 'answers' }),
          el('div', { id: 'search', hidden: '' },
            el('input', { id: 'search-input', placeholder: 'Фамилия (от 3 букв), имя', autocomplete: 'off' }),
            el('ol', { id: 'search-results' })),
          el('div', { id: 'note', hidden: '' },
            el('label', { for: 'note-input', id: 'note-label', text: 'Пояснение' }),
            el('input', { id: 'note-input', autocomplete: 'off', maxlength: '500' })),
          el('p', { id: 'status', role: 'status' }))),
      el('p', { id: 'empty', hidden: '', text: 'Очередь пуста.' }));
    document.getElementById('search-input').addEventListener('input', searchChanged);
  }

  async function fillSingle() {
    if (single.fetching) return;
    const want = prefetch + 1 - single.buffer.length - (single.current ? 1 : 0);
    if (want <= 0) return;
    single.fetching = true;
    root.dataset.loading = '1';
    try {
      const exclude = single.buffer.map((i) => i.id).concat(single.current ? [single.current.id] : [], handled);
      const answer = await api('POST', '/api/queue/lease', { count: want, exclude, tab: tabID });
      showRemaining(answer.remaining);
      const held = new Set(exclude);
      const fresh = answer.items.filter((i) => !held.has(i.id));
      fresh.forEach(preload);
      single.buffer.push(...fresh);
    } catch (error) {
      setStatus('Очередь недоступна: ' + error.message, true);
    } finally {
      single.fetching = false;
      root.dataset.loading = '0';
    }
    if (single.current) return;
    if (single.buffer.length) { showNext(); return; }
    // Nothing to do now: say so, and look again in a while (others may hand items back).
    renderSingle();
    clearTimeout(single.retry);
    single.retry = setTimeout(() => { if (!single.current) fillSingle(); }, 3000);
  }

  function showNext() {
    single.current = single.buffer.shift() || null;
    single.typed = ''; single.choice = -1; single.blank = false;
    closeSearch(); closeNote();
    // A message about the previous item must not look like one about this one.
    setStatus('');
    // Asked first, so an empty hand shows «loading», not «the queue is empty».
    fillSingle();
    renderSingle();
  }

  // The value Enter would send: «пусто», what was typed, the chosen candidate, or the machine's
  // value — never the machine's reading of a name, which is no participant id.
  function currentValue() {
    const item = single.current;
    if (!item) return null;
    if (single.blank) return '';
    if (single.typed !== '') return single.typed;
    if (single.choice >= 0) return item.candidates[single.choice].value;
    if (!answersOf(item, 'value').length) return null;
    return item.machineValue;
  }

  function renderSingle() {
    const item = single.current;
    // «Очередь пуста» only once a lease came back empty, not while the next items are on their way.
    document.getElementById('empty').hidden = !!item || single.fetching;
    root.querySelector('.single').hidden = !item;
    root.dataset.itemId = item ? String(item.id) : '';
    if (!item) return;
    document.getElementById('crop').src = item.cropURL;
    document.getElementById('sheet').src = item.sheetURL;
    document.getElementById('field').textContent = item.fieldLabel + ' (' + item.fieldID + ')';
    document.getElementById('reason').textContent = item.reasonText;
    document.getElementById('message').textContent = item.message || '—';
    document.getElementById('machine').textContent = (item.machineValue === null || item.machineValue === undefined ? '—' : item.machineValue)
      + percent(item.confidence);
    renderComputed(item);
    renderValue();
    const list = document.getElementById('candidates');
    list.replaceChildren(...item.candidates.map((c, index) => el('li', { class: index === single.choice ? 'chosen' : '',
      text: (c.label ? c.label + ' — ' : '') + c.value + ' (' + Math.round(c.confidence * 100) + '%)' })));
    document.getElementById('answers').replaceChildren(...(item.answers || []).map((a) =>
      el('li', { 'data-kind': a.kind, 'data-key': a.key, text: keyName(a.key) + ' — ' + a.label })));
    renderLetters(item);
    if (item.opinions && item.opinions.length) setStatus('Мнения: ' + item.opinions.join('; '));
  }
  function renderValue() {
    const value = currentValue();
    document.getElementById('value').textContent = single.blank ? 'пусто' : value === null || value === undefined ? '—' : value;
    document.getElementById('done').textContent = String(single.done);
    document.querySelectorAll('#candidates li').forEach((li, index) => { li.className = index === single.choice ? 'chosen' : ''; });
  }

  // Checks what the page can check itself (the server checks everything again) and sends it.
  function commitSingle(value, note) {
    const item = single.current;
    if (!item) return;
    const actions = answersOf(item, 'action');
    const keyed = (item.answers || []).filter((a) => /^[0-9]$/.test(a.key));
    if (value === null || value === undefined) {
      if (answersOf(item, 'participant').length) {
        setStatus('Выберите участника: ↑↓ — кандидаты, буква — поиск по фамилии. Прочитанное машиной не сохраняется.', true);
      } else if (keyed.length) {
        setStatus('Выберите ответ клавишей: ' + keyed.map((a) => a.key + ' — ' + a.label).join(', '), true);
      } else {
        setStatus('Нет значения: наберите его', true);
      }
      return;
    }
    if (value === '' && !answersOf(item, 'blank').length) { setStatus('«Пусто» здесь не ответ: наберите значение', true); return; }
    if (value !== '' && item.values.length && !item.values.includes(value) && !actions.some((a) => a.value === value)) {
      setStatus('Допустимо: ' + item.values.join(', '), true); return;
    }
    markHandled(item.id);
    single.done += 1;
    rememberDecided(item);
    send(item, '/api/items/' + item.id + '/decision', note ? { value, note } : { value }, outcomeNote, () => {
      forgetDecided(item.id);
      single.done -= 1;
      document.getElementById('done').textContent = String(single.done);
    });
    showNext();
  }

  function deferSingle() {
    const item = single.current;
    if (!item) return;
    markHandled(item.id);
    send(item, '/api/items/' + item.id + '/defer', { note: 'отложено с клавиатуры' });
    showNext();
  }

  function typeInto(key) {
    const item = single.current;
    let next = single.typed + key;
    if (item.values.length && !valuesStartingWith(item, next).length) next = key;
    if (item.length && next.length > item.length) return;
    single.typed = next; single.choice = -1; single.blank = false;
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
      try {
        const answer = await api('GET', '/api/participants?q=' + encodeURIComponent(query));
        single.search = answer.people;
        clearSearchNote();
        if (answer.note) { setStatus(answer.note); single.searchNote = answer.note; }
      } catch (error) {
        single.search = [];
        setStatus('Поиск не удался: ' + error.message, true);
      }
      single.searchIndex = 0;
      renderSearch();
    }, 120);
  }
  function renderSearch() {
    document.getElementById('search-results').replaceChildren(...(single.search || []).map((p, index) =>
      el('li', { class: index === single.searchIndex ? 'chosen' : '', text: p.label + ' — ' + p.id })));
  }

  // The explanation an action needs («принять как есть»): Enter sends, Esc closes.
  function openNote(action) {
    single.noteFor = action;
    document.getElementById('note').hidden = false;
    document.getElementById('note-label').textContent = 'Пояснение к «' + action.label + '» (Enter — сохранить, Esc — отмена)';
    const input = document.getElementById('note-input');
    input.value = '';
    input.focus();
  }
  function closeNote() {
    const box = document.getElementById('note');
    if (!box) return;
    box.hidden = true;
    single.noteFor = null;
    document.getElementById('note-input').blur();
  }

  function singleKey(event) {
    const item = single.current;
    if (single.noteFor !== null) {
      if (event.key === 'Escape') { closeNote(); setStatus(''); event.preventDefault(); }
      else if (event.key === 'Enter') {
        event.preventDefault();
        const note = document.getElementById('note-input').value.trim();
        if (!note) { setStatus('Напишите пояснение: без него «' + single.noteFor.label + '» не сохраняется', true); return; }
        const action = single.noteFor;
        closeNote();
        commitSingle(action.value, note);
      }
      return;
    }
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
    if (key === 'Enter') {
      const value = currentValue();
      commitSingle(value === null || value === '' || single.blank ? value : completed(item, value) ?? value);
    }
    else if (key === 'Escape') { deferSingle(); }
    else if (key === 'Delete') {
      if (answersOf(item, 'blank').length) { single.blank = true; single.typed = ''; single.choice = -1; setStatus(''); renderValue(); }
      else setStatus('«Пусто» здесь не ответ', true);
    }
    else if (key === 'Backspace') { single.typed = single.typed.slice(0, -1); single.blank = false; renderValue(); }
    else if (key === 'ArrowDown' || key === 'ArrowUp') {
      const n = item.candidates.length;
      if (n) { single.typed = ''; single.blank = false; single.choice = (single.choice + (key === 'ArrowDown' ? 1 : n - 1 + (single.choice < 0 ? 1 : 0))) % n; renderValue(); }
      else if (item.values.length && answersOf(item, 'value').length) {
        // No alternatives from the machine: step through the field's own values (зачёт / незачёт).
        const m = item.values.length;
        const at = item.values.indexOf(single.typed !== '' ? single.typed : item.machineValue);
        single.typed = item.values[at < 0 ? 0 : (at + (key === 'ArrowDown' ? 1 : m - 1)) % m];
        single.blank = false; renderValue();
      }
    } else if (key === 'ArrowRight' || key === 'ArrowLeft') {
      // Skip: the item goes to the back (→) or the front (←) of the held items.
      if (single.buffer.length) {
        if (key === 'ArrowRight') single.buffer.push(item); else single.buffer.splice(1, 0, item);
        single.current = null;
        showNext();
      }
    } else if (/^[0-9]$/.test(key) && actionOnKey(item, key)) {
      const action = actionOnKey(item, key);
      if (action.needsNote) openNote(action); else commitSingle(action.value);
    } else if (/^[0-9]$/.test(key) && answersOf(item, 'value').length && takesDigits(item)) { typeInto(key); }
    else if (key === ' ' && item.kind === 'letters') { typeInto(' '); }
    else if (/^[\p{L}\-.]$/u.test(key)) {
      if (item.kind === 'participant') openSearch(key);
      else if (item.kind === 'choice' && takesLetters(item)) typeInto(key.toLowerCase());
      else if (takesLetters(item)) typeInto(key.toUpperCase());
      else return;
    } else return;
    event.preventDefault();
  }

"""#
}
