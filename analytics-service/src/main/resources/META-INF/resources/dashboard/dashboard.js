// Operator dashboard of analytics-service: fetches /v1/aggregates/{family} with the operator's bearer token and
// draws the funnel, engagement and satisfaction over time as SVG. No third-party code: the page works offline and
// under a strict Content-Security-Policy. The token stays in this tab's sessionStorage, never in the URL.
'use strict';

const TOKEN_KEY = 'marquee.analytics.token';
const FAMILIES = ['engagement', 'satisfaction', 'conversion', 'model-usage'];
const STAGES = [['served', 'Served'], ['impressions', 'Impressions'], ['clicks', 'Clicks'], ['plays', 'Plays'],
    ['completes', 'Completes'], ['purchases', 'Purchases']];
const COLORS = ['#6b3fd4', '#e07a1f', '#1f8a70', '#c2185b', '#2f6fd0', '#7a7f87'];
const SVG_NS = 'http://www.w3.org/2000/svg';
const API = new URL('../v1/aggregates/', document.baseURI);

const $ = id => document.getElementById(id);
let loaded = null;
let loads = 0;

function isoDay(date) {
    return date.toISOString().slice(0, 10);
}

function init() {
    const params = new URLSearchParams(location.search);
    const granularity = params.get('granularity') === 'day' ? 'day' : 'hour';
    const today = new Date();
    const lookbackDays = granularity === 'day' ? 29 : 1;
    $('granularity').value = granularity;
    $('from').value = params.get('from') || isoDay(new Date(today.getTime() - lookbackDays * 86400000));
    $('to').value = params.get('to') || isoDay(today);
    if (params.get('brand')) {
        addBrandOption(params.get('brand'));
        $('brand').value = params.get('brand');
    }
    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('query').addEventListener('submit', event => {
        event.preventDefault();
        load();
    });
    $('brand').addEventListener('change', () => {
        if (loaded) {
            render(loaded);
        }
        remember();
    });
    if ($('token').value) {
        load();
    }
}

function addBrandOption(brand) {
    if ([...$('brand').options].some(o => o.value === brand)) {
        return;
    }
    const option = document.createElement('option');
    option.value = option.textContent = brand;
    $('brand').append(option);
}

/** Keeps the query (never the token) in the address bar, so a view can be bookmarked and shared. */
function remember() {
    const params = new URLSearchParams({granularity: $('granularity').value, from: $('from').value,
        to: $('to').value});
    if ($('brand').value) {
        params.set('brand', $('brand').value);
    }
    history.replaceState(null, '', '?' + params);
}

function status(text, error) {
    $('status').textContent = text;
    $('status').classList.toggle('error', Boolean(error));
}

async function load() {
    const token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    remember();
    const query = new URLSearchParams({
        granularity: $('granularity').value,
        from: $('from').value + 'T00:00:00Z',
        to: $('to').value + 'T23:59:59Z'
    });
    status('Loading…');
    // Only the latest load draws: an earlier one that answers late is dropped.
    const ticket = ++loads;
    try {
        const answers = await Promise.all(FAMILIES.map(family => fetchFamily(family, query, token)));
        if (ticket !== loads) {
            return;
        }
        loaded = Object.fromEntries(FAMILIES.map((family, i) => [family, answers[i]]));
        const brands = new Set();
        ['engagement', 'satisfaction', 'conversion'].forEach(f => loaded[f].aggregates.forEach(a => brands.add(a.brand)));
        [...brands].sort().forEach(addBrandOption);
        $('panels').hidden = false;
        render(loaded);
        const scope = answers[0].kAnonymousOnly
            ? `aggregates over at least ${answers[0].minUsers} users only (analyst view)`
            : 'every aggregate (admin view)';
        status(`Loaded ${query.get('from')} to ${query.get('to')}, ${scope}.`);
    } catch (e) {
        if (ticket === loads) {
            loaded = null;
            $('panels').hidden = true;
            status(e.message, true);
        }
    }
}

async function fetchFamily(family, query, token) {
    const response = await fetch(new URL(family + '?' + query, API), {
        headers: {Authorization: 'Bearer ' + token, Accept: 'application/json'}
    });
    if (response.ok) {
        return response.json();
    }
    if (response.status === 401) {
        throw new Error('The token is missing, expired or not accepted (401). Get a new one and load again.');
    }
    if (response.status === 403) {
        throw new Error('This token may not read analytics: it needs the role admin or analyst (403).');
    }
    let detail = response.statusText;
    if ((response.headers.get('Content-Type') || '').includes('problem+json')) {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
    }
    throw new Error(`Loading ${family} failed (${response.status}): ${detail}`);
}

function render(data) {
    const brand = $('brand').value;
    const mine = records => records.filter(r => !brand || r.brand === brand);
    renderFunnel(mine(data.conversion.aggregates));
    renderEngagement(mine(data.engagement.aggregates));
    renderSatisfaction(mine(data.satisfaction.aggregates));
    renderModels(data['model-usage'].aggregates);
}

/** Sums the given fields of records that share a key. */
function sumBy(records, keyOf, fields) {
    const sums = new Map();
    for (const r of records) {
        const key = keyOf(r);
        const sum = sums.get(key) || Object.fromEntries(fields.map(f => [f, 0]));
        fields.forEach(f => sum[f] += r[f]);
        sums.set(key, sum);
    }
    return sums;
}

function ratio(part, whole) {
    return whole > 0 ? part / whole : null;
}

function percent(value) {
    return value === null ? '–' : (value * 100).toFixed(1) + ' %';
}

function renderFunnel(records) {
    const fields = STAGES.map(s => s[0]);
    const total = sumBy(records, () => 'all', fields).get('all') || Object.fromEntries(fields.map(f => [f, 0]));
    const svg = clear($('funnel-chart'));
    const width = svg.clientWidth || 900;
    const rowHeight = 36;
    const labelWidth = 110;
    svg.setAttribute('viewBox', `0 0 ${width} ${STAGES.length * rowHeight + 8}`);
    svg.style.height = (STAGES.length * rowHeight + 8) + 'px';
    const max = Math.max(1, ...fields.map(f => total[f]));
    STAGES.forEach(([field, label], i) => {
        const y = 4 + i * rowHeight;
        const barWidth = (width - labelWidth - 160) * total[field] / max;
        add(svg, 'text', {x: 0, y: y + 21, class: 'bar-label'}, label);
        add(svg, 'rect', {x: labelWidth, y: y + 4, width: Math.max(barWidth, 1), height: rowHeight - 10, rx: 3,
            fill: COLORS[0], 'fill-opacity': 1 - i * 0.12, 'data-stage': field, 'data-value': total[field]});
        const share = field === 'served' ? '' : ` (${percent(ratio(total[field], total.served))} of served)`;
        add(svg, 'text', {x: labelWidth + barWidth + 8, y: y + 21, class: 'bar-label'}, total[field] + share);
    });

    const variants = [...sumBy(records, r => r.variant + '\u0000' + r.strategy, fields)]
        .map(([key, sum]) => ({variant: key.split('\u0000')[0], strategy: key.split('\u0000')[1], ...sum,
            clickRate: ratio(sum.clicks, sum.served), playRate: ratio(sum.plays, sum.served)}))
        .sort((a, b) => a.variant.localeCompare(b.variant) || a.strategy.localeCompare(b.strategy));
    const baseline = variants.find(v => v.variant === 'control') || variants[0];
    const tbody = clear($('variants').tBodies[0]);
    for (const v of variants) {
        const row = tbody.insertRow();
        row.dataset.variant = v.variant;
        [v.variant, v.strategy, v.served, v.clicks, v.plays, v.completes, v.purchases, percent(v.clickRate),
            percent(v.playRate)].forEach(value => row.insertCell().textContent = value);
        for (const rate of ['clickRate', 'playRate']) {
            const cell = row.insertCell();
            const uplift = v === baseline ? null : upliftOf(v[rate], baseline[rate]);
            cell.textContent = v === baseline ? 'baseline' : uplift === null ? '–'
                : (uplift >= 0 ? '+' : '') + (uplift * 100).toFixed(1) + ' %';
            if (uplift !== null) {
                cell.className = uplift >= 0 ? 'up' : 'down';
            }
        }
    }
    $('uplift-note').textContent = baseline
        ? `Uplift is the relative change of a rate against the baseline variant "${baseline.variant}".`
        : 'No recommendation lists were served in this range.';
}

function upliftOf(rate, base) {
    return rate === null || base === null || base === 0 ? null : (rate - base) / base;
}

function renderEngagement(records) {
    const sums = sumBy(records, r => r.windowStart, ['activeUsers', 'conversations', 'turns', 'returningUsers']);
    lineChart('engagement', sums, [
        ['Active users', s => s.activeUsers],
        ['Returning users', s => s.returningUsers],
        ['Conversations', s => s.conversations],
        ['Turns', s => s.turns]
    ], false);
}

function renderSatisfaction(records) {
    const sums = sumBy(records, r => r.windowStart,
        ['turns', 'thumbsUp', 'thumbsDown', 'handoffs', 'guardrailTurns', 'fallbacks']);
    lineChart('satisfaction', sums, [
        ['Thumbs-up ratio', s => ratio(s.thumbsUp, s.thumbsUp + s.thumbsDown)],
        ['Handoff rate', s => ratio(s.handoffs, s.turns)],
        ['Guardrail rate', s => ratio(s.guardrailTurns, s.turns)],
        ['Fallback rate', s => ratio(s.fallbacks, s.turns)]
    ], true);
}

/**
 * A line per series over the windows (x: window start). A window without a value (a ratio of nothing) leaves a
 * gap. Each series keeps its values in data-values for tests and tools.
 */
function lineChart(id, sums, series, rates) {
    const svg = clear($(id + '-chart'));
    const legend = clear($(id + '-legend'));
    const starts = [...sums.keys()].sort();
    const width = svg.clientWidth || 900;
    const height = 260;
    const left = 48, right = 16, top = 12, bottom = 28;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.dataset.windows = starts.length;
    if (starts.length === 0) {
        add(svg, 'text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'No data in this range');
        return;
    }
    const values = series.map(([, value]) => starts.map(start => value(sums.get(start))));
    // Counts get whole-number ticks: the top is the next multiple of four.
    const max = rates ? 1 : Math.max(4, Math.ceil(Math.max(...values.flat().filter(v => v !== null)) / 4) * 4);
    const x = i => left + (starts.length === 1 ? (width - left - right) / 2
        : i * (width - left - right) / (starts.length - 1));
    const y = v => top + (height - top - bottom) * (1 - v / max);
    for (let t = 0; t <= 4; t++) {
        const v = max * t / 4;
        add(svg, 'line', {x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'axis'});
        add(svg, 'text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end'},
            rates ? Math.round(v * 100) + '%' : v);
    }
    const ticks = starts.length <= 3 ? starts.map((_, i) => i)
        : [0, Math.floor((starts.length - 1) / 2), starts.length - 1];
    for (const i of ticks) {
        const anchor = starts.length === 1 ? 'middle' : i === 0 ? 'start' : i === starts.length - 1 ? 'end' : 'middle';
        add(svg, 'text', {x: x(i), y: height - 8, 'text-anchor': anchor}, windowLabel(starts[i]));
    }
    series.forEach(([name], s) => {
        const color = COLORS[s % COLORS.length];
        const group = add(svg, 'g', {'data-series': name, 'data-values': JSON.stringify(values[s])});
        let path = '';
        values[s].forEach((v, i) => {
            if (v === null) {
                return;
            }
            path += (path && values[s][i - 1] !== null ? ' L' : ' M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
            const dot = add(group, 'circle', {cx: x(i), cy: y(v), r: 3, fill: color});
            add(dot, 'title', {}, `${name}, ${windowLabel(starts[i])}: ${rates ? percent(v) : v}`);
        });
        add(group, 'path', {d: path.trim(), fill: 'none', stroke: color, 'stroke-width': 2});
        const key = document.createElement('span');
        key.style.setProperty('--swatch', color);
        key.textContent = name;
        legend.append(key);
    });
}

function windowLabel(start) {
    const day = start.slice(5, 10);
    return $('granularity').value === 'day' ? day : day + ' ' + start.slice(11, 16);
}

function renderModels(records) {
    const tbody = clear($('model-usage').tBodies[0]);
    const rows = new Map();
    for (const r of records) {
        const key = r.model + '\u0000' + r.persona;
        const row = rows.get(key) || {model: r.model, persona: r.persona, turns: 0, p99: 0, tokensIn: 0,
            tokensOut: 0, cost: 0, currency: r.currency};
        row.turns += r.turns;
        row.p99 = Math.max(row.p99, r.latencyP99Ms);
        row.tokensIn += r.tokensIn;
        row.tokensOut += r.tokensOut;
        row.cost += r.estimatedCost;
        rows.set(key, row);
    }
    for (const row of [...rows.values()].sort((a, b) => b.turns - a.turns)) {
        const tr = tbody.insertRow();
        [row.model, row.persona, row.turns, Math.round(row.p99) + ' ms', row.tokensIn, row.tokensOut,
            row.cost.toFixed(4) + ' ' + row.currency].forEach(value => tr.insertCell().textContent = value);
    }
}

function clear(element) {
    element.replaceChildren();
    return element;
}

function add(parent, name, attributes, text) {
    const element = document.createElementNS(SVG_NS, name);
    Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, v));
    if (text !== undefined) {
        element.textContent = text;
    }
    parent.append(element);
    return element;
}

init();
