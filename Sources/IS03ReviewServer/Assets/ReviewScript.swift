/// The queue page's script, served as /static/review.js (a file, so the CSP needs no
/// 'unsafe-inline'). Keyboard first: see docs/review.md for the keys. Kept in three parts —
/// shared helpers, one item at a time (``ReviewScriptSingle``, ``ReviewScriptUndo``,
/// ``ReviewScriptLetters``), groups (``ReviewScriptGroups``) — joined inside one function scope.
enum ReviewScript {
    static let source = head + ReviewScriptSingle.source + ReviewScriptUndo.source + ReviewScriptLetters.source
        + ReviewScriptGroups.source + start

    private static let head = #"""
'use strict';
(() => {
  const root = document.getElementById('queue');
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const prefetch = Number(root.dataset.prefetch) || 3;
  const groupSize = Number(root.dataset.groupSize) || 24;
  const GROUP_COLUMNS = 6;
  // This tab's id, new on every page load: the server keeps items another tab of the same
  // operator holds out of this tab's leases.
  const tabID = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

  // ---- helpers -------------------------------------------------------------
  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) { location.href = '/login'; throw new Error('сеанс закончился, войдите снова'); }
    if (!response.ok) {
      let message = 'ошибка сервера (' + response.status + ')';
      try { const json = await response.json(); message = (json.error && json.error.message) || message; } catch (e) { /* not JSON */ }
      const error = new Error(message);
      error.status = response.status;
      throw error;
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
  // What an item is, in a few words, so a late error names the item it belongs to.
  function itemName(item) {
    return item.fieldLabel + (item.machineValue ? ' «' + item.machineValue + '»' : '');
  }
  // Decisions are sent one after another in the background: the next item shows at once.
  // A refusal names its item, since another item is on screen by then.
  function send(item, url, body, onResult, onFailure) {
    root.dataset.pending = String(Number(root.dataset.pending || 0) + 1);
    saved.chain = saved.chain.then(() => api('POST', url, body)).then((result) => {
      saved.count += 1;
      root.dataset.saved = String(saved.count);
      if (onResult) onResult(result);
    }).catch((error) => {
      saved.failed += 1;
      root.dataset.failed = String(saved.failed);
      setStatus('Не сохранено (' + itemName(item) + '): ' + error.message, true);
      if (onFailure) onFailure(error);
    }).finally(() => { root.dataset.pending = String(Number(root.dataset.pending) - 1); });
  }
  function outcomeNote(result) {
    if (result && result.status === 'awaiting-second') setStatus('Ждёт второго оператора');
    if (result && result.status === 'disagreement') setStatus('Операторы разошлись: решит супервизор');
  }
  // The item's answers of one kind, and its action on a key.
  function answersOf(item, kind) { return (item.answers || []).filter((a) => a.kind === kind); }
  // An answer given by one number key: an action, or the one value of an ink-only area.
  function actionOnKey(item, key) {
    return (item.answers || []).find((a) => a.key === key && a.value !== null && a.value !== undefined && a.kind !== 'blank') || null;
  }
  function keyName(key) { return key === 'Delete' ? 'Del' : key; }
  function percent(confidence) {
    return confidence === null || confidence === undefined ? '' : ' · ' + Math.round(confidence * 100) + '%';
  }
  // Case and ё/е do not matter when a word value is typed («незачет» is «незачёт»).
  function folded(text) { return text.toLowerCase().replace(/ё/g, 'е'); }
  // The allowed values that `typed` starts; the one it completes, if exactly one.
  function valuesStartingWith(item, typed) { return item.values.filter((v) => folded(v).startsWith(folded(typed))); }
  function completed(item, typed) {
    if (!item.values.length) return typed;
    const exact = item.values.find((v) => folded(v) === folded(typed));
    if (exact !== undefined) return exact;
    const fits = valuesStartingWith(item, typed);
    return fits.length === 1 ? fits[0] : null;
  }
  // Word values (зачёт / незачёт) are typed in letters; numbers in digits.
  function takesLetters(item) {
    return item.kind === 'letters' || item.kind === 'text' || (item.kind === 'choice' && item.values.some((v) => !/^[0-9]+$/.test(v)));
  }
  function takesDigits(item) { return item.kind !== 'letters' && !(item.kind === 'choice' && takesLetters(item)); }

"""#

    private static let start = #"""
  // ---- start ---------------------------------------------------------------
  window.addEventListener('pagehide', () => {
    const held = root.dataset.mode === 'groups' ? group.tiles.filter((t) => !t.done).map((t) => t.item.id)
      : single.buffer.map((i) => i.id).concat(single.current ? [single.current.id] : []);
    if (held.length) {
      fetch('/api/queue/release', { method: 'POST', keepalive: true, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ ids: held }) });
    }
  });
  document.addEventListener('keydown', (event) => {
    // Ctrl+Z by the key's place, so it works on the Russian layout too (where it types «я»).
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.code === 'KeyZ' && root.dataset.mode !== 'groups') {
      event.preventDefault(); undoLast(); return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (root.dataset.mode === 'groups') groupKey(event); else singleKey(event);
  });
  if (root.dataset.mode === 'groups') loadGroups(); else { buildSingle(); fillSingle(); renderSingle(); }
})();
"""#
}
