/// What the queue page sets beside a crop: a name letter by letter, the computed total: part
/// of ``ReviewScript``.
enum ReviewScriptLetters {
    static let source = #"""
  // ---- a name, letter by letter ------------------------------------------------
  // Under a participant item's crop: what the machine read and each candidate's name as it
  // would be written in the boxes, one cell per box, so a letter that differs stands out.
  function renderLetters(item) {
    const box = document.getElementById('letters');
    if (!box) return;
    const people = item && item.kind === 'participant' ? item.candidates.filter((c) => c.nameInBoxes) : [];
    if (!people.length) { box.replaceChildren(); box.hidden = true; return; }
    const read = (item.machineValue || '').split(' ');
    const rows = [{ who: 'прочитано', parts: read }].concat(
      people.map((c, index) => ({ who: (index + 1) + '. ' + c.value, parts: c.nameInBoxes })));
    const widths = [0, 1, 2].map((part) => Math.max(1, ...rows.map((r) => Array.from(r.parts[part] || '').length)));
    const table = el('table', { class: 'letters' });
    rows.forEach((row, index) => {
      const line = el('tr', {}, el('th', { text: row.who }));
      [0, 1, 2].forEach((part) => {
        const letters = Array.from(row.parts[part] || ''), machine = Array.from(read[part] || '');
        for (let k = 0; k < widths[part]; k++) {
          const letter = letters[k] || '';
          line.append(el('td', { class: index > 0 && letter !== (machine[k] || '') ? 'diff' : '', text: letter }));
        }
        if (part < 2) line.append(el('td', { class: 'gap' }));
      });
      table.append(line);
    });
    box.replaceChildren(table);
    box.hidden = false;
  }

  // A total or verdict that disagrees with the marks: the computed total beside the expert's.
  function renderComputed(item) {
    const computed = item.computedTotal === null || item.computedTotal === undefined ? null : String(item.computedTotal);
    const expert = item.fieldID === 'expertTotal' && item.machineValue ? ' (у эксперта: ' + item.machineValue + ')' : '';
    document.getElementById('computed').textContent = computed === null ? '' : computed + expert;
    document.getElementById('computed').hidden = document.getElementById('computed-label').hidden = computed === null;
  }

"""#
}
