// data/html/mmsim.js — the sections of the page mmsim boot --html writes
// (tools/html.c).  Reads the machine from the MMSIM object written above it
// and draws with Chart.js (inlined from Debian's libjs-chart.js).  When
// everything is drawn, document.body.dataset.ready is "1" (the headless
// test waits for it); an error sets the title to "mmsim error: ...".
(function () {
  'use strict';
  window.addEventListener('error', function (e) { document.title = 'mmsim error: ' + e.message; });

  const D = MMSIM;
  const MiB = 1048576;
  const PAGE = D.page_size;
  // who reserved: the function that asked, not memblock's own reserve inside the allocator
  D.owners = D.owners.map(list => {
    const named = list.filter(o => o[0] !== 'memblock_alloc_range_nid');
    return named.length ? named : list;
  });
  const MT_COLORS = ['#d1495b', '#2e86ab', '#edae49', '#8e6c8a', '#6c757d', '#3bb273', '#222'];
  const PALETTE = ['#2e86ab', '#d1495b', '#3bb273', '#edae49', '#8e6c8a', '#f18f01', '#5c6bc0', '#00838f'];

  Chart.defaults.font.size = 12;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  // ---- small DOM helpers ----
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    (children || []).forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return e;
  }
  const hex = n => '0x' + Number(n).toString(16);
  const mib = n => (n / MiB).toFixed(n < 10 * MiB ? 2 : 1) + ' MiB';
  const kib = pages => (pages * PAGE / 1024).toLocaleString('en') + ' kB';
  function table(head, rows, id) {
    const t = el('table', id ? { id: id } : {});
    t.appendChild(el('tr', {}, head.map((h, i) => el('th', { text: h, class: i ? '' : 'l' }))));
    rows.forEach(r => t.appendChild(el('tr', {}, r.map((c, i) => {
      const td = el('td', { class: i ? '' : 'l' });
      if (c && typeof c === 'object') { td.textContent = c.text; if (c.id) td.id = c.id; if (c.cls) td.className = c.cls; }
      else td.textContent = c;
      return td;
    }))));
    return t;
  }
  function section(title, intro, id) {
    const s = el('section', id ? { id: id } : {}, [el('h2', { text: title })]);
    if (intro) s.appendChild(el('p', { class: 'intro', text: intro }));
    main.appendChild(s);
    return s;
  }
  function chart(parent, height, config) {
    const box = el('div', { class: 'chart', style: 'height:' + height + 'px' });
    const canvas = el('canvas');
    box.appendChild(canvas);
    parent.appendChild(box);
    return new Chart(canvas, config);
  }
  function rawProc(parent, name) {
    parent.appendChild(el('details', {}, [el('summary', { text: '/proc/' + name + ' of the same machine' }),
      el('pre', { text: D.proc[name] })]));
  }

  // ---- header ----
  const zonesManaged = D.zones.reduce((a, z) => a + z.managed, 0);
  const zonesFree = D.zones.reduce((a, z) => a + z.nr_free_pages, 0);
  const reservedTotal = D.reserved.reduce((a, r) => a + r[1], 0);
  document.body.appendChild(el('header', {}, [
    el('h1', { text: 'mmsim — ' + D.arch + ' ' + D.model + ', ' + mib(D.ram) + ', ' + D.cpus + ' CPUs' }),
    el('p', {}, ['Linux 6.1\'s memory manager after boot.  Command line: ', el('code', { text: D.cmdline })])]));
  const main = el('main');
  document.body.appendChild(main);
  const summary = section('Summary');
  const cards = el('div', { class: 'cards' });
  [['MemTotal (managed pages)', kib(zonesManaged), 'sum-managed-kb'],
   ['free pages (buddy)', kib(zonesFree), 'sum-free-kb'],
   ['memblock.memory', mib(D.memory.reduce((a, r) => a + r[1], 0)), ''],
   ['memblock.reserved', mib(reservedTotal), ''],
   ['nodes / zones', D.nodes.length + ' / ' + D.zones.length, ''],
   ['pageblock', D.pageblock_pages + ' pages', ''],
   ['orders', '0..' + (D.max_order - 1), '']].forEach(([label, v, id]) => {
    const b = el('b', { text: v }); if (id) b.id = id;
    cards.appendChild(el('div', { class: 'card' }, [b, el('span', { text: label })]));
  });
  summary.appendChild(cards);

  // ---- 1. the physical memory map ----
  // up to the end of RAM (firmware ranges far above it, like a 64-bit PCI window, are cut off)
  const MAP_END = Math.max(...D.memory.map(r => r[0] + r[1]), ...D.zones.map(z => (z.start_pfn + z.spanned) * PAGE));
  function rangeBars(rows) {
    // rows: [{row, start, end, label, color}] -> one floating bar each
    return {
      type: 'bar',
      data: { datasets: [{ data: rows.map(r => ({ x: [r.start / MiB, r.end / MiB], y: r.row, label: r.label, s: r.start, e: r.end })),
        backgroundColor: rows.map(r => r.color), borderColor: '#fff', borderWidth: 1, borderSkipped: false,
        grouped: false, barPercentage: 0.9, categoryPercentage: 0.9 }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: {
        label: c => c.raw.label + '  [' + hex(c.raw.s) + '-' + hex(c.raw.e - 1) + ']  ' + mib(c.raw.e - c.raw.s) } } },
        scales: { x: { type: 'linear', min: 0, max: MAP_END / MiB, title: { display: true, text: 'physical address (MiB)' } },
                  y: { type: 'category', labels: [...new Set(rows.map(r => r.row))] } } }
    };
  }
  const mapRows = [];
  D.proc.iomem.split('\n').forEach(line => {
    const m = /^([0-9a-f]+)-([0-9a-f]+) : (.*)$/.exec(line);
    if (!m) return;
    const name = m[3];
    mapRows.push({ row: 'firmware (iomem)', start: parseInt(m[1], 16), end: parseInt(m[2], 16) + 1, label: name,
      color: name === 'System RAM' ? '#3bb273' : /Reserved/.test(name) ? '#9aa3ad' : '#2e86ab' });
  });
  D.memory.forEach((r, i) => mapRows.push({ row: 'memblock.memory', start: r[0], end: r[0] + r[1], label: 'memory[' + i + '] node ' + r[2], color: '#2e86ab' }));
  for (let i = 1; i < D.memory.length; i++) {
    const s = D.memory[i - 1][0] + D.memory[i - 1][1];
    if (D.memory[i][0] > s) mapRows.push({ row: 'holes', start: s, end: D.memory[i][0], label: 'hole', color: '#f18f01' });
  }
  if (D.memory.length && D.memory[0][0] > 0) mapRows.push({ row: 'holes', start: 0, end: D.memory[0][0], label: 'hole', color: '#f18f01' });
  D.reserved.forEach((r, i) => mapRows.push({ row: 'memblock.reserved', start: r[0], end: r[0] + r[1],
    label: 'reserved[' + i + ']: ' + (D.owners[i].map(o => o[0]).join(', ') || '?'), color: '#d1495b' }));
  D.nodes.forEach(n => mapRows.push({ row: 'nodes', start: n[1] * PAGE, end: (n[1] + n[2]) * PAGE, label: 'node ' + n[0], color: PALETTE[n[0] % 8] }));
  D.zones.forEach((z, i) => mapRows.push({ row: 'zones', start: z.start_pfn * PAGE, end: (z.start_pfn + z.spanned) * PAGE,
    label: 'node ' + z.node + ' ' + z.name, color: PALETTE[(i + 3) % 8] }));
  const mapSec = section('Physical memory map',
    'Firmware ranges, memblock memory and reserved regions (hover: who reserved them), holes, nodes and zones.  Small regions are drawn at least one pixel wide.', 'map');
  chart(mapSec, 300, rangeBars(mapRows));
  const resRows = D.reserved.map((r, i) => [String(i), hex(r[0]) + '-' + hex(r[0] + r[1] - 1), r[1].toLocaleString('en'),
    { text: D.owners[i].map(o => o[0] + ' (' + mib(o[2]) + ')').join(', ') || '(before tracing / firmware)', cls: 'owners' }]);
  const resBox = el('div', { class: 'scroll' });
  resBox.appendChild(table(['reserved', 'range', 'bytes', 'reserved by'], resRows, 'reserved-table'));
  mapSec.appendChild(resBox);

  // ---- 2. zones ----
  const zoneSec = section('Nodes and zones', 'Page counts per zone: spanned = end - start, present = spanned - holes, managed = present - reserved.');
  zoneSec.appendChild(table(['zone', 'start pfn', 'spanned', 'present', 'managed', 'free', 'min', 'low', 'high'],
    D.zones.map(z => ['node ' + z.node + ' ' + z.name, hex(z.start_pfn), z.spanned, z.present, z.managed,
      { text: String(z.nr_free_pages), id: 'free-' + z.node + '-' + z.name }, z.wmark[0], z.wmark[1], z.wmark[2]]), 'zone-table'));

  // ---- 3. pageblock migratetypes ----
  const pbSec = section('Pageblocks by migratetype',
    'One square per pageblock (' + D.pageblock_pages + ' pages), in pfn order, 64 to a row; grey squares are outside the zone or holes.', 'pageblocks');
  const pbGrid = el('div', { class: 'grid' });
  pbSec.appendChild(pbGrid);
  D.zones.forEach(z => {
    if (!z.present) return;
    const cols = 64, rows = Math.ceil(z.pageblocks.length / cols);
    const sets = D.migratetypes.map((name, mt) => ({ label: name, data: [], backgroundColor: MT_COLORS[mt], pointStyle: 'rect', pointRadius: 4, pointHoverRadius: 5 }));
    sets.push({ label: 'hole', data: [], backgroundColor: '#d7dbe0', pointStyle: 'rect', pointRadius: 4 });
    [...z.pageblocks].forEach((c, i) => {
      const p = { x: i % cols, y: Math.floor(i / cols), pfn: z.start_pfn + i * D.pageblock_pages };
      (c === '.' ? sets[sets.length - 1] : sets[+c]).data.push(p);
    });
    const box = el('div', {}, [el('b', { text: 'node ' + z.node + ' ' + z.name + ': ' + z.pageblocks.length + ' pageblocks' })]);
    pbGrid.appendChild(box);
    chart(box, Math.min(60 + rows * 11, 520), { type: 'scatter', data: { datasets: sets.filter(s => s.data.length) },
      options: { plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ' pfn ' + hex(c.raw.pfn) } } },
        scales: { x: { display: false, min: -1, max: cols }, y: { reverse: true, display: false, min: -1, max: rows } } } });
  });

  // ---- 4. free lists ----
  const freeSec = section('Free pages by order and migratetype',
    'The buddy allocator\'s free_area[order].free_list[migratetype], counted by walking the lists; the table is nr_free per order (= /proc/buddyinfo).', 'free');
  const freeGrid = el('div', { class: 'grid' });
  freeSec.appendChild(freeGrid);
  const orders = [...Array(D.max_order).keys()];
  D.zones.forEach(z => {
    if (!z.present) return;
    const box = el('div', {}, [el('b', { text: 'node ' + z.node + ' ' + z.name + ' (pages in free blocks)' })]);
    freeGrid.appendChild(box);
    chart(box, 260, { type: 'bar', data: { labels: orders.map(o => 'order ' + o),
      datasets: D.migratetypes.map((name, mt) => ({ label: name, data: orders.map(o => z.free[mt][o] << o), backgroundColor: MT_COLORS[mt] }))
        .filter(d => d.data.some(v => v)) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'pages' } } } } });
  });
  freeSec.appendChild(table(['zone'].concat(orders.map(String)), D.zones.filter(z => z.present).map(z =>
    ['Node ' + z.node + ', zone ' + z.name].concat(orders.map(o => ({ text: String(z.nr_free[o]), id: 'nr_free-' + z.node + '-' + z.name + '-' + o })))), 'buddy-table'));
  rawProc(freeSec, 'buddyinfo');

  // ---- 5. per-CPU page lists ----
  const pcpSec = section('Per-CPU page lists', 'per_cpu_pages of each zone and CPU: pages on the lists, high and batch.', 'pcp');
  const pcpZones = D.zones.filter(z => z.pcp.length && z.managed);
  chart(pcpSec, 220, { type: 'bar', data: { labels: (pcpZones[0] ? pcpZones[0].pcp : []).map(p => 'CPU ' + p[0]),
    datasets: pcpZones.map((z, i) => ({ label: z.name + ' count', data: z.pcp.map(p => p[1]), backgroundColor: PALETTE[i % 8] })) },
    options: { scales: { y: { title: { display: true, text: 'pages on the lists' } } } } });
  pcpSec.appendChild(table(['zone', 'cpu', 'count', 'high', 'batch'],
    [].concat(...pcpZones.map(z => z.pcp.map(p => ['node ' + z.node + ' ' + z.name, p[0], p[1], p[2], p[3]])))));

  // ---- 6. slab caches ----
  const slabs = D.proc.slabinfo.split('\n').slice(2).map(l => l.trim().split(/\s+/)).filter(f => f.length > 14).map(f => ({
    name: f[0], active: +f[1], num: +f[2], objsize: +f[3], perslab: +f[4], pages: +f[5], slabs: +f[f.length - 2] }));
  slabs.forEach(s => { s.bytes = s.slabs * s.pages * PAGE; });
  slabs.sort((a, b) => b.bytes - a.bytes);
  const slabSec = section('Slab caches', slabs.length + ' caches (/proc/slabinfo); memory = slabs x pages per slab.', 'slab');
  const top = slabs.slice(0, 16);
  chart(slabSec, 320, { type: 'bar', data: { labels: top.map(s => s.name), datasets: [
    { label: 'objects in use (KiB)', data: top.map(s => s.active * s.objsize / 1024), backgroundColor: '#2e86ab' },
    { label: 'slab memory (KiB)', data: top.map(s => s.bytes / 1024), backgroundColor: '#d7dbe0' }] },
    options: { indexAxis: 'y', scales: { x: { title: { display: true, text: 'KiB' } } } } });
  const slabBox = el('div', { class: 'scroll' });
  slabBox.appendChild(table(['cache', 'active objs', 'objs', 'objsize', 'objs/slab', 'pages/slab', 'slabs', 'KiB'],
    slabs.map(s => [s.name, s.active, s.num, s.objsize, s.perslab, s.pages, s.slabs, (s.bytes / 1024).toFixed(0)])));
  slabSec.appendChild(slabBox);

  // ---- 7. vmalloc ----
  const vm = D.proc.vmallocinfo.split('\n').map(l => /^0x([0-9a-f]+)-0x([0-9a-f]+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(l)).filter(Boolean)
    .map(m => ({ start: m[1], end: m[2], size: +m[3], caller: m[4].replace(/\+0x.*/, ''), rest: m[5] }));
  const vmSec = section('vmalloc areas', vm.length + ' areas (/proc/vmallocinfo), bytes including the guard page.', 'vmalloc');
  const byCaller = {};
  vm.forEach(v => { byCaller[v.caller] = (byCaller[v.caller] || 0) + v.size; });
  const callers = Object.keys(byCaller).sort((a, b) => byCaller[b] - byCaller[a]);
  chart(vmSec, Math.max(140, 26 * callers.length + 40), { type: 'bar', data: { labels: callers,
    datasets: [{ label: 'KiB', data: callers.map(c => byCaller[c] / 1024), backgroundColor: '#8e6c8a' }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'KiB by caller' } } } } });
  const vmBox = el('div', { class: 'scroll' });
  vmBox.appendChild(table(['range', 'bytes', 'caller', ''], vm.map(v => ['0x' + v.start + '-0x' + v.end, v.size, v.caller, v.rest])));
  vmSec.appendChild(vmBox);

  // ---- 8. per-CPU chunks ----
  const pc = D.percpu;
  const pcSec = section('Per-CPU chunks', pc.nr_units + ' units of ' + (pc.unit_size / 1024) + ' KiB, atom ' + (pc.atom_size / 1024) +
    ' KiB, ' + pc.nr_groups + ' group(s), ' + pc.populated + ' populated pages.');
  pcSec.appendChild(table(['chunk', 'pages per unit', 'populated', 'free bytes', 'base (host)'],
    pc.chunks.map(c => [c.kind, c.nr_pages, c.populated, c.free_bytes, c.base])));

  // ---- 8b. user processes (mmsim run --html) ----
  (D.processes || []).forEach(p => {
    const vmas = [];
    p.smaps.split('\n').forEach(l => {
      const h = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(l);
      if (h) { vmas.push({ range: h[1] + '-' + h[2], kib: (parseInt(h[2], 16) - parseInt(h[1], 16)) / 1024, perms: h[3], name: h[4], rss: 0 }); return; }
      const r = /^Rss:\s+(\d+) kB/.exec(l);
      if (r && vmas.length) vmas[vmas.length - 1].rss = +r[1];
    });
    const ps = section('Process ' + p.pid + ' (' + p.comm + ')', vmas.length + ' VMAs (/proc/' + p.pid + '/smaps), RSS ' + p.rss + ' KiB: size and resident KiB of each.', 'proc-' + p.pid);
    const box = el('div', { class: 'scroll' });
    box.appendChild(table(['range', 'perms', 'KiB', 'resident KiB', ''], vmas.map(v => [v.range, v.perms, v.kib, v.rss, v.name])));
    ps.appendChild(box);
    ps.appendChild(el('details', {}, [el('summary', { text: '/proc/' + p.pid + '/smaps' }), el('pre', { text: p.smaps })]));
  });

  // ---- 9. the boot, step by step ----
  const snaps = D.snapshots;
  const bootSec = section('The boot, step by step',
    'A snapshot after each step of start_kernel returns.  Move the slider to walk through the boot.', 'boot');
  if (snaps.length) {
    const slider = el('input', { type: 'range', min: 0, max: snaps.length - 1, value: snaps.length - 1, id: 'step-slider' });
    const out = el('output');
    bootSec.appendChild(el('div', { class: 'slider' }, [slider, out]));
    const free = s => s.zones.reduce((a, z) => a + z.nr_free_pages, 0);
    const trend = chart(bootSec, 240, { type: 'line', data: { labels: snaps.map(s => s.step), datasets: [
      { label: 'memblock.reserved (MiB)', data: snaps.map(s => s.reserved_total / MiB), borderColor: '#d1495b', backgroundColor: '#d1495b' },
      { label: 'managed by the buddy allocator (MiB)', data: snaps.map(s => s.totalram * PAGE / MiB), borderColor: '#2e86ab', backgroundColor: '#2e86ab' },
      { label: 'free in the buddy allocator (MiB)', data: snaps.map(s => free(s) * PAGE / MiB), borderColor: '#3bb273', backgroundColor: '#3bb273' }] },
      options: { scales: { x: { ticks: { autoSkip: false, maxRotation: 60, minRotation: 40 } } } } });
    const stepMap = chart(bootSec, 120, rangeBars([]));
    const stepInfo = el('div');
    bootSec.appendChild(stepInfo);
    const show = i => {
      const s = snaps[i];
      out.textContent = (i + 1) + '/' + snaps.length + ': after ' + s.step;
      trend.data.datasets.forEach(d => { d.pointRadius = snaps.map((_, j) => j === i ? 7 : 2); });
      trend.update();
      const rows = s.reserved.map((r, k) => ({ row: 'reserved', start: r[0], end: r[0] + r[1], label: 'reserved[' + k + ']', color: '#d1495b' }));
      stepMap.data = rangeBars(rows).data;
      stepMap.options.scales.y.labels = ['reserved'];
      stepMap.update();
      stepInfo.replaceChildren(table(['after ' + s.step, 'value'], [
        ['memblock.reserved', s.reserved.length + ' regions, ' + mib(s.reserved_total)],
        ['pages managed by the buddy allocator', String(s.totalram)],
        ['free pages', String(free(s))],
        ['slab caches', String(s.slab_caches)], ['vmalloc areas', String(s.vmap_areas)],
        ['per-CPU populated pages', String(s.pcpu_populated)]].concat(
        s.zones.map(z => ['node ' + z.node + ' ' + z.name + ' managed / free', z.managed + ' / ' + z.nr_free_pages])), 'step-table'));
    };
    slider.addEventListener('input', () => show(+slider.value));
    show(snaps.length - 1);
  }

  rawProc(summary, 'meminfo');
  document.title = 'mmsim: ' + D.model + ' ' + mib(D.ram);
  // the sections are made here, after the browser looked for #anchor: go there now
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView();
  document.body.dataset.ready = '1';
})();
