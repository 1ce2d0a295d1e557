/// The queue page's undo and counters, one item at a time: part of ``ReviewScript``.
enum ReviewScriptUndo {
    static let source = #"""
  // ---- undo and counters -----------------------------------------------------
  // Items decided in this tab, newest last: Ctrl+Z takes the newest back (the server checks it
  // is still this operator's decision in force) and shows the item again.
  const decided = [];
  function rememberDecided(item) { decided.push(item); if (decided.length > 50) decided.shift(); }
  function forgetDecided(id) { const at = decided.findIndex((i) => i.id === id); if (at >= 0) decided.splice(at, 1); }

  function undoLast() {
    const item = decided.pop();
    if (!item) { setStatus('Отменять нечего: в этой вкладке решений ещё не было.', true); return; }
    // After the decisions still on their way, so the undo never overtakes the decision itself.
    send(item, '/api/items/' + item.id + '/undo', { tab: tabID }, (view) => {
      if (single.current) single.buffer.unshift(single.current);
      single.current = view;
      single.typed = ''; single.choice = -1; single.blank = false;
      closeSearch(); closeNote();
      single.done = Math.max(0, single.done - 1);
      setStatus('Решение отменено: ответьте заново.');
      renderSingle();
    });
  }

  function showRemaining(count) {
    const span = document.getElementById('remaining');
    if (span && count !== undefined && count !== null) span.textContent = String(count);
  }

"""#
}
